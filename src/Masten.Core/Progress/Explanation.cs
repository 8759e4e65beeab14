using Masten.Core.Missions;
using static Masten.Core.Progress.ExplanationText;

namespace Masten.Core.Progress;

/// <summary>
/// What an assessment or a roll-up says, as structured sentences and steps rather than text: each sentence is a
/// <see cref="Phrase"/> (which text, with which numbers, dates and names), each step of a "how is this computed?"
/// view an <see cref="ExplanationInput"/>. <see cref="ExplanationWords"/> words them in Swedish, English or Danish
/// from the explanation texts (this folder's Texts.*.json), which are read by the same loader as the pages' texts.
/// Nothing is built until asked for, so assessing many indicators costs no explanation.
/// </summary>
public static class Explanation
{
    private static readonly ExplanationText[] NumberWords =
        [NumberWord0, NumberWord1, NumberWord2, NumberWord3, NumberWord4, NumberWord5, NumberWord6, NumberWord7, NumberWord8, NumberWord9, NumberWord10];

    private static readonly GivenText Nothing = new("");

    /// <summary>
    /// A few short sentences on the assessment: what pace is needed, what pace is seen, when the
    /// target is reached, and the status. <paramref name="name"/> replaces the spec's name, for an
    /// indicator named in several languages; it starts the first sentence as given.
    /// </summary>
    public static IReadOnlyList<Phrase> Sentences(Assessment assessment, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var spec = assessment.Spec;
        var subject = new GivenText(name ?? spec.Name);
        var unit = new GivenText(spec.Unit);
        var final = assessment.Trajectory.FinalTarget;
        var year = YearOf(final.Date);
        var said = new List<Phrase>();
        void Say(ExplanationText text, params ExplanationPart[] args) => said.Add(new Phrase(text, args));

        var usePercent = spec.Shape == PathwayShape.ConstantRate;
        // A change of a share measured in % is in percentage points; "öka med 2 %" would read as relative.
        ExplanationPart changeUnit = spec.Unit.Trim() == "%" ? new Phrase(PercentagePoints) : unit;
        if (assessment.Status == ProgressStatus.Achieved)
        {
            // "Målet är redan nått" below says it all; a needed pace would point the wrong way.
        }
        else if (assessment.Notes.HasFlag(AssessmentNotes.FinalTargetDatePassed) || assessment.RequiredPace is null)
        {
            Say(TargetDatePassed, year, new DateValue(final.Date));
        }
        else
        {
            var rp = assessment.RequiredPace;
            var way = new Phrase(rp.UnitsPerYear < 0 ? Fall : Rise);
            if (rp.UnitsPerYear == 0)
                Say(HoldLevel, subject, new QuantityValue(final.Value, unit), year);
            else if (usePercent && rp.PercentPerYear is { } pct)
                Say(NeedPace, subject, way, new PercentValue(pct), year, new Phrase(PerYear));
            else
                Say(NeedPace, subject, way, Size(rp.UnitsPerYear, changeUnit), year, PerYearAfter(changeUnit));
        }

        if (assessment.Latest is not { } latest)
            Say(NoObservations);
        else
            SayLatest(assessment, latest, unit, changeUnit, said);

        SayReach(assessment, year, said);

        // Ahead of the path today but late at the observed pace: the status says at risk, and this says why.
        if (assessment.Status == ProgressStatus.AtRisk && (assessment.Gap ?? -1) >= 0)
            Say(AheadButLate);
        Say(StatusIs, StatusOf(assessment.Status));
        if (assessment.Status == ProgressStatus.Stale)
            Say(StaleDays, new CountValue(assessment.DaysSinceLatest));
        SayNotes(assessment, changeUnit, said);
        return said;
    }

    /// <summary>What the assessment had to assume: a fallback to a straight path, values outside the path's years.</summary>
    private static void SayNotes(Assessment assessment, ExplanationPart changeUnit, List<Phrase> said)
    {
        var notes = assessment.Notes;
        if (notes.HasFlag(AssessmentNotes.ConstantRateFellBackToLinear))
            said.Add(new(FellBackToLinear));
        if (notes.HasFlag(AssessmentNotes.PaceFittedLinearly))
            said.Add(new(PaceInUnits, changeUnit));
        if (notes.HasFlag(AssessmentNotes.ObservationsBeforeBaseline))
            said.Add(new(BeforeBaseline));
        if (notes.HasFlag(AssessmentNotes.ObservationsAfterHorizon))
            said.Add(new(AfterHorizon));
        if (notes.HasFlag(AssessmentNotes.ObservationsAfterAsOfIgnored))
            said.Add(new(AfterAsOf, new DateValue(assessment.AsOf)));
    }

