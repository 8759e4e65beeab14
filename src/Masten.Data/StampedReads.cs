using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data;

/// <summary>
/// Reuses the answer of an expensive read whose result depends only on the records and its arguments (a portfolio
/// analysis, a mission's actor totals) for as long as the <see cref="DataStamp"/> stays the same, for every reader
/// who may see the mission, signed in or not. The stamp is read first on every call, so a write through any instance
/// on the same database ends the reuse at the next call and nothing older than the last committed write is returned.
/// Not reused: a read inside a transaction or with unsaved changes (it may see what is not committed), and a read by
/// a context that does not see the mission. Only answers of the current stamp are kept, at most
/// <see cref="MostEntries"/> per database; <see cref="Enabled"/> (setting <c>Cache:Analyses</c>) turns reuse off.
/// </summary>
public static class StampedReads
{
    /// <summary>Whether answers are reused at all; when false every call reads.</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>The most answers kept per database; more clears them (the keys are missions, dates and pages).</summary>
    public const int MostEntries = 256;

    private sealed record Generation(long Stamp, ConcurrentDictionary<(string Kind, int MissionId, object Key), object> Answers);

    // Per connection string: the answers of one stamp. A newer (or any other) stamp replaces them.
    private static readonly ConcurrentDictionary<string, Generation> Databases = new();

    /// <summary>
    /// The answer of <paramref name="read"/> for the mission and key, reused while the stamp stays the same. The caller
    /// makes sure that the answer depends on nothing but the records, <paramref name="missionId"/> and <paramref name="key"/>
    /// (a record key of values: dates, page numbers), and never changes the answer it gets.
    /// </summary>
    public static async Task<T> ReuseAsync<T>(this MastenDbContext db, string kind, int missionId, object key, Func<Task<T>> read, CancellationToken ct)
        where T : class
    {
        if (!Enabled || db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges()
            || !(db.SeesAllMissions || db.VisibleMissionIds.Contains(missionId))
            || db.Database.GetConnectionString() is not { } database)
            return await read();
        // Read before anything the answer reads, so the answer is at least as new as the stamp it is kept under.
        var stamp = await DataStamp.ReadAsync(db, ct);
        var generation = Databases.AddOrUpdate(database, _ => new Generation(stamp, new()),
            (_, old) => old.Stamp == stamp ? old : new Generation(stamp, new()));
        if (generation.Answers.TryGetValue((kind, missionId, key), out var kept) && kept is T answer)
            return answer;
        answer = await read();
        if (generation.Answers.Count >= MostEntries)
            generation.Answers.Clear();
        generation.Answers[(kind, missionId, key)] = answer;
        return answer;
    }
}
