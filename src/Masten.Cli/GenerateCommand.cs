using System.CommandLine;
using System.Globalization;
using Masten.Core.Accounts;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Generation;
using Microsoft.EntityFrameworkCore;

namespace Masten.Cli;

/// <summary><c>masten generate --scale small|medium|national [--seed N] [--reference-date yyyy-MM-dd] [--api-token-file PATH]</c>.</summary>
internal static class GenerateCommand
{
    /// <summary>The account <c>--api-token-file</c> creates, for load tests.</summary>
    public const string LoadTestEmail = "generator@masten.invalid";

    public static Command Create()
    {
        var scale = new Option<DatasetScale>("--scale")
        {
            Description = "How much: small (seconds; for tests), medium (about a tenth of national) or national (25 missions, 1,000 indicators, "
                + "1,000,000 observations, 2,000 actors, 10,000 commitments, 20,000 initiatives, 100,000 check-ins, 200 reviews).",
            Required = true,
        };
        var seed = new Option<int>("--seed") { Description = "The same seed gives the same data, ids included (default 1).", DefaultValueFactory = _ => 1 };
        var referenceDate = new Option<DateOnly?>("--reference-date")
        {
            Description = $"The last date of the generated data (yyyy-MM-dd; default {DatasetGenerator.DefaultReferenceDate:yyyy-MM-dd}). Statuses are assessed on today's date, so recent values look older as time passes.",
        };
        var tokenFile = new Option<FileInfo?>("--api-token-file")
        {
            Description = $"For load tests only: also create the system administrator {LoadTestEmail} with a write API token (30 days) and write the token to this file (mode 0600). Without it no account or credential is created.",
        };
        var command = new Command("generate",
            "Fill an empty, migrated database with a reproducible national-scale programme (for load tests and demonstrations). "
            + "Refuses a database that already holds data and then changes nothing. Prints each stage with its rows and time.")
        { scale, seed, referenceDate, tokenFile };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            db.Author = DatasetGenerator.Author;
            if (await DatasetGenerator.WhyNotEmptyAsync(db, ct) is { } found)
            {
                Console.Error.WriteLine($"Nothing was generated: {found}. masten generate fills only an empty database; create a new one and run masten migrate first.");
                return 2;
            }
            var date = parse.GetValue(referenceDate) ?? DatasetGenerator.DefaultReferenceDate;
            if (date > TimeProvider.System.Today())
            {
                Console.Error.WriteLine($"--reference-date {date:yyyy-MM-dd} is in the future; observations cannot be.");
                return 2;
            }
            var chosen = parse.GetValue(scale);
            var generator = new DatasetGenerator(db, DatasetSize.Of(chosen), parse.GetValue(seed), date);
            Console.WriteLine($"Generating the {chosen.ToString().ToLowerInvariant()} dataset (seed {parse.GetValue(seed)}, data up to {date:yyyy-MM-dd}) in {(db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite")}…");
            var tables = await generator.GenerateAsync(Print, ct);
            var rows = tables.Sum(t => t.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done: {rows:N0} rows in {tables.Count} tables."));

            if (parse.GetValue(tokenFile) is { } file)
            {
                var token = await CreateLoadTestTokenAsync(db, ct);
                await WriteSecretAsync(file.FullName, token, ct);
                Console.WriteLine($"Wrote a write API token for {LoadTestEmail} to {file.FullName} (for load tests only; revoke it or drop the database afterwards).");
            }
            return 0;
        });
        return command;
    }

    private static void Print(GenerationStage stage)
    {
        var line = stage.Done
            ? string.Create(CultureInfo.InvariantCulture, $"  {stage.Name,-20} {stage.Rows,11:N0} rows  {stage.Elapsed.TotalSeconds,7:0.0} s   (total {stage.Total.TotalSeconds:0.0} s)")
            : string.Create(CultureInfo.InvariantCulture, $"  {stage.Name,-20} {stage.Rows,11:N0} rows so far …       (total {stage.Total.TotalSeconds:0.0} s)");
        Console.WriteLine(line);
    }

    /// <summary>The one credential this command can make: a system administrator with a write token, for appending observations in load tests.</summary>
    private static async Task<string> CreateLoadTestTokenAsync(MastenDbContext db, CancellationToken ct)
    {
        var normalized = LoadTestEmail.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            user = new MastenUser
            {
                UserName = LoadTestEmail,
                NormalizedUserName = normalized,
                Email = LoadTestEmail,
                NormalizedEmail = normalized,
                DisplayName = "Generator (load tests)",
                IsSystemAdmin = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = DateTime.UtcNow,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }
        var (_, secret) = await new AccountStore(db).CreateTokenAsync(user.Id, "load test", TokenScope.Write, 30, ct);
        return secret;
    }

    private static async Task WriteSecretAsync(string path, string secret, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteLineAsync(secret.AsMemory(), ct);
        // An existing file keeps its mode when overwritten; make sure it is private.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
