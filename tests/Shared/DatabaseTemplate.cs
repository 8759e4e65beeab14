using System.Globalization;
using System.Text.RegularExpressions;
using Masten.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masten.TestDatabases;

/// <summary>
/// Test databases copied from a template that is migrated and filled once per test run (per test process),
/// instead of migrating and seeding each one. SQLite: the template is a file, each database a copy of it.
/// PostgreSQL (the server named by <c>MASTEN_TEST_POSTGRES</c>): the template is a database
/// <c>masten_tpl_&lt;time&gt;_&lt;id&gt;</c> that takes no connections once filled, and each database is
/// <c>CREATE DATABASE … TEMPLATE</c> of it. The template goes when the process exits; templates and copies
/// that crashed runs left behind are dropped when they are older than <see cref="TestDatabase.LeftoverAge"/> (younger ones
/// may belong to someone else's run on the same server).
/// Shared as source by the test projects that need databases (linked from tests/Shared).
/// </summary>
/// <typeparam name="T">What the filling step reports about the data, e.g. the example mission's id.</typeparam>
public sealed class DatabaseTemplate<T>
{
    private readonly DatabaseProvider provider;
    private readonly Func<string, Task<T>> fill;
    private readonly Lazy<Task<(string ConnectionString, T Filled)>> template;

    /// <param name="provider">Which database.</param>
    /// <param name="fill">Migrates and fills the template, given its connection string; closes what it opened.</param>
    public DatabaseTemplate(DatabaseProvider provider, Func<string, Task<T>> fill)
    {
        this.provider = provider;
        this.fill = fill;
        template = new(BuildAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A new database with the template's data; the template is built on the first call.</summary>
    public async Task<(string ConnectionString, T Filled)> CreateDatabaseAsync()
    {
        var (templateConnection, filled) = await template.Value;
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"masten-test-{Guid.NewGuid():N}.db");
            File.Copy(new SqliteConnectionStringBuilder(templateConnection).DataSource, path);
            return ($"Data Source={path}", filled);
        }
        var name = TestDatabase.NewName("test");
        var source = new NpgsqlConnectionStringBuilder(templateConnection).Database!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TestDatabase.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 30)
            {
                // "source database is being accessed by other users": a connection is still closing.
                await Task.Delay(100 * attempt);
            }
        }
        return (TestDatabase.PostgresConnection(name), filled);
    }

    private async Task<(string, T)> BuildAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"masten-tpl-{Guid.NewGuid():N}.db");
            var connection = $"Data Source={path}";
            TestDatabase.OnRunEnd(() =>
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                    File.Delete(file);
            });
            var filled = await fill(connection);
            // Everything into the main file, and no connection left open, so that a plain file copy is complete.
            await using (var db = new SqliteConnection(connection))
            {
                await db.OpenAsync();
                await using var checkpoint = db.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
                SqliteConnection.ClearPool(db);
            }
            return (connection, filled);
        }

        await TestDatabase.DropLeftoversAsync();
        var name = TestDatabase.NewName("tpl");
        await TestDatabase.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        TestDatabase.OnRunEnd(() => TestDatabase.DropOnExit(name));
        var templateConnection = TestDatabase.PostgresConnection(name);
        var result = await fill(templateConnection);
        // CREATE DATABASE … TEMPLATE needs the template to have no connection at all: close this process's
        // pooled ones, refuse new ones, and end any that remain.
        using (var connection = new NpgsqlConnection(templateConnection))
            NpgsqlConnection.ClearPool(connection);
        await TestDatabase.ExecuteAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        await TestDatabase.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return (templateConnection, result);
    }
}

/// <summary>The test databases' server and the steps shared by every template.</summary>
public static partial class TestDatabase
{
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(3);

    private static readonly List<Action> AtRunEnd = [];

    static TestDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RunEnded();

    /// <summary>Registers the removal of a template, done once when the run ends.</summary>
    internal static void OnRunEnd(Action remove)
    {
        lock (AtRunEnd)
            AtRunEnd.Add(remove);
    }

    /// <summary>
    /// Removes the templates of this run. Called by <see cref="TemplateDroppingFramework"/> when xunit finishes (the test
    /// host may be stopped before its exit handlers run), and on process exit as a second chance.
    /// </summary>
    public static void RunEnded()
    {
        Action[] removals;
        lock (AtRunEnd)
        {
            removals = [.. AtRunEnd];
            AtRunEnd.Clear();
        }
        foreach (var remove in removals)
            remove();
    }

    /// <summary>The PostgreSQL server for tests, or null when <c>MASTEN_TEST_POSTGRES</c> is not set.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("MASTEN_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? PostgresUnavailable => PostgresServer is null ? "MASTEN_TEST_POSTGRES is not set." : null;

    /// <summary>Skips the calling test when its database is missing on a developer machine; fails it in CI (<c>CI=true</c>).</summary>
    public static void Require(DatabaseProvider provider, string? unavailable)
    {
        if (unavailable is null)
            return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI needs {provider}: {unavailable}");
        Skip.If(true, unavailable);
    }

    /// <summary>Drops a database made by <see cref="DatabaseTemplate{T}.CreateDatabaseAsync"/>, closing this process's pooled connections to it first.</summary>
    public static async Task DropDatabaseAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            using (var connection = new SqliteConnection(connectionString))
                SqliteConnection.ClearPool(connection);
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
            return;
        }
        using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 10)
            {
                // FORCE ends the other connections but waits only five seconds for them to go; on a loaded machine
                // they may take longer, and the drop answers "being accessed by other users". Creating and dropping
                // other classes' databases at the same moment updates the same catalog rows, which PostgreSQL may also
                // refuse for the moment; a later attempt succeeds. The tenth failure is reported.
                await Task.Delay(500 * attempt);
            }
        }
    }

    /// <summary>Drops templates and copies of crashed runs, told apart by the time in their names.</summary>
    internal static async Task DropLeftoversAsync()
    {
        var old = new List<string>();
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'masten\\_t%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var match = OwnName().Match(reader.GetString(0));
                if (match.Success && DateTime.ParseExact(match.Groups["time"].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) < DateTime.UtcNow - LeftoverAge)
                    old.Add(match.Value);
            }
        }
        foreach (var name in old)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (PostgresException)
            {
                // Another run is dropping it too, or it belongs to another role: not ours to insist.
            }
        }
    }

    internal static void DropOnExit(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(PostgresServer);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server went first; the next run drops it once it is old.
        }
    }

    internal static string NewName(string kind) =>
        $"masten_{kind}_{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}_{Guid.NewGuid().ToString("N")[..8]}";

    [GeneratedRegex("^masten_(tpl|test)_(?<time>[0-9]{14})_[0-9a-f]{8}$")]
    private static partial Regex OwnName();

    /// <summary>
    /// Pooling stays on, as in production. Idle connections close after a few seconds, because many test
    /// databases live at once on a server with a limited number of connections.
    /// </summary>
    internal static string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = true, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5 }.ConnectionString;

    internal static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// xunit's own framework, plus removing this run's templates when the run ends. A test project uses it with
/// <c>[assembly: TestFramework("Masten.TestDatabases.TemplateDroppingFramework", "&lt;its assembly&gt;")]</c>.
/// </summary>
public sealed class TemplateDroppingFramework : Xunit.Sdk.XunitTestFramework
{
    public TemplateDroppingFramework(Xunit.Abstractions.IMessageSink messageSink) : base(messageSink) =>
        DisposalTracker.Add(new RunEnd());

    private sealed class RunEnd : IDisposable
    {
        public void Dispose() => TestDatabase.RunEnded();
    }
}
