using Microsoft.EntityFrameworkCore;

namespace Masten.Data;

/// <summary>
/// The name a page shows in its heading and breadcrumb before anything else: a mission's title, an actor's name.
/// Null when there is no such record, or when the reader may not see it (the query filters apply); a page answers
/// that with not found.
/// </summary>
public static class RecordNames
{
    public static Task<string?> MissionTitleAsync(this MastenDbContext db, int missionId, CancellationToken ct = default) =>
        db.Missions.Where(m => m.Id == missionId).Select(m => m.Title).FirstOrDefaultAsync(ct);

    public static Task<string?> ActorNameAsync(this MastenDbContext db, int actorId, CancellationToken ct = default) =>
        db.Actors.Where(a => a.Id == actorId).Select(a => a.Name).FirstOrDefaultAsync(ct);
}
