[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Masten.Core.Imports",
    Justification = "The feature folder is named after the capability; Masten is C# only.")]

namespace Masten.Core.Imports;

/// <summary>What an import does with one row.</summary>
public enum ImportRowAction
{
    Create,
    Update,
    Unchanged,
    Rejected,
}

/// <summary>What can be imported.</summary>
public enum ImportKind
{
    /// <summary>Observations in the long format: one row per indicator and date.</summary>
    Observations,
    /// <summary>Observations in the wide format: one row per indicator, one column per year or period.</summary>
    ObservationsWide,
    /// <summary>Actors of the register and their contact people, keyed by organisation number.</summary>
    Actors,
    /// <summary>Initiatives of a mission's portfolio: one row per initiative (<see cref="InitiativeRows"/>).</summary>
    Initiatives,
    /// <summary>Participants of a mission's journey: one row per company, keyed by organisation number or CVR.</summary>
    Participants,
    /// <summary>Memberships and commitments of a mission's signing round: one row per commitment of an actor (<see cref="CommitmentRows"/>).</summary>
    Commitments,
    /// <summary>A mission's roadmap: goals, indicators and their dated targets from a template sheet (<see cref="RoadmapRows"/>), applied as one roadmap revision.</summary>
    Roadmap,
}

/// <summary>How an observation file lays out its values; null in the settings means "tell from the header row".</summary>
public enum ImportLayout
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Long and wide are the names of the two table layouts.")]
    Long,
    Wide,
}

/// <summary>The file formats an import reads.</summary>
public enum ImportFormat
{
    Csv,
    Xlsx,
    /// <summary>A table pasted from a spreadsheet: tab-separated text.</summary>
    Text,
}

/// <summary>
/// One problem found in an import file. <see cref="Row"/> is the row as a spreadsheet numbers it (the header
/// is row 1), or 0 for a problem with the whole file; <see cref="Column"/> is the header as the file spells it.
/// <see cref="Code"/> names the rule, for translation; <see cref="Message"/> says it in English.
/// </summary>
public sealed record ImportError(long Row, string? Column, string? Value, string Code, string Message);

/// <summary>Thrown for a problem with the whole file (encoding, size, no rows): nothing is imported.</summary>
public sealed class ImportFileException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public ImportError ToError() => new(0, null, null, Code, Message);
}
