using System.Buffers;
using Masten.Core.Missions;

namespace Masten.Core.Progress;

/// <summary>
/// How an indicator, goal or mission is doing. The numeric order is not a severity order; use
/// <see cref="Rollup.Severity"/> for that.
/// </summary>
public enum ProgressStatus
{
    /// <summary>No observation yet.</summary>
    NotStarted,
    /// <summary>The final target is met by the latest observation (direction-aware).</summary>
    Achieved,
    /// <summary>At or ahead of the path, or close behind it with a pace that reaches the final target in time.</summary>
    OnTrack,
    /// <summary>Somewhat behind, or a pace that reaches the final target a little late.</summary>
    AtRisk,
    /// <summary>Far behind and not catching up in time.</summary>
    OffTrack,
    /// <summary>No observation for longer than the indicator's reporting interval allows.</summary>
    Stale,
}

/// <summary>Why a forecast date of the final target exists or does not.</summary>
public enum ReachOutcome
{
    /// <summary>The latest observation already meets the final target; the date is that observation's.</summary>
    AlreadyReached,
    /// <summary>The observed pace reaches the final target on the forecast date.</summary>
    Forecast,
    /// <summary>Fewer than two observations in the pace window: no pace to extrapolate.</summary>
    NotEnoughData,
    /// <summary>The observed pace is exactly zero.</summary>
    NoPace,
    /// <summary>The observed pace moves away from the final target.</summary>
    WrongDirection,
    /// <summary>The pace reaches the target, but later than <see cref="ProgressTolerances.ForecastLimitYears"/> from now.</summary>
    BeyondLimit,
}

/// <summary>Things about an assessment that its explanation must mention.</summary>
[Flags]
public enum AssessmentNotes
{
    None = 0,
    /// <summary>A constant-rate segment met a zero or negative value and was drawn as a line.</summary>
    ConstantRateFellBackToLinear = 1,
    /// <summary>A constant-rate indicator's pace was fitted in units, because a value in the window or the final target is zero or negative.</summary>
    PaceFittedLinearly = 2,
    /// <summary>Fewer than two observations in the pace window: status from the gap only.</summary>
    TooFewObservationsForPace = 4,
    /// <summary>The final target's date is on or before the latest observation (or asOf when there is none).</summary>
    FinalTargetDatePassed = 8,
    /// <summary>Some observation is later than the final target's date; the path holds the final value there.</summary>
    ObservationsAfterHorizon = 16,
    /// <summary>Some observation is earlier than the baseline; the path holds the baseline value there.</summary>
    ObservationsBeforeBaseline = 32,
    /// <summary>The final target equals the baseline: the task is to hold the level.</summary>
    HoldTheLevel = 64,
    /// <summary>Observations dated after asOf exist and were not used.</summary>
    ObservationsAfterAsOfIgnored = 128,
}

/// <summary>
/// The thresholds behind a status, with their defaults. Shares are fractions (0.05 = 5 %).
/// <para>
/// Rules, in order (gap and "change still to go" are defined on <see cref="Assessment"/>):
/// 1. no observation up to asOf → <see cref="ProgressStatus.NotStarted"/>;
/// 2. the latest value meets the final target → <see cref="ProgressStatus.Achieved"/> (a met target
///    stays met, so this comes before staleness);
/// 3. asOf is more than <see cref="StaleAfterIntervals"/> reporting intervals after the latest
///    observation → <see cref="ProgressStatus.Stale"/>;
/// 4. the latest value is at or better than the path at its date → <see cref="ProgressStatus.OnTrack"/>,
///    unless the forecast at the observed pace reaches the final target after its date (or never): then
///    <see cref="ProgressStatus.AtRisk"/>, so a status never contradicts its forecast;
/// 5. it is behind by at most <see cref="OnTrackGapShare"/> of the change still to go AND the
///    forecast reaches the final target by its date → OnTrack;
/// 6. it is behind by at most <see cref="AtRiskGapShare"/>, OR the forecast reaches the final target
///    at most <see cref="AtRiskLateYears"/> late → <see cref="ProgressStatus.AtRisk"/>;
/// 7. otherwise → <see cref="ProgressStatus.OffTrack"/>.
/// With too few observations for a pace, rules 5 and 6 use the gap alone.
/// Boundaries are inclusive: a gap of exactly 5 % is on track.
/// </para>
/// </summary>
public sealed record ProgressTolerances
{
    public static ProgressTolerances Default { get; } = new();

