using System.Collections;
using System.Globalization;
using System.Reflection;
using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

public class EdgeCaseTests
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void OneObservationGivesNoPaceAndAStatusFromTheGapAlone()
    {
        // The path asks for 40 on 1 January 2024; 35 is 5 of the 60 still to go behind (8 %).
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2024), 35)], D(2024, 2, 1));
        Assert.Null(assessment.Pace);
        Assert.Equal(ReachOutcome.NotEnoughData, assessment.Reach.Outcome);
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.TooFewObservationsForPace));
        Assert.Equal(ProgressStatus.AtRisk, assessment.Status);
        Assert.All(assessment.Forecasts, f => Assert.Null(f.ForecastValue));
        Assert.Contains("för få mätvärden", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains("too few observations", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Fact]
    public void NoObservationsIsNotStarted()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [], D(2024));
        Assert.Equal(ProgressStatus.NotStarted, assessment.Status);
        Assert.False(assessment.HasData);
        Assert.Equal(0, assessment.ProgressFraction);
        Assert.Null(assessment.Gap);
        Assert.Equal(Start, assessment.RequiredPace!.From.Date);
        Assert.Contains("inga mätvärden än", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void PassedTargetDateIsAssessedAgainstTheFinalTargetAndSaysSo()
    {
        // 98 in 2031 against a final target of 100 due in 2030; the pace reaches it about 1.2 years late.
        var series = Series(2026, 2031, t => 10 * t - 12);
        var assessment = ProgressAssessor.Assess(Spec(), series, D(2031, 3, 1));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.FinalTargetDatePassed));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.ObservationsAfterHorizon));
        Assert.Equal(100, assessment.RequiredAtLatest);
        Assert.Null(assessment.RequiredPace);
        Assert.True(assessment.Gap < 0);
        Assert.Equal(ProgressStatus.AtRisk, assessment.Status);
        Assert.Contains("har passerat", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains("has passed", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Fact]
    public void PassedTargetDateWithoutObservationsSaysItHasPassed()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [], D(2031));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.FinalTargetDatePassed));
        Assert.Contains("har passerat", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void TargetMetAfterTheHorizonIsAchieved()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2029), 90), V(D(2031), 101)], D(2031, 2, 1));
        Assert.Equal(ProgressStatus.Achieved, assessment.Status);
        Assert.Equal(ReachOutcome.AlreadyReached, assessment.Reach.Outcome);
        Assert.True(assessment.Forecasts[0].Passed);
    }

    [Fact]
    public void ZeroUnderConstantRateFallsBackToLinearAndSaysSo()
    {
        var spec = Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, 1000, 0);
        var assessment = ProgressAssessor.Assess(spec, Series(2020, 2024, t => 1000 - 80 * t), D(2024, 2, 1));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.ConstantRateFellBackToLinear));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.PaceFittedLinearly));
        Assert.False(assessment.Pace!.InLogSpace);
        Assert.Equal(-80, assessment.Pace.UnitsPerYear, 1e-9);
        Assert.Contains("rak linje", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains("straight line", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
        Assert.Contains("ton per år", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeObservationUnderConstantRateFitsThePaceLinearly()
    {
        var spec = Spec(PathwayShape.ConstantRate, Direction.HigherIsBetter, 10, 100);
        var assessment = ProgressAssessor.Assess(spec, [V(D(2021), -5), V(D(2022), 15), V(D(2023), 35)], D(2023, 2, 1));
        Assert.False(assessment.Notes.HasFlag(AssessmentNotes.ConstantRateFellBackToLinear));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.PaceFittedLinearly));
        Assert.Equal(20, assessment.Pace!.UnitsPerYear, 1);
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, 50, ProgressStatus.Achieved)]
    [InlineData(Direction.HigherIsBetter, 49, ProgressStatus.OnTrack)]
    [InlineData(Direction.HigherIsBetter, 46, ProgressStatus.AtRisk)]
    [InlineData(Direction.HigherIsBetter, 40, ProgressStatus.OffTrack)]
    [InlineData(Direction.LowerIsBetter, 51, ProgressStatus.OnTrack)]
    [InlineData(Direction.LowerIsBetter, 55, ProgressStatus.AtRisk)]
    // Holding a level has no change to go, so the gap is measured against the level itself (50).
    public void TargetEqualToBaselineAsksToHoldTheLevel(Direction direction, double latest, ProgressStatus expected)
    {
        var spec = Spec(direction: direction, baseline: 50, target: 50);
        var assessment = ProgressAssessor.Assess(spec, [V(D(2024), latest)], D(2024));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.HoldTheLevel));
        Assert.Equal(expected, assessment.Status);
        Assert.Equal(latest == 50 ? 0 : (50 - latest) / Years(D(2024), End), assessment.RequiredPace!.UnitsPerYear, 1e-9);
        var noData = ProgressAssessor.Assess(spec, [], D(2024));
        Assert.Equal(0, noData.RequiredPace!.UnitsPerYear);
        Assert.Contains("ligga kvar på 50", ExplanationWords.Describe(noData, Sv), StringComparison.Ordinal);
        Assert.Contains("stay at 50", ExplanationWords.Describe(noData, En), StringComparison.Ordinal);
    }

    [Fact]
    public void FlatSeriesHasNoPaceTowardsTheTarget()
    {
        var assessment = ProgressAssessor.Assess(Spec(), Series(2020, 2024, _ => 30), D(2024, 2, 1));
        Assert.Equal(0, assessment.Pace!.Slope);
        Assert.Equal(ReachOutcome.NoPace, assessment.Reach.Outcome);
        Assert.Null(assessment.Reach.Date);
        Assert.Contains("nås aldrig", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void PaceTheWrongWayHasNoReachDate()
    {
        var assessment = ProgressAssessor.Assess(Spec(), Series(2020, 2024, t => 30 - t), D(2024, 2, 1));
        Assert.Equal(ReachOutcome.WrongDirection, assessment.Reach.Outcome);
        Assert.Contains("bort från målet", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
        Assert.Contains("moving away", ExplanationWords.Describe(assessment, En), StringComparison.Ordinal);
    }

    [Fact]
    public void ReachFurtherThanTheForecastLimitHasNoDate()
    {
        var assessment = ProgressAssessor.Assess(Spec(target: 1e6), Series(2020, 2024, t => t), D(2024, 2, 1));
        Assert.Equal(ReachOutcome.BeyondLimit, assessment.Reach.Outcome);
        Assert.Contains("inte inom 100 år", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e12, 4e11)]
    [InlineData(1e-9, 4e-10)]
    public void VeryLargeAndVerySmallMagnitudesBehaveLikeOrdinaryOnes(double baseline, double target)
    {
        var scale = baseline / 1000;
        var spec = Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, baseline, target);
        var ordinary = Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, 1000, 1000 * target / baseline);
        var series = Series(2020, 2025, t => 1000 * Math.Pow(0.97, t));
        var scaled = series.Select(o => V(o.Date, o.Value * scale)).ToArray();
        var a = ProgressAssessor.Assess(spec, scaled, D(2025, 2, 1));
        var b = ProgressAssessor.Assess(ordinary, series, D(2025, 2, 1));
        Assert.Equal(b.Status, a.Status);
        Assert.Equal(b.GapShare!.Value, a.GapShare!.Value, 1e-9);
        Assert.Equal(b.Pace!.PercentPerYear!.Value, a.Pace!.PercentPerYear!.Value, 1e-9);
        Assert.Equal(b.Reach.Date, a.Reach.Date);
        Assert.DoesNotContain("NaN", ExplanationWords.Describe(a, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void ObservationsBeforeTheBaselineAreComparedWithTheBaselineValue()
    {
        var assessment = ProgressAssessor.Assess(Spec(baseline: 10), [V(D(2018), 5), V(D(2019), 8)], D(2019, 2, 1));
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.ObservationsBeforeBaseline));
        Assert.Equal(10, assessment.RequiredAtLatest);
        Assert.Equal(-2, assessment.Gap);
        Assert.Contains("före utgångsläget", ExplanationWords.Describe(assessment, Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void ObservationsAfterAsOfAreIgnored()
    {
        var assessment = ProgressAssessor.Assess(Spec(), Series(2020, 2028, t => 10 * t), D(2024, 6, 1));
        Assert.Equal(D(2024), assessment.Latest!.Value.Date);
        Assert.True(assessment.Notes.HasFlag(AssessmentNotes.ObservationsAfterAsOfIgnored));
    }

    [Fact]
    public void NonFiniteObservationIsRejected()
    {
        Assert.Throws<ArgumentException>(() => ProgressAssessor.Assess(Spec(), [V(D(2021), double.NaN)], D(2022)));
        Assert.Throws<ArgumentException>(() => ProgressAssessor.Assess(Spec(), [V(D(2021), 1)], D(2022), new ProgressTolerances { OnTrackGapShare = 0.2, AtRiskGapShare = 0.1 }));
    }

    private static readonly double[][] AwkwardSeries =
    [
        [],
        [5],
        [0, 0, 0],
        [-3, 0, 3],
        [1e12, 1e-9, 1e12],
        [1e-300, 1e300],
        [1e308, -1e308, 1e308],
        [7, 7, 7, 7],
        [100, 0, 100, 0, 100],
    ];

    public static TheoryData<PathwayShape, Direction, double, double> AwkwardPlans()
    {
        var data = new TheoryData<PathwayShape, Direction, double, double>();
        (double, double)[] plans = [(0, 100), (100, 0), (50, 50), (0, 0), (-10, 10), (1e-9, 1e12), (1e300, 1e-300), (-1e308, 1e308)];
        foreach (var shape in Enum.GetValues<PathwayShape>())
        {
            foreach (var direction in Enum.GetValues<Direction>())
            {
                foreach (var (baseline, target) in plans)
                    data.Add(shape, direction, baseline, target);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AwkwardPlans))]
    public void NoNaNOrInfinityEscapesAnyPublicResult(PathwayShape shape, Direction direction, double baseline, double target)
    {
        var spec = Spec(shape, direction, baseline, target);
        foreach (var values in AwkwardSeries)
        {
            // Observations a day apart (slopes explode) and 400 days apart (past the horizon and stale).
            foreach (var daysApart in new[] { 1, 400 })
            {
                var series = values.Select((v, i) => V(D(2021).AddDays(i * daysApart), v)).ToArray();
                var asOf = D(2021).AddDays(values.Length * daysApart);
                var assessment = ProgressAssessor.Assess(spec, series, asOf);
                AssertFinite(assessment, "assessment");
                AssertFinite(assessment.Trajectory.Milestones, "milestones");
                var rollup = Rollup.Compute(new GoalNode("Mål", [], [new IndicatorNode("A", assessment, 2), new IndicatorNode("B", assessment, 0)]), RollupRule.Weighted);
                AssertFinite(rollup, "rollup");
                foreach (var culture in new[] { Sv, En, CultureInfo.GetCultureInfo("da-DK") })
                {
                    var text = ExplanationWords.Describe(assessment, culture) + string.Concat(ExplanationWords.Steps(assessment, culture).Select(s => s.Label + s.Formula + s.Value))
                        + ExplanationWords.Describe(rollup, culture) + string.Concat(ExplanationWords.Steps(rollup, culture).Select(s => s.Formula + s.Value));
                    Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("∞", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>Walks every public property of the Progress result types and fails on a non-finite double.</summary>
    private static void AssertFinite(object? value, string path, HashSet<object>? seen = null)
    {
        seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        switch (value)
        {
            case null:
                return;
            case double d:
                Assert.True(double.IsFinite(d), $"{path} is {d}");
                return;
            case string or DateOnly or Enum or bool or int:
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                    AssertFinite(item, $"{path}[{i++}]", seen);
                return;
        }
        var type = value.GetType();
        if (!type.IsValueType && !seen.Add(value))
            return;
        if (type.Namespace != typeof(Assessment).Namespace)
            return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
                AssertFinite(property.GetValue(value), $"{path}.{property.Name}", seen);
        }
    }
}
