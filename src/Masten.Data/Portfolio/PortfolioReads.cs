using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data.Missions;
using Masten.Data.Progress;
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

/// <summary>The mission's portfolio analysed on a date, with the names the analysis refers to by id.</summary>
public sealed record PortfolioOverview(MissionDto Mission, IReadOnlyList<GoalDto> Goals, PortfolioReport Report);

/// <summary>A review with its decisions and the agenda the analysis of its date gives.</summary>
public sealed record ReviewOverview(ReviewDto Review, MissionDto Mission, IReadOnlyList<DecisionDto> Decisions, PortfolioReport Agenda);

public static class PortfolioReads
{
    public static IQueryable<InitiativeDto> ToDtos(this IQueryable<Initiative> query, MastenDbContext db) =>
        query.AsNoTracking().Select(i => new InitiativeDto(i.Id, i.MissionId, i.Title, i.Description, i.Type, i.LeadActorId, i.LeadActor!.Name,
            i.PartnerActorIds, i.Stage, i.Budget, i.Currency, i.StartDate, i.EndDate, i.Levers,
            i.Contributions.OrderBy(c => c.Id).Select(c => new ContributionDto(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence)).ToList(),
            i.Funding.OrderBy(f => f.Id).Select(f => new FundingDto(f.FunderActorId, db.Actors.Where(a => a.Id == f.FunderActorId).Select(a => a.Name).First(), f.Amount, f.Currency)).ToList(),
            i.Version, i.CreatedAt, i.UpdatedAt));

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

    /// <summary>
    /// The mission's portfolio analysed on <paramref name="asOf"/>: initiatives, their check-ins and open
    /// hypotheses, and the pace each indicator still needs from the progress engine
    /// (<see cref="Masten.Core.Progress.Assessment.RequiredPace"/>), turned into better-is-positive units per year.
    /// Check-ins and hypotheses after <paramref name="asOf"/> are left out, so a review's agenda is what was known on its date;
    /// initiatives and their current stages are taken as they are now.
    /// </summary>
    public static async Task<PortfolioOverview?> PortfolioAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        var progress = await db.MissionProgressAsync(missionId, asOf, ct);
        if (progress is null)
            return null;
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var indicators = progress.AllIndicators().Select(p => new PortfolioIndicator(p.Indicator.Id, p.Indicator.GoalId, p.Indicator.Name, p.Indicator.Unit,
            p.Assessment.RequiredPace is { } pace ? (p.Indicator.Direction == Direction.HigherIsBetter ? pace.UnitsPerYear : -pace.UnitsPerYear) : null)).ToList();
        var initiatives = await db.Initiatives.Where(i => i.MissionId == missionId).OrderBy(i => i.Title).ThenBy(i => i.Id).ToDtos(db).ToListAsync(ct);
        var leadTypes = await db.Initiatives.Where(i => i.MissionId == missionId).Select(i => new { i.Id, i.LeadActor!.Type }).ToDictionaryAsync(x => x.Id, x => x.Type, ct);
        var checkIns = (await db.CheckIns.Where(c => db.Initiatives.Any(i => i.Id == c.InitiativeId && i.MissionId == missionId) && c.Date <= asOf)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => new { c.InitiativeId, c.Date, c.Status }).ToListAsync(ct))
            .ToLookup(c => c.InitiativeId);
        var open = (await db.Hypotheses.Where(h => db.Initiatives.Any(i => i.Id == h.InitiativeId && i.MissionId == missionId) && h.Result == HypothesisResult.Open && h.OpenedOn <= asOf)
            .Select(h => new { h.InitiativeId, h.OpenedOn }).ToListAsync(ct)).ToLookup(h => h.InitiativeId);
        var portfolio = initiatives.Select(i => new PortfolioInitiative(i.Id, i.Title, i.Type, i.Stage, i.LeadActorId, i.LeadActorName, leadTypes[i.Id], i.Budget ?? 0,
            i.Levers, i.Contributions.Select(c => new PortfolioContribution(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence)).ToList(),
            checkIns[i.Id].Select(c => (c.Date, c.Status)).ToList(), open[i.Id].Select(h => h.OpenedOn).ToList(),
            DateOnly.FromDateTime(i.CreatedAt))).ToList();
        var report = PortfolioAnalysis.Analyse(goals.Select(g => new PortfolioGoal(g.Id, g.Title)).ToList(), indicators, portfolio, asOf, progress.Mission.StaleAfterDays);
        return new PortfolioOverview(progress.Mission, goals, report);
    }

    /// <summary>A review, its decisions, and its agenda: the portfolio analysed on the review's date.</summary>
    public static async Task<ReviewOverview?> ReviewAsync(this MastenDbContext db, int reviewId, CancellationToken ct)
    {
        var review = await db.Reviews.Where(r => r.Id == reviewId).ToDtos().FirstOrDefaultAsync(ct);
        if (review is null)
            return null;
        var portfolio = (await db.PortfolioAsync(review.MissionId, review.Date, ct))!;
        var decisions = await db.ReviewDecisions.Where(d => d.ReviewId == reviewId).OrderBy(d => d.Id).ToDtos(db).ToListAsync(ct);
        return new ReviewOverview(review, portfolio.Mission, decisions, portfolio.Report);
    }
}
