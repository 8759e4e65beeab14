namespace Masten.Core.Imports;

/// <summary>The header row and one example row of an import kind's template, in the headers the import reads (Swedish).</summary>
public sealed record ImportTemplate(IReadOnlyList<string> Header, IReadOnlyList<string> Example);

/// <summary>
/// What the API, the CLI and the pages call each <see cref="ImportKind"/> (<c>kind=observations</c>, <c>masten import observations</c>)
/// and the template each offers. A new kind adds one line to each table.
/// </summary>
public static class ImportCatalog
{
    private static readonly Dictionary<string, ImportKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["observations"] = ImportKind.Observations,
        ["actors"] = ImportKind.Actors,
        ["initiatives"] = ImportKind.Initiatives,
        ["participants"] = ImportKind.Participants,
        ["commitments"] = ImportKind.Commitments,
        ["roadmap"] = ImportKind.Roadmap,
    };

    /// <summary>The kind a name says (ignoring case), or null. No name means observations.</summary>
    public static ImportKind? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? ImportKind.Observations : ByName.TryGetValue(name.Trim(), out var kind) ? kind : null;

    /// <summary>The names, as the API and the CLI take them.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The name of a kind; the wide observation layout is a way of writing observations.</summary>
    public static string Name(ImportKind kind) =>
        kind == ImportKind.ObservationsWide ? "observations" : ByName.First(x => x.Value == kind).Key;

    /// <summary>The template of a kind, or null if it has none.</summary>
    public static ImportTemplate? Template(ImportKind kind) => kind switch
    {
        ImportKind.Observations => new(["indikator", "datum", "värde", "källa", "anteckning"], ["1.2", "2024", "1234,5", "SCB", ""]),
        ImportKind.ObservationsWide => new(["indikator", "2022", "2023", "2024"], ["1.2", "1180", "1210", "1250,5"]),
        ImportKind.Actors => ActorRows.Template,
        ImportKind.Initiatives => new(["id", "titel", "beskrivning", "typ", "ansvarig", "partner", "mål", "hävstänger", "budget", "valuta", "fas", "start", "slut"],
            ["", "Fosforfällan", "Fångar fosfor före utloppet.", "experiment", "556036-0793", "212000-0142", "Rent vatten", "teknik; finansiering", "1 250 000", "SEK", "testar", "2025-01-01", "2027-12-31"]),
        ImportKind.Participants => new(["organisationsnummer", "namn", "kohort", "kommunkod", "länskod", "sni", "storleksklass", "navigatör", "startdatum", "slutdatum", "orsak"],
            ["556016-0680", "Kvarnen i Ån AB", "2025", "0180", "01", "10.71", "små", "navigator@exempel.se", "2025-02-03", "", ""]),
        ImportKind.Commitments => CommitmentRows.Template,
        ImportKind.Roadmap => RoadmapRows.Template,
        _ => null,
    };
}
