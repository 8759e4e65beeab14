using System.Runtime.CompilerServices;
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
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per indicators, dates and page.</remarks>
    public static Task<PublicMissionFacts> PublicFactsAsync(this MastenDbContext db, int missionId, IReadOnlyCollection<int> indicatorIds, DateOnly seriesFrom, DateOnly seriesTo, int actorPage, CancellationToken ct) =>
        db.ReuseAsync("public-facts", missionId, (string.Join(',', indicatorIds), seriesFrom, seriesTo, actorPage),
            () => db.ReadPublicFactsAsync(missionId, indicatorIds, seriesFrom, seriesTo, actorPage, ct), ct);

    private static async Task<PublicMissionFacts> ReadPublicFactsAsync(this MastenDbContext db, int missionId, IReadOnlyCollection<int> indicatorIds, DateOnly seriesFrom, DateOnly seriesTo, int actorPage, CancellationToken ct)
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
        var series = await YearlySeriesAsync(db, ids, seriesFrom, seriesTo, ct);
        var updated = await LastUpdatedAsync(db, missionId, ids, ct);
        return new PublicMissionFacts(byType, actors, paging, latestRound, byStage, latestReview, updated, series);
    }

    /// <summary>
    /// When the mission, its goals, the given indicators or their current series last changed, in one query of four rows: the
    /// series by one seek per indicator on (indicator, current, entered), where a MAX over the mission's current
    /// observations read every one of them (42,000 rows, 5–10 ms of SQLite's time per page). The mission was
    /// checked by the caller, so the text reads the tables without the visibility filter.
    /// </summary>
    private static async Task<DateTime?> LastUpdatedAsync(MastenDbContext db, int missionId, List<int> indicatorIds, CancellationToken ct)
    {
        var idList = indicatorIds.Count == 0 ? "NULL" : IdList(indicatorIds);
        var sql = $$"""
            SELECT m."UpdatedAt" AS "Value" FROM "Missions" m WHERE m."Id" = {0}
            UNION ALL SELECT MAX(g."UpdatedAt") FROM "Goals" g WHERE g."MissionId" = {0}
            UNION ALL SELECT MAX(i."UpdatedAt") FROM "Indicators" i WHERE i."Id" IN ({{idList}})
            UNION ALL SELECT MAX((SELECT o."EnteredAt" FROM "Observations" o
                                  WHERE o."IndicatorId" = i."Id" AND o."IsCurrent" = TRUE
                                  ORDER BY o."EnteredAt" DESC LIMIT 1))
                      FROM "Indicators" i WHERE i."Id" IN ({{idList}})
            """;
        // Each table's latest as its own row, compared here: the columns' stored forms need not agree across tables.
        return (await db.Database.SqlQuery<DateTime?>(FormattableStringFactory.Create(sql, missionId)).ToListAsync(ct)).Max();
    }

    /// <summary>
    /// Each indicator's current series as one value per year from <paramref name="from"/> to <paramref name="to"/>: the
    /// latest current observation of each year (of the last year, the latest on or before <paramref name="to"/>), oldest
    /// first. Read by index seeks on (indicator, current, date), one per indicator and year, and one fetch of those rows:
    /// a grouping over every observation of a national mission (40,000 rows) cost 40 ms of SQLite's time per page.
    /// </summary>
    public static async Task<ILookup<int, DatedValue>> YearlySeriesAsync(MastenDbContext db, IReadOnlyCollection<int> indicatorIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (indicatorIds.Count == 0 || to < from)
            return Array.Empty<DatedValue>().ToLookup(_ => 0);
        var ids = indicatorIds.ToList();
        // The year-ends to seek from (the last one is the date shown); an observation found for a year-end that lies
        // in an earlier year belongs to that year, not this one, and is dropped below.
        var ends = Enumerable.Range(from.Year, to.Year - from.Year + 1).Select(y => y == to.Year ? to : new DateOnly(y, 12, 31)).ToList();
        // One scalar seek per indicator and year-end; the year-ends are a VALUES list of parameters (its column is
        // "column1" on both SQLite and PostgreSQL), the ids are integers written into the text.
        var years = string.Join(", ", ends.Select((_, k) => $"({{{k}}})"));
        var idList = IdList(ids);
        var sql = $"""
            SELECT (SELECT o."Id" FROM "Observations" o
                    WHERE o."IndicatorId" = i."Id" AND o."IsCurrent" = TRUE AND o."Date" <= e.column1
                    ORDER BY o."Date" DESC LIMIT 1) AS "Value"
            FROM "Indicators" i CROSS JOIN (VALUES {years}) AS e
            WHERE i."Id" IN ({idList})
            """;
        var latestIds = await db.Database.SqlQuery<int?>(FormattableStringFactory.Create(sql, [.. ends.Cast<object>()])).ToListAsync(ct);
        var found = latestIds.OfType<int>().Distinct().ToList();
        var rows = await db.Observations.AsNoTracking().Where(o => found.Contains(o.Id))
            .Select(o => new { o.IndicatorId, o.Date, o.Value }).ToListAsync(ct);
        return rows.Where(o => o.Date >= from).OrderBy(o => o.Date).ToLookup(o => o.IndicatorId, o => new DatedValue(o.Date, o.Value));
    }

    /// <summary>Integer ids as the text of an IN list (integers only, so nothing a caller sends reaches the text).</summary>
    private static string IdList(IEnumerable<int> ids) => string.Join(", ", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
