using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Masten.Core.Progress;
using Masten.Data.Actors;
using Masten.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Missions;

/// <summary>An actor taking part in the mission, and what it committed in the latest signing round.</summary>
public sealed record PublicActorDto(int ActorId, string Name, ActorType Type, IReadOnlyList<CommitmentDto> Commitments);

/// <summary>The latest review of the mission and (the first of) its decisions.</summary>
public sealed record PublicReviewDto(ReviewDto Review, IReadOnlyList<DecisionDto> Decisions, int DecisionCount);

/// <summary>
/// What the public page of a mission shows beside its progress: who takes part (counts by actor type, one page of
/// actors with their commitments in the latest round), what is happening (initiatives by stage, the latest review),
/// when anything was last changed, and each indicator's series as one value per year for the small charts.
/// </summary>
public sealed record PublicMissionFacts(
    IReadOnlyDictionary<ActorType, int> ActorsByType,
    IReadOnlyList<PublicActorDto> Actors,
    Paging ActorPaging,
    RoundDto? LatestRound,
    IReadOnlyDictionary<InitiativeStage, int> InitiativesByStage,
    PublicReviewDto? LatestReview,
    DateTime? LastUpdated,
    ILookup<int, DatedValue> YearlySeries);

public static class PublicMissionReads
{
    public const int ActorPageSize = 20;
    public const int DecisionLimit = 20;

    /// <summary>
    /// The public facts of the mission, in a fixed number of queries: counts are GROUP BY in SQL, the actors one page
    /// at a time, the series one value per indicator and year (the latest current observation of each year) from
    /// <paramref name="seriesFrom"/> (the earliest baseline: the charts start there).
    /// </summary>
    public static async Task<PublicMissionFacts> PublicFactsAsync(this MastenDbContext db, int missionId, IReadOnlyCollection<int> indicatorIds, DateOnly seriesFrom, int actorPage, CancellationToken ct)
    {
        var members = db.Memberships.AsNoTracking().Where(m => m.MissionId == missionId && m.LeftOn == null);
        var byType = await members.GroupBy(m => m.Actor!.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var paging = Paging.For(actorPage, ActorPageSize, byType.Values.Sum());
        var page = await members.OrderBy(m => m.Actor!.Name).ThenBy(m => m.ActorId).Skip(paging.Skip).Take(paging.PageSize)
            .Select(m => new { m.ActorId, m.Actor!.Name, m.Actor.Type }).ToListAsync(ct);
        var latestRound = await db.SigningRounds.Where(r => r.MissionId == missionId).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToDtos().FirstOrDefaultAsync(ct);
        var actorIds = page.Select(a => a.ActorId).ToList();
        var commitments = latestRound is null ? [] : await db.Commitments
            .Where(c => c.MissionId == missionId && c.RoundId == latestRound.Id && actorIds.Contains(c.ActorId) && c.Status != CommitmentStatus.Withdrawn)
            .OrderBy(c => c.Id).ToDtos(db).ToListAsync(ct);
        var byActor = commitments.ToLookup(c => c.ActorId);
        var actors = page.Select(a => new PublicActorDto(a.ActorId, a.Name, a.Type, byActor[a.ActorId].ToList())).ToList();

        var byStage = await db.Initiatives.AsNoTracking().Where(i => i.MissionId == missionId)
            .GroupBy(i => i.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        PublicReviewDto? latestReview = null;
        var review = await db.Reviews.Where(r => r.MissionId == missionId).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToDtos().FirstOrDefaultAsync(ct);
        if (review is not null)
        {
            var decisions = db.ReviewDecisions.Where(d => d.ReviewId == review.Id);
            latestReview = new PublicReviewDto(review, await decisions.OrderBy(d => d.Id).Take(DecisionLimit).ToDtos(db).ToListAsync(ct), await decisions.CountAsync(ct));
        }

        var ids = indicatorIds.ToList();
        var observed = db.Observations.AsNoTracking().Where(o => o.IsCurrent && ids.Contains(o.IndicatorId));
        var charted = observed.Where(o => o.Date >= seriesFrom);
        var lastOfYear = charted.GroupBy(o => new { o.IndicatorId, o.Date.Year }).Select(g => new { g.Key.IndicatorId, Date = g.Max(o => o.Date) });
        var yearly = await (from o in charted
                            join l in lastOfYear on new { o.IndicatorId, o.Date } equals new { l.IndicatorId, l.Date }
                            select new { o.IndicatorId, o.Date, o.Value }).ToListAsync(ct);
        var series = yearly.OrderBy(o => o.Date).ToLookup(o => o.IndicatorId, o => new DatedValue(o.Date, o.Value));

        var updated = new List<DateTime?>
        {
            await db.Missions.Where(m => m.Id == missionId).Select(m => (DateTime?)m.UpdatedAt).FirstOrDefaultAsync(ct),
            await db.Goals.Where(g => g.MissionId == missionId).MaxAsync(g => (DateTime?)g.UpdatedAt, ct),
            await db.Indicators.Where(i => ids.Contains(i.Id)).MaxAsync(i => (DateTime?)i.UpdatedAt, ct),
            await observed.MaxAsync(o => (DateTime?)o.EnteredAt, ct),
        };
        return new PublicMissionFacts(byType, actors, paging, latestRound, byStage, latestReview, updated.Max(), series);
    }
}
