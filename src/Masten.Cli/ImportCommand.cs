using System.CommandLine;
using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Data.Imports;
using Spectre.Console;

namespace Masten.Cli;

/// <summary><c>masten import KIND FILE [--mission ID] [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>: one subcommand per kind, each in its own file.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Import data into Masten: observations, actors, initiatives, participants, commitments or a roadmap from CSV or XLSX into a mission (masten import observations --help, masten import roadmap --help, …), or a whole mission document (masten import mission --help).");
        import.Subcommands.Add(ObservationImportCommand.Create());
        import.Subcommands.Add(ActorImportCommand.Create());
        import.Subcommands.Add(InitiativeImportCommand.Create());
        import.Subcommands.Add(ParticipantImportCommand.Create());
        import.Subcommands.Add(CommitmentImportCommand.Create());
        import.Subcommands.Add(RoadmapImportCommand.Create());
        import.Subcommands.Add(MissionImportCommand.Create());
        return import;
    }

    /// <summary>
    /// The arguments and options every kind takes: FILE, --mission, --dry-run, --format, --delimiter, --encoding and --user.
    /// Whether --mission is required is the kind's choice (observations: always).
    /// </summary>
    internal sealed class Inputs
    {
        public Argument<FileInfo> File { get; } = new("FILE") { Description = "The CSV, XLSX or tab-separated text file. Use - for standard input." };
        public Option<int?> Mission { get; }
        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Only preview: print what would be created, updated, left unchanged and rejected. Stores nothing." };
        public Option<string?> Format { get; } = new("--format") { Description = "csv, xlsx or text (tab-separated). Default: detected (an XLSX file is a zip)." };
        public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "The CSV delimiter: ; , or tab. Default: detected from the header row." };
        public Option<string?> Encoding { get; } = new("--encoding") { Description = "utf-8 or windows-1252. Default: UTF-8 if the file is valid UTF-8 (with or without BOM), else Windows-1252." };
        public Option<string> User { get; } = new("--user") { Description = "Who the import is recorded as (default: cli).", DefaultValueFactory = _ => "cli" };

        public Inputs(string missionDescription, bool missionRequired)
        {
            Mission = new Option<int?>("--mission") { Description = missionDescription, Required = missionRequired };
            Format.AcceptOnlyFromAmong("csv", "xlsx", "text");
            Encoding.AcceptOnlyFromAmong("utf-8", "windows-1252");
        }

        /// <summary>The command of one kind, with these inputs and the kind's own options.</summary>
        public Command Command(string name, string description, params Option[] extra)
        {
            var command = new Command(name, description) { File, Mission, DryRun, Format, Delimiter, Encoding };
            foreach (var option in extra)
                command.Options.Add(option);
            command.Options.Add(User);
            return command;
        }

        public ImportFileSettings Settings(ParseResult parse, ImportLayout? layout = null) => new(
            parse.GetValue(Format) switch { "csv" => ImportFormat.Csv, "xlsx" => ImportFormat.Xlsx, "text" => ImportFormat.Text, _ => null },
            parse.GetValue(Delimiter) switch { null => null, "tab" or "\\t" => '\t', { Length: 1 } d => d[0], var d => throw new ArgumentException($"--delimiter must be one character, not '{d}'.") },
            parse.GetValue(Encoding),
            layout);
    }

    /// <summary>What every kind's help ends with: all or nothing, what is printed, and the exit codes.</summary>
    internal const string Outcome = "Applied in one transaction: any error stores nothing, and a file that changes nothing records no import. Prints the summary "
        + "and every error (row, column, value, message). Exit codes: 0 done (or nothing to apply), 2 the file cannot be read, 3 rows have errors, "
        + "4 another import is running, 1 no database.";

    /// <summary>
    /// The command of a kind that takes only the common inputs (<see cref="Inputs"/>, --mission required): <c>masten import NAME FILE --mission ID …</c>,
    /// its help <paramref name="description"/> followed by <see cref="Outcome"/>. <paramref name="request"/> adds the kind's own options to the request.
    /// </summary>
    internal static Command Kind(string name, ImportKind kind, string missionDescription, string description, Option[]? extra = null,
        Func<ParseResult, ImportRequest, ImportRequest>? request = null)
    {
        var inputs = new Inputs(missionDescription, missionRequired: true);
        var command = inputs.Command(name, description + " " + Outcome, extra ?? []);
        command.SetAction((parse, ct) => RunAsync(parse, inputs, kind, inputs.Settings(parse), ct, request));
        return command;
    }

    /// <summary>
    /// Previews (--dry-run) or applies the file as <paramref name="kind"/>, prints the summary and every error, and returns the
    /// exit code: 0 done (or nothing to apply), 2 the file cannot be read (or no such mission, or an input is refused), 3 rows have errors,
    /// 4 another import is running, 1 no database.
    /// </summary>
    internal static async Task<int> RunAsync(ParseResult parse, Inputs inputs, ImportKind kind, ImportFileSettings settings, CancellationToken ct,
        Func<ParseResult, ImportRequest, ImportRequest>? extend = null)
    {
        await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
        if (db is null)
            return 1;
        var options = new ImportOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(CliDatabase.Configuration(parse).GetSection("Imports"), options);
        var path = parse.GetValue(inputs.File)!;
        var request = new ImportRequest(parse.GetValue(inputs.Mission) ?? 0, path.Name, settings, parse.GetValue(inputs.User)!, kind);
        if (extend is not null)
            request = extend(parse, request);
        var store = new ImportStore(db, options);
        try
        {
            await using var stream = path.Name == "-" ? Console.OpenStandardInput() : path.OpenRead();
            ImportPreview? result;
            var dryRun = parse.GetValue(inputs.DryRun);
            if (dryRun)
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
            Print(result, dryRun);
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
            Print(e.Preview, dryRun: false);
            Console.Error.WriteLine($"Nothing was imported: {e.Preview.ErrorCount:N0} errors.");
            return 3;
        }
        catch (DomainException e)
        {
            // A refused input (a roadmap revision without its reason) is the file's or the caller's to fix; a conflict is another import running.
            Console.Error.WriteLine($"Nothing was imported: {e.Message}");
            return e.Kind == DomainErrorKind.Validation ? 2 : 4;
        }
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

    /// <summary>The summary and every error; the last line says what happened: applied, nothing to apply, or (a dry run) that nothing was stored.</summary>
    private static void Print(ImportPreview p, bool dryRun)
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
        else if (dryRun && p.NothingToApply)
            Console.WriteLine("Dry run: nothing was stored. Nothing to apply either: the file changes nothing.");
        else if (dryRun && !p.HasErrors)
            Console.WriteLine("Dry run: nothing was stored.");
        else if (dryRun)
            Console.WriteLine("Dry run: nothing was stored; the file has errors.");
        else if (p.NothingToApply)
            Console.WriteLine("Nothing to apply: the file changes nothing. No import was recorded.");
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
