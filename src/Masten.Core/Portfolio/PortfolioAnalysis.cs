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
    public bool IsActive => PortfolioAnalysis.IsActive(Stage);

    public bool IsEnded => Stage == InitiativeStage.Ended;

    /// <summary>The currency of <see cref="Budget"/>; null when there is no budget.</summary>
    public Currency? Currency { get; init; }
}

/// <summary>
/// The budget of the initiatives that are not ended, in one currency. Budgets in different currencies are never
/// added together: a portfolio with budgets in SEK and DKK has two totals.
/// </summary>
public sealed record CurrencyBudget(Currency Currency, int Initiatives, double Budget);

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

/// <summary>Everything the portfolio analysis finds.</summary>
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
    IReadOnlyList<PortfolioAlert> Alerts)
{
    /// <summary>
    /// The total budget per currency, currencies in order (<see cref="Budget"/> and the budgets of the groups and
    /// cells add amounts whatever their currency, so they are meaningful only when <see cref="SingleCurrency"/>).
    /// </summary>
    public IReadOnlyList<CurrencyBudget> BudgetByCurrency { get; init; } = [];

    /// <summary>True when every budget is in one currency (or there is none), so the sums over groups may be shown.</summary>
    public bool SingleCurrency => BudgetByCurrency.Count <= 1;
}

/// <summary>One lead actor's whole budget over the initiatives it leads (summed per lead, in SQL or in memory).</summary>
public sealed record LeadBudget(int ActorId, string ActorName, double Budget);

/// <summary>
/// The contributions of active initiatives to one indicator, added up: <see cref="ContributedPerYear"/> is the sum of
/// the sized ones (improving plus, worsening minus), <see cref="LowestConfidence"/> the lowest confidence among the
/// sized ones (null when none is sized), <see cref="Initiatives"/> the distinct initiatives with any contribution,
/// <see cref="QualitativeOnly"/> the contributions given only as low/medium/high.
/// </summary>
public sealed record IndicatorContributionSum(int IndicatorId, double ContributedPerYear, Level? LowestConfidence, int Initiatives, int QualitativeOnly);

/// <summary>
/// What the alerts need to know about one initiative that is not ended: its latest check-in date (null when it never
/// checked in), the date its oldest still open hypothesis was written down, and the statuses of its two latest
/// check-ins (newest first; ties on a date broken by the later record). All as of the analysis date.
/// </summary>
public sealed record AlertFacts(int InitiativeId, string Title, InitiativeStage Stage, DateOnly CreatedOn, DateOnly? LastCheckIn,
    DateOnly? OldestOpenHypothesis, CheckInStatus? LatestStatus, CheckInStatus? PreviousStatus)
{
    public bool IsActive => PortfolioAnalysis.IsActive(Stage);
}

/// <summary>
/// The portfolio added up, as a database can do it with GROUP BY, over initiatives that are not ended (the
/// contribution sums: over active ones). <see cref="PortfolioAnalysis.Analyse(IReadOnlyList{PortfolioGoal}, IReadOnlyList{PortfolioIndicator}, PortfolioAggregates, DateOnly, int)"/>
/// turns them into the same report as the analysis of every initiative. <see cref="Coverage"/> may leave out empty
/// cells; <see cref="AlertCandidates"/> may leave out initiatives that raise no alert.
/// </summary>
public sealed record PortfolioAggregates(
    IReadOnlyList<DiversityRow<InitiativeStage>> ByStage,
    IReadOnlyList<DiversityRow<ActorType>> ByActorType,
    IReadOnlyList<DiversityRow<SystemLever>> ByLever,
    IReadOnlyList<DiversityRow<InitiativeType>> ByType,
    IReadOnlyList<CoverageCell> Coverage,
    IReadOnlyList<int> GoalsWithInitiatives,
    IReadOnlyList<LeadBudget> LeadBudgets,
    IReadOnlyList<IndicatorContributionSum> Contributions,
    IReadOnlyList<AlertFacts> AlertCandidates)
{
    /// <summary>The budget per currency (see <see cref="PortfolioReport.BudgetByCurrency"/>); any order.</summary>
    public IReadOnlyList<CurrencyBudget> BudgetByCurrency { get; init; } = [];
}

