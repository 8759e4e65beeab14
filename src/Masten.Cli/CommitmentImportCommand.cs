using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import commitments FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class CommitmentImportCommand
{
    public static Command Create() => ImportCommand.Kind("commitments", ImportKind.Commitments,
        "The id of the mission whose signing round the commitments belong to.",
        "Import memberships and commitments for a mission's signing round: one row per commitment, with the columns organisation number "
        + "(organisationsnummer: the actor's) and commitment (åtagande: its text), and optionally id (Masten's id of the commitment), round (omgång: "
        + "the round's name; empty means the mission's latest round), tier (nivå: one of the mission's tiers, required for a new commitment), goals "
        + "(mål: goal ids or exact titles), money (belopp) and currency (valuta: SEK or DKK), person-years (personår), due (klart senast), status, "
        + "evidence (underlag) and roles (roller). An actor that does not take part in the mission yet becomes a member with the row's roles "
        + "(partner when empty), joined today. A row with an id updates that commitment, a row without one the commitment of the same actor in the "
        + "same round with the same text, else it creates one, proposed unless the row gives a status; a column the file lacks keeps what is stored, "
        + "so importing a file again changes nothing. An import never signs: the status signed on a new commitment, a signatory or a date signed "
        + "are refused (a representative signs with Skriv under, or the programme office enters a signature given on paper).");
}
