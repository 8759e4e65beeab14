using System.Globalization;
using Masten.Core.Localization;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

/// <summary>The explanation as structured sentences, and its words in the text files every project reads.</summary>
public class ExplanationTextsTests
{
    public static TheoryData<string> Languages => new(TextCatalog.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryTextOfTheExplanationHasWordsInEveryLanguage(string language)
    {
        var texts = TextCatalog.Load(typeof(Explanation).Assembly).Of(language);
        var missing = Enum.GetValues<ExplanationText>().Select(t => "Explanation." + t).Where(k => !texts.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void TheTextFilesHoldNoExplanationTextThatIsNeverUsed()
    {
        var known = Enum.GetNames<ExplanationText>().Select(n => "Explanation." + n).ToHashSet();
        var keys = TextCatalog.Load(typeof(Explanation).Assembly).Of("sv").Keys.Where(k => k.StartsWith("Explanation.", StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Contains(k, known));
    }

    [Fact]
    public void TheExplanationCarriesTheNumbersAndDatesAndWordsThemInTheReadersLanguage()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2021), 10), V(D(2022), 20), V(D(2023), 30)], D(2023, 6, 1));
        var sentences = Explanation.Sentences(assessment);

        var latest = Assert.Single(sentences, s => s.Text is ExplanationText.LatestOnPlan or ExplanationText.LatestVsPlan);
        Assert.Equal(new DateValue(D(2023)), latest.Args[1]);
        var status = Assert.IsType<Phrase>(sentences.Single(s => s.Text == ExplanationText.StatusIs).Args[0]);
        Assert.Equal(Explanation.Status(assessment.Status), status.Text);
        Assert.Equal(
            ExplanationWords.Describe(assessment, CultureInfo.GetCultureInfo("sv-SE")),
            ExplanationWords.Sentences(sentences, CultureInfo.GetCultureInfo("sv-SE")));
        Assert.Contains(D(2023).ToString("d", CultureInfo.GetCultureInfo("en-GB")), ExplanationWords.Describe(assessment, CultureInfo.GetCultureInfo("en-GB")), StringComparison.Ordinal);
    }
}