/// <summary>
/// The portfolio analysis of a mission: pure, from plain inputs. Ended initiatives do not count towards
/// coverage, diversity, concentration or alerts; only active ones (exploring, testing, scaling) count
/// towards the contribution versus the gap, since ideas deliver nothing yet. The analysis can start from
/// every initiative or from <see cref="PortfolioAggregates"/> added up in the database; both give the same report.
/// </summary>
public static class PortfolioAnalysis
{
    /// <summary>Herfindahl index above which budget counts as moderately concentrated (the usual 1 500 on the 0–10 000 scale).</summary>
    public const double ModerateConcentration = 0.15;

    /// <summary>Herfindahl index above which budget counts as highly concentrated (2 500 on the 0–10 000 scale).</summary>
    public const double HighConcentration = 0.25;

    public static PortfolioReport Analyse(IReadOnlyList<PortfolioGoal> goals, IReadOnlyList<PortfolioIndicator> indicators,
        IReadOnlyList<PortfolioInitiative> initiatives, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays) =>
        Analyse(goals, indicators, Aggregate(initiatives), asOf, staleDays);

    /// <summary>The report from the portfolio added up; see <see cref="PortfolioAggregates"/>.</summary>
    public static PortfolioReport Analyse(IReadOnlyList<PortfolioGoal> goals, IReadOnlyList<PortfolioIndicator> indicators,
        PortfolioAggregates aggregates, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays)
    {
        var covered = aggregates.GoalsWithInitiatives.ToHashSet();
        var levers = aggregates.ByLever.Where(r => r.Initiatives > 0).Select(r => r.Key).ToHashSet();
        var cells = aggregates.Coverage.ToDictionary(c => (c.GoalId, c.Lever));
        return new PortfolioReport(
            asOf,
            aggregates.ByStage.Sum(r => r.Initiatives),
            aggregates.ByStage.Where(r => IsActive(r.Key)).Sum(r => r.Initiatives),
            aggregates.ByStage.Sum(r => r.Budget),
            goals.SelectMany(g => Enum.GetValues<SystemLever>().Select(l => cells.GetValueOrDefault((g.Id, l)) ?? new CoverageCell(g.Id, l, 0, 0))).ToList(),
            goals.Where(g => !covered.Contains(g.Id)).Select(g => g.Id).ToList(),
            Enum.GetValues<SystemLever>().Where(l => !levers.Contains(l)).ToList(),
            Ordered(aggregates.ByActorType),
            Ordered(aggregates.ByStage),
            Ordered(aggregates.ByLever),
            Ordered(aggregates.ByType),
            Concentrate(aggregates.LeadBudgets),
            ContributionVersusGap(indicators, aggregates.Contributions),
            AlertsOf(aggregates.AlertCandidates, asOf, staleDays))
        {
            BudgetByCurrency = [.. aggregates.BudgetByCurrency.Where(b => b.Initiatives > 0).OrderBy(b => b.Currency)],
        };
    }

    /// <summary>
    /// The aggregates of every initiative in memory: what the database adds up with GROUP BY. Ended initiatives are
    /// left out, check-ins and hypotheses are taken as given (the caller leaves out those after the analysis date).
    /// </summary>
    public static PortfolioAggregates Aggregate(IReadOnlyList<PortfolioInitiative> initiatives)
    {
        var live = initiatives.Where(i => !i.IsEnded).ToList();
        return new PortfolioAggregates(
            Group<InitiativeStage>(live, i => [i.Stage]),
            Group<ActorType>(live, i => [i.LeadActorType]),
            Group(live, i => i.Levers.Distinct()),
            Group<InitiativeType>(live, i => [i.Type]),
            Coverage(live.SelectMany(i => i.Contributions.Select(c => c.GoalId)).Distinct().Select(g => new PortfolioGoal(g, "")).ToList(), live)
                .Where(c => c.Initiatives > 0).ToList(),
            live.SelectMany(i => i.Contributions.Select(c => c.GoalId)).Distinct().ToList(),
            live.GroupBy(i => i.LeadActorId).Select(g => new LeadBudget(g.Key, g.First().LeadActorName, g.Sum(i => i.Budget))).ToList(),
            SumContributions(initiatives),
            live.Select(Facts).ToList())
        {
            BudgetByCurrency = BudgetsByCurrency(live),
        };
    }

