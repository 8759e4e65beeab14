using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Progress;

namespace Masten.Core.Reports;

/// <summary>How something moved from the earlier report to the later one.</summary>
public enum Trend
{
    Unchanged,
    Improved,
    Worsened,
    /// <summary>Only in the later report.</summary>
    Added,
    /// <summary>Only in the earlier report.</summary>
    Removed,
}

/// <summary>A goal's (or the mission's) status in both reports; null where the report does not have it.</summary>
public sealed record StatusChange(int Id, string Name, ProgressStatus? Before, ProgressStatus? After, Trend Trend);

/// <summary>
/// An indicator in both reports: its status, and its latest value. <see cref="ValueTrend"/> is direction-aware (a
/// falling value improves an indicator where lower is better); null when either report has no value.
/// </summary>
public sealed record IndicatorChange(int Id, string Name, string Unit, ProgressStatus? StatusBefore, ProgressStatus? StatusAfter, Trend StatusTrend,
    double? ValueBefore, double? ValueAfter, double? Difference, Trend? ValueTrend);

/// <summary>One figure in both reports, and which way it moved (more is better unless the figure says otherwise).</summary>
public sealed record FigureChange(double Before, double After, Trend Trend);

public sealed record MoneyChange(Currency Currency, FigureChange Amount);

/// <summary>Commitments over every round of each report: how many (withdrawn ones left out), person-years, money by currency.</summary>
public sealed record CommitmentChange(FigureChange Commitments, FigureChange PersonYears, IReadOnlyList<MoneyChange> Money);

/// <summary>
/// The portfolio in both reports: goals covered, active initiatives, budget per currency (SEK is never added to DKK or
/// EUR), and alerts (fewer is better).
/// </summary>
public sealed record CoverageChange(FigureChange GoalsCovered, FigureChange ActiveInitiatives, IReadOnlyList<MoneyChange> Budget, FigureChange Alerts,
    IReadOnlyList<string> GoalsNowCovered, IReadOnlyList<string> GoalsNoLongerCovered);

/// <summary>Two reports side by side: <see cref="Improved"/> and <see cref="Worsened"/> name the goals and indicators whose status moved.</summary>
public sealed record ReportComparison(
    string FromTitle, DateOnly FromAsOf, string ToTitle, DateOnly ToAsOf,
    StatusChange Mission,
    IReadOnlyList<StatusChange> Goals,
    IReadOnlyList<IndicatorChange> Indicators,
    CommitmentChange Commitments,
    CoverageChange Coverage)
{
    public IReadOnlyList<string> Improved => [.. Goals.Where(g => g.Trend == Trend.Improved).Select(g => g.Name), .. Indicators.Where(i => i.StatusTrend == Trend.Improved).Select(i => i.Name)];

    public IReadOnlyList<string> Worsened => [.. Goals.Where(g => g.Trend == Trend.Worsened).Select(g => g.Name), .. Indicators.Where(i => i.StatusTrend == Trend.Worsened).Select(i => i.Name)];
}

/// <summary>
/// Compares two frozen reports of one mission. Statuses compare by <see cref="Rollup.Severity"/> (a less severe status
/// is an improvement: OffTrack → AtRisk improves, OnTrack → Stale worsens). Goals and indicators pair by id, in the
/// later report's order, then those only the earlier one has. Values compare in the indicator's direction of the later
/// report. Figures compare with a tolerance of 1e-9 of their size, so rounding never shows as a change.
/// </summary>
public static class ReportComparer
{
    public static ReportComparison Compare(ReportSnapshot from, ReportSnapshot to)
    {
        var mission = new StatusChange(to.MissionId, to.MissionTitle, from.Mission.Status, to.Mission.Status, StatusTrend(from.Mission.Status, to.Mission.Status));
        var goals = Pair(from.Goals, to.Goals, g => g.Id, (b, a) => new StatusChange(a?.Id ?? b!.Id, a?.Title ?? b!.Title, b?.Progress.Status, a?.Progress.Status,
            StatusTrend(b?.Progress.Status, a?.Progress.Status)));
        var indicators = Pair(from.Indicators, to.Indicators, i => i.Id, IndicatorChangeOf);
        return new ReportComparison(from.Title, from.AsOf, to.Title, to.AsOf, mission, goals, indicators, CommitmentsOf(from, to), CoverageOf(from, to));
    }

    /// <summary>The trend from one status to another; Added or Removed when one side is missing.</summary>
    public static Trend StatusTrend(ProgressStatus? before, ProgressStatus? after) => (before, after) switch
    {
        (null, null) => Trend.Unchanged,
        (null, _) => Trend.Added,
        (_, null) => Trend.Removed,
        ({ } b, { } a) => Rollup.Severity(a).CompareTo(Rollup.Severity(b)) switch { < 0 => Trend.Improved, > 0 => Trend.Worsened, _ => Trend.Unchanged },
    };

