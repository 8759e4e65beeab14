using System.CommandLine;
using Masten.Cli;

// masten: Masten's command line. Every command reads the same settings as the web host:
// appsettings.json in the current folder, then environment variables (Database__Provider,
// ConnectionStrings__Masten, Database__DataDirectory), then --provider / --connection.
var root = new RootCommand("Masten: run mission-oriented transition programmes from the command line.");
root.Options.Add(CliDatabase.ProviderOption);
root.Options.Add(CliDatabase.ConnectionOption);
root.Subcommands.Add(DatabaseCommands.Migrate());
root.Subcommands.Add(DatabaseCommands.Seed());
root.Subcommands.Add(ProgressCommand.Create());
return await root.Parse(args).InvokeAsync();
