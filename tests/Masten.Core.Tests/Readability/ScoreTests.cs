using Masten.Core.Readability;

namespace Masten.Core.Tests.Readability;

public class ScoreTests
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    [Fact]
    public void LixOfSparvDoctestIs21Point29()
    {
        var result = TextChecker.Check(Repeat("A bc def ghij klmno pqrstu vxyzåäö. ", 4), TextLanguage.Swedish);

        Assert.Equal((28, 4, 4), (result.Statistics.Words, result.Statistics.Periods, result.Statistics.LongWords));
        Assert.Equal(21.29, result.Lix!.Value, 2);
        Assert.Equal(Band.VeryEasy, result.Lix.Band);
    }

    [Fact]
    public void ColonFollowedBySpaceEndsAPeriodForLix()
    {
        const string text = "Dette er en lang tekst. Den har noen, men ikke så mange, kjempevanskelige ord. Her er et eksempel på et slikt ord: onomatopoetikon.";

        var result = TextChecker.Check(text, TextLanguage.Danish);

        Assert.Equal((23, 4, 3), (result.Statistics.Words, result.Statistics.Periods, result.Statistics.LongWords));
        Assert.Equal(3, result.Statistics.Sentences);
        Assert.Equal(18.79, result.Lix!.Value, 2);
    }

    [Fact]
    public void ColonDoesNotEndAPeriodWhenTheOptionIsOff()
    {
        const string text = "Dette er en lang tekst. Den har noen, men ikke så mange, kjempevanskelige ord. Her er et eksempel på et slikt ord: onomatopoetikon.";

        var result = TextChecker.Check(text, TextLanguage.Danish, new TextCheckOptions { ColonEndsPeriod = false });

        Assert.Equal(3, result.Statistics.Periods);
        Assert.Equal(20.71, result.Lix!.Value, 2);
    }

    [Fact]
    public void LixOnWikipediaCountsIs46Point44()
    {
        Assert.Equal(46.44, ReadabilityFormulas.Lix(words: 437, sentences: 21, longWords: 112)!.Value, 2);
    }

    [Fact]
    public void RixIsLongWordsPerPeriod()
    {
        Assert.Equal(112 / 21.0, ReadabilityFormulas.Rix(longWords: 112, sentences: 21)!.Value, 10);
        var result = TextChecker.Check(Repeat("A bc def ghij klmno pqrstu vxyzåäö. ", 4), TextLanguage.Swedish);
        Assert.Equal(1.0, result.Rix!.Value, 10);
    }

    [Theory]
    [InlineData(2, 11.32)]
    [InlineData(3, 9.88)]
    [InlineData(4, 9.58)]
    public void OvixMatchesSparvDoctest(int times, double expected)
    {
        var text = string.Join(' ', Enumerable.Repeat("a bc def ghij klmno pqrstu vxyzåäö", times));

        var result = TextChecker.Check(text, TextLanguage.Swedish);

        Assert.Equal(7, result.Statistics.DistinctWords);
        Assert.Equal(expected, result.Ovix!.Value, 2);
    }

    [Fact]
    public void OvixIsNotDefinedWhenEveryTokenIsDistinct()
    {
        var result = TextChecker.Check("a bc def ghij klmno pqrstu vxyzåäö", TextLanguage.Swedish);

        Assert.Null(result.Ovix);
        Assert.NotNull(result.Lix);
        Assert.Null(ReadabilityFormulas.Ovix(tokens: 7, distinctTokens: 7));
        Assert.Null(ReadabilityFormulas.Ovix(tokens: 1, distinctTokens: 1));
        Assert.Equal("ej definierat", ReadabilityText.NotDefined(TextLanguage.Swedish));
    }

    [Fact]
    public void OvixIgnoresCase()
    {
        var result = TextChecker.Check("Skog skog SKOG träd", TextLanguage.Swedish);

        Assert.Equal(2, result.Statistics.DistinctWords);
    }

    [Fact]
    public void FleschOfTheQuickBrownFox()
    {
        var result = TextChecker.Check("The quick brown fox jumped over the lazy dog.", TextLanguage.English);

        Assert.Equal((9, 1, 11), (result.Statistics.Words, result.Statistics.Sentences, result.Statistics.Syllables));
        Assert.Equal(94.3, Math.Round(result.FleschReadingEase!.Value, 1));
        Assert.Equal(2.3, Math.Round(result.FleschKincaidGrade!.Value, 1));
        Assert.Equal(Band.VeryEasy, result.FleschReadingEase.Band);
    }

    [Fact]
    public void FleschOfOneWordSentencesGoesAbove100()
    {
        var result = TextChecker.Check("This. Is. A. Nice. Set. Of. Small. Words. Of. One. Part. Each.", TextLanguage.English);

        Assert.Equal((12, 12, 12), (result.Statistics.Words, result.Statistics.Sentences, result.Statistics.Syllables));
        Assert.Equal(121.2, Math.Round(result.FleschReadingEase!.Value, 1));
        Assert.Equal(-3.4, Math.Round(result.FleschKincaidGrade!.Value, 1));
    }

    [Fact]
    public void FleschOfAComplicatedSentence()
    {
        var result = TextChecker.Check("Now it is time for a more complicated sentence, including several longer words.", TextLanguage.English);

        Assert.Equal((13, 1, 22), (result.Statistics.Words, result.Statistics.Sentences, result.Statistics.Syllables));
        Assert.Equal(50.5, Math.Round(result.FleschReadingEase!.Value, 1));
        Assert.Equal(9.4, Math.Round(result.FleschKincaidGrade!.Value, 1));
        Assert.Equal(Band.FairlyDifficult, result.FleschReadingEase.Band);
    }

    [Fact]
    public void FleschOnCounts()
    {
        Assert.Equal(74.27, ReadabilityFormulas.FleschReadingEase(words: 16, sentences: 1, syllables: 22)!.Value, 2);
        Assert.Equal(24.44, ReadabilityFormulas.FleschReadingEase(words: 13, sentences: 1, syllables: 26)!.Value, 2);
        Assert.Equal(13.08, ReadabilityFormulas.FleschKincaidGrade(words: 13, sentences: 1, syllables: 26)!.Value, 2);
    }

    [Theory]
    [InlineData("the", 1)]
    [InlineData("jumped", 1)]
    [InlineData("lazy", 2)]
    [InlineData("over", 2)]
    [InlineData("complicated", 4)]
    [InlineData("sentence", 2)]
    [InlineData("including", 3)]
    [InlineData("several", 3)]
    [InlineData("nice", 1)]
    [InlineData("one", 1)]
    [InlineData("each", 1)]
    [InlineData("table", 2)]
    [InlineData("agreed", 2)]
    [InlineData("makes", 1)]
    [InlineData("places", 2)]
    [InlineData("decided", 3)]
    [InlineData("Transition", 3)]
    public void SyllableHeuristic(string word, int expected)
    {
        Assert.Equal(expected, ReadabilityFormulas.CountSyllables(word));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(" . , ! ")]
    public void TextWithoutWordsHasNoScore(string text)
    {
        foreach (var language in Enum.GetValues<TextLanguage>())
        {
            var result = TextChecker.Check(text, language);
            Assert.Empty(result.Scores);
            Assert.Null(result.Lix);
            Assert.Null(result.FleschReadingEase);
            Assert.Equal(0, result.Statistics.Words);
        }
        Assert.Null(ReadabilityFormulas.Lix(0, 0, 0));
        Assert.Null(ReadabilityFormulas.FleschReadingEase(0, 0, 0));
    }

    [Fact]
    public void SwedishAndDanishGetLixRixOvixEnglishGetsFlesch()
    {
        const string text = "Vi ska sänka utsläppen. Vi ska sänka dem snabbt.";

        Assert.Equal([ScoreKind.Lix, ScoreKind.Rix, ScoreKind.Ovix], TextChecker.Check(text, TextLanguage.Swedish).Scores.Select(s => s.Kind));
        Assert.Equal([ScoreKind.FleschReadingEase, ScoreKind.FleschKincaidGrade], TextChecker.Check(text, TextLanguage.English).Scores.Select(s => s.Kind));
    }

    [Theory]
    [InlineData(29.99, Band.VeryEasy)]
    [InlineData(30, Band.Easy)]
    [InlineData(45, Band.Medium)]
    [InlineData(50, Band.Difficult)]
    [InlineData(60, Band.Difficult)]
    [InlineData(60.01, Band.VeryDifficult)]
    public void SwedishLixBands(double lix, Band expected)
    {
        Assert.Equal(expected, ReadabilityFormulas.LixBand(lix, TextLanguage.Swedish));
    }

    [Theory]
    [InlineData(24, Band.VeryEasy)]
    [InlineData(25, Band.Easy)]
    [InlineData(34.5, Band.Easy)]
    [InlineData(35, Band.Medium)]
    [InlineData(45, Band.Difficult)]
    [InlineData(55, Band.VeryDifficult)]
    public void DanishLixBands(double lix, Band expected)
    {
        Assert.Equal(expected, ReadabilityFormulas.LixBand(lix, TextLanguage.Danish));
    }

    [Theory]
    [InlineData(95, Band.VeryEasy)]
    [InlineData(85, Band.Easy)]
    [InlineData(75, Band.FairlyEasy)]
    [InlineData(65, Band.Medium)]
    [InlineData(55, Band.FairlyDifficult)]
    [InlineData(40, Band.Difficult)]
    [InlineData(10, Band.VeryDifficult)]
    public void FleschBands(double ease, Band expected)
    {
        Assert.Equal(expected, ReadabilityFormulas.FleschBand(ease));
    }

    [Theory]
    [InlineData(ScoreKind.Lix, Band.Medium, TextLanguage.Swedish, "medelsvår")]
    [InlineData(ScoreKind.Lix, Band.VeryDifficult, TextLanguage.Swedish, "mycket svår (byråkratsvenska)")]
    [InlineData(ScoreKind.Lix, Band.Medium, TextLanguage.Danish, "middel")]
    [InlineData(ScoreKind.Lix, Band.VeryEasy, TextLanguage.Danish, "meget let")]
    [InlineData(ScoreKind.Lix, Band.Difficult, TextLanguage.English, "difficult (normal for official texts)")]
    [InlineData(ScoreKind.FleschReadingEase, Band.VeryDifficult, TextLanguage.English, "very confusing")]
    [InlineData(ScoreKind.FleschReadingEase, Band.Medium, TextLanguage.English, "standard")]
    [InlineData(ScoreKind.FleschReadingEase, Band.FairlyEasy, TextLanguage.Swedish, "ganska lätt")]
    public void BandLabelsFollowTheInterfaceLanguage(ScoreKind kind, Band band, TextLanguage ui, string expected)
    {
        Assert.Equal(expected, ReadabilityText.BandLabel(kind, band, ui));
    }

    [Fact]
    public void ScoreLabelUsesItsOwnBand()
    {
        var lix = TextChecker.Check(Repeat("A bc def ghij klmno pqrstu vxyzåäö. ", 4), TextLanguage.Swedish).Lix!;

        Assert.Equal("mycket lättläst", lix.Label(TextLanguage.Swedish));
        Assert.Equal("meget let", lix.Label(TextLanguage.Danish));
        Assert.Equal("very easy", lix.Label(TextLanguage.English));
    }

    [Theory]
    [InlineData("sv-SE", TextLanguage.Swedish)]
    [InlineData("da", TextLanguage.Danish)]
    [InlineData("en-GB", TextLanguage.English)]
    [InlineData("de-DE", null)]
    public void CultureNamesMapToLanguages(string culture, TextLanguage? expected)
    {
        Assert.Equal(expected, ReadabilityText.LanguageOf(culture));
    }
}
