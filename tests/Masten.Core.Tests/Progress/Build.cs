using Masten.Core.Missions;
using Masten.Core.Progress;

namespace Masten.Core.Tests.Progress;

/// <summary>Small builders so each test shows only what matters to it.</summary>
internal static class Build
{
    public static readonly DateOnly Start = new(2020, 1, 1);
    public static readonly DateOnly End = new(2030, 1, 1);

    public static DateOnly D(int year, int month = 1, int day = 1) => new(year, month, day);

    public static DatedValue V(DateOnly date, double value) => new(date, value);

    public static IndicatorSpec Spec(
        PathwayShape shape = PathwayShape.Linear,
        Direction direction = Direction.HigherIsBetter,
        double baseline = 0,
        double target = 100,
        ReportingFrequency frequency = ReportingFrequency.Yearly,
        string name = "Indikatorn",
        string unit = "ton") =>
        new(name, unit, direction, frequency, shape, V(Start, baseline), [V(End, target)]);

    public static IndicatorSpec Spec(PathwayShape shape, DatedValue baseline, params DatedValue[] targets) =>
        new("Indikatorn", "ton", Direction.HigherIsBetter, ReportingFrequency.Yearly, shape, baseline, targets);

    /// <summary>Years between two dates as the algorithms count them (days / 365.2425).</summary>
    public static double Years(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / 365.2425;

    /// <summary>A yearly series on 1 January from <paramref name="fromYear"/> to <paramref name="toYear"/>, valued by fractional years since <see cref="Start"/>.</summary>
    public static DatedValue[] Series(int fromYear, int toYear, Func<double, double> valueAtYears) =>
        Enumerable.Range(fromYear, toYear - fromYear + 1)
            .Select(y => V(D(y), valueAtYears(Years(Start, D(y)))))
            .ToArray();

    /// <summary>An assessment in a chosen status, on the 0 → 100 linear plan over 2020–2030, as of 1 January 2025.</summary>
    public static Assessment InStatus(ProgressStatus status)
    {
        var spec = Spec();
        var asOf = D(2025);
        var onPath = Backcast.Build(spec).ValueAt(asOf);
        DatedValue[] series = status switch
        {
            ProgressStatus.Achieved => [V(asOf, 100)],
            ProgressStatus.OnTrack => [V(asOf, onPath)],
            ProgressStatus.AtRisk => [V(asOf, onPath - 5)],
            ProgressStatus.OffTrack => [V(asOf, onPath - 30)],
            ProgressStatus.Stale => [V(D(2022), 20)],
            _ => [],
        };
        var assessment = ProgressAssessor.Assess(spec, series, asOf);
        Assert.Equal(status, assessment.Status);
        return assessment;
    }
}
