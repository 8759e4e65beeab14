using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Missions;

/// <summary>One roadmap version as lists show it; <see cref="ReviewDate"/> is the date of the cited review.</summary>
public sealed record RoadmapVersionDto(int Number, DateOnly ValidFrom, string? Reason, int? ReviewId, DateOnly? ReviewDate, DateTime CreatedAt, string CreatedBy);

/// <summary>One version with the roadmap it froze.</summary>
public sealed record RoadmapVersionDetail(RoadmapVersionDto Version, RoadmapSnapshot Snapshot);

/// <summary>What changed between two versions of a mission's roadmap.</summary>
public sealed record RoadmapComparison(int MissionId, RoadmapVersionDto From, RoadmapVersionDto To, RoadmapSnapshot Before, RoadmapSnapshot After, RoadmapDiff Diff);

public static class RoadmapReads
{
    public static IQueryable<RoadmapVersionDto> ToDtos(this IQueryable<RoadmapVersion> query, MastenDbContext db) =>
        query.AsNoTracking().Select(v => new RoadmapVersionDto(v.Number, v.ValidFrom, v.Reason, v.ReviewId,
            db.Reviews.Where(r => r.Id == v.ReviewId).Select(r => (DateOnly?)r.Date).FirstOrDefault(), v.CreatedAt, v.CreatedBy));

    /// <summary>The mission's versions, oldest first.</summary>
    public static Task<List<RoadmapVersionDto>> RoadmapVersionsAsync(this MastenDbContext db, int missionId, CancellationToken ct) =>
        db.RoadmapVersions.Where(v => v.MissionId == missionId).OrderBy(v => v.Number).ToDtos(db).ToListAsync(ct);

    public static async Task<RoadmapVersionDetail?> RoadmapVersionAsync(this MastenDbContext db, int missionId, int number, CancellationToken ct)
    {
        var row = await db.RoadmapVersions.Where(v => v.MissionId == missionId && v.Number == number).AsNoTracking()
            .Select(v => new
            {
                Dto = new RoadmapVersionDto(v.Number, v.ValidFrom, v.Reason, v.ReviewId,
                    db.Reviews.Where(r => r.Id == v.ReviewId).Select(r => (DateOnly?)r.Date).FirstOrDefault(), v.CreatedAt, v.CreatedBy),
                v.Snapshot,
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new RoadmapVersionDetail(row.Dto, RoadmapSnapshot.FromJson(row.Snapshot));
    }

    /// <summary>The comparison of two versions (in either order); null when the mission or either version does not exist.</summary>
    public static async Task<RoadmapComparison?> RoadmapDiffAsync(this MastenDbContext db, int missionId, int from, int to, CancellationToken ct)
    {
        var a = await db.RoadmapVersionAsync(missionId, from, ct);
        var b = await db.RoadmapVersionAsync(missionId, to, ct);
        if (a is null || b is null)
            return null;
        return new RoadmapComparison(missionId, a.Version, b.Version, a.Snapshot, b.Snapshot, Roadmaps.Diff(a.Snapshot, b.Snapshot));
    }

    /// <summary>
    /// The version valid on <paramref name="asOf"/> (<see cref="Roadmaps.ValidAt"/>), with its snapshot only when it is
    /// not the latest version: the latest version is the roadmap as it is now, so callers read the live records.
    /// Null when the mission has no versions.
    /// </summary>
    public static async Task<(RoadmapVersionDto Version, RoadmapSnapshot? Snapshot)?> RoadmapValidAtAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        var versions = await db.RoadmapVersions.AsNoTracking().Where(v => v.MissionId == missionId)
            .Select(v => new { v.Number, v.ValidFrom }).ToListAsync(ct);
        var number = Roadmaps.ValidAt(versions.Select(v => (v.Number, v.ValidFrom)), asOf);
        if (number is null)
            return null;
        // One read of the version row; its snapshot only when it is not the latest.
        var isLatest = number == versions.Max(v => v.Number);
        var row = await db.RoadmapVersions.Where(v => v.MissionId == missionId && v.Number == number).AsNoTracking()
            .Select(v => new
            {
                Dto = new RoadmapVersionDto(v.Number, v.ValidFrom, v.Reason, v.ReviewId,
                    db.Reviews.Where(r => r.Id == v.ReviewId).Select(r => (DateOnly?)r.Date).FirstOrDefault(), v.CreatedAt, v.CreatedBy),
                Snapshot = isLatest ? (string?)null : v.Snapshot,
            })
            .FirstAsync(ct);
        return (row.Dto, row.Snapshot is null ? null : RoadmapSnapshot.FromJson(row.Snapshot));
    }
}
