using System.CommandLine;
using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Data.Imports;
using Spectre.Console;

namespace Masten.Cli;

/// <summary><c>masten import observations FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252] [--layout long|wide]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Import data into Masten: observations from CSV or XLSX into a mission (masten import observations --help), or a whole mission document (masten import mission --help).");
        import.Subcommands.Add(Observations());
        import.Subcommands.Add(MissionImportCommand.Create());
        return import;
    }

    private static Command Observations()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV, XLSX or tab-separated text file. Use - for standard input." };
        var mission = new Option<int>("--mission") { Description = "The id of the mission to import into.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only preview: print what would be created, updated, left unchanged and rejected. Stores nothing." };
        var format = new Option<string?>("--format") { Description = "csv, xlsx or text (tab-separated). Default: detected (an XLSX file is a zip)." };
        format.AcceptOnlyFromAmong("csv", "xlsx", "text");
        var delimiter = new Option<string?>("--delimiter") { Description = "The CSV delimiter: ; , or tab. Default: detected from the header row." };
        var encoding = new Option<string?>("--encoding") { Description = "utf-8 or windows-1252. Default: UTF-8 if the file is valid UTF-8 (with or without BOM), else Windows-1252." };
        encoding.AcceptOnlyFromAmong("utf-8", "windows-1252");
        var layout = new Option<string?>("--layout") { Description = "long (one row per indicator and date) or wide (one row per indicator, one column per year or period, as SCB and Kolada tables). Default: wide if the header row has an indicator column and periods but no date or value column." };
        layout.AcceptOnlyFromAmong("long", "wide");
        var user = new Option<string>("--user") { Description = "Who the import is recorded as (default: cli).", DefaultValueFactory = _ => "cli" };
        var command = new Command("observations",
            "Import observations in the long format: one row per indicator and date, with the columns indicator (its code, id or exact name), date, value "
            + "and optionally source and note (Swedish headers: indikator, datum, värde, källa, anteckning); or in the wide format: the column indicator and "
            + "one column per year or period (2022, 2023, 2024-Q3), each filled cell one value, empty cells and .. skipped. Numbers may use a decimal comma and a space or "
            + "no-break space between thousands (1 234,5); dates may be 2024-05-31, 31/5/2024, or a period 2024, 2024-Q3, 2024-05 (its last day). "
            + "A new date creates an observation, a changed value appends a correction, an equal one is left alone, so importing a file again changes nothing. "
            + "Applied in one transaction: any error stores nothing. Prints the summary and every error (row, column, value, message). "
            + "Exit codes: 0 done, 2 the file cannot be read, 3 rows have errors, 4 another import is running, 1 no database.")
        { file, mission, dryRun, format, delimiter, encoding, layout, user };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            var options = new ImportOptions();
            Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(CliDatabase.Configuration(parse).GetSection("Imports"), options);
            var settings = new ImportFileSettings(
                parse.GetValue(format) switch { "csv" => ImportFormat.Csv, "xlsx" => ImportFormat.Xlsx, "text" => ImportFormat.Text, _ => null },
                parse.GetValue(delimiter) switch { null => null, "tab" or "\\t" => '\t', { Length: 1 } d => d[0], var d => throw new ArgumentException($"--delimiter must be one character, not '{d}'.") },
                parse.GetValue(encoding),
                parse.GetValue(layout) switch { "long" => ImportLayout.Long, "wide" => ImportLayout.Wide, _ => null });
            var path = parse.GetValue(file)!;
            var request = new ImportRequest(parse.GetValue(mission), path.Name, settings, parse.GetValue(user)!);
            var store = new ImportStore(db, options);
            try
            {
                await using var stream = path.Name == "-" ? Console.OpenStandardInput() : path.OpenRead();
                ImportPreview? result;
                if (parse.GetValue(dryRun))
                    result = await store.PreviewAsync(request, stream, ct);
                else if (Console.IsOutputRedirected)
                    result = await store.ApplyAsync(request, stream, null, ct);
                else
                    result = await WithProgressAsync(p => store.ApplyAsync(request, stream, p, ct));
                if (result is null)
                {
                    Console.Error.WriteLine($"There is no mission {request.MissionId}.");
                    return 2;
                }
                Print(result);
                return result.HasErrors ? 3 : 0;
            }
            catch (ImportFileException e)
            {
                Console.Error.WriteLine($"Nothing was imported: {e.Message}");
                return 2;
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"Nothing was imported: {e.Message}");
                return 2;
            }
            catch (ImportRejectedException e)
            {
                Print(e.Preview);
                Console.Error.WriteLine($"Nothing was imported: {e.Preview.ErrorCount:N0} errors.");
                return 3;
            }
            catch (DomainException e)
            {
                Console.Error.WriteLine($"Nothing was imported: {e.Message}");
                return 4;
            }
        });
        return command;
    }

    /// <summary>A progress bar of rows read, on a terminal only (in a pipe the command prints just its summary).</summary>
    private static async Task<ImportPreview?> WithProgressAsync(Func<IProgress<long>, Task<ImportPreview?>> run)
    {
        ImportPreview? result = null;
        await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing", maxValue: double.MaxValue);
                task.IsIndeterminate = true;
                result = await run(new Progress<long>(rows => task.Description = string.Create(CultureInfo.InvariantCulture, $"Importing: {rows:N0} rows read")));
                task.StopTask();
            });
        return result;
    }

    private static void Print(ImportPreview p)
    {
        var inv = CultureInfo.InvariantCulture;
        var file = p.File.Format == ImportFormat.Xlsx ? "XLSX" : string.Create(inv, $"{p.File.Format.ToString().ToUpperInvariant()} ({p.File.Encoding}, delimiter {Show(p.File.Delimiter)})");
        Console.WriteLine(string.Create(inv, $"Read {file}: {p.Rows:N0} rows."));
        Console.WriteLine(string.Create(inv, $"  create     {p.Create,12:N0}"));
        Console.WriteLine(string.Create(inv, $"  update     {p.Update,12:N0}  (each a correction with the import as its reason)"));
        Console.WriteLine(string.Create(inv, $"  unchanged  {p.Unchanged,12:N0}"));
        Console.WriteLine(string.Create(inv, $"  rejected   {p.Rejected,12:N0}"));
        if (p.DatePrecisions.Count > 0)
            Console.WriteLine("  dates read as: " + string.Join(", ", p.DatePrecisions.OrderBy(d => d.Key).Select(d => string.Create(inv, $"{d.Value:N0} {Describe(d.Key)}"))));
        if (p.IgnoredColumns.Count > 0)
            Console.WriteLine("  ignored columns: " + string.Join(", ", p.IgnoredColumns));
        foreach (var e in p.Errors)
            Console.Error.WriteLine(e.Row == 0 ? e.Message : string.Create(inv, $"row {e.Row}, column {e.Column ?? "-"}, value \"{e.Value}\": {e.Message}"));
        if (p.ErrorCount > p.Errors.Count)
            Console.Error.WriteLine(string.Create(inv, $"… and {p.ErrorCount - p.Errors.Count:N0} more errors."));
        if (p.Applied)
            Console.WriteLine(string.Create(inv, $"Applied as import #{p.ImportId}."));
        else if (!p.HasErrors)
            Console.WriteLine("Dry run: nothing was stored.");
    }

    private static string Describe(DatePrecision p) => p switch
    {
        DatePrecision.Year => "years (31 December)",
        DatePrecision.Quarter => "quarters (their last day)",
        DatePrecision.Month => "months (their last day)",
        _ => "days",
    };

    private static string Show(char? c) => c switch { '\t' => "tab", null => "-", var x => x.ToString()! };
}
