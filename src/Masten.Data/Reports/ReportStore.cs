using System.Globalization;
using Masten.Core.Progress;
using Masten.Core.Reports;
using Masten.Data.Actors;
using Masten.Data.Portfolio;
using Masten.Data.Progress;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Reports;

/// <summary>
/// Freezes a mission into a yearly report, from the page, the API and tests alike. The content is computed once,
/// as of the report's date, by the same reads the live pages use (the progress engine's as-of path, the actor
/// overview's round totals, the portfolio analysis), and stored as one JSON document that nothing changes later.
/// </summary>
public sealed class ReportStore(MastenDbContext db)
{
    private static readonly CultureInfo[] Languages = [new("sv-SE"), new("en-GB"), new("da-DK")];

    /// <summary>
    /// Freezes the mission as of <see cref="ReportInput.AsOf"/>. Null when the mission does not exist; a
    /// <see cref="Core.Common.DomainException"/> naming the field when the input breaks <see cref="ReportRules"/>
    /// (a draft mission, a date before the baseline year or after today, no title), and then nothing is stored.
    /// </summary>
    public async Task<MissionReport?> FreezeAsync(int missionId, ReportInput input, CancellationToken ct = default)
    {
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == missionId).Select(m => new { m.Status, m.BaselineYear }).FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        ReportRules.Validate(input, mission.Status, mission.BaselineYear, DateOnly.FromDateTime(now));
        var snapshot = await SnapshotAsync(missionId, input with { Title = input.Title!.Trim() }, now, ct);
        var report = new MissionReport
        {
            MissionId = missionId, Title = snapshot.Title, AsOf = snapshot.AsOf, CreatedAt = now, CreatedBy = snapshot.CreatedBy,
            SchemaVersion = snapshot.SchemaVersion, Document = ReportDocument.Serialize(snapshot),
        };
        db.MissionReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }

    private async Task<ReportSnapshot> SnapshotAsync(int missionId, ReportInput input, DateTime now, CancellationToken ct)
    {
        var asOf = input.AsOf;
        var progress = (await db.MissionProgressAsync(missionId, asOf, ct))!;

        var goals = new List<ReportGoal>();
        void Walk(GoalProgress goal, int depth)
        {
            goals.Add(new ReportGoal(goal.Goal.Id, goal.Goal.ParentId, depth, goal.Goal.Title, StatusOf(goal.Rollup)));
            foreach (var child in goal.Children)
                Walk(child, depth + 1);
        }
        foreach (var goal in progress.Goals)
            Walk(goal, 0);

        var indicators = progress.AllIndicators().Select(p =>
        {
            var a = p.Assessment;
            var final = a.Forecasts.Count > 0 ? a.Forecasts[^1] : (TargetForecast?)null;
            return new ReportIndicator(p.Indicator.Id, p.Indicator.GoalId, p.Indicator.Name, p.Indicator.Unit, p.Indicator.Direction, a.Status, a.Latest,
                a.Trajectory.FinalTarget, a.RequiredAtAsOf, final?.ForecastValue, final?.MeetsTarget, a.Reach.Outcome, a.Reach.Date,
                Languages.ToDictionary(c => c.TwoLetterISOLanguageName, c => ExplanationWords.Describe(a, c)));
        }).ToList();

        // Round totals as the actor overview adds them up; its member list is not needed, so one row of it is read.
        var actors = (await db.MissionActorsAsync(missionId, ct, page: 1, pageSize: 1))!;
        var rounds = actors.Rounds.Where(r => r.Round.Date <= asOf).Select(r => new ReportRound(r.Round.Id, r.Round.Name, r.Round.Date, r.ByStatus.Values.Sum(),
            r.ByStatus, r.Money.Select(m => new ReportMoney(m.Currency, m.Amount)).ToList(), r.PersonYears,
            r.PublicMoney.Select(m => new ReportMoney(m.Currency, m.Amount)).ToList(), r.PublicPersonYears)).ToList();

        var (_, portfolio) = await db.PortfolioReportAsync(progress, ct);

        var after = await db.MissionReports.Where(r => r.MissionId == missionId && r.AsOf < asOf).MaxAsync(r => (DateOnly?)r.AsOf, ct);
        var reviews = db.Reviews.Where(r => r.MissionId == missionId && r.Date <= asOf && (after == null || r.Date > after));
        var decisions = await db.ReviewDecisions.AsNoTracking()
            .Join(reviews, d => d.ReviewId, r => r.Id, (d, r) => new { Decision = d, r.Date })
            .OrderBy(x => x.Date).ThenBy(x => x.Decision.Id)
            .Select(x => new ReportDecision(x.Decision.ReviewId, x.Date, x.Decision.InitiativeId,
                db.Initiatives.Where(i => i.Id == x.Decision.InitiativeId).Select(i => i.Title).First(), x.Decision.Kind, x.Decision.Rationale))
            .ToListAsync(ct);

        var mission = progress.Mission;
        return new ReportSnapshot(ReportDocument.CurrentSchemaVersion, missionId, mission.Title, mission.Statement, mission.BaselineYear, mission.HorizonYear,
            input.Title!, string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim(), asOf, now, db.Author, progress.Roadmap?.Number,
            StatusOf(progress.Rollup), goals, indicators, rounds,
            new ReportPortfolio(portfolio.Initiatives, portfolio.ActiveInitiatives, portfolio.Budget,
                portfolio.Coverage.Select(c => new ReportCoverageCell(c.GoalId, c.Lever, c.Initiatives, c.Budget)).ToList(),
                portfolio.GoalsWithoutInitiatives, portfolio.LeversWithoutInitiatives,
                portfolio.Alerts.Select(a => new ReportAlert(a.InitiativeId, a.Initiative, a.Kind, a.Days)).ToList())
            {
                BudgetByCurrency = portfolio.BudgetByCurrency.Select(b => new ReportMoney(b.Currency, b.Budget)).ToList(),
            },
            after, decisions);
    }

    private static ReportStatus StatusOf(RollupResult r) => new(r.Status, r.Fraction, r.RequiredFraction);
}