    /// <summary>Largest shortfall, as a share of the change still to go, that can still be on track. Default 0.05.</summary>
    public double OnTrackGapShare { get; init; } = 0.05;

    /// <summary>Largest shortfall, as a share of the change still to go, that is at risk rather than off track. Default 0.15.</summary>
    public double AtRiskGapShare { get; init; } = 0.15;

    /// <summary>How many years late the forecast may reach the final target and still be at risk rather than off track. Default 2.</summary>
    public double AtRiskLateYears { get; init; } = 2;

    /// <summary>Stale after this many expected reporting intervals without an observation. Default 1.5.</summary>
    public double StaleAfterIntervals { get; init; } = 1.5;

    /// <summary>The observed pace uses observations in (asOf − this many years, asOf]. Default 5.</summary>
    public double PaceWindowYears { get; init; } = 5;

    /// <summary>
    /// Floor of "the change still to go" as a share of the whole change from baseline to final
    /// target. Default 0.10. Without it the gap share would explode in the last months before the
    /// final date and be undefined after it.
    /// </summary>
    public double MinimumRemainingShare { get; init; } = 0.10;

    /// <summary>Forecast dates further than this many years after the latest observation are reported as <see cref="ReachOutcome.BeyondLimit"/>. Default 100.</summary>
    public double ForecastLimitYears { get; init; } = 100;

    /// <summary>The expected days between reports: a twelfth, a quarter or all of 365.2425 days.</summary>
    public static double IntervalDays(ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => YearMath.DaysPerYear / 12,
        ReportingFrequency.Quarterly => YearMath.DaysPerYear / 4,
        _ => YearMath.DaysPerYear,
    };

    internal void Validate()
    {
        if (!(OnTrackGapShare >= 0 && AtRiskGapShare >= OnTrackGapShare && AtRiskLateYears >= 0
            && StaleAfterIntervals > 0 && PaceWindowYears > 0 && MinimumRemainingShare >= 0
            && ForecastLimitYears > 0 && double.IsFinite(AtRiskGapShare + AtRiskLateYears + StaleAfterIntervals + PaceWindowYears + MinimumRemainingShare + ForecastLimitYears)))
            throw new ArgumentException("Tolerances must be finite, non-negative, with at-risk no tighter than on-track and positive windows.");
    }
}

/// <summary>
/// The pace seen in the observations of the pace window, by Theil–Sen (median of pairwise slopes).
/// </summary>
/// <param name="From">Date of the first observation used.</param>
/// <param name="To">Date of the last observation used (the latest one).</param>
/// <param name="Points">Number of observations used (at least 2).</param>
/// <param name="InLogSpace">True when fitted on ln(value), i.e. as a constant yearly rate.</param>
/// <param name="Slope">Median pairwise slope: units per year, or ln-units per year when <paramref name="InLogSpace"/>.</param>
/// <param name="UnitsPerYear">Change in units per year; in log space the change over the next year from the latest value, v·(e^slope − 1).</param>
/// <param name="PercentPerYear">In log space (e^slope − 1)·100; null for a fit in units.</param>
public sealed record ObservedPace(DateOnly From, DateOnly To, int Points, bool InLogSpace, double Slope, double UnitsPerYear, double? PercentPerYear);

/// <summary>
/// The pace needed to go from a point (the latest observation, or the baseline when there is none)
/// to the final target by its date: (target − from) / years, and ((target / from)^(1/years) − 1)·100 %.
/// </summary>
public sealed record RequiredPace(DatedValue From, DatedValue To, double Years, double UnitsPerYear, double? PercentPerYear);

/// <summary>
/// The value the observed pace gives at a target's date, or null when there is no pace or the date
/// is not after the latest observation (or asOf, without observations): <paramref name="Passed"/>.
/// </summary>
public readonly record struct TargetForecast(DatedValue Target, bool Passed, double? ForecastValue, bool? MeetsTarget);

