using System.CommandLine;
using Masten.Core.Common;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Cli;

/// <summary><c>masten migrate</c> and <c>masten seed --demo</c>.</summary>
internal static class DatabaseCommands
{
    public static Command Migrate()
    {
        var command = new Command("migrate", "Create or update the database schema (SQLite or PostgreSQL) to the latest version.");
        command.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Open(parse);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            var filled = await Masten.Data.Progress.ProgressReadModel.BackfillAsync(db, ct);
            if (filled > 0)
                Console.WriteLine($"Filled the progress read model of {filled} mission(s).");
            Console.WriteLine(pending.Count == 0
                ? $"The database ({db.Database.ProviderName}) is already up to date."
                : $"Applied {pending.Count} migration(s) to {db.Database.ProviderName}: {string.Join(", ", pending)}.");
            return 0;
        });
        return command;
    }

    public static Command Seed()
    {
        var demo = new Option<bool>("--demo") { Description = "Add the example programme (\"Exempel\") with one mission, goals, indicators and observations." };
        var command = new Command("seed", "Add data to the database.") { demo };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(demo))
            {
                Console.Error.WriteLine("Say what to add: masten seed --demo");
                return 2;
            }
            await using var db = CliDatabase.Open(parse);
            await db.Database.MigrateAsync(ct);
            if (await DemoSeeder.ExistsAsync(db, ct))
            {
                Console.WriteLine($"The example programme '{DemoSeeder.ProgrammeName}' is already there; nothing was added.");
                return 0;
            }
            try
            {
                var missionId = await DemoSeeder.SeedAsync(db, ct);
                Console.WriteLine($"Added the example programme '{DemoSeeder.ProgrammeName}' with mission {missionId}.");
                return 0;
            }
            catch (DomainException ex)
            {
                Console.Error.WriteLine($"Could not add the example: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
