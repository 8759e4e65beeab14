using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Masten.Cli;

/// <summary>The <c>masten</c> command tree; one place lists every command.</summary>
public static class CliApp
{
    /// <summary>How every <c>--json</c> output is written: camelCase, indented, enums as names, readable UTF-8.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("Masten: run mission-oriented transition programmes from the command line.");
        root.Options.Add(CliDatabase.ProviderOption);
        root.Options.Add(CliDatabase.ConnectionOption);
        root.Subcommands.Add(DatabaseCommands.Migrate());
        root.Subcommands.Add(DatabaseCommands.Seed());
        root.Subcommands.Add(ProgressCommand.Create());
        root.Subcommands.Add(JourneyCommand.Create());
        root.Subcommands.Add(TextCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        return root;
    }
}
