using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

public class AssessmentTests
{
    [Theory]
    [InlineData(7.0)]
    [InlineData(-3.5)]
    [InlineData(1200.0)]
    public void PaceRecoversAKnownSlope(double slope)
    {
        var series = Series(2020, 2025, t => 100 + slope * t);
        var assessment = ProgressAssessor.Assess(Spec(target: 100 + slope * 20), series, D(2025, 6, 1));
        var pace = Assert.IsType<ObservedPace>(assessment.Pace);
        Assert.False(pace.InLogSpace);
        Assert.Equal(slope, pace.UnitsPerYear, 1e-9);
        Assert.Null(pace.PercentPerYear);
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(-2.1)]
    [InlineData(8.0)]
    public void PaceRecoversAKnownRateInLogSpaceForConstantRateIndicators(double percent)
    {
        var series = Series(2020, 2025, t => 1000 * Math.Pow(1 + percent / 100, t));
        var assessment = ProgressAssessor.Assess(Spec(PathwayShape.ConstantRate, baseline: 1000, target: 1000 * Math.Pow(1 + percent / 50, 10)), series, D(2025, 6, 1));
        var pace = Assert.IsType<ObservedPace>(assessment.Pace);
        Assert.True(pace.InLogSpace);
        Assert.Equal(percent, pace.PercentPerYear!.Value, 1e-9);
    }

    [Fact]
    public void PaceWindowKeepsOnlyTheLastFiveYears()
    {
        // Fast growth until 2018, then 2 a year: only the recent slope should count. The window is
        // (asOf − 5 · 365.2425 days, asOf], and 2020-01-01 lies 1827 days before asOf, just outside.
        var series = Series(2010, 2018, t => 500 + 50 * t).Concat(Series(2019, 2025, t => 1000 + 2 * t)).ToArray();
        var assessment = ProgressAssessor.Assess(Spec(target: 5000), series, D(2025, 1, 1));
        Assert.Equal(2, assessment.Pace!.UnitsPerYear, 1e-9);
        Assert.Equal(D(2021), assessment.Pace.From);
        Assert.Equal(5, assessment.Pace.Points);
    }

    [Fact]
    public void OneBadValueHardlyMovesTheTheilSenPace()
    {
        var series = Series(2020, 2029, t => 10 + 3 * t);
        series[4] = V(series[4].Date, 500);
        var assessment = ProgressAssessor.Assess(Spec(target: 1000), series, D(2029, 1, 1), new ProgressTolerances { PaceWindowYears = 10 });
        Assert.Equal(3, assessment.Pace!.UnitsPerYear, 1e-9);
    }

    [Fact]
    public void ForecastReachesTargetLateWhenPaceIsHalf()
    {
        // The plan needs 10 a year from 0 to 100 over 2020–2030; we manage 5 a year.
        var series = Series(2020, 2024, t => 5 * t);
        var assessment = ProgressAssessor.Assess(Spec(), series, D(2024, 1, 1));
        var latest = series[^1];
        var expected = latest.Date.AddDays((int)Math.Round((100 - latest.Value) / 5 * 365.2425));
        Assert.Equal(ReachOutcome.Forecast, assessment.Reach.Outcome);
        Assert.Equal(expected, assessment.Reach.Date);
        Assert.Equal(2040, assessment.Reach.Date!.Value.Year);
        Assert.Equal(10, assessment.Reach.YearsLate!.Value, 1);
        Assert.Equal(5 * Years(latest.Date, End) + latest.Value, assessment.Forecasts[0].ForecastValue!.Value, 1e-9);
        Assert.False(assessment.Forecasts[0].MeetsTarget);
        Assert.Equal(ProgressStatus.OffTrack, assessment.Status);
    }

