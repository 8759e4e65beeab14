using Masten.Data;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Platform;

/// <summary>
/// What happens before the first request: SQLite is migrated (PostgreSQL is migrated with
/// <c>masten migrate</c>, unless <c>Database:MigrateOnStartup</c> is true), and an empty SQLite database gets the
/// example programme unless <c>Demo:SeedOnEmptyDatabase</c> is false. While nobody can administer Masten,
/// a one-time setup link is made (printed when the server starts).
/// </summary>
public static partial class StartupTasks
{
    /// <summary>Runs the tasks; returns the secret of a one-time setup link when no administrator exists yet.</summary>
    public static async Task<string?> RunAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        // Start-up work is done for Masten itself, not for a person: it sees every mission.
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        var sqlite = MastenDatabase.Provider(configuration) == DatabaseProvider.Sqlite;
        if (configuration.GetValue("Database:MigrateOnStartup", sqlite))
        {
            await db.Database.MigrateAsync();
            Migrated(logger, db.Database.ProviderName);
            // The progress read model of a database from before it existed, or loaded in bulk: filled once.
            // Where migrations run on demand (PostgreSQL), `masten migrate` fills it; pages compute a missing row anyway.
            if (await Masten.Data.Progress.ProgressReadModel.BackfillAsync(db, default) is > 0 and var rebuilt)
                Backfilled(logger, rebuilt);
        }
        if (sqlite && configuration.GetValue("Demo:SeedOnEmptyDatabase", true) && await DemoSeeder.IsEmptyAsync(db))
        {
            await DemoSeeder.SeedAsync(db);
            Seeded(logger, DemoSeeder.ProgrammeName);
        }
        if (!configuration.GetValue("Setup:CreateLink", true))
            return null;
        return await new Masten.Data.Accounts.AccountStore(db).SetupLinkSecretAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider}).")]
    private static partial void Migrated(ILogger logger, string? provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filled the progress read model of {Count} mission(s).")]
    private static partial void Backfilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database was empty: added the example programme '{Name}'.")]
    private static partial void Seeded(ILogger logger, string name);
}
