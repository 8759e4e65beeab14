using System.CommandLine;
using Masten.Data.Exports;

namespace Masten.Cli;

/// <summary><c>masten import mission FILE</c>: reads a mission document (from <c>masten export mission</c>) into an empty database.</summary>
internal static class MissionImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A mission document (JSON, schema version 2) written by masten export mission." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole document against the database (every record is written in a transaction that is then rolled back) and print what it holds. Stores nothing." };
        var format = new Option<string>("--format") { Description = "json, the only format of a mission document (default).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var command = new Command("mission", "Import a whole mission from its JSON document into a database with no programmes or actors yet (run masten migrate first). Ids are kept; all or nothing. "
            + "Exit codes: 0 imported (or checked, with --dry-run), 1 refused or no database, 2 no such file.") { file, dryRun, format };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"There is no file {path.FullName}.");
                return 2;
            }
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var input = path.OpenRead();
            var check = parse.GetValue(dryRun);
            var result = await MissionImport.ImportAsync(db, input, ct, check);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{path.Name}: {result.Error}");
                foreach (var problem in result.Problems)
                    Console.Error.WriteLine($"  {problem}");
                return 1;
            }
            var rows = string.Join(", ", result.Written.Where(w => w.Rows > 0).Select(w => $"{w.Rows:N0} {w.Section}"));
            Console.WriteLine(check
                ? $"Dry run: mission {result.MissionId} would be imported ({rows}). Nothing was stored."
                : $"Imported mission {result.MissionId} ({rows}) in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }
}