    [Fact]
    public void ReachDateOfAConstantRateIsWhereTheExponentialCrossesTheTarget()
    {
        var series = Series(2020, 2025, t => 1000 * Math.Pow(0.95, t));
        var assessment = ProgressAssessor.Assess(Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, 1000, 400), series, D(2025, 6, 1));
        var latest = series[^1];
        var years = Math.Log(400 / latest.Value) / Math.Log(0.95);
        Assert.Equal(latest.Date.AddDays((int)Math.Round(years * 365.2425)), assessment.Reach.Date);
    }

    [Fact]
    public void PaceOnThePlanReachesTheTargetInTime()
    {
        var series = Series(2020, 2025, t => 100 * t / Years(Start, End));
        var assessment = ProgressAssessor.Assess(Spec(), series, D(2025, 1, 1));
        Assert.Equal(ProgressStatus.OnTrack, assessment.Status);
        Assert.InRange(assessment.Reach.Date!.Value, End.AddDays(-1), End.AddDays(1));
        Assert.Equal(0, assessment.Reach.YearsLate!.Value, 1e-2);
        Assert.Equal(0, assessment.Gap!.Value, 1e-9);
    }

    [Theory]
    [InlineData(0.0, ProgressStatus.OnTrack)]
    [InlineData(-0.2, ProgressStatus.OnTrack)]
    [InlineData(0.049, ProgressStatus.OnTrack)]
    [InlineData(0.051, ProgressStatus.AtRisk)]
    [InlineData(0.149, ProgressStatus.AtRisk)]
    [InlineData(0.151, ProgressStatus.OffTrack)]
    [InlineData(0.9, ProgressStatus.OffTrack)]
    public void GapAloneDecidesWithOneObservationAtTheDefaultBoundaries(double shortfallShare, ProgressStatus expected)
    {
        var spec = Spec();
        var date = D(2024, 7, 1);
        var required = Backcast.Build(spec).ValueAt(date);
        var value = required - shortfallShare * (100 - required);
        var assessment = ProgressAssessor.Assess(spec, [V(date, value)], date);
        Assert.Equal(expected, assessment.Status);
        Assert.Equal(-shortfallShare, assessment.GapShare!.Value, 1e-9);
    }

    [Theory]
    [InlineData(0.10, 0.20, 0.09, ProgressStatus.OnTrack)]
    [InlineData(0.10, 0.20, 0.11, ProgressStatus.AtRisk)]
    [InlineData(0.10, 0.20, 0.19, ProgressStatus.AtRisk)]
    [InlineData(0.10, 0.20, 0.21, ProgressStatus.OffTrack)]
    public void CustomTolerancesMoveTheBoundaries(double onTrack, double atRisk, double shortfallShare, ProgressStatus expected)
    {
        var spec = Spec();
        var date = D(2024, 7, 1);
        var required = Backcast.Build(spec).ValueAt(date);
        var tolerances = new ProgressTolerances { OnTrackGapShare = onTrack, AtRiskGapShare = atRisk };
        var assessment = ProgressAssessor.Assess(spec, [V(date, required - shortfallShare * (100 - required))], date, tolerances);
        Assert.Equal(expected, assessment.Status);
    }

    [Theory]
    // Slightly behind (3 %) with a pace that is in time: on track.
    [InlineData(0.03, 10.5, ProgressStatus.OnTrack)]
    // Slightly behind with a pace that arrives late: only at risk.
    [InlineData(0.03, 8, ProgressStatus.AtRisk)]
    // Far behind (30 %), but fast enough to arrive at most two years late: at risk.
    [InlineData(0.30, 11, ProgressStatus.AtRisk)]
    // Far behind and arriving much later: off track.
    [InlineData(0.30, 5, ProgressStatus.OffTrack)]
    // Far behind and moving the wrong way: off track.
    [InlineData(0.30, -1, ProgressStatus.OffTrack)]
    public void ForecastAndGapTogetherDecideTheStatus(double shortfallShare, double pace, ProgressStatus expected)
    {
        var spec = Spec();
        var asOf = D(2025, 1, 1);
        var required = Backcast.Build(spec).ValueAt(asOf);
        var latest = required - shortfallShare * (100 - required);
        var t0 = Years(Start, asOf);
        var series = Series(2021, 2025, t => latest + pace * (t - t0));
        var assessment = ProgressAssessor.Assess(spec, series, asOf);
        Assert.Equal(expected, assessment.Status);
    }

    [Theory]
    [InlineData(1.9, ProgressStatus.AtRisk)]
    [InlineData(2.1, ProgressStatus.OffTrack)]
    public void AtRiskLateYearsIsTheBoundaryForAFarBehindIndicator(double yearsLate, ProgressStatus expected)
    {
        var spec = Spec();
        var asOf = D(2025, 1, 1);
        var latest = 20.0;
        var yearsToGo = Years(asOf, End) + yearsLate;
        var pace = (100 - latest) / yearsToGo;
        var t0 = Years(Start, asOf);
        var assessment = ProgressAssessor.Assess(spec, Series(2021, 2025, t => latest + pace * (t - t0)), asOf);
        Assert.Equal(yearsLate, assessment.Reach.YearsLate!.Value, 2);
        Assert.Equal(expected, assessment.Status);
    }

    [Theory]
    [InlineData(ReportingFrequency.Monthly, 45, ProgressStatus.OnTrack)]
    [InlineData(ReportingFrequency.Monthly, 46, ProgressStatus.Stale)]
    [InlineData(ReportingFrequency.Quarterly, 136, ProgressStatus.OnTrack)]
    [InlineData(ReportingFrequency.Quarterly, 137, ProgressStatus.Stale)]
    [InlineData(ReportingFrequency.Yearly, 547, ProgressStatus.OnTrack)]
    [InlineData(ReportingFrequency.Yearly, 548, ProgressStatus.Stale)]
    public void StaleAfterOneAndAHalfReportingIntervals(ReportingFrequency frequency, int daysLater, ProgressStatus expected)
    {
        var spec = Spec(frequency: frequency);
        var date = D(2024, 1, 1);
        var assessment = ProgressAssessor.Assess(spec, [V(date, 90)], date.AddDays(daysLater));
        Assert.Equal(expected, assessment.Status);
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, 100, ProgressStatus.Achieved)]
    [InlineData(Direction.HigherIsBetter, 120, ProgressStatus.Achieved)]
    [InlineData(Direction.LowerIsBetter, 40, ProgressStatus.Achieved)]
    [InlineData(Direction.LowerIsBetter, 41, ProgressStatus.OnTrack)]
    [InlineData(Direction.HigherIsBetter, 99, ProgressStatus.OnTrack)]
    public void AchievedWhenTheLatestValueMeetsTheFinalTargetInItsDirection(Direction direction, double latest, ProgressStatus expected)
    {
        var spec = direction == Direction.HigherIsBetter ? Spec(target: 100) : Spec(direction: direction, baseline: 100, target: 40);
        var assessment = ProgressAssessor.Assess(spec, [V(D(2021), latest)], D(2021));
        Assert.Equal(expected, assessment.Status);
        Assert.Equal(expected == ProgressStatus.Achieved ? ReachOutcome.AlreadyReached : ReachOutcome.NotEnoughData, assessment.Reach.Outcome);
    }

    public static TheoryData<PathwayShape, double[]> MirrorCases()
    {
        var data = new TheoryData<PathwayShape, double[]>();
        double[][] serieses =
        [
            [10, 20, 30, 40, 50, 60],
            [10, 15, 20, 25, 30, 35],
            [10, 12, 11, 13, 12, 14],
            [10, 8, 6, 4, 2, 0],
            [10, 25, 30, 38, 45, 55],
            [10, 40, 60, 80, 95, 99],
            [10, 10, 10, 10, 10, 10],
        ];
        foreach (var shape in new[] { PathwayShape.Linear, PathwayShape.SCurve })
        {
            foreach (var s in serieses)
                data.Add(shape, s);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MirrorCases))]
    public void LowerIsBetterMirrorsHigherIsBetter(PathwayShape shape, double[] values)
    {
        var up = Spec(shape, Direction.HigherIsBetter, 10, 100);
        var down = Spec(shape, Direction.LowerIsBetter, -10, -100);
        var series = values.Select((v, i) => V(D(2020 + i), v)).ToArray();
        var mirrored = values.Select((v, i) => V(D(2020 + i), -v)).ToArray();
        var a = ProgressAssessor.Assess(up, series, D(2025, 3, 1));
        var b = ProgressAssessor.Assess(down, mirrored, D(2025, 3, 1));
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Gap!.Value, b.Gap!.Value, 1e-9);
        Assert.Equal(a.GapShare!.Value, b.GapShare!.Value, 1e-9);
        Assert.Equal(a.ProgressFraction, b.ProgressFraction, 1e-12);
        Assert.Equal(a.Reach.Outcome, b.Reach.Outcome);
        Assert.Equal(a.Reach.Date, b.Reach.Date);
    }

    [Fact]
    public void LowerIsBetterConstantRateBehindThePathIsNotOnTrack()
    {
        // Emissions should halve in ten years but only fall 1 % a year.
        var series = Series(2020, 2025, t => 1000 * Math.Pow(0.99, t));
        var assessment = ProgressAssessor.Assess(Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, 1000, 500), series, D(2025, 1, 1));
        Assert.True(assessment.Gap < 0);
        Assert.Equal(ProgressStatus.OffTrack, assessment.Status);
        Assert.Equal(-1, assessment.Pace!.PercentPerYear!.Value, 1e-9);
    }

    [Theory]
    [InlineData(-50.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(25.0, 0.25)]
    [InlineData(100.0, 1.0)]
    [InlineData(180.0, 1.0)]
    public void ProgressFractionIsTheShareOfTheWayClamped(double latest, double expected)
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2022), latest)], D(2022));
        Assert.Equal(expected, assessment.ProgressFraction, 1e-12);
    }

    [Fact]
    public void RequiredPaceRunsFromTheLatestObservationToTheFinalTarget()
    {
        var assessment = ProgressAssessor.Assess(Spec(PathwayShape.ConstantRate, Direction.LowerIsBetter, 1000, 500), [V(D(2025), 800)], D(2025));
        var years = Years(D(2025), End);
        Assert.Equal(-300 / years, assessment.RequiredPace!.UnitsPerYear, 1e-9);
        Assert.Equal((Math.Pow(500.0 / 800, 1 / years) - 1) * 100, assessment.RequiredPace.PercentPerYear!.Value, 1e-9);
    }

    [Fact]
    public void UnsortedSeriesIsReadInDateOrder()
    {
        var series = Series(2020, 2025, t => 10 * t);
        var shuffled = series.Reverse().ToArray();
        var a = ProgressAssessor.Assess(Spec(), series, D(2025, 2, 1));
        var b = ProgressAssessor.Assess(Spec(), shuffled, D(2025, 2, 1));
        Assert.Equal(a.Latest, b.Latest);
        Assert.Equal(a.Pace, b.Pace);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(7, 4)]
    [InlineData(20, 5)]
    [InlineData(60, 6)]
    [InlineData(20, 7, true)]
    [InlineData(21, 8, true)]
    [InlineData(40, 9, true)]
    public void PaceIsTheMedianOfAllPairwiseSlopes(int count, int seed, bool manyTies = false)
    {
        var random = new Random(seed);
        var asOf = D(2025, 1, 1);
        var series = Enumerable.Range(0, count)
            .Select(i => V(manyTies ? asOf.AddDays(-30 * (count - i)) : asOf.AddDays(-1800 * (count - i) / count), manyTies ? random.Next(3) : random.NextDouble() * 100))
            .ToArray();
        var slopes = new List<double>();
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
                slopes.Add((series[j].Value - series[i].Value) / Years(series[i].Date, series[j].Date));
        }
        slopes.Sort();
        var median = slopes.Count % 2 == 1 ? slopes[slopes.Count / 2] : (slopes[slopes.Count / 2 - 1] + slopes[slopes.Count / 2]) / 2;
        var assessment = ProgressAssessor.Assess(Spec(target: 1000), series, asOf);
        Assert.Equal(median, assessment.Pace!.Slope, 1e-9);
    }
}
