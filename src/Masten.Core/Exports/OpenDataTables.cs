using Masten.Core.Localization;

namespace Masten.Core.Exports;

/// <summary>The type of a column in an open-data file, named in the data dictionary by its XML Schema datatype.</summary>
public enum OpenType
{
    WholeNumber,
    Number,
    Text,
    Date,
    DateTime,
    Boolean,
    /// <summary>A list of codes or ids, written as one cell with the items separated by commas.</summary>
    List,
}

/// <summary>One text in the three languages of Masten's pages (read from the text files, see <see cref="TextCatalog"/>).</summary>
public sealed record Trilingual(string Sv, string En, string Da)
{
    /// <summary>The text in <paramref name="language"/> (<c>sv</c>, <c>en</c>, <c>da</c>); Swedish for any other.</summary>
    public string In(string language) => language switch { "en" => En, "da" => Da, _ => Sv };
}

/// <summary>One column of an open-data table: its name in the file, what it means, its type and its unit (null when it has none).</summary>
public sealed record OpenColumn(string Name, OpenType Type, Trilingual Meaning, Trilingual? Unit = null)
{
    /// <summary>The XML Schema datatype the dictionary names for the column (<c>xsd:integer</c>, …).</summary>
    public string Datatype => Type switch
    {
        OpenType.WholeNumber => "xsd:integer",
        OpenType.Number => "xsd:decimal",
        OpenType.Date => "xsd:date",
        OpenType.DateTime => "xsd:dateTime",
        OpenType.Boolean => "xsd:boolean",
        OpenType.List => "list",
        _ => "xsd:string",
    };
}

/// <summary>One table of a mission's open data: the file name (without extension), its title and description, its columns in file order.</summary>
public sealed record OpenTable(string Name, Trilingual Title, Trilingual Description, IReadOnlyList<OpenColumn> Columns);

/// <summary>
/// The open data of a published mission, table by table, and the data dictionary that describes every column
/// (name, meaning, type, unit) in Swedish, English and Danish. Open data holds public records only: organisations
/// and what they promised or do, never people. Contact people, e-mail addresses, who entered or signed something
/// (user names, account ids, signatories), owners of operational goals, review participants and correction reasons
/// (an import's reason names the person who ran it) are left out by design; a test scans every cell for them.
/// </summary>
public static class OpenDataTables
{
    // The texts of every table and column, in Exports/Texts.{sv,en,da}.json (keys OpenTable.{table}.{column}),
    // read through the one text loader Masten's pages and explanations use.
    private static readonly TextCatalog Texts = TextCatalog.Load(typeof(OpenDataTables).Assembly);

    private static Trilingual Text(string key) => new(Texts.Of("sv")[key], Texts.Of("en")[key], Texts.Of("da")[key]);

    /// <summary>A column; its meaning is the text <c>OpenTable.{table}.{name}</c>, its unit the text <c>OpenTable.Unit.{unit}</c>.</summary>
    private sealed record ColumnSpec(string Name, OpenType Type, string? Unit, string? MeaningKey = null);

    private static ColumnSpec Column(string name, OpenType type, string? unit = null) => new(name, type, unit);

    private static ColumnSpec IdColumn() => new("id", OpenType.WholeNumber, null, "OpenTable.Id");

    private static OpenTable Table(string name, params ColumnSpec[] columns) =>
        new(name, Text($"OpenTable.{name}.Title"), Text($"OpenTable.{name}.Description"),
            [.. columns.Select(c => new OpenColumn(c.Name, c.Type, Text(c.MeaningKey ?? $"OpenTable.{name}.{c.Name}"), c.Unit is null ? null : Text($"OpenTable.Unit.{c.Unit}")))]);

    public static readonly OpenTable Mission = Table("mission",
        IdColumn(),
        Column("programme", OpenType.Text),
        Column("programmeOffice", OpenType.Text),
        Column("title", OpenType.Text),
        Column("statement", OpenType.Text),
        Column("baselineYear", OpenType.WholeNumber, "Years"),
        Column("horizonYear", OpenType.WholeNumber, "Years"),
        Column("status", OpenType.Text),
        Column("language", OpenType.Text),
        Column("updatedAt", OpenType.DateTime));

    public static readonly OpenTable Goals = Table("goals",
        IdColumn(),
        Column("parentId", OpenType.WholeNumber),
        Column("order", OpenType.WholeNumber),
        Column("title", OpenType.Text),
        Column("description", OpenType.Text),
        Column("weight", OpenType.Number));

    public static readonly OpenTable Indicators = Table("indicators",
        IdColumn(),
        Column("goalId", OpenType.WholeNumber),
        Column("code", OpenType.Text),
        Column("name", OpenType.Text),
        Column("description", OpenType.Text),
        Column("unit", OpenType.Text),
        Column("direction", OpenType.Text),
        Column("frequency", OpenType.Text),
        Column("source", OpenType.Text),
        Column("baselineDate", OpenType.Date),
        Column("baselineValue", OpenType.Number, "IndicatorUnit"),
        Column("shape", OpenType.Text),
        Column("weight", OpenType.Number),
        Column("reportingActorId", OpenType.WholeNumber));

