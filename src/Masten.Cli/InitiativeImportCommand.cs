using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import initiatives FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class InitiativeImportCommand
{
    public static Command Create() => ImportCommand.Kind("initiatives", ImportKind.Initiatives,
        "The id of the mission whose portfolio the initiatives belong to.",
        "Import initiatives into a mission's portfolio: one row per initiative, with the columns title (titel) and lead (ansvarig: the lead actor's "
        + "organisation number), and optionally id (Masten's id of the initiative), description, type, partners (organisation numbers), goals (goal ids "
        + "or exact titles), levers, budget, currency (SEK or DKK), stage (fas), start and end. Lists are separated by semicolons. Choices may be written "
        + "in English or as the Swedish pages show them (testar, skalar upp, teknik). A row with an id updates that initiative, a row without one the "
        + "initiative with the same title, else it creates one; a column the file lacks keeps what is stored, so importing a file again changes nothing. "
        + "Every actor must take part in the mission.");
}
