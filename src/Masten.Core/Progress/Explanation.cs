using System.Globalization;
using System.Text;
using Masten.Core.Missions;

namespace Masten.Core.Progress;

/// <summary>One line of a "how is this computed?" view: what it is, how it is computed, and its value.</summary>
public sealed record ExplanationStep(string Label, string Formula, string Value);

/// <summary>
/// Turns assessments and roll-ups into short plain-language text (Swedish, English or Danish,
/// chosen by the culture's language; anything else gets English) and into a list of the inputs and
/// formulas behind each number. Numbers follow the culture: sv-SE "1 200,5" with a non-breaking
/// space between thousands, en "1,200.5". A non-breaking space also joins a number to "%" or its unit.
/// Text is built only when asked for, so assessing many indicators costs no text.
/// </summary>
public static class Explanation
{
    private const char Nbsp = '\u00A0';

    /// <summary>
    /// A few short sentences on the assessment: what pace is needed, what pace is seen, when the
    /// target is reached, and the status. <paramref name="name"/> replaces the spec's name, for an
    /// indicator named in several languages; it starts the first sentence as given.
    /// </summary>
    public static string Describe(Assessment assessment, CultureInfo culture, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(culture);
        var w = Words.For(culture);
        var f = new Fmt(culture);
        var spec = assessment.Spec;
        var subject = name ?? spec.Name;
        var final = assessment.Trajectory.FinalTarget;
        var year = Year(final.Date);
        var text = new StringBuilder(512);

        void Say(string format, params object?[] args)
        {
            if (text.Length > 0)
                text.Append(' ');
            text.AppendFormat(culture, format, args);
        }

        var usePercent = spec.Shape == PathwayShape.ConstantRate;
        // A change of a share measured in % is in percentage points; "öka med 2 %" would read as relative.
        var changeUnit = spec.Unit.Trim() == "%" ? w.PercentagePoints : spec.Unit;
        if (assessment.Status == ProgressStatus.Achieved)
        {
            // "Målet är redan nått" below says it all; a needed pace would point the wrong way.
        }
        else if (assessment.Notes.HasFlag(AssessmentNotes.FinalTargetDatePassed) || assessment.RequiredPace is null)
        {
            Say(w.TargetDatePassed, year, f.Date(final.Date));
        }
        else
        {
            var rp = assessment.RequiredPace;
            if (rp.UnitsPerYear == 0)
                Say(w.HoldLevel, subject, f.Quantity(final.Value, spec.Unit), year);
            else if (usePercent && rp.PercentPerYear is { } pct)
                Say(w.NeedPace, subject, rp.UnitsPerYear < 0 ? w.Fall : w.Rise, f.Percent(pct), year, w.PerYear);
            else
                Say(w.NeedPace, subject, rp.UnitsPerYear < 0 ? w.Fall : w.Rise, f.Amount(rp.UnitsPerYear, changeUnit), year, w.PerYearAfter(changeUnit));
        }

        if (assessment.Latest is not { } latest)
        {
            Say(w.NoObservations);
        }
        else
        {
            var gap = assessment.Gap ?? 0;
            if (gap == 0)
                Say(w.LatestOnPlan, f.Quantity(latest.Value, spec.Unit), f.Date(latest.Date));
            else
                Say(w.LatestVsPlan, f.Quantity(latest.Value, spec.Unit), f.Date(latest.Date), f.Amount(gap, changeUnit), gap > 0 ? w.Ahead : w.Behind);
            // The share is told only when its scale is what the words say: the change still to go
            // (not the floor used near and after the final date), or the level to hold.
            if (gap < 0 && assessment.GapShare is { } share && assessment.Status != ProgressStatus.Achieved)
            {
                if (assessment.Notes.HasFlag(AssessmentNotes.HoldTheLevel))
                    Say(w.GapShareOfLevel, f.Percent(share * 100));
                else if (Math.Abs(final.Value - (assessment.RequiredAtLatest ?? 0)) == assessment.ChangeStillToGo)
                    Say(w.GapShare, f.Percent(share * 100));
            }

            if (assessment.Pace is not { } pace)
            {
                Say(w.TooFewForPace);
            }
            else
            {
                var window = w.Window(assessment, pace, culture);
                if (pace.Slope == 0)
                    Say(w.PaceFlat, window);
                else if (pace.InLogSpace && pace.PercentPerYear is { } pct)
                    Say(w.PaceSeen, window, pace.Slope < 0 ? w.Fallen : w.Risen, f.Percent(pct), w.PerYear);
                else
                    Say(w.PaceSeen, window, pace.UnitsPerYear < 0 ? w.Fallen : w.Risen, f.Amount(pace.UnitsPerYear, changeUnit), w.PerYearAfter(changeUnit));
            }
        }

        var reach = assessment.Reach;
        switch (reach.Outcome)
        {
            case ReachOutcome.AlreadyReached:
                Say(w.AlreadyReached, year);
                break;
            case ReachOutcome.Forecast:
                Say(reach.YearsLate > 0 ? w.ReachLate : w.ReachInTime, Year(reach.Date!.Value));
                break;
            case ReachOutcome.NoPace:
                Say(w.ReachNever);
                break;
            case ReachOutcome.WrongDirection:
                Say(w.MovingAway);
                break;
            case ReachOutcome.BeyondLimit:
                Say(w.ReachBeyond, f.Number(assessment.Tolerances.ForecastLimitYears));
                break;
            default:
                if (assessment.HasData)
                    Say(w.NoForecast);
                break;
        }

        // Ahead of the path today but late at the observed pace: the status says at risk, and this says why.
        if (assessment.Status == ProgressStatus.AtRisk && (assessment.Gap ?? -1) >= 0)
            Say(w.AheadButLate);
        Say(w.StatusIs, StatusText(assessment.Status, culture));
        if (assessment.Status == ProgressStatus.Stale)
            Say(w.StaleDays, assessment.DaysSinceLatest);

        var notes = assessment.Notes;
        if (notes.HasFlag(AssessmentNotes.ConstantRateFellBackToLinear))
            Say(w.FellBackToLinear);
        if (notes.HasFlag(AssessmentNotes.PaceFittedLinearly))
            Say(w.PaceInUnits, changeUnit);
        if (notes.HasFlag(AssessmentNotes.ObservationsBeforeBaseline))
            Say(w.BeforeBaseline);
        if (notes.HasFlag(AssessmentNotes.ObservationsAfterHorizon))
            Say(w.AfterHorizon);
        if (notes.HasFlag(AssessmentNotes.ObservationsAfterAsOfIgnored))
            Say(w.AfterAsOf, f.Date(assessment.AsOf));
        return text.ToString();
    }

