using System.CommandLine;
using Masten.Data.Exports;

namespace Masten.Cli;

/// <summary><c>masten import mission FILE</c>: reads a mission document (from <c>masten export mission</c>) into an empty database.</summary>
internal static class MissionImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A mission document (JSON, schema version 2) written by masten export mission." };
        var command = new Command("mission", "Import a whole mission from its JSON document into a database with no programmes or actors yet (run masten migrate first). Ids are kept; all or nothing.") { file };
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
            var result = await MissionImport.ImportAsync(db, input, ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{path.Name}: {result.Error}");
                foreach (var problem in result.Problems)
                    Console.Error.WriteLine($"  {problem}");
                return 1;
            }
            Console.WriteLine($"Imported mission {result.MissionId} ({string.Join(", ", result.Written.Where(w => w.Rows > 0).Select(w => $"{w.Rows:N0} {w.Section}"))}) in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }
}