/// <summary>When the final target is reached at the observed pace, or why no date can be given.</summary>
/// <param name="Outcome">Whether there is a date, and why not.</param>
/// <param name="Date">The forecast date; null unless <paramref name="Outcome"/> is Forecast or AlreadyReached.</param>
/// <param name="YearsLate">Years between the final target's date and <paramref name="Date"/>; negative means early.</param>
public readonly record struct ReachForecast(ReachOutcome Outcome, DateOnly? Date, double? YearsLate);

/// <summary>
/// The assessment of one indicator on a date. All numbers are finite. "Gap" is in better-is-positive
/// terms: positive means ahead of the path, negative behind, whatever the indicator's direction.
/// </summary>
public sealed record Assessment
{
    public required Trajectory Trajectory { get; init; }

    /// <summary>The tolerances the status was judged by.</summary>
    public required ProgressTolerances Tolerances { get; init; }

    public IndicatorSpec Spec => Trajectory.Spec;

    public required DateOnly AsOf { get; init; }

    public required ProgressStatus Status { get; init; }

    /// <summary>The latest current observation on or before <see cref="AsOf"/>; null when none.</summary>
    public DatedValue? Latest { get; init; }

    /// <summary>Whole days from <see cref="Latest"/> to <see cref="AsOf"/>.</summary>
    public int? DaysSinceLatest { get; init; }

    /// <summary>The path's value at the latest observation's date.</summary>
    public double? RequiredAtLatest { get; init; }

    /// <summary>The path's value at <see cref="AsOf"/>.</summary>
    public required double RequiredAtAsOf { get; init; }

    /// <summary>s·(latest − required at its date), in units, with s = +1 when higher is better and −1 when lower is better.</summary>
    public double? Gap { get; init; }

    /// <summary>s·(latest − required at asOf), in units: the old value against today's requirement.</summary>
    public double? GapAtAsOf { get; init; }

    /// <summary>
    /// The change still to go used as the gap's scale, in units:
    /// max(|final − required at the latest date|, <see cref="ProgressTolerances.MinimumRemainingShare"/>·|final − baseline|);
    /// when that is 0 (holding a level), |final|; when that is 0 too, 0 and <see cref="GapShare"/> is −1, 0 or 1.
    /// </summary>
    public double? ChangeStillToGo { get; init; }

    /// <summary><see cref="Gap"/> / <see cref="ChangeStillToGo"/>; −0.05 means 5 % of the change still to go behind.</summary>
    public double? GapShare { get; init; }

    /// <summary>(latest − baseline) / (final − baseline), clamped to 0–1; 0 without data; for a held level 1 when met, else 0.</summary>
    public required double ProgressFraction { get; init; }

    /// <summary>(required at asOf − baseline) / (final − baseline), clamped to 0–1: where the path says we should be.</summary>
    public required double RequiredFraction { get; init; }

    /// <summary>The pace seen in the window; null with fewer than two observations in it.</summary>
    public ObservedPace? Pace { get; init; }

    /// <summary>The pace needed from now to the final target; null when its date is not after the starting point.</summary>
    public RequiredPace? RequiredPace { get; init; }

    /// <summary>One forecast per target, in target order.</summary>
    public required IReadOnlyList<TargetForecast> Forecasts { get; init; }

    public required ReachForecast Reach { get; init; }

    public required AssessmentNotes Notes { get; init; }

    public bool HasData => Latest is not null;
}

/// <summary>
/// What an assessment needs from an indicator's current series on a date (<see cref="ProgressAssessor.Summarise"/>):
/// the latest observation on or before it, the observed pace in the window, and the notes the series gives
/// (<see cref="SeriesNotes"/>). Small enough to store: a read model keeps it per indicator and rebuilds the
/// assessment from it with <see cref="ProgressAssessor.Assess(Trajectory, SeriesSummary, DateOnly, ProgressTolerances?)"/>.
/// </summary>
public sealed record SeriesSummary(DatedValue? Latest, ObservedPace? Pace, AssessmentNotes Notes)
{
    /// <summary>The notes that come from the observations rather than from the path.</summary>
    public const AssessmentNotes SeriesNotes = AssessmentNotes.ObservationsAfterAsOfIgnored | AssessmentNotes.ObservationsBeforeBaseline
        | AssessmentNotes.ObservationsAfterHorizon | AssessmentNotes.PaceFittedLinearly;
}

