using System.CommandLine;
using Masten.Core.Imports;

namespace Masten.Cli;

/// <summary><c>masten import actors FILE --mission ID [--dry-run] [--format csv|xlsx|text] [--delimiter ;] [--encoding utf-8|windows-1252]</c>.</summary>
internal static class ActorImportCommand
{
    public static Command Create()
    {
        var inputs = new ImportCommand.Inputs("The id of the mission whose import history keeps the file (the actors go into the register, shared by all missions).", missionRequired: true);
        var command = inputs.Command("actors",
            "Import actors and their contact people into the actor register. Columns: organisationsnummer (or orgnr, cvr), typ (type: Kommun, Region, "
            + "Statlig myndighet, Företag, Universitet eller högskola, Forskningsinstitut, Finansiär, Civilsamhällesorganisation, Annan, or the English names), "
            + "namn (name), and optionally land (Sverige, Danmark, Annat; default Sweden, or Denmark for an 8-digit number), kontaktperson, e-post and roll. "
            + "An actor with several contact people takes one row per person. A new organisation number creates the actor, a changed name or type updates it, "
            + "a contact person is found by e-mail (else name) and added or updated; every change is versioned and audited with the import as its cause, so "
            + "importing a file again changes nothing. Applied in one transaction: any error stores nothing. "
            + "Exit codes: 0 done, 2 the file cannot be read, 3 rows have errors, 4 another import is running, 1 no database.");
        command.SetAction((parse, ct) => ImportCommand.RunAsync(parse, inputs, ImportKind.Actors, inputs.Settings(parse), ct));
        return command;
    }
}
