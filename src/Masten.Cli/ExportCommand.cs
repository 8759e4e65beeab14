using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Masten.Core.Exports;
using Masten.Data.Exports;

namespace Masten.Cli;

/// <summary><c>masten export mission ID [--format json|xlsx] [-o FILE]</c> and <c>masten export schema</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Write data out of Masten as files.") { Mission(), Schema() };
        return command;
    }

    private static Command Mission()
    {
        var missionId = new Argument<int>("missionId") { Description = "The mission's id (see the mission page's address, /missions/{id})." };
        var format = new Option<string>("--format") { Description = "json (the mission document, schema version 2; default) or xlsx (one sheet per section).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "xlsx");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var command = new Command("mission", "Export one mission and everything in it: goals, indicators, targets, the observation log, roadmap versions, actors, memberships, commitments, drivers, operational goals, initiatives, reviews and the glossary.")
        {
            missionId, format, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            var id = parse.GetValue(missionId);
            var file = parse.GetValue(output);
            var xlsx = parse.GetValue(format) == "xlsx";
            if (xlsx && file is null && !Console.IsOutputRedirected)
            {
                Console.Error.WriteLine("An XLSX workbook is not for the terminal: name a file with -o FILE, or redirect the output.");
                return 2;
            }
            var clock = Stopwatch.StartNew();
            // Progress goes to standard error, and only when someone watches it.
            Action<string, long>? progress = Console.IsErrorRedirected ? null : (section, rows) => Console.Error.WriteLine($"  {section}: {rows:N0} ({clock.Elapsed.TotalSeconds:F1} s)");
            var target = file is null ? null : file.FullName + ".part";
            bool found;
            await using (var stream = target is null ? Console.OpenStandardOutput() : new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                found = xlsx
                    ? await MissionWorkbook.WriteAsync(db, id, stream, ct)
                    : await MissionExport.WriteJsonAsync(db, id, stream, indented: false, progress, ct);
            }
            if (!found)
            {
                if (target is not null)
                    File.Delete(target);
                Console.Error.WriteLine($"There is no mission {id}.");
                return 1;
            }
            if (target is not null)
            {
                File.Move(target, file!.FullName, overwrite: true);
                Console.Error.WriteLine($"Wrote mission {id} to {file.FullName} in {clock.Elapsed.TotalSeconds:F1} s.");
            }
            return 0;
        });
        return command;
    }

    private static Command Schema()
    {
        var command = new Command("schema", "Print the JSON Schema of the mission document (the file docs/schema/mission-v2.schema.json).");
        command.SetAction(_ =>
        {
            Console.WriteLine(MissionDocument.Schema().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return 0;
        });
        return command;
    }
}
