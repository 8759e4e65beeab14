using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import actors FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class ActorImportCommand
{
    public static Command Create() => ImportCommand.Kind("actors", ImportKind.Actors,
        "The id of the mission whose import history keeps the file (the actors go into the register, shared by all missions).",
        "Import actors and their contact people into the actor register. Columns: organisationsnummer (or orgnr, cvr), typ (type: Kommun, Region, "
        + "Statlig myndighet, Företag, Universitet eller högskola, Forskningsinstitut, Finansiär, Civilsamhällesorganisation, Annan, or the English names), "
        + "namn (name), and optionally land (Sverige, Danmark, Annat; default Sweden, or Denmark for an 8-digit number), kontaktperson, e-post and roll. "
        + "An actor with several contact people takes one row per person. A new organisation number creates the actor, a changed name or type updates it, "
        + "a contact person is found by e-mail (else name) and added or updated; every change is versioned and audited with the import as its cause, so "
        + "importing a file again changes nothing.");
}
