using Masten.Data.Missions;
using Masten.TestDatabases;
using Microsoft.EntityFrameworkCore;

// Drops this run's template databases when the run ends.
[assembly: TestFramework("Masten.TestDatabases.TemplateDroppingFramework", "Masten.Data.Tests")]

namespace Masten.Data.Tests;

/// <summary>
/// A database of its own for one test class, with the example programme in it: a copy of a template that is
/// migrated and seeded once per run (see <see cref="DatabaseTemplate{T}"/>). Tests that change data make their own mission.
/// </summary>
public abstract class DataDatabase : IAsyncLifetime
{
    private static readonly DatabaseTemplate<int> SqliteTemplate = new(DatabaseProvider.Sqlite, c => FillAsync(DatabaseProvider.Sqlite, c));
    private static readonly DatabaseTemplate<int> PostgresTemplate = new(DatabaseProvider.Postgres, c => FillAsync(DatabaseProvider.Postgres, c));

    private string connectionString = "";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this database cannot be used here, or null when it can.</summary>
    protected virtual string? Unavailable => null;

    /// <summary>The id of the example mission.</summary>
    public int ExampleMissionId { get; private set; }

    /// <summary>Skips the calling test when the database is missing on a developer machine; fails it in CI.</summary>
    public void RequireDatabase() => TestDatabase.Require(Provider, Unavailable);

    /// <summary>The answers reused by this database's contexts, as one web host's (a singleton there).</summary>
    public StampedReads Reads { get; } = new();

    /// <summary>A new context on this database, seeing every mission, with the given clock, reusing answers with <paramref name="reads"/> (else <see cref="Reads"/>).</summary>
    public MastenDbContext NewContext(TimeProvider? clock = null, string author = "test", StampedReads? reads = null)
    {
        var db = MastenDatabase.Create(Provider, connectionString).SeeAllMissions();
        db.Reads = reads ?? Reads;
        db.Author = author;
        if (clock is not null)
            db.Clock = clock;
        return db;
    }

    private static async Task<int> FillAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = MastenDatabase.Create(provider, connectionString).SeeAllMissions();
        await db.Database.MigrateAsync();
        return await DemoSeeder.SeedAsync(db);
    }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
            return;
        (connectionString, ExampleMissionId) = await (Provider == DatabaseProvider.Postgres ? PostgresTemplate : SqliteTemplate).CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (connectionString.Length > 0)
            await TestDatabase.DropDatabaseAsync(Provider, connectionString);
    }
}

public sealed class SqliteDatabase : DataDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresDatabase : DataDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string? Unavailable => TestDatabase.PostgresUnavailable;
}

/// <summary>A clock standing still at the given moment.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