    public static readonly OpenTable Targets = Table("targets",
        IdColumn(),
        Column("indicatorId", OpenType.WholeNumber),
        Column("indicatorCode", OpenType.Text),
        Column("date", OpenType.Date),
        Column("value", OpenType.Number, "IndicatorUnit"),
        Column("unit", OpenType.Text));

    public static readonly OpenTable Observations = Table("observations",
        IdColumn(),
        Column("indicatorId", OpenType.WholeNumber),
        Column("indicatorCode", OpenType.Text),
        Column("date", OpenType.Date),
        Column("value", OpenType.Number, "IndicatorUnit"),
        Column("unit", OpenType.Text),
        Column("source", OpenType.Text),
        Column("note", OpenType.Text),
        Column("enteredAt", OpenType.DateTime),
        Column("supersedesId", OpenType.WholeNumber),
        Column("isCurrent", OpenType.Boolean));

    public static readonly OpenTable Actors = Table("actors",
        IdColumn(),
        Column("name", OpenType.Text),
        Column("type", OpenType.Text),
        Column("country", OpenType.Text),
        Column("organisationNumber", OpenType.Text),
        Column("website", OpenType.Text));

    public static readonly OpenTable Memberships = Table("memberships",
        IdColumn(),
        Column("actorId", OpenType.WholeNumber),
        Column("roles", OpenType.List),
        Column("joinedOn", OpenType.Date),
        Column("leftOn", OpenType.Date));

    public static readonly OpenTable Commitments = Table("commitments",
        IdColumn(),
        Column("actorId", OpenType.WholeNumber),
        Column("round", OpenType.Text),
        Column("roundDate", OpenType.Date),
        Column("text", OpenType.Text),
        Column("tier", OpenType.Text),
        Column("goalIds", OpenType.List),
        Column("pledgedMoney", OpenType.Number, "InCurrency"),
        Column("currency", OpenType.Text),
        Column("personYears", OpenType.Number, "PersonYears"),
        Column("dueDate", OpenType.Date),
        Column("status", OpenType.Text),
        Column("signedOn", OpenType.Date),
        Column("carriedFromId", OpenType.WholeNumber));

    public static readonly OpenTable Initiatives = Table("initiatives",
        IdColumn(),
        Column("title", OpenType.Text),
        Column("description", OpenType.Text),
        Column("type", OpenType.Text),
        Column("stage", OpenType.Text),
        Column("leadActorId", OpenType.WholeNumber),
        Column("partnerActorIds", OpenType.List),
        Column("budget", OpenType.Number, "InCurrency"),
        Column("currency", OpenType.Text),
        Column("startDate", OpenType.Date),
        Column("endDate", OpenType.Date),
        Column("levers", OpenType.List));

    public static readonly OpenTable Contributions = Table("contributions",
        IdColumn(),
        Column("initiativeId", OpenType.WholeNumber),
        Column("goalId", OpenType.WholeNumber),
        Column("indicatorId", OpenType.WholeNumber),
        Column("direction", OpenType.Text),
        Column("sizePerYear", OpenType.Number, "IndicatorUnitPerYear"),
        Column("confidence", OpenType.Text));

    /// <summary>Every table, in the order the open-data page and the catalogue list them.</summary>
    public static IReadOnlyList<OpenTable> Tables { get; } = [Mission, Goals, Indicators, Targets, Observations, Actors, Memberships, Commitments, Initiatives, Contributions];

    /// <summary>The table with file name <paramref name="name"/>, or null.</summary>
    public static OpenTable? Find(string name) => Tables.FirstOrDefault(t => t.Name == name);

    /// <summary>The dictionary itself as a table: one row per column of every table.</summary>
    public static readonly OpenTable Dictionary = Table("dictionary",
        Column("table", OpenType.Text),
        Column("column", OpenType.Text),
        Column("type", OpenType.Text),
        Column("meaningSv", OpenType.Text),
        Column("meaningEn", OpenType.Text),
        Column("meaningDa", OpenType.Text),
        Column("unitSv", OpenType.Text),
        Column("unitEn", OpenType.Text),
        Column("unitDa", OpenType.Text));

    /// <summary>The rows of <see cref="Dictionary"/>, in table and column order.</summary>
    public static IEnumerable<object?[]> DictionaryRows() =>
        from table in Tables.Append(Dictionary)
        from column in table.Columns
        select new object?[] { table.Name, column.Name, column.Datatype, column.Meaning.Sv, column.Meaning.En, column.Meaning.Da, column.Unit?.Sv, column.Unit?.En, column.Unit?.Da };
}