    /// <summary>The latest value against the plan, the gap's share, and the pace seen.</summary>
    private static void SayLatest(Assessment assessment, DatedValue latest, ExplanationPart unit, ExplanationPart changeUnit, List<Phrase> said)
    {
        var final = assessment.Trajectory.FinalTarget;
        var gap = assessment.Gap ?? 0;
        if (gap == 0)
            said.Add(new(LatestOnPlan, new QuantityValue(latest.Value, unit), new DateValue(latest.Date)));
        else
            said.Add(new(LatestVsPlan, new QuantityValue(latest.Value, unit), new DateValue(latest.Date), Size(gap, changeUnit), new Phrase(gap > 0 ? Ahead : Behind)));
        // The share is told only when its scale is what the words say: the change still to go
        // (not the floor used near and after the final date), or the level to hold.
        if (gap < 0 && assessment.GapShare is { } share && assessment.Status != ProgressStatus.Achieved)
        {
            if (assessment.Notes.HasFlag(AssessmentNotes.HoldTheLevel))
                said.Add(new(GapShareOfLevel, new PercentValue(share * 100)));
            else if (Math.Abs(final.Value - (assessment.RequiredAtLatest ?? 0)) == assessment.ChangeStillToGo)
                said.Add(new(GapShare, new PercentValue(share * 100)));
        }

        if (assessment.Pace is not { } pace)
        {
            said.Add(new(TooFewForPace));
            return;
        }
        var window = Window(assessment, pace);
        if (pace.Slope == 0)
            said.Add(new(PaceFlat, window));
        else if (pace.InLogSpace && pace.PercentPerYear is { } pct)
            said.Add(new(PaceSeen, window, new Phrase(pace.Slope < 0 ? Fallen : Risen), new PercentValue(pct), new Phrase(PerYear)));
        else
            said.Add(new(PaceSeen, window, new Phrase(pace.UnitsPerYear < 0 ? Fallen : Risen), Size(pace.UnitsPerYear, changeUnit), PerYearAfter(changeUnit)));
    }

    /// <summary>When the final target is reached at the pace seen, or why there is no forecast.</summary>
    private static void SayReach(Assessment assessment, YearValue year, List<Phrase> said)
    {
        var reach = assessment.Reach;
        switch (reach.Outcome)
        {
            case ReachOutcome.AlreadyReached:
                said.Add(new(AlreadyReached, year));
                break;
            case ReachOutcome.Forecast:
                said.Add(new(reach.YearsLate > 0 ? ReachLate : ReachInTime, YearOf(reach.Date!.Value)));
                break;
            case ReachOutcome.NoPace:
                said.Add(new(ReachNever));
                break;
            case ReachOutcome.WrongDirection:
                said.Add(new(MovingAway));
                break;
            case ReachOutcome.BeyondLimit:
                said.Add(new(ReachBeyond, new NumberValue(assessment.Tolerances.ForecastLimitYears)));
                break;
            default:
                if (assessment.HasData)
                    said.Add(new(NoForecast));
                break;
        }
    }