/// <summary>Assesses an indicator's observations against its backcast path.</summary>
public static class ProgressAssessor
{
    // Above this many pairwise slopes the scratch buffer comes from the pool instead of the stack.
    private const int StackPairs = 512;

    /// <summary>Builds the path of <paramref name="spec"/> and assesses it; see the other overload.</summary>
    public static Assessment Assess(IndicatorSpec spec, IReadOnlyList<DatedValue> currentSeries, DateOnly asOf, ProgressTolerances? tolerances = null) =>
        Assess(Backcast.Build(spec), currentSeries, asOf, tolerances);

    /// <summary>
    /// Assesses <paramref name="currentSeries"/> (the non-superseded observations, one per date,
    /// ideally in date order; values must be finite) against <paramref name="trajectory"/> on
    /// <paramref name="asOf"/>. Observations after asOf are ignored.
    /// <para>
    /// Pace: Theil–Sen, the median of the slopes between every pair of observations in the window
    /// (asOf − <see cref="ProgressTolerances.PaceWindowYears"/>, asOf]. Chosen because one bad value
    /// moves a least-squares line a lot but a median of slopes hardly at all, and with at most ~20
    /// observations per indicator the n(n−1)/2 pairs are cheap. For constant-rate indicators it is
    /// fitted on ln(value) when every value in the window and the final target are positive, else in
    /// units (and noted).
    /// </para>
    /// <para>
    /// Forecast: the fitted slope extrapolated from the latest observation (not from the fitted
    /// line's intercept): where we are now is known, the slope says how fast we move.
    /// Linear: v(t) = v_L + slope·(t − t_L); log: v(t) = v_L·e^(slope·(t − t_L)), t in years.
    /// </para>
    /// <para>Status: see <see cref="ProgressTolerances"/>.</para>
    /// </summary>
    public static Assessment Assess(Trajectory trajectory, IReadOnlyList<DatedValue> currentSeries, DateOnly asOf, ProgressTolerances? tolerances = null) =>
        Assess(trajectory, Summarise(trajectory, currentSeries, asOf, tolerances), asOf, tolerances);

    /// <summary>
    /// The first date inside the pace window of <paramref name="asOf"/>: observations dated from it to asOf
    /// (inclusive) are the ones the pace is fitted on.
    /// </summary>
    public static DateOnly PaceWindowStart(DateOnly asOf, ProgressTolerances? tolerances = null)
    {
        var tol = tolerances ?? ProgressTolerances.Default;
        var start = (long)Math.Floor(asOf.DayNumber - tol.PaceWindowYears * YearMath.DaysPerYear) + 1;
        return DateOnly.FromDayNumber((int)Math.Clamp(start, DateOnly.MinValue.DayNumber, asOf.DayNumber));
    }

