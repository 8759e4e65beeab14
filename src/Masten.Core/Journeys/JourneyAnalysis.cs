namespace Masten.Core.Journeys;

/// <summary>A participant's place in the journey: the step it stands at and since when.</summary>
public sealed record JourneyPosition(int StepId, DateOnly Since);

/// <summary>One row of the funnel: participants at the step, at or past it, and the conversion from the step before.</summary>
public sealed record FunnelRow(int StepId, int Order, int At, int AtOrPast, double? ConversionFromPrevious);

/// <summary>Time from first reaching one step to first reaching the next: how many participants made it, the median and 80th percentile in days.</summary>
public sealed record StepDuration(int FromStepId, int ToStepId, int Participants, double? MedianDays, double? Percentile80Days);

/// <summary>How evenly participants are spread over navigators.</summary>
public sealed record CaseloadBalance(int Navigators, int Participants, double Mean, int Min, int Max, double CoefficientOfVariation);

/// <summary>One point of a cohort curve: months since joining, the participants observed that long, and the share of them started by then.</summary>
public sealed record CohortPoint(int Months, int Observed, double? ShareStarted);

/// <summary>A confirmed or pending event as the analysis reads it.</summary>
public sealed record EventFact(int Id, int StepId, DateOnly Date, StepEventStatus Status, int? SupersedesId);

