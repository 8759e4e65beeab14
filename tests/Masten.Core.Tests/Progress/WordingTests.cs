using System.Globalization;
using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

/// <summary>Statuses and numbers in words: each rule of the public page's wording, in Swedish, English and Danish.</summary>
public class WordingTests
{
    private const char Nbsp = '\u00A0';
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Ahead of the 0 → 100 path over 2020–2030 on 1 January 2025, but rising so slowly that 100 comes long after 2030.</summary>
    private static Assessment AheadButSlow()
    {
        // 60 at the start of 2024 and 61 a year later: ahead of the path (50 in 2025), at one unit a year.
        var series = new[] { V(D(2021), 58), V(D(2022), 58.5), V(D(2023), 59), V(D(2024), 60), V(D(2025), 61) };
        return ProgressAssessor.Assess(Spec(), series, D(2025, 1, 2));
    }

    [Fact]
    public void AheadOfThePathButReachingTheTargetLateIsAtRisk()
    {
        var assessment = AheadButSlow();
        Assert.True(assessment.Gap > 0, "the latest value is ahead of the path");
        Assert.True(assessment.Reach.YearsLate > 0, "the forecast reaches the target late");
        Assert.Equal(ProgressStatus.AtRisk, assessment.Status);
    }

    [Theory]
    [InlineData("sv", "Värdet ligger före planen i dag, men i den takten nås målet för sent.")]
    [InlineData("en", "The value is ahead of the plan today, but at this pace the target is reached too late.")]
    [InlineData("da", "Værdien ligger foran planen i dag, men i det tempo nås målet for sent.")]
    public void TheExplanationSaysWhyAnIndicatorAheadOfThePathIsAtRisk(string language, string why)
    {
        var text = ExplanationWords.Describe(AheadButSlow(), CultureInfo.GetCultureInfo(language));
        Assert.Contains(why, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AheadOfThePathAndInTimeStaysOnTrack()
    {
        var series = Series(2020, 2025, years => 12 * years);
        var assessment = ProgressAssessor.Assess(Spec(), series, D(2025, 1, 2));
        Assert.Equal(ProgressStatus.OnTrack, assessment.Status);
        Assert.DoesNotContain("för sent", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void FiveYearsAreNamedOnlyWithFiveYearsOfData()
    {
        var full = ProgressAssessor.Assess(Spec(), Series(2020, 2025, years => 10 * years), D(2025, 1, 2));
        Assert.Contains("De senaste fem åren", ExplanationWords.Describe(full, Sv), StringComparison.Ordinal);

        var two = ProgressAssessor.Assess(Spec(), [V(D(2023), 30), V(D(2024), 40), V(D(2025), 50)], D(2025, 1, 2));
        var text = ExplanationWords.Describe(two, Sv);
        Assert.DoesNotContain("fem år", text, StringComparison.Ordinal);
        Assert.Contains("Mellan 2023 och 2025 har värdet ökat", text, StringComparison.Ordinal);
        Assert.Contains("Between 2023 and 2025 the value has risen", ExplanationWords.Describe(two, En), StringComparison.Ordinal);
        Assert.Contains("Mellem 2023 og 2025 er værdien steget", ExplanationWords.Describe(two, Da), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv", "kg per person och år", "per person och år varje år", "per år per år")]
    [InlineData("en", "kg per person per year", "per person per year every year", "per year a year")]
    [InlineData("da", "kg per person om året", "per person om året hvert år", "om året om året")]
    public void AYearlyUnitIsNotFollowedByASecondPerYear(string language, string unit, string expected, string doubled)
    {
        var spec = Spec(unit: unit, baseline: 80, target: 60, direction: Direction.LowerIsBetter);
        var assessment = ProgressAssessor.Assess(spec, Series(2020, 2025, years => 80 - years), D(2025, 1, 2));
        var culture = CultureInfo.GetCultureInfo(language);
        var text = ExplanationWords.Describe(assessment, culture);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(doubled, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExplanationWords.Steps(assessment, culture), s => s.Value.Contains(doubled, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("antal kommuner", "kommuner")]
    [InlineData("Antal företag", "företag")]
    [InlineData("number of towns", "towns")]
    [InlineData("kommuner", "kommuner")]
    [InlineData("kt CO₂e", "kt CO₂e")]
    [InlineData("antal", "antal")]
    public void ACountUnitReadsAsWhatIsCounted(string unit, string reads)
    {
        Assert.Equal(reads, Explanation.CountedUnit(unit));
    }

    [Fact]
    public void ACountIsWrittenWithoutTheWordAntal()
    {
        var spec = Spec(unit: "antal kommuner", baseline: 0, target: 100);
        var assessment = ProgressAssessor.Assess(spec, Series(2020, 2025, years => 10 * years), D(2025, 1, 2));
        var text = ExplanationWords.Describe(assessment, Sv);
        Assert.Contains($"50{Nbsp}kommuner", text, StringComparison.Ordinal);
        Assert.DoesNotContain("antal kommuner", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_234_567, "1\u00A0230\u00A0000")]
    [InlineData(12_345, "12\u00A0300")]
    [InlineData(1_050, "1\u00A0050")]
    [InlineData(918, "918")]
    [InlineData(4.1849, "4,18")]
    [InlineData(0.012345, "0,0123")]
    [InlineData(-98_765, "\u221298\u00A0800")]
    public void NumbersInTextHaveThreeSignificantDigits(double value, string text)
    {
        Assert.Equal(text, ExplanationWords.FormatNumber(value, Sv));
    }

    [Theory]
    [InlineData("sv", new[] { ProgressStatus.OnTrack, ProgressStatus.Achieved, ProgressStatus.OnTrack, ProgressStatus.AtRisk, ProgressStatus.OffTrack, ProgressStatus.OffTrack, ProgressStatus.AtRisk, ProgressStatus.OffTrack, ProgressStatus.Stale },
        "3 av 9 indikatorer följer planen, 5 ligger efter, 1 saknar nya värden.")]
    [InlineData("en", new[] { ProgressStatus.OnTrack, ProgressStatus.AtRisk, ProgressStatus.NotStarted, ProgressStatus.Stale },
        "1 of 4 indicators are on track, 1 is behind, 2 have no recent values.")]
    [InlineData("da", new[] { ProgressStatus.OnTrack, ProgressStatus.OnTrack },
        "2 af 2 indikatorer følger planen.")]
    [InlineData("sv", new[] { ProgressStatus.OffTrack },
        "0 av 1 indikator följer planen, 1 ligger efter.")]
    [InlineData("sv", new ProgressStatus[0], "Missionen har inga indikatorer än.")]
    public void TheSummaryCountsIndicatorsOnPlanBehindAndWithoutNewValues(string language, ProgressStatus[] statuses, string summary)
    {
        Assert.Equal(summary, ExplanationWords.Summary(statuses, CultureInfo.GetCultureInfo(language)));
    }
}