    /// <summary>
    /// What an assessment reads from the current series: the latest observation on or before asOf,
    /// the pace fitted in the window, and the notes the series gives. The summary of a series equals
    /// the summary of the series reduced to its observations from <see cref="PaceWindowStart"/> to asOf
    /// plus its earliest observation, its latest on or before asOf and its latest overall; that is what
    /// a read model needs to query.
    /// </summary>
    public static SeriesSummary Summarise(Trajectory trajectory, IReadOnlyList<DatedValue> currentSeries, DateOnly asOf, ProgressTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(currentSeries);
        var tol = tolerances ?? ProgressTolerances.Default;
        if (!ReferenceEquals(tol, ProgressTolerances.Default))
            tol.Validate();
        var series = InDateOrder(currentSeries);
        var baseline = trajectory.Baseline;
        var final = trajectory.FinalTarget;
        var notes = AssessmentNotes.None;
        var last = -1;
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Date <= asOf)
                last = i;
            else
                notes |= AssessmentNotes.ObservationsAfterAsOfIgnored;
        }
        for (var i = 0; i <= last; i++)
        {
            if (series[i].Date < baseline.Date)
                notes |= AssessmentNotes.ObservationsBeforeBaseline;
            if (series[i].Date > final.Date)
                notes |= AssessmentNotes.ObservationsAfterHorizon;
        }
        if (last < 0)
            return new SeriesSummary(null, null, notes);
        var windowStart = asOf.DayNumber - tol.PaceWindowYears * YearMath.DaysPerYear;
        var first = last;
        while (first > 0 && series[first - 1].Date.DayNumber > windowStart)
            first--;
        var pace = FitPace(series, first, last, trajectory.Spec.Shape == PathwayShape.ConstantRate, final.Value > 0, ref notes);
        return new SeriesSummary(series[last], pace, notes);
    }

    /// <summary>
    /// Assesses an indicator from the summary of its current series (<see cref="Summarise"/>), as the
    /// overload taking the whole series does: same inputs, same result.
    /// </summary>
    public static Assessment Assess(Trajectory trajectory, SeriesSummary summary, DateOnly asOf, ProgressTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(summary);
        var tol = tolerances ?? ProgressTolerances.Default;
        if (!ReferenceEquals(tol, ProgressTolerances.Default))
            tol.Validate();

        var sign = trajectory.Spec.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
        var notes = TrajectoryNotes(trajectory, summary.Notes);
        return summary.Latest is { } latest
            ? Measured(trajectory, latest, summary.Pace, asOf, sign, tol, notes)
            : NotStarted(trajectory, asOf, sign, tol, notes);
    }

    /// <summary>The series' notes, and what the trajectory itself must say: a constant rate drawn as a line, a level to hold.</summary>
    private static AssessmentNotes TrajectoryNotes(Trajectory trajectory, AssessmentNotes seriesNotes)
    {
        var notes = seriesNotes & SeriesSummary.SeriesNotes;
        if (trajectory.AnySegmentFellBackToLinear)
            notes |= AssessmentNotes.ConstantRateFellBackToLinear;
        if (trajectory.FinalTarget.Value == trajectory.Baseline.Value)
            notes |= AssessmentNotes.HoldTheLevel;
        return notes;
    }

    /// <summary>An indicator without a current observation on or before <paramref name="asOf"/>: not started, only the path is known.</summary>
    private static Assessment NotStarted(Trajectory trajectory, DateOnly asOf, double sign, ProgressTolerances tol, AssessmentNotes notes)
    {
        var final = trajectory.FinalTarget;
        if (final.Date <= asOf)
            notes |= AssessmentNotes.FinalTargetDatePassed;
        var requiredAtAsOf = trajectory.ValueAt(asOf);
        return new Assessment
        {
            Trajectory = trajectory,
            Tolerances = tol,
            AsOf = asOf,
            Status = ProgressStatus.NotStarted,
            RequiredAtAsOf = requiredAtAsOf,
            ProgressFraction = 0,
            RequiredFraction = Fraction(requiredAtAsOf, trajectory.Baseline.Value, final.Value, sign),
            RequiredPace = RequiredPaceFrom(trajectory, null),
            Forecasts = ForecastTargets(trajectory, sign, asOf, null, null),
            Reach = new ReachForecast(ReachOutcome.NotEnoughData, null, null),
            Notes = notes | AssessmentNotes.TooFewObservationsForPace,
        };
    }

    /// <summary>
    /// How far the latest observation is from the path on its date (direction-aware, positive when ahead), and that gap as a
    /// share of the change still to go (at least <see cref="ProgressTolerances.MinimumRemainingShare"/> of the whole change).
    /// </summary>
    private readonly record struct GapToPath(double RequiredAtLatest, double Gap, double ChangeStillToGo, double Share)
    {
        public static GapToPath Of(Trajectory trajectory, DatedValue latest, double sign, ProgressTolerances tol)
        {
            var final = trajectory.FinalTarget;
            var total = YearMath.Saturate(Math.Abs(final.Value - trajectory.Baseline.Value));
            var requiredAtLatest = trajectory.ValueAt(latest.Date);
            var gap = YearMath.Saturate(sign * (latest.Value - requiredAtLatest));
            var scale = YearMath.Saturate(Math.Max(Math.Abs(final.Value - requiredAtLatest), tol.MinimumRemainingShare * total));
            if (scale == 0)
                scale = Math.Abs(final.Value);
            var share = scale > 0 ? Math.Clamp(gap / scale, -1e9, 1e9) : Math.Sign(gap);
            return new GapToPath(requiredAtLatest, gap, scale, share);
        }
    }

    /// <summary>An indicator with a latest observation: its gap to the path, its pace, its forecast and from them its status.</summary>
    private static Assessment Measured(Trajectory trajectory, DatedValue latest, ObservedPace? pace, DateOnly asOf, double sign, ProgressTolerances tol, AssessmentNotes notes)
    {
        var final = trajectory.FinalTarget;
        if (final.Date <= latest.Date)
            notes |= AssessmentNotes.FinalTargetDatePassed;
        if (pace is null)
            notes |= AssessmentNotes.TooFewObservationsForPace;
        var path = GapToPath.Of(trajectory, latest, sign, tol);
        var achieved = sign * (latest.Value - final.Value) >= 0;
        var reach = achieved
            ? new ReachForecast(ReachOutcome.AlreadyReached, latest.Date, YearMath.Years(final.Date, latest.Date))
            : ReachDate(pace, latest, final, sign, tol);
        var daysSinceLatest = asOf.DayNumber - latest.Date.DayNumber;
        var requiredAtAsOf = trajectory.ValueAt(asOf);
        return new Assessment
        {
            Trajectory = trajectory,
            Tolerances = tol,
            AsOf = asOf,
            Status = Classify(achieved, daysSinceLatest, path.Gap, path.Share, pace is not null, reach, trajectory.Spec.Frequency, tol),
            Latest = latest,
            DaysSinceLatest = daysSinceLatest,
            RequiredAtLatest = path.RequiredAtLatest,
            RequiredAtAsOf = requiredAtAsOf,
            Gap = path.Gap,
            GapAtAsOf = YearMath.Saturate(sign * (latest.Value - requiredAtAsOf)),
            ChangeStillToGo = path.ChangeStillToGo,
            GapShare = path.Share,
            ProgressFraction = Fraction(latest.Value, trajectory.Baseline.Value, final.Value, sign),
            RequiredFraction = Fraction(requiredAtAsOf, trajectory.Baseline.Value, final.Value, sign),
            Pace = pace,
            RequiredPace = RequiredPaceFrom(trajectory, latest),
            Forecasts = ForecastTargets(trajectory, sign, asOf, latest, pace),
            Reach = reach,
            Notes = notes,
        };
    }

    private static ProgressStatus Classify(bool achieved, int daysSinceLatest, double gap, double gapShare, bool hasPace, ReachForecast reach, ReportingFrequency frequency, ProgressTolerances tol)
    {
        if (achieved)
            return ProgressStatus.Achieved;
        if (daysSinceLatest > tol.StaleAfterIntervals * ProgressTolerances.IntervalDays(frequency))
            return ProgressStatus.Stale;
        // At or ahead of the path, but the observed pace reaches the final target late (or never): at risk, so the
        // status never contradicts the forecast.
        var lateWhileAhead = hasPace && reach is not { Outcome: ReachOutcome.Forecast or ReachOutcome.AlreadyReached, YearsLate: <= 0 };
        if (gap >= 0)
            return lateWhileAhead ? ProgressStatus.AtRisk : ProgressStatus.OnTrack;
        var shortfall = -gapShare;
        // Without a pace there is no forecast to ask; the gap decides alone.
        var onTime = !hasPace || reach is { Outcome: ReachOutcome.Forecast, YearsLate: <= 0 };
        if (shortfall <= tol.OnTrackGapShare && onTime)
            return ProgressStatus.OnTrack;
        var slightlyLate = reach is { Outcome: ReachOutcome.Forecast, YearsLate: { } late } && late <= tol.AtRiskLateYears;
        if (shortfall <= tol.AtRiskGapShare || slightlyLate)
            return ProgressStatus.AtRisk;
        return ProgressStatus.OffTrack;
    }

    private static double Fraction(double value, double baseline, double final, double sign)
    {
        if (final == baseline)
            return sign * (value - final) >= 0 ? 1 : 0;
        var f = (value - baseline) / (final - baseline);
        return double.IsNaN(f) ? 0 : Math.Clamp(f, 0, 1);
    }

    /// <summary>
    /// The pace still needed on a date (<see cref="Assessment.RequiredPace"/>): from <paramref name="latest"/>, the latest
    /// current observation on or before that date (the baseline without one), to the final target. It reads nothing
    /// else of the series, so a roll-up that needs only this pace can skip the assessment; <see cref="Assess(Trajectory, SeriesSummary, DateOnly, ProgressTolerances?)"/>
    /// gives the same value. Null when the final target's date is not after that point.
    /// </summary>
    public static RequiredPace? RequiredPaceFrom(Trajectory trajectory, DatedValue? latest)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return Required(latest ?? trajectory.Baseline, trajectory.FinalTarget);
    }

    private static RequiredPace? Required(DatedValue from, DatedValue to)
    {
        if (to.Date <= from.Date)
            return null;
        var years = YearMath.Years(from.Date, to.Date);
        return new RequiredPace(from, to, years, YearMath.Saturate((to.Value - from.Value) / years), YearMath.CompoundPercentPerYear(from.Value, to.Value, years));
    }

    private static ObservedPace? FitPace(IReadOnlyList<DatedValue> series, int first, int last, bool constantRate, bool finalPositive, ref AssessmentNotes notes)
    {
        var n = last - first + 1;
        if (n < 2)
            return null;
        var latest = series[last];
        var inLog = constantRate && finalPositive && AllPositive(series, first, last);
        if (MedianSlope(series, first, last, inLog) is not { } median)
            return null;
        var slope = YearMath.Saturate(median);
        double unitsPerYear;
        double? percent = null;
        if (inLog)
        {
            var growth = Math.Exp(slope) - 1;
            unitsPerYear = YearMath.Saturate(latest.Value * growth);
            percent = YearMath.Saturate(growth * 100);
        }
        else
        {
            unitsPerYear = slope;
        }
        if (constantRate && !inLog)
            notes |= AssessmentNotes.PaceFittedLinearly;
        return new ObservedPace(series[first].Date, latest.Date, n, inLog, slope, unitsPerYear, percent);
    }

    private static bool AllPositive(IReadOnlyList<DatedValue> series, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            if (series[i].Value <= 0)
                return false;
        }
        return true;
    }

    /// <summary>
    /// The Theil–Sen slope of the window from <paramref name="first"/> to <paramref name="last"/>: the median of the slopes of
    /// every pair of observations, per year, in logarithms when <paramref name="inLog"/>. Null when every pair shares a date.
    /// </summary>
    private static double? MedianSlope(IReadOnlyList<DatedValue> series, int first, int last, bool inLog)
    {
        var n = last - first + 1;
        var latest = series[last];
        var pairs = n * (n - 1) / 2;
        double[]? rented = null;
        var slopes = pairs <= StackPairs ? stackalloc double[pairs] : (rented = ArrayPool<double>.Shared.Rent(pairs)).AsSpan(0, pairs);
        Span<double> x = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> y = n <= 64 ? stackalloc double[n] : new double[n];
        try
        {
            for (var i = 0; i < n; i++)
            {
                var p = series[first + i];
                x[i] = YearMath.Years(latest.Date, p.Date);
                y[i] = inLog ? Math.Log(p.Value) : p.Value;
            }
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    // Two values on one date carry no slope; skipping them keeps the median finite.
                    var dx = x[j] - x[i];
                    if (dx != 0)
                        slopes[count++] = (y[j] - y[i]) / dx;
                }
            }
            return count == 0 ? null : Median(slopes[..count]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static ReachForecast ReachDate(ObservedPace? pace, DatedValue latest, DatedValue final, double sign, ProgressTolerances tol)
    {
        if (pace is null)
            return new ReachForecast(ReachOutcome.NotEnoughData, null, null);
        if (pace.Slope == 0)
            return new ReachForecast(ReachOutcome.NoPace, null, null);
        if (sign * pace.Slope < 0)
            return new ReachForecast(ReachOutcome.WrongDirection, null, null);
        // The final target is not yet met and the pace points at it, so years > 0.
        var years = pace.InLogSpace
            ? Math.Log(final.Value / latest.Value) / pace.Slope
            : (final.Value - latest.Value) / pace.Slope;
        if (!(years <= tol.ForecastLimitYears))
            return new ReachForecast(ReachOutcome.BeyondLimit, null, null);
        var date = YearMath.AddYears(latest.Date, years);
        return new ReachForecast(ReachOutcome.Forecast, date, YearMath.Years(final.Date, date));
    }

    private static TargetForecast[] ForecastTargets(Trajectory trajectory, double sign, DateOnly asOf, DatedValue? latest, ObservedPace? pace)
    {
        var segments = trajectory.Segments;
        var result = new TargetForecast[segments.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var target = segments[i].End;
            var passed = target.Date <= (latest?.Date ?? asOf);
            double? value = null;
            bool? meets = null;
            if (!passed && latest is { } from && pace is not null)
            {
                var years = YearMath.Years(from.Date, target.Date);
                var v = YearMath.Saturate(pace.InLogSpace ? from.Value * Math.Exp(pace.Slope * years) : from.Value + pace.Slope * years);
                value = v;
                meets = sign * (v - target.Value) >= 0;
            }
            result[i] = new TargetForecast(target, passed, value, meets);
        }
        return result;
    }

    /// <summary>The median, by quickselect; reorders <paramref name="values"/>. Even counts average the two middle values.</summary>
    internal static double Median(Span<double> values)
    {
        var k = values.Length / 2;
        var upper = Select(values, k);
        if (values.Length % 2 == 1)
            return upper;
        // After selecting k, every value left of k is ≤ the k-th; the largest of them is the (k−1)-th.
        var lower = values[0];
        for (var i = 1; i < k; i++)
            lower = Math.Max(lower, values[i]);
        return lower / 2 + upper / 2;
    }

    /// <summary>
    /// The k-th smallest value (0-based), leaving every value left of k no larger and every value
    /// right of it no smaller. Quickselect with a branch-free Lomuto partition: on random slopes the
    /// classic partition mispredicts about half its comparisons, which made it 3–4 times slower.
    /// </summary>
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            // Median of three moved to a[hi], the pivot; it avoids the quadratic case on ordered slopes.
            var mid = lo + (hi - lo) / 2;
            if (a[mid] < a[lo])
                (a[mid], a[lo]) = (a[lo], a[mid]);
            if (a[hi] < a[lo])
                (a[hi], a[lo]) = (a[lo], a[hi]);
            if (a[mid] < a[hi])
                (a[mid], a[hi]) = (a[hi], a[mid]);
            var pivot = a[hi];
            var i = lo;
            for (var j = lo; j < hi; j++)
            {
                var t = a[j];
                a[j] = a[i];
                a[i] = t;
                i += t < pivot ? 1 : 0;
            }
            a[hi] = a[i];
            a[i] = pivot;
            if (k == i)
                return pivot;
            if (k < i)
            {
                hi = i - 1;
                continue;
            }
            lo = i + 1;
            // Values equal to the pivot are the smallest on the right; stepping over them keeps
            // runs of equal slopes (a flat series) from making this quadratic.
            while (a[lo] == pivot)
            {
                if (lo == k)
                    return pivot;
                lo++;
            }
        }
        return a[k];
    }

    private static IReadOnlyList<DatedValue> InDateOrder(IReadOnlyList<DatedValue> series)
    {
        var sorted = true;
        for (var i = 0; i < series.Count; i++)
        {
            if (!double.IsFinite(series[i].Value))
                throw new ArgumentException($"Observation {i} must have a finite value.", nameof(series));
            sorted &= i == 0 || series[i].Date >= series[i - 1].Date;
        }
        return sorted ? series : [.. series.OrderBy(o => o.Date)];
    }
}
