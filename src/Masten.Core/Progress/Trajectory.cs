using Masten.Core.Missions;

namespace Masten.Core.Progress;

/// <summary>A value on a date: a baseline, a target, an observation or a point on a path.</summary>
public readonly record struct DatedValue(DateOnly Date, double Value);

/// <summary>
/// What the progress algorithms need to know about an indicator, as plain values (no entities).
/// <paramref name="Targets"/> are in strictly increasing date order, all after the baseline;
/// the last one is the final target. <paramref name="Name"/> and <paramref name="Unit"/> are
/// used as given in explanations ("Utsläppen", "ton").
/// </summary>
public sealed record IndicatorSpec(
    string Name,
    string Unit,
    Direction Direction,
    ReportingFrequency Frequency,
    PathwayShape Shape,
    DatedValue Baseline,
    IReadOnlyList<DatedValue> Targets);

/// <summary>
/// One piece of the backcast path, between two consecutive points (baseline or targets).
/// </summary>
public sealed class TrajectorySegment
{
    /// <summary>
    /// Logistic steepness of the S-curve: the untrimmed logistic runs from 1 % to 99 % of the
    /// change across the segment, k = 2·ln 99 ≈ 9.19. The curve is then stretched so it passes
    /// exactly through both endpoints (see <see cref="ValueAt"/>).
    /// </summary>
    public static readonly double SCurveSteepness = 2 * Math.Log(99);

    private static readonly double SCurveLow = Logistic(-SCurveSteepness / 2);
    private static readonly double SCurveSpan = Logistic(SCurveSteepness / 2) - SCurveLow;

    private readonly double logRatio;

    internal TrajectorySegment(DatedValue start, DatedValue end, PathwayShape requestedShape)
    {
        Start = start;
        End = end;
        RequestedShape = requestedShape;
        // A constant annual rate needs a ratio between two positive values; with zero or a
        // negative value at either end no exponential passes through both, so draw a line.
        Shape = requestedShape == PathwayShape.ConstantRate && !(start.Value > 0 && end.Value > 0)
            ? PathwayShape.Linear
            : requestedShape;
        Years = YearMath.Years(start.Date, end.Date);
        logRatio = Shape == PathwayShape.ConstantRate ? Math.Log(end.Value / start.Value) : 0;
        RequiredPacePerYear = YearMath.Saturate((end.Value - start.Value) / Years);
    }

    public DatedValue Start { get; }

    public DatedValue End { get; }

    /// <summary>The shape asked for by the indicator.</summary>
    public PathwayShape RequestedShape { get; }

    /// <summary>The shape used: <see cref="RequestedShape"/>, or linear when a constant rate was impossible.</summary>
    public PathwayShape Shape { get; }

    /// <summary>True when a constant-rate segment was drawn as a line because a value was zero or negative.</summary>
    public bool FellBackToLinear => Shape != RequestedShape;

    /// <summary>Length in years (days / 365.2425); always positive.</summary>
    public double Years { get; }

    /// <summary>Average required change in the indicator's units per year: (end − start) / years.</summary>
    public double RequiredPacePerYear { get; }

    /// <summary>
    /// Required compound change in percent per year, ((end / start)^(1 / years) − 1) · 100, e.g. −6.2
    /// for a 6.2 % yearly cut. Null when either end is zero or negative (no rate exists) or the rate
    /// is too large to represent. Exact for constant-rate segments, an average for the others.
    /// Computed on each read (a log and an exp), so that building many paths does not pay for it.
    /// </summary>
    public double? RequiredPercentPerYear => YearMath.CompoundPercentPerYear(Start.Value, End.Value, Years);

    /// <summary>
    /// The required value at <paramref name="date"/>, with f = share of the segment's days elapsed,
    /// clamped to 0–1:
    /// linear v0 + (v1 − v0)·f; constant rate v0·(v1 / v0)^f;
    /// S-curve v0 + (v1 − v0)·(σ(k(f − ½)) − σ(−k/2)) / (σ(k/2) − σ(−k/2)) with σ the logistic function
    /// and k = <see cref="SCurveSteepness"/>.
    /// </summary>
    public double ValueAt(DateOnly date)
    {
        var f = Math.Clamp((double)(date.DayNumber - Start.Date.DayNumber) / (End.Date.DayNumber - Start.Date.DayNumber), 0, 1);
        return ValueAtFraction(f);
    }

    internal double ValueAtFraction(double f)
    {
        // Endpoints are returned exactly so the path passes through every target without rounding.
        if (f <= 0)
            return Start.Value;
        if (f >= 1)
            return End.Value;
        return Shape switch
        {
            PathwayShape.ConstantRate => Start.Value * Math.Exp(logRatio * f),
            PathwayShape.SCurve => Lerp((Logistic(SCurveSteepness * (f - 0.5)) - SCurveLow) / SCurveSpan),
            _ => Lerp(f),
        };
    }

    // v0·(1 − s) + v1·s rather than v0 + (v1 − v0)·s: the difference of two huge values of opposite
    // sign overflows, the weighted sum never leaves the range between them.
    private double Lerp(double s) => Start.Value * (1 - s) + End.Value * s;

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}

