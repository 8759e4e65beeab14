using Masten.Core.Actors;

namespace Masten.Core.Portfolio;

/// <summary>A goal of the mission, as the analysis needs it.</summary>
public sealed record PortfolioGoal(int Id, string Title);

/// <summary>
/// An indicator with the pace its backcast path still requires from the latest observation to the final
/// target, in the indicator's unit per year as a positive amount (null when the engine could not tell,
/// for instance without observations or targets).
/// </summary>
public sealed record PortfolioIndicator(int Id, int GoalId, string Name, string Unit, double? RequiredPacePerYear);

/// <summary>One expected contribution of an initiative; see <see cref="InitiativeContribution"/>.</summary>
public sealed record PortfolioContribution(int GoalId, int? IndicatorId, ContributionDirection Direction, double? SizePerYear, Level? Size, Level Confidence);

/// <summary>
/// An initiative as the analysis sees it. <see cref="CheckIns"/> are its check-ins newest first;
/// <see cref="OpenHypothesesSince"/> the dates its still open hypotheses were written down.
/// </summary>
public sealed record PortfolioInitiative(
    int Id,
    string Title,
    InitiativeType Type,
    InitiativeStage Stage,
    int LeadActorId,
    string LeadActorName,
    ActorType LeadActorType,
    double Budget,
    IReadOnlyList<SystemLever> Levers,
    IReadOnlyList<PortfolioContribution> Contributions,
    IReadOnlyList<(DateOnly Date, CheckInStatus Status)> CheckIns,
    IReadOnlyList<DateOnly> OpenHypothesesSince,
    DateOnly CreatedOn)
{
    /// <summary>Exploring, testing and scaling initiatives are active; ideas and ended ones are not.</summary>
    public bool IsActive => Stage is InitiativeStage.Exploring or InitiativeStage.Testing or InitiativeStage.Scaling;

    public bool IsEnded => Stage == InitiativeStage.Ended;
}

/// <summary>Initiatives and budget in one cell of the goal × lever matrix.</summary>
public sealed record CoverageCell(int GoalId, SystemLever Lever, int Initiatives, double Budget);

/// <summary>How many initiatives, and how much budget, fall in one group of a diversity table.</summary>
public sealed record DiversityRow<T>(T Key, int Initiatives, double Budget);

/// <summary>How concentrated budget is among lead actors.</summary>
public enum Concentration
{
    /// <summary>No budget at all to measure.</summary>
    None,
    /// <summary>Herfindahl index below 0.15: budget is spread over many leads.</summary>
    Spread,
    /// <summary>0.15 to 0.25: a few leads hold much of the budget.</summary>
    Moderate,
    /// <summary>Above 0.25: one or two leads hold most of the budget.</summary>
    High,
}

/// <summary>One lead actor's share of the portfolio budget.</summary>
public sealed record LeadShare(int ActorId, string ActorName, double Budget, double Share);

/// <summary>
/// The Herfindahl–Hirschman index of budget among lead actors: <c>H = Σ sᵢ²</c> where <c>sᵢ</c> is lead
/// <c>i</c>'s share of the budget, from 1/n (n leads with equal budgets) to 1 (one lead holds everything).
/// <see cref="EffectiveLeads"/> = 1/H is the number of equal leads that would give the same index.
/// </summary>
public sealed record BudgetConcentration(double? Index, double? EffectiveLeads, Concentration Level, IReadOnlyList<LeadShare> Leads);

/// <summary>
/// The sum of expected yearly contributions of active initiatives to one indicator against the pace its
/// backcast path still requires. <see cref="Share"/> is contributed ÷ required (1 = the portfolio alone would
/// keep the pace; null when the required pace is unknown or zero). <see cref="Confidence"/> is the lowest
/// confidence among the counted contributions: a total is only as sure as its least sure part.
/// <see cref="QualitativeOnly"/> counts contributions given only as low/medium/high, which cannot be summed.
/// </summary>
public sealed record ContributionGap(int IndicatorId, int GoalId, string Indicator, string Unit, double? RequiredPerYear,
    double ContributedPerYear, double? Share, Level? Confidence, int Initiatives, int QualitativeOnly);

/// <summary>Why an initiative needs attention.</summary>
public enum AlertKind
{
    /// <summary>No check-in for longer than the mission allows.</summary>
    Stale,
    /// <summary>A hypothesis open longer than <see cref="PortfolioRules.OpenHypothesisDays"/> days.</summary>
    HypothesisOpenTooLong,
    /// <summary>Off track at the two latest check-ins.</summary>
    OffTrackTwice,
}

