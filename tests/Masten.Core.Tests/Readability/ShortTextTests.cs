using System.Text.RegularExpressions;
using Masten.Core.Readability;

namespace Masten.Core.Tests.Readability;

public class ShortTextTests
{
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 8 == 7 ? "kommunerna." : "vi"));

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(29)]
    public void ATextUnderThirtyWordsShowsNoScoreButKeepsItsFindings(int words)
    {
        var text = Words(words - 1) + " erforderlig.";
        var result = TextChecker.Check(text, TextLanguage.Swedish);

        Assert.Equal(words, result.Statistics.Words);
        Assert.True(result.TooShortForScore);
        Assert.Null(result.Headline);
        Assert.NotNull(result.Lix);
        Assert.Contains(result.Findings, f => f.RuleId == ReadabilityRules.Officialese);
    }

    [Fact]
    public void ATextOfThirtyWordsHasItsLixAsHeadline()
    {
        var result = TextChecker.Check(Words(30), TextLanguage.Swedish);

        Assert.False(result.TooShortForScore);
        Assert.Equal(result.Lix, result.Headline);
    }

    [Fact]
    public void AnEnglishTextOfThirtyWordsHasFleschAsHeadlineAndAnEmptyTextNeitherScoreNorTooShort()
    {
        var english = TextChecker.Check(string.Join(' ', Enumerable.Repeat("We fix old chairs.", 8)), TextLanguage.English);
        Assert.Equal(english.FleschReadingEase, english.Headline);

        var empty = TextChecker.Check("   ", TextLanguage.Swedish);
        Assert.False(empty.TooShortForScore);
        Assert.Null(empty.Headline);
    }

    [Fact]
    public void TheSwedishScaleReadsLikeTheBandsOfTheScores()
    {
        Assert.Equal("Under 30 är mycket lättläst, under 40 lättläst, under 50 medelsvår, till och med 60 svår (normalt för myndighetstexter) och över 60 mycket svår (byråkratsvenska).",
            ReadabilityText.LixScale(TextLanguage.Swedish, TextLanguage.Swedish));
        Assert.Equal("Under 25 is very easy, under 35 easy, under 45 medium, under 55 difficult (normal for official texts) and 55 and over very difficult (bureaucratic).",
            ReadabilityText.LixScale(TextLanguage.Danish, TextLanguage.English));
    }

    [Theory]
    [InlineData(29.9, TextLanguage.Swedish, "under 30")]
    [InlineData(40, TextLanguage.Swedish, "under 50")]
    [InlineData(60, TextLanguage.Swedish, "till och med 60")]
    [InlineData(60.1, TextLanguage.Swedish, "över 60")]
    [InlineData(24.9, TextLanguage.Danish, "under 25")]
    [InlineData(55, TextLanguage.Danish, "55 och över")]
    public void EveryValueIsInTheBandTheScaleNamesForIt(double lix, TextLanguage scale, string range)
    {
        var label = ReadabilityText.BandLabel(ScoreKind.Lix, ReadabilityFormulas.LixBand(lix, scale), TextLanguage.Swedish);
        var sentence = ReadabilityText.LixScale(scale, TextLanguage.Swedish);
        Assert.Matches($"(?i){Regex.Escape(range)}( är)? {Regex.Escape(label)}", sentence);
    }
}
