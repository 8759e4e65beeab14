using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

/// <summary>
/// The read model stores a <see cref="SeriesSummary"/> and queries only part of a series; both must give
/// exactly the assessment of the whole series.
/// </summary>
public class SeriesSummaryTests
{
    [Fact]
    public void PaceWindowStartIsTheFirstDayTheAssessmentCounts()
    {
        var asOf = D(2025, 6, 1);
        var start = ProgressAssessor.PaceWindowStart(asOf);
        var trajectory = Backcast.Build(Spec());
        // Two observations from the start on: a pace. One of them a day earlier: none.
        Assert.NotNull(ProgressAssessor.Summarise(trajectory, [V(start, 10), V(asOf, 20)], asOf).Pace);
        Assert.Null(ProgressAssessor.Summarise(trajectory, [V(start.AddDays(-1), 10), V(asOf, 20)], asOf).Pace);
    }

    [Fact]
    public void SummaryOfAnEmptySeriesHasNoLatestAndNoPace()
    {
        var summary = ProgressAssessor.Summarise(Backcast.Build(Spec()), [], D(2025));
        Assert.Null(summary.Latest);
        Assert.Null(summary.Pace);
        Assert.Equal(AssessmentNotes.None, summary.Notes);
    }

    [Fact]
    public void AssessingFromTheSummaryGivesTheAssessmentOfTheWholeSeriesOnRandomSeries()
    {
        var random = new Random(20261201);
        for (var n = 0; n < 3000; n++)
        {
            var (spec, series, asOf) = RandomCase(random);
            var trajectory = Backcast.Build(spec);
            var whole = ProgressAssessor.Assess(trajectory, series, asOf);
            var summary = ProgressAssessor.Summarise(trajectory, series, asOf);
            AssertSame(whole, ProgressAssessor.Assess(trajectory, summary, asOf), n);
        }
    }

    [Fact]
    public void TheWindowWithTheFirstTheLatestAndTheLastSummarisesAsTheWholeSeriesOnRandomSeries()
    {
        var random = new Random(7);
        for (var n = 0; n < 3000; n++)
        {
            var (spec, series, asOf) = RandomCase(random);
            var trajectory = Backcast.Build(spec);
            var start = ProgressAssessor.PaceWindowStart(asOf);
            // What the read model queries: the window, the first, the latest on or before asOf, the last.
            var reduced = series.Where((o, i) => (o.Date >= start && o.Date <= asOf) || i == 0 || i == series.Length - 1
                    || o.Date == series.Where(x => x.Date <= asOf).Select(x => (DateOnly?)x.Date).Max())
                .ToList();
            Assert.Equal(ProgressAssessor.Summarise(trajectory, series, asOf), ProgressAssessor.Summarise(trajectory, reduced, asOf));
        }
    }

    private static (IndicatorSpec Spec, DatedValue[] Series, DateOnly AsOf) RandomCase(Random random)
    {
        var shape = (PathwayShape)random.Next(Enum.GetValues<PathwayShape>().Length);
        var direction = random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter;
        var frequency = (ReportingFrequency)random.Next(Enum.GetValues<ReportingFrequency>().Length);
        var baseline = Math.Round(random.NextDouble() * 1000, 1);
        var target = random.Next(10) == 0 ? baseline : Math.Round(random.NextDouble() * 1000, 1);
        var spec = new IndicatorSpec("I", "t", direction, frequency, shape, V(D(2015), baseline), [V(D(2025), (baseline + target) / 2), V(D(2035), target)]);
        var count = random.Next(0, 120);
        var dates = Enumerable.Range(0, count).Select(_ => D(2010).AddDays(random.Next(0, 365 * 22))).Distinct().Order().ToArray();
        var series = dates.Select(d => V(d, random.Next(20) == 0 ? -random.NextDouble() * 10 : Math.Round(random.NextDouble() * 1000, 2))).ToArray();
        var asOf = D(2010).AddDays(random.Next(0, 365 * 24));
        return (spec, series, asOf);
    }

    private static void AssertSame(Assessment expected, Assessment actual, int n)
    {
        Assert.True(expected.Forecasts.SequenceEqual(actual.Forecasts), $"case {n}: forecasts differ");
        Assert.Equal(expected with { Forecasts = [] }, actual with { Forecasts = [] });
    }
}
