namespace Masten.Core.Imports;

/// <summary>
/// The header row of an import file mapped to the columns of one import kind: which column is where, how the file
/// spells each header (for errors), and the headers that name no column (ignored, and listed in the preview).
/// Headers match ignoring case and surrounding spaces, in English, Swedish or Danish. A kind may give its header a type
/// of its own by deriving from it (<c>sealed class ActorHeader(ColumnMap&lt;ActorColumn&gt; map) : ColumnMap&lt;ActorColumn&gt;(map)</c>).
/// </summary>
public class ColumnMap<TColumn> where TColumn : struct, Enum
{
    private readonly Dictionary<TColumn, int> columns;
    private readonly Func<TColumn, string> nameOf;

    internal ColumnMap(Dictionary<TColumn, int> columns, IReadOnlyList<string> names, IReadOnlyList<string> ignored, Func<TColumn, string> nameOf)
    {
        this.columns = columns;
        this.nameOf = nameOf;
        Names = names;
        Ignored = ignored;
    }

    /// <summary>The same mapping, for a kind's own header type.</summary>
    protected ColumnMap(ColumnMap<TColumn> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        columns = map.columns;
        nameOf = map.nameOf;
        Names = map.Names;
        Ignored = map.Ignored;
    }

    /// <summary>Where each column the file has stands in the header row.</summary>
    public IReadOnlyDictionary<TColumn, int> Columns => columns;

    /// <summary>The headers as the file has them, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Ignored { get; }

    public bool Has(TColumn column) => columns.ContainsKey(column);

    /// <summary>The header as the file spells it; for a column the file lacks, the kind's name of it.</summary>
    public string NameOf(TColumn column) => columns.TryGetValue(column, out var i) ? Names[i] : nameOf(column);

    /// <summary>The cell of a column in a row, or null when the file has no such column.</summary>
    public object? Cell(IReadOnlyList<object?> cells, TColumn column) => columns.TryGetValue(column, out var i) && i < cells.Count ? cells[i] : null;

    /// <summary>The text of a column's cell, trimmed; empty when the file has no such column.</summary>
    public string Text(IReadOnlyList<object?> cells, TColumn column) => ImportValues.CellText(Cell(cells, column)).Trim();

    /// <summary>
    /// The column's date, or null when the cell is empty; a cell that is no date is reported to <paramref name="fail"/>
    /// (column, the cell's text, code <c>InvalidDate</c>, why) and gives null.
    /// </summary>
    public DateOnly? Date(IReadOnlyList<object?> cells, TColumn column, Action<TColumn, string?, string, string> fail)
    {
        var cell = Cell(cells, column);
        var text = ImportValues.CellText(cell).Trim();
        if (text.Length == 0)
            return null;
        if (ImportValues.TryDateFromCell(cell, out var date, out _, out var error))
            return date;
        fail(column, text, "InvalidDate", error!);
        return null;
    }

    /// <summary>
    /// The column's choice among <paramref name="words"/>, or null when the cell is empty; a word that is none of them is
    /// reported to <paramref name="fail"/> (column, the cell's text, code <c>UnknownValue</c>, naming <paramref name="what"/> and
    /// the choices) and gives null.
    /// </summary>
    public TEnum? Choice<TEnum>(IReadOnlyList<object?> cells, TColumn column, IReadOnlyDictionary<string, TEnum> words, string what,
        Action<TColumn, string?, string, string> fail) where TEnum : struct, Enum
    {
        var text = Text(cells, column);
        if (text.Length == 0)
            return null;
        if (ImportChoices.TryParse(text, words, out TEnum value))
            return value;
        fail(column, text, "UnknownValue", $"is not a known {what}; write one of {ImportChoices.Names<TEnum>()}.");
        return null;
    }

    /// <summary>Whether a row has as many cells as the header (more only when the extra cells are empty).</summary>
    public bool FitsWidth(IReadOnlyList<object?> cells) =>
        cells.Count >= Names.Count && !cells.Skip(Names.Count).Any(c => ImportValues.CellText(c).Trim().Length > 0);
}

/// <summary>Maps header rows to <see cref="ColumnMap{TColumn}"/>.</summary>
public static class ColumnMap
{
    /// <summary>
    /// Maps a header row with <paramref name="headerNames"/> (lower-case header → column). A column named twice, or a
    /// <paramref name="required"/> column missing, is a file error; <paramref name="help"/> tells which headers the kind reads.
    /// <paramref name="nameOf"/> names a column the file lacks (in the error, and <see cref="ColumnMap{TColumn}.NameOf"/>);
    /// by default its enum name in lower case.
    /// </summary>
    public static ColumnMap<TColumn> Map<TColumn>(IReadOnlyList<string> headers, IReadOnlyDictionary<string, TColumn> headerNames, IEnumerable<TColumn> required, string help, string missingCode = "MissingColumns",
        Func<TColumn, string>? nameOf = null)
        where TColumn : struct, Enum
    {
        nameOf ??= c => c.ToString().ToLowerInvariant();
        var columns = new Dictionary<TColumn, int>();
        var ignored = new List<string>();
        var names = headers.Select(h => (h ?? "").Trim().Trim('\uFEFF').Trim()).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
                continue;
            if (!headerNames.TryGetValue(names[i].ToLowerInvariant(), out var column))
            {
                ignored.Add(names[i]);
                continue;
            }
            if (!columns.TryAdd(column, i))
                throw new ImportFileException("DuplicateColumn", $"The column \"{names[i]}\" appears twice (as \"{names[columns[column]]}\" too).");
        }
        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new ImportFileException(missingCode,
                $"The header row lacks {string.Join(", ", missing.Select(nameOf))}. {help}");
        return new ColumnMap<TColumn>(columns, names, ignored, nameOf);
    }
}

/// <summary>
/// Reads a named choice (an enum value) from a cell: its English name in any case and with or without spaces, hyphens or
/// underscores (<c>PolicyAndRegulation</c>, <c>policy and regulation</c>), or one of the Swedish and Danish words the pages show.
/// </summary>
public static class ImportChoices
{
    public static bool TryParse<TEnum>(string text, IReadOnlyDictionary<string, TEnum> words, out TEnum value) where TEnum : struct, Enum
    {
        var key = Key(text);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Key(candidate.ToString()) == key)
            {
                value = candidate;
                return true;
            }
        }
        foreach (var (word, choice) in words)
        {
            if (Key(word) == key)
            {
                value = choice;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The English names, for an error message: <c>idea, exploring, testing</c>.</summary>
    public static string Names<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

    /// <summary>The items of a cell holding a list: separated by semicolons or line breaks (and commas when <paramref name="commas"/>).</summary>
    public static IReadOnlyList<string> Items(string text, bool commas)
    {
        char[] separators = commas ? [';', '\n', '\r', ',', '|'] : [';', '\n', '\r', '|'];
        return text.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Key(string text) =>
        new(text.Trim().ToLowerInvariant().Where(c => c is not (' ' or '-' or '_' or '\u00A0')).ToArray());
}
