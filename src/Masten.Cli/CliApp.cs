using System.CommandLine;

namespace Masten.Cli;

/// <summary>The <c>masten</c> command tree; one place lists every command.</summary>
public static class CliApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Masten: run mission-oriented transition programmes from the command line.");
        root.Options.Add(CliDatabase.ProviderOption);
        root.Options.Add(CliDatabase.ConnectionOption);
        root.Subcommands.Add(DatabaseCommands.Migrate());
        root.Subcommands.Add(DatabaseCommands.Seed());
        root.Subcommands.Add(ProgressCommand.Create());
        root.Subcommands.Add(TextCommand.Create());
        return root;
    }
}