/// <summary>An initiative needing attention; <see cref="Days"/> is how long (since the check-in or since the hypothesis was opened).</summary>
public sealed record PortfolioAlert(int InitiativeId, string Initiative, AlertKind Kind, int Days);

/// <summary>Everything <see cref="PortfolioAnalysis.Analyse"/> finds.</summary>
public sealed record PortfolioReport(
    DateOnly AsOf,
    int Initiatives,
    int ActiveInitiatives,
    double Budget,
    IReadOnlyList<CoverageCell> Coverage,
    IReadOnlyList<int> GoalsWithoutInitiatives,
    IReadOnlyList<SystemLever> LeversWithoutInitiatives,
    IReadOnlyList<DiversityRow<ActorType>> ByActorType,
    IReadOnlyList<DiversityRow<InitiativeStage>> ByStage,
    IReadOnlyList<DiversityRow<SystemLever>> ByLever,
    IReadOnlyList<DiversityRow<InitiativeType>> ByType,
    BudgetConcentration Concentration,
    IReadOnlyList<ContributionGap> ContributionVersusGap,
    IReadOnlyList<PortfolioAlert> Alerts);

/// <summary>
/// The portfolio analysis of a mission: pure, from plain inputs. Ended initiatives do not count towards
/// coverage, diversity, concentration or alerts; only active ones (exploring, testing, scaling) count
/// towards the contribution versus the gap, since ideas deliver nothing yet.
/// </summary>
public static class PortfolioAnalysis
{
    /// <summary>Herfindahl index above which budget counts as moderately concentrated (the usual 1 500 on the 0–10 000 scale).</summary>
    public const double ModerateConcentration = 0.15;

    /// <summary>Herfindahl index above which budget counts as highly concentrated (2 500 on the 0–10 000 scale).</summary>
    public const double HighConcentration = 0.25;

    public static PortfolioReport Analyse(IReadOnlyList<PortfolioGoal> goals, IReadOnlyList<PortfolioIndicator> indicators,
        IReadOnlyList<PortfolioInitiative> initiatives, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays)
    {
        var live = initiatives.Where(i => !i.IsEnded).ToList();
        var coverage = Coverage(goals, live);
        var goalsCovered = live.SelectMany(i => i.Contributions.Select(c => c.GoalId)).ToHashSet();
        var leversCovered = live.SelectMany(i => i.Levers).ToHashSet();
        return new PortfolioReport(
            asOf,
            live.Count,
            live.Count(i => i.IsActive),
            live.Sum(i => i.Budget),
            coverage,
            goals.Where(g => !goalsCovered.Contains(g.Id)).Select(g => g.Id).ToList(),
            Enum.GetValues<SystemLever>().Where(l => !leversCovered.Contains(l)).ToList(),
            Group<ActorType>(live, i => [i.LeadActorType]),
            Group<InitiativeStage>(live, i => [i.Stage]),
            Group(live, i => i.Levers.Distinct()),
            Group<InitiativeType>(live, i => [i.Type]),
            Concentrate(live),
            ContributionVersusGap(indicators, initiatives),
            Alerts(live, asOf, staleDays));
    }

    /// <summary>
    /// Goals × levers: in each cell, the initiatives that contribute to the goal through the lever and their
    /// whole budgets. An initiative with two goals and two levers counts in four cells, so cell budgets
    /// do not add up to the portfolio budget.
    /// </summary>
    public static IReadOnlyList<CoverageCell> Coverage(IReadOnlyList<PortfolioGoal> goals, IReadOnlyList<PortfolioInitiative> initiatives) =>
        goals.SelectMany(g => Enum.GetValues<SystemLever>().Select(l =>
        {
            var inCell = initiatives.Where(i => i.Levers.Contains(l) && i.Contributions.Any(c => c.GoalId == g.Id)).ToList();
            return new CoverageCell(g.Id, l, inCell.Count, inCell.Sum(i => i.Budget));
        })).ToList();