    /// <summary>The inputs and formulas behind an assessment, in order, for a "how is this computed?" view.</summary>
    public static IReadOnlyList<ExplanationStep> Steps(Assessment assessment, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(culture);
        var w = Words.For(culture);
        var f = new Fmt(culture);
        var spec = assessment.Spec;
        var unit = spec.Unit;
        var trajectory = assessment.Trajectory;
        var steps = new List<ExplanationStep>
        {
            new(w.LBaseline, "", f.QuantityOn(trajectory.Baseline, unit)),
        };
        foreach (var segment in trajectory.Segments)
            steps.Add(new(w.LTarget, "", f.QuantityOn(segment.End, unit)));
        steps.Add(new(w.LDirection, w.FDirection, spec.Direction == Direction.LowerIsBetter ? w.LowerIsBetter : w.HigherIsBetter));
        foreach (var segment in trajectory.Segments)
        {
            var shape = segment.Shape switch
            {
                PathwayShape.ConstantRate => w.FConstantRate,
                PathwayShape.SCurve => w.FSCurve,
                _ => w.FLinear,
            };
            var pace = segment.RequiredPercentPerYear is { } pct && segment.Shape == PathwayShape.ConstantRate
                ? f.SignedPercent(pct) + w.PerYear
                : f.SignedQuantity(segment.RequiredPacePerYear, unit) + w.PerYearAfter(unit);
            steps.Add(new(string.Format(culture, w.LSegment, Year(segment.Start.Date), Year(segment.End.Date)), shape, pace));
        }
        steps.Add(new(w.LRequiredAsOf, w.FPath, f.QuantityOn(new DatedValue(assessment.AsOf, assessment.RequiredAtAsOf), unit)));

        if (assessment.Latest is { } latest)
        {
            steps.Add(new(w.LLatest, "", f.QuantityOn(latest, unit)));
            steps.Add(new(w.LRequiredAtLatest, w.FPath, f.Quantity(assessment.RequiredAtLatest ?? 0, unit)));
            steps.Add(new(w.LGap, w.FGap, f.SignedQuantity(assessment.Gap ?? 0, unit)));
            steps.Add(new(w.LStillToGo, string.Format(culture, w.FStillToGo, f.Percent(assessment.Tolerances.MinimumRemainingShare * 100)), f.Quantity(assessment.ChangeStillToGo ?? 0, unit)));
            steps.Add(new(w.LGapShare, w.FGapShare, f.SignedPercent((assessment.GapShare ?? 0) * 100)));
            steps.Add(new(w.LFraction, w.FFraction, f.Percent(assessment.ProgressFraction * 100)));
        }
        steps.Add(new(w.LRequiredFraction, w.FRequiredFraction, f.Percent(assessment.RequiredFraction * 100)));

        if (assessment.RequiredPace is { } rp)
        {
            var value = f.SignedQuantity(rp.UnitsPerYear, unit) + w.PerYearAfter(unit);
            if (rp.PercentPerYear is { } pct)
                value += " (" + f.SignedPercent(pct) + w.PerYear + ")";
            steps.Add(new(w.LRequiredPace, w.FRequiredPace, value));
        }
        if (assessment.Pace is { } observed)
        {
            var formula = string.Format(culture, observed.InLogSpace ? w.FPaceLog : w.FPaceUnits, observed.Points, f.Date(observed.From), f.Date(observed.To));
            var value = observed.PercentPerYear is { } pct
                ? f.SignedPercent(pct) + w.PerYear
                : f.SignedQuantity(observed.UnitsPerYear, unit) + w.PerYearAfter(unit);
            steps.Add(new(w.LPace, formula, value));
        }
        foreach (var forecast in assessment.Forecasts)
        {
            if (forecast.ForecastValue is { } v)
                steps.Add(new(string.Format(culture, w.LForecastAt, f.Date(forecast.Target.Date)), assessment.Pace!.InLogSpace ? w.FForecastLog : w.FForecastUnits, f.Quantity(v, unit)));
        }
        var reach = assessment.Reach;
        steps.Add(new(w.LReach, reach.Outcome == ReachOutcome.Forecast ? (assessment.Pace!.InLogSpace ? w.FReachLog : w.FReachUnits) : "", reach.Date is { } d ? f.Date(d) : w.NoDate));
        var t = assessment.Tolerances;
        steps.Add(new(w.LStatus, string.Format(culture, w.FStatus, f.Percent(t.OnTrackGapShare * 100), f.Percent(t.AtRiskGapShare * 100), f.Number(t.AtRiskLateYears)), StatusText(assessment.Status, culture)));
        return steps;
    }

