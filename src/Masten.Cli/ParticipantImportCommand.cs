using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import participants FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class ParticipantImportCommand
{
    public static Command Create() => ImportCommand.Kind("participants", ImportKind.Participants,
        "The id of the mission whose journey the companies take part in.",
        "Import the participants of a mission's journey: one row per company, with the columns organisation number (or cvr), cohort, size class and joined on, "
        + "and optionally name, country, municipality code, region code, sector, navigator, left on and left reason "
        + "(Swedish headers: organisationsnummer, namn, land, kohort, kommunkod, länskod, sni, storleksklass, navigatör, startdatum, slutdatum, orsak). "
        + "A number the register lacks creates a company actor (then the name is required). The size class is an EU SME class (micro, small, medium, large; "
        + "mikro, små, medelstora, stora) or a number of employees; the sector an SNI/NACE code (10.71 or 10710); the navigator the e-mail address of a person "
        + "with the navigator role in the mission; dates are days (2025-02-03 or 3/2/2025). A company already taking part is changed when a value differs "
        + "and left alone otherwise, so importing a file again changes nothing; a column the file lacks keeps its value. A mission without a journey "
        + "cannot take participants (exit code 2).");
}