    /// <summary>The Herfindahl index of budget among lead actors, and what it means; see <see cref="BudgetConcentration"/>.</summary>
    public static BudgetConcentration Concentrate(IReadOnlyList<PortfolioInitiative> initiatives)
    {
        var total = initiatives.Sum(i => i.Budget);
        if (total <= 0)
            return new BudgetConcentration(null, null, Concentration.None, []);
        var leads = initiatives.GroupBy(i => i.LeadActorId)
            .Select(g => new LeadShare(g.Key, g.First().LeadActorName, g.Sum(i => i.Budget), g.Sum(i => i.Budget) / total))
            .Where(l => l.Budget > 0)
            .OrderByDescending(l => l.Share).ThenBy(l => l.ActorName, StringComparer.Ordinal)
            .ToList();
        var index = leads.Sum(l => l.Share * l.Share);
        var level = index > HighConcentration ? Concentration.High : index >= ModerateConcentration ? Concentration.Moderate : Concentration.Spread;
        return new BudgetConcentration(index, 1 / index, level, leads);
    }

    /// <summary>
    /// Per indicator: the sum of the yearly sizes of active initiatives' contributions (improving counts
    /// plus, worsening counts minus) against the required pace; see <see cref="ContributionGap"/>.
    /// </summary>
    public static IReadOnlyList<ContributionGap> ContributionVersusGap(IReadOnlyList<PortfolioIndicator> indicators, IReadOnlyList<PortfolioInitiative> initiatives)
    {
        var active = initiatives.Where(i => i.IsActive).ToList();
        return indicators.Select(ind =>
        {
            var found = active.SelectMany(i => i.Contributions.Where(c => c.IndicatorId == ind.Id).Select(c => (Initiative: i, Contribution: c))).ToList();
            var sized = found.Where(f => f.Contribution.SizePerYear is not null).ToList();
            var sum = sized.Sum(f => (f.Contribution.Direction == ContributionDirection.Improves ? 1 : -1) * f.Contribution.SizePerYear!.Value);
            double? share = ind.RequiredPacePerYear is { } required && required > 0 ? sum / required : null;
            Level? confidence = sized.Count == 0 ? null : sized.Min(f => f.Contribution.Confidence);
            return new ContributionGap(ind.Id, ind.GoalId, ind.Name, ind.Unit, ind.RequiredPacePerYear, sum, share, confidence,
                found.Select(f => f.Initiative.Id).Distinct().Count(), found.Count - sized.Count);
        }).ToList();
    }

    /// <summary>
    /// Stale: no check-in for more than <paramref name="staleDays"/> days (counted from the initiative's
    /// creation when it never had one). Hypotheses open more than <see cref="PortfolioRules.OpenHypothesisDays"/>
    /// days. Off track at both of the two latest check-ins. Ideas are not expected to check in.
    /// </summary>
    public static IReadOnlyList<PortfolioAlert> Alerts(IReadOnlyList<PortfolioInitiative> initiatives, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays)
    {
        var alerts = new List<PortfolioAlert>();
        foreach (var i in initiatives.Where(i => !i.IsEnded))
        {
            var last = i.CheckIns.Count > 0 ? i.CheckIns.Max(c => c.Date) : i.CreatedOn;
            var days = asOf.DayNumber - last.DayNumber;
            if (i.IsActive && days > staleDays)
                alerts.Add(new PortfolioAlert(i.Id, i.Title, AlertKind.Stale, days));
            var oldest = i.OpenHypothesesSince.Where(d => asOf.DayNumber - d.DayNumber > PortfolioRules.OpenHypothesisDays).DefaultIfEmpty().Min();
            if (oldest != default)
                alerts.Add(new PortfolioAlert(i.Id, i.Title, AlertKind.HypothesisOpenTooLong, asOf.DayNumber - oldest.DayNumber));
            var latest = i.CheckIns.OrderByDescending(c => c.Date).Take(2).ToList();
            if (latest.Count == 2 && latest.All(c => c.Status == CheckInStatus.OffTrack))
                alerts.Add(new PortfolioAlert(i.Id, i.Title, AlertKind.OffTrackTwice, asOf.DayNumber - latest[0].Date.DayNumber));
        }
        return alerts.OrderBy(a => a.Kind).ThenBy(a => a.Initiative, StringComparer.Ordinal).ToList();
    }

    private static List<DiversityRow<T>> Group<T>(IReadOnlyList<PortfolioInitiative> initiatives, Func<PortfolioInitiative, IEnumerable<T>> keys) where T : struct, Enum =>
        initiatives.SelectMany(i => keys(i).Select(k => (Key: k, Initiative: i)))
            .GroupBy(x => x.Key)
            .OrderBy(g => g.Key)
            .Select(g => new DiversityRow<T>(g.Key, g.Count(), g.Sum(x => x.Initiative.Budget)))
            .ToList();
}