/// <summary>
/// The backcast path of one indicator: from the baseline through every dated target, one
/// <see cref="TrajectorySegment"/> per pair of consecutive points, each in the indicator's shape.
/// </summary>
public sealed class Trajectory
{
    private readonly TrajectorySegment[] segments;
    private IReadOnlyList<DatedValue>? milestones;

    internal Trajectory(IndicatorSpec spec, TrajectorySegment[] segments)
    {
        Spec = spec;
        this.segments = segments;
    }

    public IndicatorSpec Spec { get; }

    public DatedValue Baseline => Spec.Baseline;

    /// <summary>The last target: what the mission wants at its horizon.</summary>
    public DatedValue FinalTarget => segments[^1].End;

    public IReadOnlyList<TrajectorySegment> Segments => segments;

    /// <summary>True when some constant-rate segment had to be drawn as a line (a value was zero or negative).</summary>
    public bool AnySegmentFellBackToLinear => Array.Exists(segments, s => s.FellBackToLinear);

    /// <summary>
    /// The required value on <paramref name="date"/>: the baseline value on or before the baseline
    /// date, the final target's value on or after its date, else the value of the segment the date
    /// falls in.
    /// </summary>
    public double ValueAt(DateOnly date)
    {
        if (date <= Baseline.Date)
            return Baseline.Value;
        foreach (var segment in segments)
        {
            if (date <= segment.End.Date)
                return segment.ValueAt(date);
        }
        return FinalTarget.Value;
    }

    /// <summary>
    /// Yearly milestones: the required value on 31 December of every year from the baseline's year
    /// to the final target's year, keeping only dates from the baseline to the final target
    /// (inclusive). Year-end dates, rather than anniversaries of the baseline, because programmes
    /// report and review by calendar year. Computed on first use.
    /// </summary>
    public IReadOnlyList<DatedValue> Milestones => milestones ??= BuildMilestones();

    private DatedValue[] BuildMilestones()
    {
        var list = new List<DatedValue>(FinalTarget.Date.Year - Baseline.Date.Year + 1);
        for (var year = Baseline.Date.Year; year <= FinalTarget.Date.Year; year++)
        {
            var date = new DateOnly(year, 12, 31);
            if (date >= Baseline.Date && date <= FinalTarget.Date)
                list.Add(new DatedValue(date, ValueAt(date)));
        }
        return [.. list];
    }
}

/// <summary>Builds the backcast path of an indicator: "think upside down", from the targets back to today.</summary>
public static class Backcast
{
    /// <summary>
    /// Builds the path from <see cref="IndicatorSpec.Baseline"/> through each target in date order.
    /// Throws <see cref="ArgumentException"/> when the spec breaks its contract (no targets, a value
    /// that is not finite, a target not after the previous point); <see cref="MissionRules"/> keeps
    /// stored indicators within it.
    /// </summary>
    public static Trajectory Build(IndicatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Targets is null || spec.Targets.Count == 0)
            throw new ArgumentException("An indicator needs at least one target.", nameof(spec));
        if (!double.IsFinite(spec.Baseline.Value))
            throw new ArgumentException("The baseline value must be a finite number.", nameof(spec));
        var segments = new TrajectorySegment[spec.Targets.Count];
        var previous = spec.Baseline;
        for (var i = 0; i < segments.Length; i++)
        {
            var target = spec.Targets[i];
            if (!double.IsFinite(target.Value))
                throw new ArgumentException($"Target {i} must have a finite value.", nameof(spec));
            if (target.Date <= previous.Date)
                throw new ArgumentException($"Target {i} must come after the baseline and the targets before it.", nameof(spec));
            segments[i] = new TrajectorySegment(previous, target, spec.Shape);
            previous = target;
        }
        return new Trajectory(spec, segments);
    }
}

/// <summary>Shared arithmetic on dates and rates.</summary>
internal static class YearMath
{
    /// <summary>Mean Gregorian year in days.</summary>
    public const double DaysPerYear = 365.2425;

    public static double Years(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / DaysPerYear;

    /// <summary>((end / start)^(1 / years) − 1) · 100, or null when undefined or not representable.</summary>
    public static double? CompoundPercentPerYear(double start, double end, double years)
    {
        if (!(start > 0 && end > 0 && years > 0))
            return null;
        var percent = (Math.Exp(Math.Log(end / start) / years) - 1) * 100;
        return double.IsFinite(percent) ? percent : null;
    }

    /// <summary>Keeps extreme results finite: ±∞ becomes ±<see cref="double.MaxValue"/>, NaN becomes 0.</summary>
    public static double Saturate(double x) =>
        double.IsNaN(x) ? 0 : Math.Clamp(x, -double.MaxValue, double.MaxValue);

    public static DateOnly AddYears(DateOnly date, double years)
    {
        var days = Math.Round(years * DaysPerYear);
        var max = DateOnly.MaxValue.DayNumber - date.DayNumber;
        var min = DateOnly.MinValue.DayNumber - date.DayNumber;
        return DateOnly.FromDayNumber(date.DayNumber + (int)Math.Clamp(days, min, max));
    }
}
