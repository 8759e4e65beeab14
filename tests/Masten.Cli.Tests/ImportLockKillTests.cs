using System.Diagnostics;
using System.Globalization;
using System.Text;
using Masten.Data;
using Masten.Data.Generation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masten.Cli.Tests;

/// <summary>
/// The observation import on PostgreSQL killed (SIGKILL) at a known late point of its apply: the test holds the row of an
/// indicator's stored assessment, which the apply rewrites only after every observation and change record is written; the CLI
/// waits on it, is killed while it waits, the lock is released, and nothing of the import is stored. The same command then succeeds.
/// Needs <c>MASTEN_TEST_POSTGRES</c> (required in CI).
/// </summary>
public sealed class ImportLockKillTests : IAsyncLifetime
{
    private static readonly string? PgServer = Environment.GetEnvironmentVariable("MASTEN_TEST_POSTGRES");
    private string? name;
    private string? file;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (file is not null)
            File.Delete(file);
        if (name is not null)
            await GenerateTests.DropPostgresAsync(PgServer!, name);
    }

    [SkippableFact]
    public async Task AnImportKilledWhileItWaitsForALateLockStoresNothingAndRunsAgainAfterwards()
    {
        if (string.IsNullOrWhiteSpace(PgServer))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI needs PostgreSQL: MASTEN_TEST_POSTGRES is not set.");
            Skip.If(true, "MASTEN_TEST_POSTGRES is not set.");
        }
        name = $"masten_roadmap_lockkill_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PgServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(PgServer) { Database = name }.ConnectionString;
        int mission, indicator;
        string[] codes;
        await using (var db = MastenDatabase.Create(DatabaseProvider.Postgres, connection).SeeAllMissions())
        {
            await db.Database.MigrateAsync();
            await new DatasetGenerator(db, DatasetSize.Of(DatasetScale.Small), seed: 13).GenerateAsync(null, CancellationToken.None);
            mission = await db.Indicators.OrderBy(i => i.Id).Select(i => i.Goal!.MissionId).FirstAsync();
            await db.Indicators.Where(i => i.Goal!.MissionId == mission).ExecuteUpdateAsync(u => u.SetProperty(i => i.BaselineDate, new DateOnly(1990, 1, 1)));
            codes = await db.Indicators.Where(i => i.Goal!.MissionId == mission && i.Code != null).OrderBy(i => i.Id).Select(i => i.Code!).ToArrayAsync();
            indicator = await db.IndicatorAssessments.Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.Goal!.MissionId == mission)).Select(a => a.IndicatorId).FirstAsync();
        }
        file = Path.Combine(Path.GetTempPath(), $"masten-lockkill-{Guid.NewGuid():N}.csv");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("indikator;datum;värde");
            for (var n = 0; n < 5_000; n++)
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{codes[n % codes.Length]};{new DateOnly(2026, 5, 31).AddDays(-(n / codes.Length)):yyyy-MM-dd};{n + 0.5}"));
        }

        await using (var holder = new NpgsqlConnection(connection))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand($"SELECT 1 FROM \"IndicatorAssessments\" WHERE \"IndicatorId\" = {indicator} FOR UPDATE", holder, hold))
                await take.ExecuteNonQueryAsync();
            await using var watcher = new NpgsqlConnection(connection);
            await watcher.OpenAsync();
            using var process = Start(connection, mission, file);
            var clock = Stopwatch.StartNew();
            while (!await WaitingAsync(watcher))
            {
                // The message reads the output only once the process has ended: reading it before would wait for the end.
                if (process.HasExited)
                    Assert.Fail($"The import ended (exit {process.ExitCode}) without waiting for the lock: {await process.StandardOutput.ReadToEndAsync()} {await process.StandardError.ReadToEndAsync()}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "The import never waited for the assessment's row.");
                await Task.Delay(20);
            }
            // It has written its observations and change records, and waits to store the assessments: kill it there.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.NotEqual(0, process.ExitCode);
            await hold.RollbackAsync();
        }

        Assert.Equal((0, 0, 0), await CountsAsync(connection));
        using (var again = Start(connection, mission, file))
        {
            var output = again.StandardOutput.ReadToEndAsync();
            var error = again.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await again.WaitForExitAsync(timeout.Token);
            Assert.True(again.ExitCode == 0, await error);
            Assert.Contains("Applied as import #", await output, StringComparison.Ordinal);
        }
        var (observations, imports, _) = await CountsAsync(connection);
        Assert.Equal((5_000, 1), (observations, imports));
    }

    private static Process Start(string connection, int mission, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "masten.dll"), "import", "observations", file, "--mission", mission.ToString(CultureInfo.InvariantCulture),
                     "--user", "lock-killed", "--provider", "Postgres", "--connection", connection })
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>
    /// Whether another backend of this database waits for a lock (the import, for the row the test holds). Asked outside any
    /// transaction: inside one, PostgreSQL answers every read of pg_stat_activity from the same snapshot.
    /// </summary>
    private static async Task<bool> WaitingAsync(NpgsqlConnection watcher)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'", watcher);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<(int Observations, int Imports, int Changes)> CountsAsync(string connection)
    {
        NpgsqlConnection.ClearAllPools();
        await using var db = MastenDatabase.Create(DatabaseProvider.Postgres, connection).SeeAllMissions();
        return (await db.Observations.CountAsync(o => o.EnteredBy == "lock-killed"),
            await db.Imports.CountAsync(x => x.CreatedBy == "lock-killed"),
            await db.ChangeRecords.CountAsync(c => c.ChangedBy.Contains("lock-killed")));
    }
}