    /// <summary>The budgets of <paramref name="initiatives"/> added up per currency; an initiative without a budget counts in none.</summary>
    public static IReadOnlyList<CurrencyBudget> BudgetsByCurrency(IEnumerable<PortfolioInitiative> initiatives) =>
        initiatives.Where(i => i.Currency is not null && !i.IsEnded)
            .GroupBy(i => i.Currency!.Value).OrderBy(g => g.Key)
            .Select(g => new CurrencyBudget(g.Key, g.Count(), g.Sum(i => i.Budget))).ToList();

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
    public static BudgetConcentration Concentrate(IReadOnlyList<PortfolioInitiative> initiatives) =>
        Concentrate(initiatives.GroupBy(i => i.LeadActorId).Select(g => new LeadBudget(g.Key, g.First().LeadActorName, g.Sum(i => i.Budget))).ToList());

    /// <summary>
    /// The Herfindahl index from each lead's summed budget: <c>H = Σ (bᵢ / Σb)²</c>, leads without budget left out,
    /// leads by share (largest first), then name.
    /// </summary>
    public static BudgetConcentration Concentrate(IReadOnlyList<LeadBudget> leadBudgets)
    {
        var total = leadBudgets.Sum(l => l.Budget);
        if (total <= 0)
            return new BudgetConcentration(null, null, Concentration.None, []);
        var leads = leadBudgets
            .Where(l => l.Budget > 0)
            .Select(l => new LeadShare(l.ActorId, l.ActorName, l.Budget, l.Budget / total))
            .OrderByDescending(l => l.Share).ThenBy(l => l.ActorName, StringComparer.Ordinal).ThenBy(l => l.ActorId)
            .ToList();
        var index = leads.Sum(l => l.Share * l.Share);
        var level = index > HighConcentration ? Concentration.High : index >= ModerateConcentration ? Concentration.Moderate : Concentration.Spread;
        return new BudgetConcentration(index, 1 / index, level, leads);
    }

    /// <summary>
    /// Per indicator: the sum of the yearly sizes of active initiatives' contributions (improving counts
    /// plus, worsening counts minus) against the required pace; see <see cref="ContributionGap"/>.
    /// </summary>
    public static IReadOnlyList<ContributionGap> ContributionVersusGap(IReadOnlyList<PortfolioIndicator> indicators, IReadOnlyList<PortfolioInitiative> initiatives) =>
        ContributionVersusGap(indicators, SumContributions(initiatives));

    /// <summary>Per indicator, its added-up contributions against the required pace; an indicator missing from <paramref name="sums"/> has none.</summary>
    public static IReadOnlyList<ContributionGap> ContributionVersusGap(IReadOnlyList<PortfolioIndicator> indicators, IReadOnlyList<IndicatorContributionSum> sums)
    {
        var byIndicator = sums.ToDictionary(s => s.IndicatorId);
        return indicators.Select(ind =>
        {
            var sum = byIndicator.GetValueOrDefault(ind.Id) ?? new IndicatorContributionSum(ind.Id, 0, null, 0, 0);
            double? share = ind.RequiredPacePerYear is { } required && required > 0 ? sum.ContributedPerYear / required : null;
            return new ContributionGap(ind.Id, ind.GoalId, ind.Name, ind.Unit, ind.RequiredPacePerYear, sum.ContributedPerYear, share,
                sum.LowestConfidence, sum.Initiatives, sum.QualitativeOnly);
        }).ToList();
    }

    /// <summary>The contributions of active initiatives added up per indicator; see <see cref="IndicatorContributionSum"/>.</summary>
    public static IReadOnlyList<IndicatorContributionSum> SumContributions(IReadOnlyList<PortfolioInitiative> initiatives) =>
        initiatives.Where(i => i.IsActive)
            .SelectMany(i => i.Contributions.Where(c => c.IndicatorId is not null).Select(c => (Initiative: i, Contribution: c)))
            .GroupBy(f => f.Contribution.IndicatorId!.Value)
            .Select(g =>
            {
                var sized = g.Where(f => f.Contribution.SizePerYear is not null).ToList();
                return new IndicatorContributionSum(g.Key,
                    sized.Sum(f => Directed(f.Contribution.Direction, f.Contribution.SizePerYear!.Value)),
                    sized.Count == 0 ? null : sized.Min(f => f.Contribution.Confidence),
                    g.Select(f => f.Initiative.Id).Distinct().Count(),
                    g.Count() - sized.Count);
            })
            .ToList();

