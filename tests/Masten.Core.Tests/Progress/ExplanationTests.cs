using System.Globalization;
using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

public class ExplanationTests
{
    private const char Nbsp = '\u00A0';
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>
    /// Emissions fell 2.1 % a year over 2020–2025 and must fall 6.2 % a year from the end of 2025 to
    /// reach the 2035 target: the board-meeting example.
    /// </summary>
    private static Assessment Emissions()
    {
        var baseline = D(2020, 12, 31);
        var series = Enumerable.Range(0, 6)
            .Select(i => V(D(2020 + i, 12, 31), 1000 * Math.Pow(0.979, Years(baseline, D(2020 + i, 12, 31)))))
            .ToArray();
        var latest = series[^1];
        var target = V(D(2035, 12, 31), latest.Value * Math.Pow(0.938, Years(latest.Date, D(2035, 12, 31))));
        var spec = new IndicatorSpec("Utsläppen", "kt", Direction.LowerIsBetter, ReportingFrequency.Yearly, PathwayShape.ConstantRate, V(baseline, 1000), [target]);
        return ProgressAssessor.Assess(spec, series, D(2026, 3, 1));
    }

    [Fact]
    public void SwedishTextReadsLikeTheBoardMeetingExample()
    {
        var text = ExplanationWords.Describe(Emissions(), Sv);
        Assert.Contains($"Utsläppen behöver minska med 6,2{Nbsp}% per år för att nå målet 2035.", text, StringComparison.Ordinal);
        Assert.Contains($"De senaste fem åren har värdet minskat med 2,1{Nbsp}% per år.", text, StringComparison.Ordinal);
        Assert.Contains("I den takten nås målet först 2056.", text, StringComparison.Ordinal);
        Assert.Contains("Bedömning: inte enligt plan.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishTextUsesADecimalPoint()
    {
        var text = ExplanationWords.Describe(Emissions(), En);
        Assert.Contains($"Utsläppen must fall by 6.2{Nbsp}% a year to reach the 2035 target.", text, StringComparison.Ordinal);
        Assert.Contains($"Over the last five years the value has fallen by 2.1{Nbsp}% a year.", text, StringComparison.Ordinal);
        Assert.Contains("At that pace the target is reached only in 2056.", text, StringComparison.Ordinal);
        Assert.Contains("Status: off track.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DanishTextIsAvailableToo()
    {
        var text = ExplanationWords.Describe(Emissions(), Da);
        Assert.Contains($"Utsläppen skal falde med 6,2{Nbsp}% om året for at nå målet i 2035.", text, StringComparison.Ordinal);
        Assert.Contains("I det tempo nås målet først i 2056.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LinearIndicatorSpeaksInItsUnitWithThousandsSeparators()
    {
        var spec = Spec(name: "Återvinningen", unit: "ton", baseline: 10_000, target: 22_000 + 10_000);
        var assessment = ProgressAssessor.Assess(spec, [V(Start, 10_000)], Start.AddDays(10));
        var years = Years(Start, End);
        Assert.Equal(22_000 / years, assessment.RequiredPace!.UnitsPerYear, 1e-9);
        var perYear = ExplanationWords.FormatNumber(22_000 / years, Sv);
        Assert.Equal($"2{Nbsp}200", perYear);
        Assert.Contains($"Återvinningen behöver öka med 2{Nbsp}200{Nbsp}ton per år för att nå målet 2030.", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains($"Återvinningen must rise by 2,200{Nbsp}ton a year to reach the 2030 target.", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", 1200.0, "1\u00A0200")]
    [InlineData("en-GB", 1200.0, "1,200")]
    [InlineData("sv-SE", 12.345, "12,3")]
    [InlineData("en-GB", 12.345, "12.3")]
    [InlineData("sv-SE", 0.0042, "0,0042")]
    [InlineData("sv-SE", 1e-9, "0,000000001")]
    [InlineData("en-GB", 1e12, "1,000,000,000,000")]
    [InlineData("sv-SE", 1e12, "1\u00A0000\u00A0000\u00A0000\u00A0000")]
    [InlineData("en-GB", 2.5, "2.5")]
    [InlineData("en-GB", 0.0, "0")]
    [InlineData("da-DK", 1234.6, "1.230")]
    public void NumbersFollowTheCulture(string culture, double value, string expected)
    {
        Assert.Equal(expected, ExplanationWords.FormatNumber(value, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void GapIsToldInUnitsAndAsAShareOfWhatIsLeft()
    {
        // The path asks for 39.995 on 1 January 2024 (1461 of 3653 days); 35 is 4.99 behind, 8.3 % of the 60 still to go.
        var assessment = ProgressAssessor.Assess(Spec(unit: "MWh"), [V(D(2024), 35)], D(2024, 2, 1));
        var text = ExplanationWords.Describe(assessment, Sv);
        Assert.Contains($"Det är 4,99{Nbsp}MWh efter planen.", text, StringComparison.Ordinal);
        Assert.Contains($"Det är 8,3{Nbsp}% av det som återstår.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySentenceIsShort()
    {
        foreach (var culture in new[] { Sv, En, Da })
        {
            var sentences = ExplanationWords.Describe(Emissions(), culture).Split(". ", StringSplitOptions.RemoveEmptyEntries);
            Assert.All(sentences, s => Assert.True(s.Split(' ').Length < 15, $"Too long: {s}"));
        }
    }

    [Fact]
    public void StepsShowTheInputsAndFormulasWithTheirValues()
    {
        var steps = ExplanationWords.Steps(Emissions(), Sv);
        var pace = Assert.Single(steps, s => s.Label == "Takt hittills");
        Assert.Contains("Theil–Sen", pace.Formula, StringComparison.Ordinal);
        Assert.Contains("ln(värde)", pace.Formula, StringComparison.Ordinal);
        Assert.Equal($"\u22122,1{Nbsp}% per år", pace.Value);
        var required = Assert.Single(steps, s => s.Label == "Takt som krävs");
        Assert.Contains($"6,2{Nbsp}% per år", required.Value, StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Label == "Utgångsläge" && s.Value.StartsWith($"1{Nbsp}000{Nbsp}kt", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Label == "Bedömning" && s.Value == "inte enligt plan");
        Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Label)));
    }

    [Fact]
    public void StatusWordsExistInEveryLanguage()
    {
        foreach (var status in Enum.GetValues<ProgressStatus>())
        {
            var words = new[] { Sv, En, Da }.Select(c => ExplanationWords.StatusText(status, c)).ToArray();
            Assert.All(words, w => Assert.False(string.IsNullOrWhiteSpace(w)));
            Assert.Equal(3, words.Distinct().Count());
        }
    }

    [Fact]
    public void UnknownLanguageFallsBackToEnglish()
    {
        Assert.Equal(ExplanationWords.Describe(Emissions(), En).Replace(",", "", StringComparison.Ordinal)[..40],
            ExplanationWords.Describe(Emissions(), CultureInfo.GetCultureInfo("en-US")).Replace(",", "", StringComparison.Ordinal)[..40]);
        Assert.StartsWith("Utsläppen must fall", ExplanationWords.Describe(Emissions(), CultureInfo.GetCultureInfo("fi-FI")), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeLevelsKeepTheirSign()
    {
        var assessment = ProgressAssessor.Assess(Spec(baseline: -5, target: -5, unit: "MSEK"), [], D(2024));
        Assert.Contains("ligga kvar på \u22125\u00A0MSEK till 2030", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains("stay at -5\u00A0MSEK until 2030", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Fact]
    public void AchievedTargetAsksForNoMorePace()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2024), 120)], D(2024));
        var text = ExplanationWords.Describe(assessment, Sv);
        Assert.DoesNotContain("behöver", text, StringComparison.Ordinal);
        Assert.Contains("Målet för 2030 är redan nått.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NameCanBeGivenPerLanguage()
    {
        Assert.StartsWith("Emissions must fall by 6.2", ExplanationWords.Describe(Emissions(), En, "Emissions"), StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesOfAShareInPercentAreToldInPercentagePoints()
    {
        var assessment = ProgressAssessor.Assess(Spec(unit: "%"), [V(D(2024), 35)], D(2024, 2, 1));
        var text = ExplanationWords.Describe(assessment, Sv);
        Assert.Contains($"behöver öka med 10,8{Nbsp}procentenheter per år", text, StringComparison.Ordinal);
        Assert.Contains($"Senaste mätvärdet är 35{Nbsp}% (2024-01-01).", text, StringComparison.Ordinal);
        Assert.Contains($"4.99{Nbsp}percentage points behind plan", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Fact]
    public void ShareOfWhatIsLeftIsNotToldOnceTheFinalDateHasPassed()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2031), 96)], D(2031, 2, 1));
        Assert.Equal(10, assessment.ChangeStillToGo);
        Assert.DoesNotContain("återstår", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }
}