    /// <summary>How a roll-up node got its status and fraction, in a few sentences.</summary>
    public static string Describe(RollupResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(culture);
        if (result.Assessment is { } assessment)
            return Describe(assessment, culture, result.Name);
        var w = Words.For(culture);
        var f = new Fmt(culture);
        var text = new StringBuilder(512);

        void Say(string format, params object?[] args)
        {
            if (text.Length > 0)
                text.Append(' ');
            text.AppendFormat(culture, format, args);
        }

        if (result.Children.Count == 0)
        {
            Say(w.RollupEmpty, result.Name);
        }
        else if (result.Rule == RollupRule.Weighted)
        {
            if (result.Fraction is { } fraction)
            {
                var counted = result.Children.Count - result.ChildrenWithoutData;
                Say(counted == 1 ? w.RollupWeightedOne : w.RollupWeighted, result.Name, f.Percent(fraction * 100), counted);
                Say(w.RollupRequired, f.Percent((result.RequiredFraction ?? 0) * 100));
            }
            else
            {
                Say(w.RollupNoData, result.Name);
            }
        }
        else
        {
            Say(w.RollupWeakest, result.Name, result.DecidedBy, StatusText(result.Status, culture));
        }
        if (result.Rule == RollupRule.Weighted || result.Children.Count == 0)
            Say(w.StatusIs, StatusText(result.Status, culture));
        if (result.ChildrenWithoutData > 0)
            Say(result.ChildrenWithoutData == 1 ? w.RollupOneWithoutData : w.RollupManyWithoutData, result.ChildrenWithoutData);
        return text.ToString();
    }

    /// <summary>One step per child (weight, share, fraction, contribution, status), then the result.</summary>
    public static IReadOnlyList<ExplanationStep> Steps(RollupResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(culture);
        if (result.Assessment is { } assessment)
            return Steps(assessment, culture);
        var w = Words.For(culture);
        var f = new Fmt(culture);
        var steps = new List<ExplanationStep>();
        foreach (var child in result.Children)
        {
            var status = StatusText(child.Status, culture);
            if (result.Rule == RollupRule.Weighted && child.Contribution is { } contribution)
            {
                var formula = string.Format(culture, w.FContribution, f.Number(child.Weight), f.Percent(child.WeightShare!.Value * 100), f.Percent(child.Fraction!.Value * 100));
                steps.Add(new(child.Name, formula, f.Percent(contribution * 100) + " (" + status + ")"));
            }
            else if (result.Rule == RollupRule.Weighted)
            {
                steps.Add(new(child.Name, w.FNotCounted, status));
            }
            else
            {
                steps.Add(new(child.Name, string.Format(culture, w.FSeverity, Rollup.Severity(child.Status)), status));
            }
        }
        var rule = result.Rule == RollupRule.Weighted ? w.FWeightedRule : w.FWeakestRule;
        steps.Add(new(w.LFraction, rule, result.Fraction is { } fr ? f.Percent(fr * 100) : w.NoDate));
        if (result.RequiredFraction is { } req)
            steps.Add(new(w.LRequiredFraction, w.FRequiredFractionRollup, f.Percent(req * 100)));
        var t = result.Tolerances;
        steps.Add(new(w.LStatus, string.Format(culture, result.Rule == RollupRule.Weighted ? w.FWeightedStatus : w.FWeakestStatus, f.Percent(t.OnTrackGapShare * 100), f.Percent(t.AtRiskGapShare * 100)), StatusText(result.Status, culture)));
        return steps;
    }

    /// <summary>
    /// The mission in one line: how many indicators follow the plan (on track or achieved), how many are behind
    /// (at risk or off track) and how many lack recent values (none yet, or too old), e.g. "3 av 9 indikatorer
    /// följer planen, 5 ligger efter, 1 saknar nya värden." Parts that count zero are left out, except the first.
    /// </summary>
    public static string Summary(IEnumerable<ProgressStatus> statuses, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(culture);
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
        var (first, firstOne, behindMany, behindOne, noDataMany, noDataOne, none) = culture.TwoLetterISOLanguageName switch
        {
            "sv" => ("{0} av {1} indikatorer följer planen", "{0} av {1} indikator följer planen", "{0} ligger efter", "{0} ligger efter", "{0} saknar nya värden", "{0} saknar nya värden", "Missionen har inga indikatorer än."),
            "da" => ("{0} af {1} indikatorer følger planen", "{0} af {1} indikator følger planen", "{0} er bagud", "{0} er bagud", "{0} mangler nye værdier", "{0} mangler nye værdier", "Missionen har ingen indikatorer endnu."),
            _ => ("{0} of {1} indicators are on track", "{0} of {1} indicator is on track", "{0} are behind", "{0} is behind", "{0} have no recent values", "{0} has no recent values", "The mission has no indicators yet."),
        };
        if (total == 0)
            return none;
        var parts = new List<string> { string.Format(culture, total == 1 ? firstOne : first, onPlan, total) };
        if (behind > 0)
            parts.Add(string.Format(culture, behind == 1 ? behindOne : behindMany, behind));
        if (noData > 0)
            parts.Add(string.Format(culture, noData == 1 ? noDataOne : noDataMany, noData));
        return string.Join(", ", parts) + ".";
    }

    /// <summary>The status in plain words of the culture's language.</summary>
    public static string StatusText(ProgressStatus status, CultureInfo culture)
    {
        var w = Words.For(culture);
        return status switch
        {
            ProgressStatus.Achieved => w.Achieved,
            ProgressStatus.OnTrack => w.OnTrack,
            ProgressStatus.AtRisk => w.AtRisk,
            ProgressStatus.OffTrack => w.OffTrack,
            ProgressStatus.Stale => w.Stale,
            _ => w.NotStarted,
        };
    }