    /// <summary>The inputs and formulas behind an assessment, in order, for a "how is this computed?" view.</summary>
    public static IReadOnlyList<ExplanationInput> Inputs(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var spec = assessment.Spec;
        var unit = new GivenText(spec.Unit);
        var trajectory = assessment.Trajectory;
        var steps = new List<ExplanationInput>
        {
            new(new Phrase(LBaseline), Nothing, QuantityOn(trajectory.Baseline, unit)),
        };
        foreach (var segment in trajectory.Segments)
            steps.Add(new(new Phrase(LTarget), Nothing, QuantityOn(segment.End, unit)));
        steps.Add(new(new Phrase(LDirection), new Phrase(FDirection), new Phrase(spec.Direction == Direction.LowerIsBetter ? LowerIsBetter : HigherIsBetter)));
        foreach (var segment in trajectory.Segments)
        {
            var shape = segment.Shape switch
            {
                PathwayShape.ConstantRate => FConstantRate,
                PathwayShape.SCurve => FSCurve,
                _ => FLinear,
            };
            var pace = segment.RequiredPercentPerYear is { } pct && segment.Shape == PathwayShape.ConstantRate
                ? new JoinedParts(new PercentValue(pct, WithSign: true), new Phrase(PerYear))
                : new JoinedParts(new QuantityValue(segment.RequiredPacePerYear, unit, QuantityStyle.WithSign), PerYearAfter(unit));
            steps.Add(new(new Phrase(LSegment, YearOf(segment.Start.Date), YearOf(segment.End.Date)), new Phrase(shape), pace));
        }
        steps.Add(new(new Phrase(LRequiredAsOf), new Phrase(FPath), QuantityOn(new DatedValue(assessment.AsOf, assessment.RequiredAtAsOf), unit)));

        if (assessment.Latest is { } latest)
        {
            steps.Add(new(new Phrase(LLatest), Nothing, QuantityOn(latest, unit)));
            steps.Add(new(new Phrase(LRequiredAtLatest), new Phrase(FPath), new QuantityValue(assessment.RequiredAtLatest ?? 0, unit)));
            steps.Add(new(new Phrase(LGap), new Phrase(FGap), new QuantityValue(assessment.Gap ?? 0, unit, QuantityStyle.WithSign)));
            steps.Add(new(new Phrase(LStillToGo), new Phrase(FStillToGo, new PercentValue(assessment.Tolerances.MinimumRemainingShare * 100)), new QuantityValue(assessment.ChangeStillToGo ?? 0, unit)));
            steps.Add(new(new Phrase(LGapShare), new Phrase(FGapShare), new PercentValue((assessment.GapShare ?? 0) * 100, WithSign: true)));
            steps.Add(new(new Phrase(LFraction), new Phrase(FFraction), new PercentValue(assessment.ProgressFraction * 100)));
        }
        steps.Add(new(new Phrase(LRequiredFraction), new Phrase(FRequiredFraction), new PercentValue(assessment.RequiredFraction * 100)));
        AddPaceInputs(assessment, unit, steps);

        var reach = assessment.Reach;
        var reachFormula = reach.Outcome == ReachOutcome.Forecast ? new Phrase(assessment.Pace!.InLogSpace ? FReachLog : FReachUnits) : (ExplanationPart)Nothing;
        steps.Add(new(new Phrase(LReach), reachFormula, reach.Date is { } d ? new DateValue(d) : new Phrase(NoDate)));
        var t = assessment.Tolerances;
        steps.Add(new(new Phrase(LStatus),
            new Phrase(FStatus, new PercentValue(t.OnTrackGapShare * 100), new PercentValue(t.AtRiskGapShare * 100), new NumberValue(t.AtRiskLateYears)),
            StatusOf(assessment.Status)));
        return steps;
    }

    /// <summary>The required pace, the pace seen and the forecasts at each target it gives.</summary>
    private static void AddPaceInputs(Assessment assessment, GivenText unit, List<ExplanationInput> steps)
    {
        if (assessment.RequiredPace is { } rp)
        {
            var value = new List<ExplanationPart> { new QuantityValue(rp.UnitsPerYear, unit, QuantityStyle.WithSign), PerYearAfter(unit) };
            if (rp.PercentPerYear is { } pct)
                value.AddRange([new GivenText(" ("), new PercentValue(pct, WithSign: true), new Phrase(PerYear), new GivenText(")")]);
            steps.Add(new(new Phrase(LRequiredPace), new Phrase(FRequiredPace), new JoinedParts([.. value])));
        }
        if (assessment.Pace is { } observed)
        {
            var formula = new Phrase(observed.InLogSpace ? FPaceLog : FPaceUnits, new CountValue(observed.Points), new DateValue(observed.From), new DateValue(observed.To));
            var value = observed.PercentPerYear is { } pct
                ? new JoinedParts(new PercentValue(pct, WithSign: true), new Phrase(PerYear))
                : new JoinedParts(new QuantityValue(observed.UnitsPerYear, unit, QuantityStyle.WithSign), PerYearAfter(unit));
            steps.Add(new(new Phrase(LPace), formula, value));
        }
        foreach (var forecast in assessment.Forecasts)
        {
            if (forecast.ForecastValue is { } v)
                steps.Add(new(new Phrase(LForecastAt, new DateValue(forecast.Target.Date)), new Phrase(assessment.Pace!.InLogSpace ? FForecastLog : FForecastUnits), new QuantityValue(v, unit)));
        }
    }

