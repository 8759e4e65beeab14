using System.CommandLine;
using Masten.Core.Imports;
using Masten.Core.Missions;

namespace Masten.Cli;

/// <summary><c>masten import roadmap FILE --mission ID [--reason TEXT] [--valid-from DATE] [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class RoadmapImportCommand
{
    public static Command Create()
    {
        var reason = new Option<string?>("--reason") { Description = "Why the roadmap changes. Required when the mission is no longer a draft: the import is then one new roadmap version, kept with this reason." };
        var validFrom = new Option<DateOnly?>("--valid-from") { Description = "The date the new roadmap version applies from (YYYY-MM-DD). Default: today." };
        return ImportCommand.Kind("roadmap", ImportKind.Roadmap,
            "The id of the mission whose roadmap the file holds.",
            "Import a mission's roadmap from a template sheet: one row per indicator (or per goal without indicators of its own), with the column goal "
            + "(delmål: the goal's exact title or id; a new title creates the goal) and optionally parent goal (överordnat delmål: a stored goal or one named "
            + "on an earlier row; empty is the top level), code (kod), indicator (indikator: its name), description (beskrivning), unit (enhet), direction "
            + "(riktning: högre är bättre, lägre är bättre), frequency (frekvens: varje månad, varje kvartal, varje år), source (källa), baseline date (basår), "
            + "baseline (basvärde), shape (form: linjär, samma procent varje år, s-kurva), and one column per target date whose header is a year, period or "
            + "date (2030, mål 2030, 2030-06-30), each filled cell that date's target and an empty one removing it. An indicator is found by its code, else "
            + "by its name under its goal; a goal by its title or id. A column the file lacks keeps what is stored, so importing a file again changes nothing. "
            + "Once the mission is no longer a draft, applying is one roadmap revision, versioned and audited as an edit by hand, and needs --reason. "
            + "Template: GET /api/v1/imports/templates/roadmap.",
            [reason, validFrom],
            (parse, request) => request with { Revision = new RevisionInput(parse.GetValue(reason), null, parse.GetValue(validFrom)) });
    }
}