    /// <summary>The trend of a figure where more is better (or, with <paramref name="higherIsBetter"/> false, fewer).</summary>
    public static Trend FigureTrend(double before, double after, bool higherIsBetter = true)
    {
        var tolerance = 1e-9 * Math.Max(1, Math.Max(Math.Abs(before), Math.Abs(after)));
        if (Math.Abs(after - before) <= tolerance)
            return Trend.Unchanged;
        return (after > before) == higherIsBetter ? Trend.Improved : Trend.Worsened;
    }

    private static FigureChange Figure(double before, double after, bool higherIsBetter = true) => new(before, after, FigureTrend(before, after, higherIsBetter));

    private static IndicatorChange IndicatorChangeOf(ReportIndicator? before, ReportIndicator? after)
    {
        var either = after ?? before!;
        var valueBefore = before?.Latest?.Value;
        var valueAfter = after?.Latest?.Value;
        double? difference = valueBefore is { } b && valueAfter is { } a ? a - b : null;
        Trend? valueTrend = difference is null ? null : FigureTrend(valueBefore!.Value, valueAfter!.Value, either.Direction == Direction.HigherIsBetter);
        return new IndicatorChange(either.Id, either.Name, either.Unit, before?.Status, after?.Status, StatusTrend(before?.Status, after?.Status),
            valueBefore, valueAfter, difference, valueTrend);
    }

    private static CommitmentChange CommitmentsOf(ReportSnapshot from, ReportSnapshot to)
    {
        static int Live(ReportSnapshot s) => s.Rounds.Sum(r => r.Commitments - r.ByStatus.GetValueOrDefault(CommitmentStatus.Withdrawn));
        return new CommitmentChange(Figure(Live(from), Live(to)), Figure(from.Rounds.Sum(r => r.PersonYears), to.Rounds.Sum(r => r.PersonYears)),
            MoneyChanges(from.Rounds.SelectMany(r => r.Money), to.Rounds.SelectMany(r => r.Money)));
    }

    /// <summary>Amounts summed per currency on each side and compared currency by currency, currencies in order.</summary>
    private static List<MoneyChange> MoneyChanges(IEnumerable<ReportMoney> from, IEnumerable<ReportMoney> to)
    {
        static Dictionary<Currency, double> Sum(IEnumerable<ReportMoney> money) => money.GroupBy(m => m.Currency).ToDictionary(g => g.Key, g => g.Sum(m => m.Amount));
        var before = Sum(from);
        var after = Sum(to);
        return [.. before.Keys.Union(after.Keys).Order().Select(c => new MoneyChange(c, Figure(before.GetValueOrDefault(c), after.GetValueOrDefault(c))))];
    }

    private static CoverageChange CoverageOf(ReportSnapshot from, ReportSnapshot to)
    {
        var uncoveredBefore = from.Portfolio.GoalsWithoutInitiatives.ToHashSet();
        var uncoveredAfter = to.Portfolio.GoalsWithoutInitiatives.ToHashSet();
        var fromGoals = from.Goals.Select(g => g.Id).ToHashSet();
        // A goal counts as newly covered only when it was there, uncovered, before.
        var nowCovered = to.Goals.Where(g => fromGoals.Contains(g.Id) && uncoveredBefore.Contains(g.Id) && !uncoveredAfter.Contains(g.Id)).Select(g => g.Title).ToList();
        var noLonger = to.Goals.Where(g => fromGoals.Contains(g.Id) && !uncoveredBefore.Contains(g.Id) && uncoveredAfter.Contains(g.Id)).Select(g => g.Title).ToList();
        return new CoverageChange(
            Figure(from.Portfolio.GoalsCovered(from.Goals.Count), to.Portfolio.GoalsCovered(to.Goals.Count)),
            Figure(from.Portfolio.ActiveInitiatives, to.Portfolio.ActiveInitiatives),
            MoneyChanges(from.Portfolio.BudgetByCurrency, to.Portfolio.BudgetByCurrency),
            Figure(from.Portfolio.Alerts.Count, to.Portfolio.Alerts.Count, higherIsBetter: false),
            nowCovered, noLonger);
    }

    /// <summary>Items of both lists paired by key: the later list's order first, then what only the earlier one has.</summary>
    private static List<TResult> Pair<T, TResult>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, int> key, Func<T?, T?, TResult> pair) where T : class
    {
        var earlier = before.ToDictionary(key);
        var later = after.Select(key).ToHashSet();
        return [.. after.Select(a => pair(earlier.GetValueOrDefault(key(a)), a)), .. before.Where(b => !later.Contains(key(b))).Select(b => pair(b, null))];
    }
}
