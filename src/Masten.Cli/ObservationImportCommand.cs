using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import observations FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252] [--layout long|wide]</c>.</summary>
internal static class ObservationImportCommand
{
    public static Command Create()
    {
        var inputs = new ImportCommand.Inputs("The id of the mission to import into.", missionRequired: true);
        var layout = new Option<string?>("--layout") { Description = "long (one row per indicator and date) or wide (one row per indicator, one column per year or period, as SCB and Kolada tables). Default: wide if the header row has an indicator column and periods but no date or value column." };
        layout.AcceptOnlyFromAmong("long", "wide");
        var command = inputs.Command("observations",
            "Import observations in the long format: one row per indicator and date, with the columns indicator (its code, id or exact name), date, value "
            + "and optionally source and note (Swedish headers: indikator, datum, värde, källa, anteckning); or in the wide format: the column indicator and "
            + "one column per year or period (2022, 2023, 2024-Q3), each filled cell one value, empty cells and .. skipped. Numbers may use a decimal comma and a space or "
            + "no-break space between thousands (1 234,5); dates may be 2024-05-31, 31/5/2024, or a period 2024, 2024-Q3, 2024-05 (its last day). "
            + "A new date creates an observation, a changed value appends a correction, an equal one is left alone, so importing a file again changes nothing. "
            + "Applied in one transaction: any error stores nothing. Prints the summary and every error (row, column, value, message). "
            + "Exit codes: 0 done, 2 the file cannot be read, 3 rows have errors, 4 another import is running, 1 no database.",
            layout);
        command.SetAction((parse, ct) => ImportCommand.RunAsync(parse, inputs, ImportKind.Observations,
            inputs.Settings(parse, parse.GetValue(layout) switch { "long" => ImportLayout.Long, "wide" => ImportLayout.Wide, _ => null }), ct));
        return command;
    }
}