/// <summary>
/// The analysis of participant journeys. Pure: the data layer hands it facts read in SQL. Steps are named by
/// id and placed by their order (0, 1, 2 …). A participant "stands at" one step, or at none before its first
/// confirmed event; "at or past step k" means standing at a step of order k or higher.
/// </summary>
public static class JourneyAnalysis
{
    /// <summary>
    /// The current events of a log: those no later event supersedes. Only these count anywhere; the rest are history.
    /// </summary>
    public static IReadOnlyList<EventFact> Current(IEnumerable<EventFact> log)
    {
        var all = log as IReadOnlyCollection<EventFact> ?? log.ToList();
        var superseded = all.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!.Value).ToHashSet();
        return all.Where(e => !superseded.Contains(e.Id)).ToList();
    }

    /// <summary>
    /// Where a participant stands: the step of its latest current confirmed event, by date and then by id (the
    /// one recorded later wins a tie). A later event at a lower step is a step back. Pending events do not move
    /// it. Null before any confirmed event. <paramref name="asOf"/> ignores events after that date.
    /// </summary>
    public static JourneyPosition? Position(IEnumerable<EventFact> log, DateOnly? asOf = null)
    {
        var latest = Current(log).Where(e => e.Status == StepEventStatus.Confirmed && (asOf is null || e.Date <= asOf))
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).FirstOrDefault();
        return latest is null ? null : new JourneyPosition(latest.StepId, latest.Date);
    }

    /// <summary>
    /// The first date on which the participant stood at a step of order <paramref name="startedOrder"/> or
    /// higher, replaying its current confirmed events in date order (on one date the last recorded counts).
    /// Null if it never did. <paramref name="orderOf"/> gives each step's order.
    /// </summary>
    public static DateOnly? FirstAtOrPast(IEnumerable<EventFact> log, IReadOnlyDictionary<int, int> orderOf, int startedOrder)
    {
        foreach (var day in Current(log).Where(e => e.Status == StepEventStatus.Confirmed).GroupBy(e => e.Date).OrderBy(g => g.Key))
        {
            var last = day.OrderByDescending(e => e.Id).First();
            if (orderOf.TryGetValue(last.StepId, out var order) && order >= startedOrder)
                return day.Key;
        }
        return null;
    }

    /// <summary>
    /// The funnel over <paramref name="steps"/> (step ids in journey order) from each participant's current step
    /// order (<c>-1</c> for none): <c>At(k)</c> = participants standing at step k; <c>AtOrPast(k)</c> = Σ over
    /// j ≥ k of At(j); conversion into step k = AtOrPast(k) / AtOrPast(k−1), null for the first step or when
    /// AtOrPast(k−1) is 0. Conversion is a share from 0 to 1.
    /// </summary>
    public static IReadOnlyList<FunnelRow> Funnel(IReadOnlyList<int> steps, IReadOnlyDictionary<int, int> atByOrder)
    {
        var rows = new List<FunnelRow>();
        var past = 0;
        var atOrPast = new int[steps.Count];
        for (var k = steps.Count - 1; k >= 0; k--)
        {
            past += atByOrder.GetValueOrDefault(k);
            atOrPast[k] = past;
        }
        for (var k = 0; k < steps.Count; k++)
        {
            double? conversion = k == 0 || atOrPast[k - 1] == 0 ? null : (double)atOrPast[k] / atOrPast[k - 1];
            rows.Add(new FunnelRow(steps[k], k, atByOrder.GetValueOrDefault(k), atOrPast[k], conversion));
        }
        return rows;
    }

    /// <summary>
    /// Time between consecutive steps. For each participant, <paramref name="firstReached"/> holds the first
    /// date it reached each step order (from its current confirmed events). For steps k and k+1, the durations
    /// are <c>first(k+1) − first(k)</c> in days, over participants who reached both with first(k+1) ≥ first(k);
    /// reported as the median and the 80th percentile (<see cref="Percentile"/>).
    /// </summary>
    public static IReadOnlyList<StepDuration> Durations(IReadOnlyList<int> steps, IEnumerable<IReadOnlyDictionary<int, DateOnly>> firstReached)
    {
        var all = firstReached.ToList();
        var result = new List<StepDuration>();
        for (var k = 0; k + 1 < steps.Count; k++)
        {
            var days = all.Where(p => p.ContainsKey(k) && p.ContainsKey(k + 1) && p[k + 1] >= p[k])
                .Select(p => (double)(p[k + 1].DayNumber - p[k].DayNumber)).ToList();
            result.Add(new StepDuration(steps[k], steps[k + 1], days.Count, Percentile(days, 0.5), Percentile(days, 0.8)));
        }
        return result;
    }

    /// <summary>
    /// The p-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks: sort the n values x₀ ≤ … ≤ xₙ₋₁,
    /// let h = p·(n−1); the answer is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median is p = 0.5. Null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        var h = p * (sorted.Length - 1);
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    /// <summary>
    /// Stalled: still taking part (no left date on or before <paramref name="today"/>), not at the last step, and
    /// nothing has happened for at least <paramref name="stallAfterDays"/> days, where the last thing that
    /// happened is the latest of joining, its latest confirmed step and its latest activity.
    /// </summary>
    public static bool IsStalled(DateOnly joinedOn, DateOnly? leftOn, DateOnly? lastStepOn, DateOnly? lastActivityOn, bool atLastStep, DateOnly today, int stallAfterDays)
    {
        if (atLastStep || (leftOn is { } left && left <= today))
            return false;
        return today.DayNumber - LastMove(joinedOn, lastStepOn, lastActivityOn).DayNumber >= stallAfterDays;
    }

    /// <summary>The latest of joining, the last confirmed step and the last activity.</summary>
    public static DateOnly LastMove(DateOnly joinedOn, DateOnly? lastStepOn, DateOnly? lastActivityOn)
    {
        var last = joinedOn;
        if (lastStepOn > last)
            last = lastStepOn.Value;
        if (lastActivityOn > last)
            last = lastActivityOn.Value;
        return last;
    }

    /// <summary>
    /// The caseload balance over navigators, from each navigator's number of active participants (navigators
    /// with none count, as 0). Mean = Σcᵢ / n; the coefficient of variation is the population standard deviation
    /// over the mean, √(Σ(cᵢ − mean)² / n) / mean: 0 when every navigator has the same caseload, 0 also when
    /// there is no participant. Empty input gives zeros.
    /// </summary>
    public static CaseloadBalance Balance(IReadOnlyCollection<int> caseloads)
    {
        if (caseloads.Count == 0)
            return new CaseloadBalance(0, 0, 0, 0, 0, 0);
        var n = caseloads.Count;
        var total = caseloads.Sum();
        var mean = (double)total / n;
        var sd = Math.Sqrt(caseloads.Sum(c => (c - mean) * (c - mean)) / n);
        return new CaseloadBalance(n, total, mean, caseloads.Min(), caseloads.Max(), mean == 0 ? 0 : sd / mean);
    }

    /// <summary>
    /// The cohort curve: for m = 0 … <paramref name="months"/>, among the participants who joined at least m whole
    /// months before <paramref name="today"/> (observed), the share whose first started date (at or past the
    /// started step) is no later than m months after they joined. Null where none is observed that long.
    /// </summary>
    public static IReadOnlyList<CohortPoint> CohortCurve(IEnumerable<(DateOnly JoinedOn, DateOnly? StartedOn)> participants, int months, DateOnly today)
    {
        var observed = new int[months + 1];
        var started = new int[months + 1];
        foreach (var (joinedOn, startedOn) in participants)
        {
            // JoinedOn.AddMonths(m) never decreases as m grows, so once a month lies after today the later ones do too.
            for (var m = 0; m <= months; m++)
            {
                var at = joinedOn.AddMonths(m);
                if (at > today)
                    break;
                observed[m]++;
                if (startedOn is { } s && s <= at)
                    started[m]++;
            }
        }
        return Enumerable.Range(0, months + 1)
            .Select(m => new CohortPoint(m, observed[m], observed[m] == 0 ? null : (double)started[m] / observed[m])).ToList();
    }

    /// <summary>The EU SME size class for a head count: under 10 micro, under 50 small, under 250 medium, else large.</summary>
    public static SizeClass SizeClassOf(int employees) => employees switch
    {
        < 10 => SizeClass.Micro,
        < 50 => SizeClass.Small,
        < 250 => SizeClass.Medium,
        _ => SizeClass.Large,
    };
}