    /// <summary>A yearly size counted the way its direction says: improving plus, worsening minus.</summary>
    public static double Directed(ContributionDirection direction, double sizePerYear) =>
        direction == ContributionDirection.Improves ? sizePerYear : -sizePerYear;

    /// <summary>
    /// Stale: no check-in for more than <paramref name="staleDays"/> days (counted from the initiative's
    /// creation when it never had one). Hypotheses open more than <see cref="PortfolioRules.OpenHypothesisDays"/>
    /// days. Off track at both of the two latest check-ins. Ideas are not expected to check in.
    /// </summary>
    public static IReadOnlyList<PortfolioAlert> Alerts(IReadOnlyList<PortfolioInitiative> initiatives, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays) =>
        AlertsOf(initiatives.Where(i => !i.IsEnded).Select(Facts).ToList(), asOf, staleDays);

    /// <summary>The alerts from what is known of each initiative; see <see cref="Alerts(IReadOnlyList{PortfolioInitiative}, DateOnly, int)"/>. Ordered by kind, then title.</summary>
    public static IReadOnlyList<PortfolioAlert> AlertsOf(IReadOnlyList<AlertFacts> facts, DateOnly asOf, int staleDays = PortfolioRules.DefaultStaleDays)
    {
        var alerts = new List<PortfolioAlert>();
        foreach (var i in facts.Where(f => f.Stage != InitiativeStage.Ended))
        {
            var last = i.LastCheckIn ?? i.CreatedOn;
            var days = asOf.DayNumber - last.DayNumber;
            if (i.IsActive && days > staleDays)
                alerts.Add(new PortfolioAlert(i.InitiativeId, i.Title, AlertKind.Stale, days));
            if (i.OldestOpenHypothesis is { } oldest && asOf.DayNumber - oldest.DayNumber > PortfolioRules.OpenHypothesisDays)
                alerts.Add(new PortfolioAlert(i.InitiativeId, i.Title, AlertKind.HypothesisOpenTooLong, asOf.DayNumber - oldest.DayNumber));
            if (i.LatestStatus == CheckInStatus.OffTrack && i.PreviousStatus == CheckInStatus.OffTrack && i.LastCheckIn is { } latest)
                alerts.Add(new PortfolioAlert(i.InitiativeId, i.Title, AlertKind.OffTrackTwice, asOf.DayNumber - latest.DayNumber));
        }
        return alerts.OrderBy(a => a.Kind).ThenBy(a => a.Initiative, StringComparer.Ordinal).ThenBy(a => a.InitiativeId).ToList();
    }

    /// <summary>Exploring, testing and scaling initiatives are active; ideas and ended ones are not.</summary>
    public static bool IsActive(InitiativeStage stage) => stage is InitiativeStage.Exploring or InitiativeStage.Testing or InitiativeStage.Scaling;

    private static AlertFacts Facts(PortfolioInitiative i)
    {
        // Newest first; a stable sort keeps the caller's order (later record first) among check-ins of one date.
        var latest = i.CheckIns.OrderByDescending(c => c.Date).Take(2).ToList();
        return new AlertFacts(i.Id, i.Title, i.Stage, i.CreatedOn, latest.Count > 0 ? latest[0].Date : null,
            i.OpenHypothesesSince.Count > 0 ? i.OpenHypothesesSince.Min() : null,
            latest.Count > 0 ? latest[0].Status : null, latest.Count > 1 ? latest[1].Status : null);
    }

    private static List<DiversityRow<T>> Ordered<T>(IReadOnlyList<DiversityRow<T>> rows) where T : struct, Enum =>
        rows.Where(r => r.Initiatives > 0).OrderBy(r => r.Key).ToList();

    private static List<DiversityRow<T>> Group<T>(IReadOnlyList<PortfolioInitiative> initiatives, Func<PortfolioInitiative, IEnumerable<T>> keys) where T : struct, Enum =>
        initiatives.SelectMany(i => keys(i).Select(k => (Key: k, Initiative: i)))
            .GroupBy(x => x.Key)
            .OrderBy(g => g.Key)
            .Select(g => new DiversityRow<T>(g.Key, g.Count(), g.Sum(x => x.Initiative.Budget)))
            .ToList();
}