    /// <summary>How a roll-up node got its status and fraction, in a few sentences.</summary>
    public static IReadOnlyList<Phrase> Sentences(RollupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Assessment is { } assessment)
            return Sentences(assessment, result.Name);
        var name = new GivenText(result.Name);
        var said = new List<Phrase>();
        void Say(ExplanationText text, params ExplanationPart[] args) => said.Add(new Phrase(text, args));

        if (result.Children.Count == 0)
        {
            Say(RollupEmpty, name);
        }
        else if (result.Rule == RollupRule.Weighted)
        {
            if (result.Fraction is { } fraction)
            {
                var counted = result.Children.Count - result.ChildrenWithoutData;
                Say(counted == 1 ? RollupWeightedOne : RollupWeighted, name, new PercentValue(fraction * 100), new CountValue(counted));
                Say(RollupRequired, new PercentValue((result.RequiredFraction ?? 0) * 100));
            }
            else
            {
                Say(RollupNoData, name);
            }
        }
        else
        {
            Say(RollupWeakest, name, new GivenText(result.DecidedBy ?? ""), StatusOf(result.Status));
        }
        if (result.Rule == RollupRule.Weighted || result.Children.Count == 0)
            Say(StatusIs, StatusOf(result.Status));
        if (result.ChildrenWithoutData > 0)
            Say(result.ChildrenWithoutData == 1 ? RollupOneWithoutData : RollupManyWithoutData, new CountValue(result.ChildrenWithoutData));
        return said;
    }

    /// <summary>One step per child (weight, share, fraction, contribution, status), then the result.</summary>
    public static IReadOnlyList<ExplanationInput> Inputs(RollupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Assessment is { } assessment)
            return Inputs(assessment);
        var steps = new List<ExplanationInput>();
        foreach (var child in result.Children)
        {
            var status = StatusOf(child.Status);
            var name = new GivenText(child.Name);
            if (result.Rule == RollupRule.Weighted && child.Contribution is { } contribution)
            {
                var formula = new Phrase(FContribution, new NumberValue(child.Weight), new PercentValue(child.WeightShare!.Value * 100), new PercentValue(child.Fraction!.Value * 100));
                steps.Add(new(name, formula, new JoinedParts(new PercentValue(contribution * 100), new GivenText(" ("), status, new GivenText(")"))));
            }
            else if (result.Rule == RollupRule.Weighted)
            {
                steps.Add(new(name, new Phrase(FNotCounted), status));
            }
            else
            {
                steps.Add(new(name, new Phrase(FSeverity, new CountValue(Rollup.Severity(child.Status))), status));
            }
        }
        var rule = new Phrase(result.Rule == RollupRule.Weighted ? FWeightedRule : FWeakestRule);
        steps.Add(new(new Phrase(LFraction), rule, result.Fraction is { } fr ? new PercentValue(fr * 100) : new Phrase(NoDate)));
        if (result.RequiredFraction is { } req)
            steps.Add(new(new Phrase(LRequiredFraction), new Phrase(FRequiredFractionRollup), new PercentValue(req * 100)));
        var t = result.Tolerances;
        var statusRule = new Phrase(result.Rule == RollupRule.Weighted ? FWeightedStatus : FWeakestStatus, new PercentValue(t.OnTrackGapShare * 100), new PercentValue(t.AtRiskGapShare * 100));
        steps.Add(new(new Phrase(LStatus), statusRule, StatusOf(result.Status)));
        return steps;
    }

    /// <summary>
    /// The mission in one line: how many indicators follow the plan (on track or achieved), how many are behind
    /// (at risk or off track) and how many lack recent values (none yet, or too old), e.g. "3 av 9 indikatorer
    /// följer planen, 5 ligger efter, 1 saknar nya värden." Parts that count zero are left out, except the first.
    /// </summary>
    public static ExplanationPart Summary(IEnumerable<ProgressStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        int onPlan = 0, behind = 0, noData = 0;
        foreach (var status in statuses)
        {
            switch (status)
            {
                case ProgressStatus.Achieved or ProgressStatus.OnTrack: onPlan++; break;
                case ProgressStatus.AtRisk or ProgressStatus.OffTrack: behind++; break;
                default: noData++; break;
            }
        }
        var total = onPlan + behind + noData;
        if (total == 0)
            return new Phrase(SummaryNone);
        var comma = new GivenText(", ");
        var parts = new List<ExplanationPart> { new Phrase(total == 1 ? SummaryOnPlanOne : SummaryOnPlan, new CountValue(onPlan), new CountValue(total)) };
        if (behind > 0)
            parts.AddRange([comma, new Phrase(behind == 1 ? SummaryBehindOne : SummaryBehind, new CountValue(behind))]);
        if (noData > 0)
            parts.AddRange([comma, new Phrase(noData == 1 ? SummaryNoDataOne : SummaryNoData, new CountValue(noData))]);
        parts.Add(new GivenText("."));
        return new JoinedParts([.. parts]);
    }

    /// <summary>The text that names a status in plain words.</summary>
    public static ExplanationText Status(ProgressStatus status) => status switch
    {
        ProgressStatus.Achieved => Achieved,
        ProgressStatus.OnTrack => OnTrack,
        ProgressStatus.AtRisk => AtRisk,
        ProgressStatus.OffTrack => OffTrack,
        ProgressStatus.Stale => Stale,
        _ => NotStarted,
    };

    private static Phrase StatusOf(ProgressStatus status) => new(Status(status));

    private static YearValue YearOf(DateOnly date) => new(date.Year);

    private static QuantityValue Size(double value, ExplanationPart unit) => new(value, unit, QuantityStyle.Size);

    private static JoinedParts QuantityOn(DatedValue v, ExplanationPart unit) =>
        new(new QuantityValue(v.Value, unit), new GivenText(" ("), new DateValue(v.Date), new GivenText(")"));

    /// <summary>
    /// " per år" after a change in <paramref name="unit"/>, or " varje år" when the unit is itself a yearly rate
    /// ("kg per person och år"), so that no sentence says "per år per år".
    /// </summary>
    private static Phrase PerYearAfter(ExplanationPart unit) =>
        new(unit is GivenText given && IsYearlyUnit(given.Text) ? EveryYear : PerYear);

    /// <summary>
    /// "De senaste fem åren": the pace window in words, when the observations behind the pace fill it; else the
    /// years they cover ("Mellan 2023 och 2025", "Under 2025"), so a window is never claimed without its data.
    /// </summary>
    private static Phrase Window(Assessment assessment, ObservedPace pace)
    {
        var years = assessment.Tolerances.PaceWindowYears;
        // The data fill the window when the first observation used, plus one reporting interval (the time it
        // stands for), reaches back to within half a year of the window's start.
        var covered = (assessment.AsOf.DayNumber - pace.From.DayNumber + ProgressTolerances.IntervalDays(assessment.Spec.Frequency)) / 365.25;
        if (covered < years - 0.5)
            return pace.From.Year == pace.To.Year
                ? new Phrase(During, YearOf(pace.From))
                : new Phrase(Between, YearOf(pace.From), YearOf(pace.To));
        if (years == 1)
            return new Phrase(LastYear);
        ExplanationPart count = years == Math.Floor(years) && years < NumberWords.Length
            ? new Phrase(NumberWords[(int)years])
            : new NumberValue(years, "0.#");
        return new Phrase(LastYears, count);
    }

    private static readonly string[] CountPrefixes = ["antal ", "number of ", "no. of "];
    private static readonly string[] YearlySuffixes = [" per år", " och år", "/år", " om året", " pr. år", " per year", " a year", "/year", "/yr", " per annum"];

    /// <summary>
    /// The unit as it reads after a number: a count unit named "antal kommuner" (sv, da) or "number of towns" (en)
    /// reads "10 kommuner", not "10 antal kommuner". Other units are unchanged.
    /// </summary>
    public static string CountedUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var trimmed = unit.Trim();
        foreach (var prefix in CountPrefixes)
        {
            if (trimmed.Length > prefix.Length && trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return trimmed[prefix.Length..];
        }
        return trimmed;
    }

    /// <summary>Whether the unit is itself a yearly rate ("kg per person och år", "t/år", "GWh per year").</summary>
    public static bool IsYearlyUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var trimmed = unit.Trim();
        return YearlySuffixes.Any(s => trimmed.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