    /// <summary>
    /// A number for reading aloud, to three significant digits: whole numbers from 100 up (1 234 567 → 1 230 000), three significant digits below
    /// (12,3; 0,0042), trailing zeros trimmed; from 10¹⁵ up in the culture's short scientific form.
    /// </summary>
    public static string FormatNumber(double value, CultureInfo culture) => new Fmt(culture).Number(value);

    private static string Year(DateOnly date) => date.Year.ToString(CultureInfo.InvariantCulture);

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

    private readonly struct Fmt(CultureInfo culture)
    {
        public string Number(double value)
        {
            var a = Math.Abs(value);
            if (a == 0)
                return "0";
            if (a >= 1e15)
                return value.ToString("G3", culture);
            if (a >= 1000)
            {
                // Three significant digits in text: 1 234 567 → "1 230 000".
                var scale = Math.Pow(10, Math.Floor(Math.Log10(a)) - 2);
                return (Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale).ToString("N0", culture);
            }
            if (a >= 100)
                return value.ToString("N0", culture);
            var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 15);
            var s = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);
            var sep = culture.NumberFormat.NumberDecimalSeparator;
            if (s.Contains(sep, StringComparison.Ordinal))
                s = s.TrimEnd('0');
            if (s.EndsWith(sep, StringComparison.Ordinal))
                s = s[..^sep.Length];
            return s;
        }

        /// <summary>Absolute value with one decimal: the sentence carries the direction ("minska med 6,2 %").</summary>
        public string Percent(double percent)
        {
            var a = Math.Abs(percent);
            var number = a >= 0.05 || a == 0 ? a.ToString("N1", culture) : Number(a);
            return number + Nbsp + "%";
        }

        public string SignedPercent(double percent) => Sign(percent) + Percent(percent);

        /// <summary>A level, with its sign: "−20 ton".</summary>
        public string Quantity(double value, string unit)
        {
            var counted = CountedUnit(unit);
            return counted.Length == 0 ? Number(value) : Number(value) + Nbsp + counted;
        }

        /// <summary>A size of change, without sign: the sentence says which way ("öka med 1 200 ton").</summary>
        public string Amount(double value, string unit) => Quantity(Math.Abs(value), unit);

        public string SignedQuantity(double value, string unit) => Sign(value) + Amount(value, unit);

        public string QuantityOn(DatedValue v, string unit) => Quantity(v.Value, unit) + " (" + Date(v.Date) + ")";

        private string Sign(double value) => value < 0 ? culture.NumberFormat.NegativeSign : value > 0 ? "+" : "";

        public string Date(DateOnly date) => date.ToString("d", culture);
    }

    /// <summary>The words of one language. Sentences are kept short (under 15 words) and plain.</summary>
    private sealed class Words
    {
        public static readonly Words Swedish = new()
        {
            NeedPace = "{0} behöver {1} med {2}{4} för att nå målet {3}.",
            HoldLevel = "{0} behöver ligga kvar på {1} till {2}.",
            TargetDatePassed = "Målet för {0} skulle vara nått {1}. Det datumet har passerat.",
            Rise = "öka",
            Fall = "minska",
            NoObservations = "Det finns inga mätvärden än.",
            LatestOnPlan = "Senaste mätvärdet är {0} ({1}). Det följer planen.",
            LatestVsPlan = "Senaste mätvärdet är {0} ({1}). Det är {2} {3} planen.",
            Ahead = "före",
            Behind = "efter",
            GapShare = "Det är {0} av det som återstår.",
            GapShareOfLevel = "Det är {0} av nivån som ska hållas.",
            PercentagePoints = "procentenheter",
            TooFewForPace = "Det finns för få mätvärden för att räkna ut takten.",
            PaceSeen = "{0} har värdet {1} med {2}{3}.",
            PaceFlat = "{0} har värdet stått still.",
            Risen = "ökat",
            Fallen = "minskat",
            LastYear = "Det senaste året",
            LastYears = "De senaste {0} åren",
            NumberWords = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"],
            AlreadyReached = "Målet för {0} är redan nått.",
            ReachInTime = "I den takten nås målet {0}, i tid.",
            ReachLate = "I den takten nås målet först {0}.",
            ReachNever = "I den takten nås aldrig målet.",
            MovingAway = "Värdet rör sig bort från målet.",
            ReachBeyond = "I den takten nås målet inte inom {0} år.",
            NoForecast = "Därför finns ingen prognos.",
            StatusIs = "Bedömning: {0}.",
            StaleDays = "Senaste mätvärdet är {0} dagar gammalt.",
            FellBackToLinear = "Ett värde är noll eller negativt. Därför räknas vägen som en rak linje, inte som en jämn takt i procent.",
            PaceInUnits = "Takten räknas i {0} per år, eftersom ett värde är noll eller negativt.",
            BeforeBaseline = "Några mätvärden är från före utgångsläget. Där gäller utgångsvärdet.",
            AfterHorizon = "Några mätvärden är från efter slutmålets datum. Där gäller slutmålet.",
            AfterAsOf = "Mätvärden efter {0} räknas inte med.",
            Achieved = "målet är nått",
            OnTrack = "enligt plan",
            AtRisk = "risk att missa målet",
            OffTrack = "inte enligt plan",
            NotStarted = "inga mätvärden än",
            Stale = "mätvärdena är för gamla",
            PerYear = " per år",
            EveryYear = " varje år",
            Between = "Mellan {0} och {1}",
            During = "Under {0}",
            AheadButLate = "Värdet ligger före planen i dag, men i den takten nås målet för sent.",
            NoDate = "inget datum",
            HigherIsBetter = "högre är bättre",
            LowerIsBetter = "lägre är bättre",
            LBaseline = "Utgångsläge",
            LTarget = "Mål",
            LDirection = "Riktning",
            FDirection = "s = +1 när högre är bättre, −1 när lägre är bättre",
            LSegment = "Väg {0}–{1}",
            FLinear = "rak linje: v₀ + (v₁ − v₀) · f, f = andel av tiden",
            FConstantRate = "jämn takt i procent: v₀ · (v₁ / v₀)^f, f = andel av tiden",
            FSCurve = "S-kurva: logistisk, 1 %–99 % av ändringen, justerad genom båda ändpunkterna",
            LRequiredAsOf = "Planens värde i dag",
            FPath = "vägens värde det datumet",
            LLatest = "Senaste mätvärde",
            LRequiredAtLatest = "Planens värde det datumet",
            LGap = "Avstånd till planen",
            FGap = "s · (senaste − planens värde)",
            LStillToGo = "Kvar att ändra",
            FStillToGo = "max(|slutmål − planens värde|, {0} · |slutmål − utgångsläge|)",
            LGapShare = "Avstånd som andel av det som återstår",
            FGapShare = "avstånd / kvar att ändra",
            LFraction = "Andel av vägen",
            FFraction = "(senaste − utgångsläge) / (slutmål − utgångsläge), 0–100 %",
            LRequiredFraction = "Andel av vägen enligt planen",
            FRequiredFraction = "(planens värde i dag − utgångsläge) / (slutmål − utgångsläge), 0–100 %",
            FRequiredFractionRollup = "vägt medel av delarnas andel enligt planen",
            LRequiredPace = "Takt som krävs",
            FRequiredPace = "(slutmål − senaste) / år kvar; i procent: ((slutmål / senaste)^(1 / år) − 1) · 100",
            LPace = "Takt hittills",
            FPaceUnits = "Theil–Sen: medianen av lutningen mellan alla par av {0} mätvärden, {1}–{2}",
            FPaceLog = "Theil–Sen på ln(värde): medianen av lutningen mellan alla par av {0} mätvärden, {1}–{2}",
            LForecastAt = "Prognos {0}",
            FForecastUnits = "senaste + takt · år",
            FForecastLog = "senaste · e^(lutning · år)",
            LReach = "Slutmålet nås",
            FReachUnits = "senaste datum + (slutmål − senaste) / takt",
            FReachLog = "senaste datum + ln(slutmål / senaste) / lutning",
            LStatus = "Bedömning",
            FStatus = "enligt plan: före planen, eller högst {0} efter och prognos i tid; risk: högst {1} efter eller högst {2} år sent; annars inte enligt plan",
            RollupEmpty = "{0} har inga delar att räkna på.",
            RollupWeighted = "{0} har kommit {1} av vägen. Det är ett vägt medel av {2} delar.",
            RollupWeightedOne = "{0} har kommit {1} av vägen. Bara en del har mätvärden.",
            RollupRequired = "Planen kräver {0} vid det här laget.",
            RollupNoData = "{0} har inga mätvärden än.",
            RollupWeakest = "{0} får samma bedömning som sin svagaste del, {1}: {2}.",
            RollupOneWithoutData = "{0} del saknar mätvärden och räknas inte med i andelen.",
            RollupManyWithoutData = "{0} delar saknar mätvärden och räknas inte med i andelen.",
            FContribution = "vikt {0} ({1} av vikten) · {2} av vägen",
            FNotCounted = "inga mätvärden, räknas inte med",
            FSeverity = "allvar {0} (inte enligt plan 5, risk 4, för gamla 3, inga mätvärden 2, enligt plan 1, nått 0)",
            FWeightedRule = "Σ vikt · andel / Σ vikt, för delar med mätvärden",
            FWeakestRule = "minsta andelen bland delar med mätvärden",
            FWeightedStatus = "andel jämförd med planens andel; efter med högst {0} av det som återstår: enligt plan, högst {1}: risk",
            FWeakestStatus = "den allvarligaste delens bedömning",
        };

        public static readonly Words English = new()
        {
            NeedPace = "{0} must {1} by {2}{4} to reach the {3} target.",
            HoldLevel = "{0} must stay at {1} until {2}.",
            TargetDatePassed = "The {0} target was due on {1}. That date has passed.",
            Rise = "rise",
            Fall = "fall",
            NoObservations = "There are no observations yet.",
            LatestOnPlan = "The latest value is {0} ({1}). It is on plan.",
            LatestVsPlan = "The latest value is {0} ({1}). That is {2} {3} plan.",
            Ahead = "ahead of",
            Behind = "behind",
            GapShare = "That is {0} of the change still to go.",
            GapShareOfLevel = "That is {0} of the level to hold.",
            PercentagePoints = "percentage points",
            TooFewForPace = "There are too few observations to work out the pace.",
            PaceSeen = "{0} the value has {1} by {2}{3}.",
            PaceFlat = "{0} the value has not changed.",
            Risen = "risen",
            Fallen = "fallen",
            LastYear = "Over the last year",
            LastYears = "Over the last {0} years",
            NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
            AlreadyReached = "The {0} target has already been reached.",
            ReachInTime = "At that pace the target is reached in {0}, in time.",
            ReachLate = "At that pace the target is reached only in {0}.",
            ReachNever = "At that pace the target is never reached.",
            MovingAway = "The value is moving away from the target.",
            ReachBeyond = "At that pace the target is not reached within {0} years.",
            NoForecast = "So there is no forecast.",
            StatusIs = "Status: {0}.",
            StaleDays = "The latest value is {0} days old.",
            FellBackToLinear = "A value is zero or negative, so the path is a straight line, not a steady percentage.",
            PaceInUnits = "The pace is counted in {0} a year, because a value is zero or negative.",
            BeforeBaseline = "Some values are from before the baseline. The baseline value applies there.",
            AfterHorizon = "Some values are from after the final target's date. The final target applies there.",
            AfterAsOf = "Values after {0} are not counted.",
            Achieved = "target reached",
            OnTrack = "on track",
            AtRisk = "at risk",
            OffTrack = "off track",
            NotStarted = "no data yet",
            Stale = "data out of date",
            PerYear = " a year",
            EveryYear = " every year",
            Between = "Between {0} and {1}",
            During = "During {0}",
            AheadButLate = "The value is ahead of the plan today, but at this pace the target is reached too late.",
            NoDate = "no date",
            HigherIsBetter = "higher is better",
            LowerIsBetter = "lower is better",
            LBaseline = "Baseline",
            LTarget = "Target",
            LDirection = "Direction",
            FDirection = "s = +1 when higher is better, −1 when lower is better",
            LSegment = "Path {0}–{1}",
            FLinear = "straight line: v₀ + (v₁ − v₀) · f, f = share of the time",
            FConstantRate = "steady percentage: v₀ · (v₁ / v₀)^f, f = share of the time",
            FSCurve = "S-curve: logistic, 1 %–99 % of the change, stretched through both ends",
            LRequiredAsOf = "Path value today",
            FPath = "value of the path on that date",
            LLatest = "Latest value",
            LRequiredAtLatest = "Path value on that date",
            LGap = "Gap to the path",
            FGap = "s · (latest − path value)",
            LStillToGo = "Change still to go",
            FStillToGo = "max(|final target − path value|, {0} · |final target − baseline|)",
            LGapShare = "Gap as a share of the change still to go",
            FGapShare = "gap / change still to go",
            LFraction = "Share of the way",
            FFraction = "(latest − baseline) / (final target − baseline), 0–100 %",
            LRequiredFraction = "Share of the way by the plan",
            FRequiredFraction = "(path value today − baseline) / (final target − baseline), 0–100 %",
            FRequiredFractionRollup = "weighted mean of the parts' planned shares",
            LRequiredPace = "Pace needed",
            FRequiredPace = "(final target − latest) / years left; in percent: ((final target / latest)^(1 / years) − 1) · 100",
            LPace = "Pace so far",
            FPaceUnits = "Theil–Sen: median slope between all pairs of {0} values, {1}–{2}",
            FPaceLog = "Theil–Sen on ln(value): median slope between all pairs of {0} values, {1}–{2}",
            LForecastAt = "Forecast {0}",
            FForecastUnits = "latest + pace · years",
            FForecastLog = "latest · e^(slope · years)",
            LReach = "Final target reached",
            FReachUnits = "latest date + (final target − latest) / pace",
            FReachLog = "latest date + ln(final target / latest) / slope",
            LStatus = "Status",
            FStatus = "on track: ahead of the path, or at most {0} behind with the forecast in time; at risk: at most {1} behind or at most {2} years late; else off track",
            RollupEmpty = "{0} has no parts to count.",
            RollupWeighted = "{0} has come {1} of the way. That is a weighted mean of {2} parts.",
            RollupWeightedOne = "{0} has come {1} of the way. Only one part has data.",
            RollupRequired = "The plan asks for {0} by now.",
            RollupNoData = "{0} has no data yet.",
            RollupWeakest = "{0} takes the status of its weakest part, {1}: {2}.",
            RollupOneWithoutData = "{0} part has no data and is not counted in the share.",
            RollupManyWithoutData = "{0} parts have no data and are not counted in the share.",
            FContribution = "weight {0} ({1} of the weight) · {2} of the way",
            FNotCounted = "no data, not counted",
            FSeverity = "severity {0} (off track 5, at risk 4, out of date 3, no data 2, on track 1, reached 0)",
            FWeightedRule = "Σ weight · share / Σ weight, over parts with data",
            FWeakestRule = "smallest share among parts with data",
            FWeightedStatus = "share against the planned share; behind by at most {0} of what is left: on track, at most {1}: at risk",
            FWeakestStatus = "the status of the most severe part",
        };

        public static readonly Words Danish = new()
        {
            NeedPace = "{0} skal {1} med {2}{4} for at nå målet i {3}.",
            HoldLevel = "{0} skal blive på {1} indtil {2}.",
            TargetDatePassed = "Målet for {0} skulle være nået {1}. Den dato er passeret.",
            Rise = "stige",
            Fall = "falde",
            NoObservations = "Der er ingen målinger endnu.",
            LatestOnPlan = "Seneste måling er {0} ({1}). Den følger planen.",
            LatestVsPlan = "Seneste måling er {0} ({1}). Det er {2} {3} planen.",
            Ahead = "foran",
            Behind = "bagud for",
            GapShare = "Det er {0} af det, der mangler.",
            GapShareOfLevel = "Det er {0} af niveauet, der skal holdes.",
            PercentagePoints = "procentpoint",
            TooFewForPace = "Der er for få målinger til at beregne tempoet.",
            PaceSeen = "{0} er værdien {1} med {2}{3}.",
            PaceFlat = "{0} har værdien stået stille.",
            Risen = "steget",
            Fallen = "faldet",
            LastYear = "Det seneste år",
            LastYears = "De seneste {0} år",
            NumberWords = ["nul", "et", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"],
            AlreadyReached = "Målet for {0} er allerede nået.",
            ReachInTime = "I det tempo nås målet i {0}, til tiden.",
            ReachLate = "I det tempo nås målet først i {0}.",
            ReachNever = "I det tempo nås målet aldrig.",
            MovingAway = "Værdien bevæger sig væk fra målet.",
            ReachBeyond = "I det tempo nås målet ikke inden for {0} år.",
            NoForecast = "Derfor er der ingen prognose.",
            StatusIs = "Vurdering: {0}.",
            StaleDays = "Seneste måling er {0} dage gammel.",
            FellBackToLinear = "En værdi er nul eller negativ. Derfor er vejen en ret linje, ikke et fast tempo i procent.",
            PaceInUnits = "Tempoet regnes i {0} om året, fordi en værdi er nul eller negativ.",
            BeforeBaseline = "Nogle målinger er fra før udgangspunktet. Der gælder udgangsværdien.",
            AfterHorizon = "Nogle målinger er fra efter slutmålets dato. Der gælder slutmålet.",
            AfterAsOf = "Målinger efter {0} tælles ikke med.",
            Achieved = "målet er nået",
            OnTrack = "følger planen",
            AtRisk = "risiko for at misse målet",
            OffTrack = "følger ikke planen",
            NotStarted = "ingen målinger endnu",
            Stale = "målingerne er for gamle",
            PerYear = " om året",
            EveryYear = " hvert år",
            Between = "Mellem {0} og {1}",
            During = "I løbet af {0}",
            AheadButLate = "Værdien ligger foran planen i dag, men i det tempo nås målet for sent.",
            NoDate = "ingen dato",
            HigherIsBetter = "højere er bedre",
            LowerIsBetter = "lavere er bedre",
            LBaseline = "Udgangspunkt",
            LTarget = "Mål",
            LDirection = "Retning",
            FDirection = "s = +1 når højere er bedre, −1 når lavere er bedre",
            LSegment = "Vej {0}–{1}",
            FLinear = "ret linje: v₀ + (v₁ − v₀) · f, f = andel af tiden",
            FConstantRate = "fast tempo i procent: v₀ · (v₁ / v₀)^f, f = andel af tiden",
            FSCurve = "S-kurve: logistisk, 1 %–99 % af ændringen, justeret gennem begge ender",
            LRequiredAsOf = "Planens værdi i dag",
            FPath = "vejens værdi på den dato",
            LLatest = "Seneste måling",
            LRequiredAtLatest = "Planens værdi på den dato",
            LGap = "Afstand til planen",
            FGap = "s · (seneste − planens værdi)",
            LStillToGo = "Mangler at ændres",
            FStillToGo = "max(|slutmål − planens værdi|, {0} · |slutmål − udgangspunkt|)",
            LGapShare = "Afstand som andel af det, der mangler",
            FGapShare = "afstand / mangler at ændres",
            LFraction = "Andel af vejen",
            FFraction = "(seneste − udgangspunkt) / (slutmål − udgangspunkt), 0–100 %",
            LRequiredFraction = "Andel af vejen ifølge planen",
            FRequiredFraction = "(planens værdi i dag − udgangspunkt) / (slutmål − udgangspunkt), 0–100 %",
            FRequiredFractionRollup = "vægtet gennemsnit af delenes planlagte andel",
            LRequiredPace = "Nødvendigt tempo",
            FRequiredPace = "(slutmål − seneste) / år tilbage; i procent: ((slutmål / seneste)^(1 / år) − 1) · 100",
            LPace = "Tempo indtil nu",
            FPaceUnits = "Theil–Sen: medianen af hældningen mellem alle par af {0} målinger, {1}–{2}",
            FPaceLog = "Theil–Sen på ln(værdi): medianen af hældningen mellem alle par af {0} målinger, {1}–{2}",
            LForecastAt = "Prognose {0}",
            FForecastUnits = "seneste + tempo · år",
            FForecastLog = "seneste · e^(hældning · år)",
            LReach = "Slutmålet nås",
            FReachUnits = "seneste dato + (slutmål − seneste) / tempo",
            FReachLog = "seneste dato + ln(slutmål / seneste) / hældning",
            LStatus = "Vurdering",
            FStatus = "følger planen: foran vejen, eller højst {0} bagud og prognose til tiden; risiko: højst {1} bagud eller højst {2} år for sent; ellers følger ikke planen",
            RollupEmpty = "{0} har ingen dele at regne på.",
            RollupWeighted = "{0} er nået {1} af vejen. Det er et vægtet gennemsnit af {2} dele.",
            RollupWeightedOne = "{0} er nået {1} af vejen. Kun en del har målinger.",
            RollupRequired = "Planen kræver {0} på nuværende tidspunkt.",
            RollupNoData = "{0} har ingen målinger endnu.",
            RollupWeakest = "{0} får samme vurdering som sin svageste del, {1}: {2}.",
            RollupOneWithoutData = "{0} del har ingen målinger og tælles ikke med i andelen.",
            RollupManyWithoutData = "{0} dele har ingen målinger og tælles ikke med i andelen.",
            FContribution = "vægt {0} ({1} af vægten) · {2} af vejen",
            FNotCounted = "ingen målinger, tælles ikke med",
            FSeverity = "alvor {0} (følger ikke planen 5, risiko 4, for gamle 3, ingen 2, følger planen 1, nået 0)",
            FWeightedRule = "Σ vægt · andel / Σ vægt, for dele med målinger",
            FWeakestRule = "mindste andel blandt dele med målinger",
            FWeightedStatus = "andel mod planens andel; højst {0} bagud af det, der mangler: følger planen, højst {1}: risiko",
            FWeakestStatus = "den alvorligste dels vurdering",
        };

        public required string NeedPace { get; init; }
        public required string HoldLevel { get; init; }
        public required string TargetDatePassed { get; init; }
        public required string Rise { get; init; }
        public required string Fall { get; init; }
        public required string NoObservations { get; init; }
        public required string LatestOnPlan { get; init; }
        public required string LatestVsPlan { get; init; }
        public required string Ahead { get; init; }
        public required string Behind { get; init; }
        public required string GapShare { get; init; }
        public required string GapShareOfLevel { get; init; }
        public required string PercentagePoints { get; init; }
        public required string TooFewForPace { get; init; }
        public required string PaceSeen { get; init; }
        public required string EveryYear { get; init; }
        public required string Between { get; init; }
        public required string During { get; init; }
        public required string AheadButLate { get; init; }
        public required string PaceFlat { get; init; }
        public required string Risen { get; init; }
        public required string Fallen { get; init; }
        public required string LastYear { get; init; }
        public required string LastYears { get; init; }
        public required string[] NumberWords { get; init; }
        public required string AlreadyReached { get; init; }
        public required string ReachInTime { get; init; }
        public required string ReachLate { get; init; }
        public required string ReachNever { get; init; }
        public required string MovingAway { get; init; }
        public required string ReachBeyond { get; init; }
        public required string NoForecast { get; init; }
        public required string StatusIs { get; init; }
        public required string StaleDays { get; init; }
        public required string FellBackToLinear { get; init; }
        public required string PaceInUnits { get; init; }
        public required string BeforeBaseline { get; init; }
        public required string AfterHorizon { get; init; }
        public required string AfterAsOf { get; init; }
        public required string Achieved { get; init; }
        public required string OnTrack { get; init; }
        public required string AtRisk { get; init; }
        public required string OffTrack { get; init; }
        public required string NotStarted { get; init; }
        public required string Stale { get; init; }
        public required string PerYear { get; init; }
        public required string NoDate { get; init; }
        public required string HigherIsBetter { get; init; }
        public required string LowerIsBetter { get; init; }
        public required string LBaseline { get; init; }
        public required string LTarget { get; init; }
        public required string LDirection { get; init; }
        public required string FDirection { get; init; }
        public required string LSegment { get; init; }
        public required string FLinear { get; init; }
        public required string FConstantRate { get; init; }
        public required string FSCurve { get; init; }
        public required string LRequiredAsOf { get; init; }
        public required string FPath { get; init; }
        public required string LLatest { get; init; }
        public required string LRequiredAtLatest { get; init; }
        public required string LGap { get; init; }
        public required string FGap { get; init; }
        public required string LStillToGo { get; init; }
        public required string FStillToGo { get; init; }
        public required string LGapShare { get; init; }
        public required string FGapShare { get; init; }
        public required string LFraction { get; init; }
        public required string FFraction { get; init; }
        public required string LRequiredFraction { get; init; }
        public required string FRequiredFraction { get; init; }
        public required string FRequiredFractionRollup { get; init; }
        public required string LRequiredPace { get; init; }
        public required string FRequiredPace { get; init; }
        public required string LPace { get; init; }
        public required string FPaceUnits { get; init; }
        public required string FPaceLog { get; init; }
        public required string LForecastAt { get; init; }
        public required string FForecastUnits { get; init; }
        public required string FForecastLog { get; init; }
        public required string LReach { get; init; }
        public required string FReachUnits { get; init; }
        public required string FReachLog { get; init; }
        public required string LStatus { get; init; }
        public required string FStatus { get; init; }
        public required string RollupEmpty { get; init; }
        public required string RollupWeighted { get; init; }
        public required string RollupWeightedOne { get; init; }
        public required string RollupRequired { get; init; }
        public required string RollupNoData { get; init; }
        public required string RollupWeakest { get; init; }
        public required string RollupOneWithoutData { get; init; }
        public required string RollupManyWithoutData { get; init; }
        public required string FContribution { get; init; }
        public required string FNotCounted { get; init; }
        public required string FSeverity { get; init; }
        public required string FWeightedRule { get; init; }
        public required string FWeakestRule { get; init; }
        public required string FWeightedStatus { get; init; }
        public required string FWeakestStatus { get; init; }

        /// <summary>
        /// " per år" after a change in <paramref name="unit"/>, or " varje år" when the unit is itself a yearly rate
        /// ("kg per person och år"), so that no sentence says "per år per år".
        /// </summary>
        public string PerYearAfter(string unit) => IsYearlyUnit(unit) ? EveryYear : PerYear;

        public static Words For(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
        {
            "sv" => Swedish,
            "da" => Danish,
            _ => English,
        };

        /// <summary>
        /// "De senaste fem åren": the pace window in words, when the observations behind the pace fill it; else the
        /// years they cover ("Mellan 2023 och 2025", "Under 2025"), so a window is never claimed without its data.
        /// </summary>
        public string Window(Assessment assessment, ObservedPace pace, CultureInfo culture)
        {
            var years = assessment.Tolerances.PaceWindowYears;
            // The data fill the window when the first observation used, plus one reporting interval (the time it
            // stands for), reaches back to within half a year of the window's start.
            var covered = (assessment.AsOf.DayNumber - pace.From.DayNumber + ProgressTolerances.IntervalDays(assessment.Spec.Frequency)) / 365.25;
            if (covered < years - 0.5)
                return pace.From.Year == pace.To.Year
                    ? string.Format(culture, During, Year(pace.From))
                    : string.Format(culture, Between, Year(pace.From), Year(pace.To));
            if (years == 1)
                return LastYear;
            var count = years == Math.Floor(years) && years < NumberWords.Length
                ? NumberWords[(int)years]
                : years.ToString("0.#", culture);
            return string.Format(culture, LastYears, count);
        }
    }
}
