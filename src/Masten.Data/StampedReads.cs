using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Data;

/// <summary>
/// Reuses the answer of an expensive read whose result depends only on the records and its arguments (a mission's
/// assessment, a portfolio analysis, a mission's actor totals) for as long as the <see cref="DataStamp"/> stays the
/// same, for every reader who may see the mission, signed in or not. The stamp is read first on every call, so a write
/// through any instance on the same database ends the reuse at the next call and nothing older than the last committed
/// write is returned. Not reused: a read inside a transaction or with unsaved changes (it may see what is not
/// committed), and a read by a context that does not see the mission.
/// <para>One per process, registered as a singleton by <see cref="MastenDatabase.AddMastenDatabase"/> and found by each
/// context through its service provider (<see cref="MastenDbContext.Reads"/>); a context made without one (the CLI)
/// reuses nothing. Only answers of the current stamp are kept, at most <see cref="MostEntries"/> per database (setting
/// <c>Cache:AnalysesEntries</c>, 256); more clears them. <c>Cache:Analyses</c> = false turns reuse off.</para>
/// </summary>
public sealed class StampedReads(bool enabled = true, int mostEntries = StampedReads.DefaultMostEntries)
{
    /// <summary>The most answers kept per database unless configured: the keys are missions, dates, pages and languages.</summary>
    public const int DefaultMostEntries = 256;

    /// <summary>Whether answers are reused at all; when false every call reads.</summary>
    public bool Enabled { get; } = enabled;

    /// <summary>The most answers kept per database; one more clears them.</summary>
    public int MostEntries { get; } = Math.Max(1, mostEntries);

    private sealed record Generation(long Stamp, ConcurrentDictionary<(string Kind, int MissionId, object Key), object> Answers);

    // Per connection string: the answers of one stamp. A newer (or any other) stamp replaces them.
    private readonly ConcurrentDictionary<string, Generation> databases = new();

    /// <summary>How many answers are kept now, over every database (for tests and measurements).</summary>
    public int Count => databases.Values.Sum(g => g.Answers.Count);

    /// <summary>
    /// The answer of <paramref name="read"/> for the mission and key, reused while the stamp stays the same. The caller
    /// makes sure that the answer depends on nothing but the records of the mission, <paramref name="missionId"/> and
    /// <paramref name="key"/> (a record key of values: dates, page numbers, languages), and never changes the answer it gets.
    /// </summary>
    public Task<T> ReuseAsync<T>(MastenDbContext db, string kind, int missionId, object key, Func<Task<T>> read, CancellationToken ct)
        where T : class =>
        db.SeesAllMissions || db.VisibleMissionIds.Contains(missionId) ? ReuseForAnyoneAsync(db, kind, missionId, key, read, ct) : read();

    /// <summary>
    /// <see cref="ReuseAsync"/> for an answer that belongs to no one mission and that the caller may hand to anyone
    /// (which missions a person may see, read before the context knows it): the context's visibility is not asked.
    /// </summary>
    public Task<T> ReuseUnscopedAsync<T>(MastenDbContext db, string kind, object key, Func<Task<T>> read, CancellationToken ct)
        where T : class => ReuseForAnyoneAsync(db, kind, 0, key, read, ct);

    private async Task<T> ReuseForAnyoneAsync<T>(MastenDbContext db, string kind, int missionId, object key, Func<Task<T>> read, CancellationToken ct)
        where T : class
    {
        if (!Enabled || db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges()
            || db.Database.GetConnectionString() is not { } database)
            return await read();
        // Read before anything the answer reads, so the answer is at least as new as the stamp it is kept under.
        var stamp = await DataStamp.ReadAsync(db, ct);
        var generation = databases.AddOrUpdate(database, _ => new Generation(stamp, new()),
            (_, old) => old.Stamp == stamp ? old : new Generation(stamp, new()));
        if (generation.Answers.TryGetValue((kind, missionId, key), out var kept) && kept is T answer)
            return answer;
        answer = await read();
        if (generation.Answers.Count >= MostEntries)
            generation.Answers.Clear();
        generation.Answers[(kind, missionId, key)] = answer;
        return answer;
    }

    /// <summary>The process's instance registered with the context's application services, or null when there is none.</summary>
    internal static StampedReads? Of(MastenDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
            ?.ApplicationServiceProvider?.GetService<StampedReads>();
}

public static class StampedReadsExtensions
{
    /// <summary>
    /// <see cref="StampedReads.ReuseAsync"/> with the context's <see cref="MastenDbContext.Reads"/>; reads every time
    /// when the context has none.
    /// </summary>
    public static Task<T> ReuseAsync<T>(this MastenDbContext db, string kind, int missionId, object key, Func<Task<T>> read, CancellationToken ct)
        where T : class =>
        db.Reads is { } reads ? reads.ReuseAsync(db, kind, missionId, key, read, ct) : read();
}
