using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data.Missions;
using Masten.Data.Progress;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Portfolio;

// Read models of the portfolio, shared by the API and the pages. Queries filter and order entities,
// then project with ToDtos() last; lists are paged; nothing runs one query per row.

public sealed record ContributionDto(int GoalId, int? IndicatorId, ContributionDirection Direction, double? SizePerYear, Level? Size, Level Confidence);

public sealed record FundingDto(int FunderActorId, string FunderName, double Amount, Currency Currency);

public sealed record InitiativeDto(int Id, int MissionId, string Title, string? Description, InitiativeType Type, int LeadActorId, string LeadActorName,
    IReadOnlyList<int> PartnerActorIds, InitiativeStage Stage, double? Budget, Currency? Currency, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<SystemLever> Levers, IReadOnlyList<ContributionDto> Contributions, IReadOnlyList<FundingDto> Funding, int Version, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One step of an initiative's stage history; <see cref="ReviewId"/> names the review whose decision caused it.</summary>
public sealed record StageChangeDto(int Id, int InitiativeId, InitiativeStage Stage, DateOnly Date, int? ReviewId);

public sealed record HypothesisDto(int Id, int InitiativeId, string Belief, string? Test, HypothesisResult Result, string? Learning, DateOnly OpenedOn, int Version);

public sealed record CheckInDto(int Id, int InitiativeId, DateOnly Date, CheckInStatus Status, int Confidence, string? WhatHappened, string? Next, string? Blockers);

public sealed record ReviewDto(int Id, int MissionId, DateOnly Date, ReviewKind Kind, string? Participants, IReadOnlyList<int> ParticipantActorIds, string? Insights, int Version);

public sealed record DecisionDto(int Id, int ReviewId, int InitiativeId, string InitiativeTitle, DecisionKind Kind, string Rationale);

/// <summary>
/// The mission's portfolio analysed on a date, with the names the analysis refers to by id. The report's alerts are
/// one page of them, <see cref="AlertPaging"/> says which; the concentration names the largest leads only
/// (<see cref="PortfolioReads.LeadsShown"/>), its index counts every lead.
/// </summary>
public sealed record PortfolioOverview(MissionDto Mission, IReadOnlyList<GoalDto> Goals, PortfolioReport Report, Paging AlertPaging);

/// <summary>
/// A review with its decisions and the agenda the analysis of its date gives (its alerts paged like the portfolio's).
/// <see cref="Goals"/>, the mission's goals the agenda refers to by id, is for the page and not part of the API answer.
/// </summary>
public sealed record ReviewOverview(ReviewDto Review, MissionDto Mission, IReadOnlyList<DecisionDto> Decisions, PortfolioReport Agenda, Paging AlertPaging,
    [property: JsonIgnore] IReadOnlyList<GoalDto> Goals);

/// <summary>An initiative as a list of initiatives shows it.</summary>
public sealed record InitiativeRowDto(int Id, string Title, InitiativeType Type, InitiativeStage Stage, int LeadActorId, string LeadActorName, double? Budget, Currency? Currency);

public static class PortfolioReads
{
    public static IQueryable<InitiativeDto> ToDtos(this IQueryable<Initiative> query, MastenDbContext db) =>
        query.AsNoTracking().Select(i => new InitiativeDto(i.Id, i.MissionId, i.Title, i.Description, i.Type, i.LeadActorId, i.LeadActor!.Name,
            i.PartnerActorIds, i.Stage, i.Budget, i.Currency, i.StartDate, i.EndDate, i.Levers,
            i.Contributions.OrderBy(c => c.Id).Select(c => new ContributionDto(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence)).ToList(),
            i.Funding.OrderBy(f => f.Id).Select(f => new FundingDto(f.FunderActorId, db.Actors.Where(a => a.Id == f.FunderActorId).Select(a => a.Name).First(), f.Amount, f.Currency)).ToList(),
            i.Version, i.CreatedAt, i.UpdatedAt));

    /// <summary>The columns a list of initiatives shows, without contributions and funding.</summary>
    public static IQueryable<InitiativeRowDto> ToRows(this IQueryable<Initiative> query) =>
        query.AsNoTracking().Select(i => new InitiativeRowDto(i.Id, i.Title, i.Type, i.Stage, i.LeadActorId, i.LeadActor!.Name, i.Budget, i.Currency));

    public static IQueryable<StageChangeDto> ToDtos(this IQueryable<StageChange> query) =>
        query.AsNoTracking().Select(s => new StageChangeDto(s.Id, s.InitiativeId, s.Stage, s.Date, s.ReviewId));

    public static IQueryable<HypothesisDto> ToDtos(this IQueryable<Hypothesis> query) =>
        query.AsNoTracking().Select(h => new HypothesisDto(h.Id, h.InitiativeId, h.Belief, h.Test, h.Result, h.Learning, h.OpenedOn, h.Version));

    public static IQueryable<CheckInDto> ToDtos(this IQueryable<CheckIn> query) =>
        query.AsNoTracking().Select(c => new CheckInDto(c.Id, c.InitiativeId, c.Date, c.Status, c.Confidence, c.WhatHappened, c.Next, c.Blockers));

    public static IQueryable<ReviewDto> ToDtos(this IQueryable<Review> query) =>
        query.AsNoTracking().Select(r => new ReviewDto(r.Id, r.MissionId, r.Date, r.Kind, r.Participants, r.ParticipantActorIds, r.Insights, r.Version));

    public static IQueryable<DecisionDto> ToDtos(this IQueryable<ReviewDecision> query, MastenDbContext db) =>
        query.AsNoTracking().Select(d => new DecisionDto(d.Id, d.ReviewId, d.InitiativeId,
            db.Initiatives.Where(i => i.Id == d.InitiativeId).Select(i => i.Title).First(), d.Kind, d.Rationale));

    /// <summary>How many alerts a page shows unless asked otherwise.</summary>
    public const int AlertPageSize = 50;

    /// <summary>How many of the largest leads the budget concentration names; the index itself counts every lead.</summary>
    public const int LeadsShown = 10;

    /// <summary>
    /// The mission's portfolio analysed on <paramref name="asOf"/>: the database adds the portfolio up
    /// (<see cref="PortfolioAggregatesAsync"/>) and <see cref="PortfolioAnalysis"/> turns the sums into the report, with
    /// the pace each indicator still needs (<see cref="ProgressReads.RequiredPacesAsync"/>, the
    /// <see cref="Masten.Core.Progress.Assessment.RequiredPace"/> of the progress engine without assessing the mission),
    /// turned into better-is-positive units per year. Check-ins and hypotheses after <paramref name="asOf"/> are left
    /// out, so a review's agenda is what was known on its date; initiatives and their current stages are taken as they
    /// are now. Alerts come one page at a time; a page beyond the last is empty.
    /// </summary>
    public static async Task<PortfolioOverview?> PortfolioAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct,
        int page = 1, int pageSize = AlertPageSize)
    {
        // The whole analysis is reused while nothing is written (StampedReads); each request takes its page of it.
        var analysed = await db.ReuseAsync("portfolio", missionId, asOf, () => db.AnalysedPortfolioAsync(missionId, asOf, ct), ct);
        if (analysed.Overview is not { } whole)
            return null;
        var report = whole.Report;
        var (alerts, paging) = Paging.Of(report.Alerts, page, pageSize);
        report = report with { Alerts = alerts, Concentration = report.Concentration with { Leads = [.. report.Concentration.Leads.Take(LeadsShown)] } };
        return whole with { Report = report, AlertPaging = paging };
    }

    /// <summary>The portfolio of <see cref="PortfolioAsync"/> with every alert and lead; <see cref="AnalysedPortfolio.Overview"/> is null when the mission does not exist.</summary>
    private static async Task<AnalysedPortfolio> AnalysedPortfolioAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        if (await db.RequiredPacesAsync(missionId, asOf, ct) is not { } paces)
            return new AnalysedPortfolio(null);
        var (mission, required) = paces;
        var (goals, report) = await db.AnalyseAsync(missionId, asOf, mission.StaleAfterDays,
            required.Select(p => Better(p.Indicator, p.Pace)), ct);
        return new AnalysedPortfolio(new PortfolioOverview(mission, goals, report, new Paging(1, Math.Max(1, report.Alerts.Count), report.Alerts.Count)));
    }

    // What StampedReads keeps: also that a mission does not exist.
    private sealed record AnalysedPortfolio(PortfolioOverview? Overview);

    /// <summary>The whole portfolio report (every alert) of the mission whose progress is given, on the progress's date, and the mission's goals.</summary>
    public static Task<(List<GoalDto> Goals, PortfolioReport Report)> PortfolioReportAsync(this MastenDbContext db, MissionProgress progress, CancellationToken ct) =>
        db.AnalyseAsync(progress.Mission.Id, progress.AsOf, progress.Mission.StaleAfterDays,
            progress.AllIndicators().Select(p => Better(p.Indicator, p.Assessment.RequiredPace)), ct);

    /// <summary>An indicator with the pace it still needs, in better-is-positive units per year.</summary>
    private static PortfolioIndicator Better(IndicatorDto indicator, Masten.Core.Progress.RequiredPace? pace) =>
        new(indicator.Id, indicator.GoalId, indicator.Name, indicator.Unit,
            pace is { } p ? (indicator.Direction == Direction.HigherIsBetter ? p.UnitsPerYear : -p.UnitsPerYear) : null);

    private static async Task<(List<GoalDto> Goals, PortfolioReport Report)> AnalyseAsync(this MastenDbContext db, int missionId, DateOnly asOf,
        int staleDays, IEnumerable<PortfolioIndicator> indicators, CancellationToken ct)
    {
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var aggregates = await db.PortfolioAggregatesAsync(missionId, asOf, staleDays, ct);
        return (goals, PortfolioAnalysis.Analyse(goals.Select(g => new PortfolioGoal(g.Id, g.Title)).ToList(), indicators.ToList(), aggregates, asOf, staleDays));
    }

    /// <summary>
    /// The portfolio of a mission added up in SQL (GROUP BY over initiatives that are not ended; the contribution sums
    /// over active ones), with check-ins and hypotheses up to <paramref name="asOf"/>. Only initiatives that may raise
    /// an alert come back as alert candidates: active ones without a check-in for more than
    /// <paramref name="staleDays"/> days, those with a hypothesis open more than <see cref="PortfolioRules.OpenHypothesisDays"/>
    /// days, those off track at their two latest check-ins. <see cref="PortfolioAnalysis"/> decides the alerts from them.
    /// </summary>
    public static async Task<PortfolioAggregates> PortfolioAggregatesAsync(this MastenDbContext db, int missionId, DateOnly asOf, int staleDays, CancellationToken ct)
    {
        var live = db.Initiatives.AsNoTracking().Where(i => i.MissionId == missionId && i.Stage != InitiativeStage.Ended);
        // One GROUP BY by stage, type, lead and the lead's type; the figures by stage, by type, by lead type and per lead
        // are its roll-ups (budgets are sums of whole amounts, so the order of adding does not change them).
        // The currency is in the key too, for the budget per currency (initiatives without a currency count in none).
        var groups = await live.GroupBy(i => new { i.Stage, i.Type, i.LeadActorId, i.LeadActor!.Name, LeadType = i.LeadActor.Type, i.Currency })
            .Select(g => new { g.Key.Stage, g.Key.Type, g.Key.LeadActorId, g.Key.Name, g.Key.LeadType, g.Key.Currency, Count = g.Count(), Budget = g.Sum(i => i.Budget ?? 0) })
            .ToListAsync(ct);
        var byStage = groups.GroupBy(g => g.Stage).Select(g => new DiversityRow<InitiativeStage>(g.Key, g.Sum(x => x.Count), g.Sum(x => x.Budget))).ToList();
        var byType = groups.GroupBy(g => g.Type).Select(g => new DiversityRow<InitiativeType>(g.Key, g.Sum(x => x.Count), g.Sum(x => x.Budget))).ToList();
        var byActorType = groups.GroupBy(g => g.LeadType).Select(g => new DiversityRow<ActorType>(g.Key, g.Sum(x => x.Count), g.Sum(x => x.Budget))).ToList();
        var leads = groups.GroupBy(g => g.LeadActorId).OrderBy(g => g.Key).Select(g => new LeadBudget(g.Key, g.First().Name, g.Sum(x => x.Budget))).ToList();
        var byCurrency = groups.Where(g => g.Currency is not null).GroupBy(g => g.Currency!.Value).OrderBy(g => g.Key)
            .Select(g => new CurrencyBudget(g.Key, g.Sum(x => x.Count), g.Sum(x => x.Budget))).ToList();

        // Levers, goal × lever cells and the goals with initiatives in one statement. The database groups by the stored
        // lever list (a few dozen distinct lists in a mission), each list is split here: matching every lever name
        // against every initiative's list with LIKE cost four times as much.
        var (byLever, coverage, goalsCovered) = LeverAggregates(await db.Database.SqlQueryRaw<LeverRow>(LeversSql, missionId).ToListAsync(ct));

        // Confidence is stored by name, so its order is given here: low 0, medium 1, high 2.
        var sums = (await db.Initiatives.AsNoTracking()
            .Where(i => i.MissionId == missionId && (i.Stage == InitiativeStage.Exploring || i.Stage == InitiativeStage.Testing || i.Stage == InitiativeStage.Scaling))
            .SelectMany(i => i.Contributions).Where(c => c.IndicatorId != null)
            .GroupBy(c => c.IndicatorId!.Value)
            .Select(g => new
            {
                IndicatorId = g.Key,
                Sum = g.Sum(c => c.SizePerYear == null ? 0 : c.Direction == ContributionDirection.Improves ? c.SizePerYear.Value : -c.SizePerYear.Value),
                Lowest = g.Where(c => c.SizePerYear != null).Min(c => (int?)(c.Confidence == Level.Low ? 0 : c.Confidence == Level.Medium ? 1 : 2)),
                Initiatives = g.Select(c => c.InitiativeId).Distinct().Count(),
                Qualitative = g.Count(c => c.SizePerYear == null),
            }).ToListAsync(ct))
            .Select(s => new IndicatorContributionSum(s.IndicatorId, s.Sum, s.Lowest is { } l ? (Level)l : null, s.Initiatives, s.Qualitative)).ToList();

        // An initiative is stale when its last check-in (or its creation, without one) lies before this day.
        var staleBefore = asOf.AddDays(-staleDays);
        var staleBeforeTime = staleBefore.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var openBefore = asOf.AddDays(-PortfolioRules.OpenHypothesisDays);
        var candidates = (await db.Database.SqlQueryRaw<CandidateRow>(CandidatesSql, missionId, asOf, staleBeforeTime, staleBefore, openBefore).ToListAsync(ct))
            .Select(f => new AlertFacts(f.Id, f.Title, Enum.Parse<InitiativeStage>(f.Stage), DateOnly.FromDateTime(f.CreatedAt), f.Last, f.Oldest,
                f.Latest is null ? null : Enum.Parse<CheckInStatus>(f.Latest), f.Previous is null ? null : Enum.Parse<CheckInStatus>(f.Previous)))
            .ToList();

        return new PortfolioAggregates(byStage, byActorType, byLever, byType, coverage, goalsCovered, leads, sums, candidates) { BudgetByCurrency = byCurrency };
    }

    /// <summary>The rows of <see cref="LeversSql"/> per lever, per goal and lever, and the goals with initiatives.</summary>
    private static (List<DiversityRow<SystemLever>> ByLever, List<CoverageCell> Coverage, List<int> GoalsCovered) LeverAggregates(List<LeverRow> leverRows)
    {
        // Each distinct list is split once (a mission has a few dozen, each in many rows).
        var lists = new Dictionary<string, SystemLever[]>();
        SystemLever[] LeversOf(string? levers) =>
            lists.TryGetValue(levers ?? "", out var split) ? split : lists[levers ?? ""] = [.. PortfolioReads.LeversOf(levers)];
        var byLever = leverRows.Where(r => r.Part == 0)
            .SelectMany(r => LeversOf(r.Levers).Select(l => (Lever: l, Row: r)))
            .GroupBy(x => x.Lever)
            .Select(g => new DiversityRow<SystemLever>(g.Key, g.Sum(x => x.Row.Initiatives), g.Sum(x => x.Row.Budget))).ToList();
        var coverage = leverRows.Where(r => r.Part == 1)
            .SelectMany(r => LeversOf(r.Levers).Select(l => (Lever: l, Row: r)))
            .GroupBy(x => (GoalId: x.Row.GoalId!.Value, x.Lever))
            .Select(g => new CoverageCell(g.Key.GoalId, g.Key.Lever, g.Sum(x => x.Row.Initiatives), g.Sum(x => x.Row.Budget))).ToList();
        var goalsCovered = leverRows.Where(r => r.Part == 1).Select(r => r.GoalId!.Value).Distinct().ToList();
        return (byLever, coverage, goalsCovered);
    }

    /// <summary>A review, its decisions, and its agenda: the portfolio analysed on the review's date, its alerts paged.</summary>
    public static async Task<ReviewOverview?> ReviewAsync(this MastenDbContext db, int reviewId, CancellationToken ct, int page = 1, int pageSize = AlertPageSize)
    {
        var review = await db.Reviews.Where(r => r.Id == reviewId).ToDtos().FirstOrDefaultAsync(ct);
        if (review is null)
            return null;
        var portfolio = (await db.PortfolioAsync(review.MissionId, review.Date, ct, page, pageSize))!;
        var decisions = await db.ReviewDecisions.Where(d => d.ReviewId == reviewId).OrderBy(d => d.Id).ToDtos(db).ToListAsync(ct);
        return new ReviewOverview(review, portfolio.Mission, decisions, portfolio.Report, portfolio.AlertPaging, portfolio.Goals);
    }

    // Levers are stored as a comma-separated list of names (ListConversion.Enums), each name once.
    private static IEnumerable<SystemLever> LeversOf(string? levers) =>
        (levers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SystemLever>).Distinct();

    // Part 0: initiatives and budget per lever list; part 1: the same per goal the initiative contributes to (each
    // initiative once per goal), which also names the goals any initiative that is not ended contributes to.
    private const string LeversSql = """
        SELECT 0 AS "Part", CAST(NULL AS INTEGER) AS "GoalId", i."Levers" AS "Levers", CAST(COUNT(*) AS INTEGER) AS "Initiatives", SUM(COALESCE(i."Budget", 0.0)) AS "Budget"
        FROM "Initiatives" AS i
        WHERE i."MissionId" = {0} AND i."Stage" <> 'Ended'
        GROUP BY i."Levers"
        UNION ALL
        SELECT 1, g."GoalId", i."Levers", CAST(COUNT(*) AS INTEGER), SUM(COALESCE(i."Budget", 0.0))
        FROM "Initiatives" AS i
        JOIN (SELECT DISTINCT c."InitiativeId", c."GoalId" FROM "InitiativeContributions" AS c
              JOIN "Initiatives" AS ci ON ci."Id" = c."InitiativeId" WHERE ci."MissionId" = {0} AND ci."Stage" <> 'Ended') AS g ON g."InitiativeId" = i."Id"
        WHERE i."MissionId" = {0} AND i."Stage" <> 'Ended'
        GROUP BY g."GoalId", i."Levers"
        """;

    // What the alerts need of each initiative that is not ended, each fact looked up once by index (a CTE kept
    // MATERIALIZED, so the filter does not repeat the lookups), then only those that may raise an alert. Window
    // functions over the mission's check-ins (ROW_NUMBER per initiative) read every check-in: twice the CPU on SQLite,
    // and a sequential scan of all check-ins on PostgreSQL. {1} is asOf; {2}/{3} the stale limits (creation time, check-in
    // date); {4} the day before which an open hypothesis is too old.
    private const string CandidatesSql = """
        WITH f AS MATERIALIZED (
            SELECT i."Id", i."Title", i."Stage", i."CreatedAt",
                (SELECT MAX(c."Date") FROM "CheckIns" AS c WHERE c."InitiativeId" = i."Id" AND c."Date" <= {1}) AS "Last",
                (SELECT MIN(h."OpenedOn") FROM "Hypotheses" AS h WHERE h."InitiativeId" = i."Id" AND h."Result" = 'Open' AND h."OpenedOn" <= {1}) AS "Oldest",
                (SELECT c."Status" FROM "CheckIns" AS c WHERE c."InitiativeId" = i."Id" AND c."Date" <= {1}
                 ORDER BY c."Date" DESC, c."Id" DESC LIMIT 1) AS "Latest",
                (SELECT c."Status" FROM "CheckIns" AS c WHERE c."InitiativeId" = i."Id" AND c."Date" <= {1}
                 ORDER BY c."Date" DESC, c."Id" DESC LIMIT 1 OFFSET 1) AS "Previous"
            FROM "Initiatives" AS i
            WHERE i."MissionId" = {0} AND i."Stage" <> 'Ended')
        SELECT f."Id", f."Title", f."Stage", f."CreatedAt", f."Last", f."Oldest", f."Latest", f."Previous"
        FROM f
        WHERE (f."Stage" IN ('Exploring', 'Testing', 'Scaling') AND ((f."Last" IS NULL AND f."CreatedAt" < {2}) OR f."Last" < {3}))
            OR f."Oldest" < {4}
            OR (f."Latest" = 'OffTrack' AND f."Previous" = 'OffTrack')
        """;

    private sealed class CandidateRow
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateOnly? Last { get; set; }
        public DateOnly? Oldest { get; set; }
        public string? Latest { get; set; }
        public string? Previous { get; set; }
    }

    private sealed class LeverRow
    {
        public int Part { get; set; }
        public int? GoalId { get; set; }
        public string? Levers { get; set; }
        public int Initiatives { get; set; }
        public double Budget { get; set; }
    }
}
