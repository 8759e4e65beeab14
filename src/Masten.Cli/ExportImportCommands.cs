using System.CommandLine;

namespace Masten.Cli;

/// <summary>The <c>import</c> command of the mission document; tabular imports join it as further subcommands.</summary>
internal static class MissionImportRoot
{
    public static Command Create() => new("import", "Read data into Masten from files.") { MissionImportCommand.Create() };
}
