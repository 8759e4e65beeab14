namespace Masten.Core.Imports;

/// <summary>The columns of an observation import, in the long format (one row per indicator and date).</summary>
public enum ObservationColumn
{
    Indicator,
    Date,
    Value,
    Source,
    Note,
}

/// <summary>Which column of the file holds which field; <see cref="Ignored"/> lists headers Masten does not read.</summary>
public sealed record ObservationHeader(IReadOnlyDictionary<ObservationColumn, int> Columns, IReadOnlyList<string> Names, IReadOnlyList<string> Ignored)
{
    public bool Has(ObservationColumn column) => Columns.ContainsKey(column);

    public string NameOf(ObservationColumn column) => Columns.TryGetValue(column, out var i) ? Names[i] : column.ToString().ToLowerInvariant();
}

/// <summary>An indicator an import may name: by its code, its id or its exact name.</summary>
/// Earliest is the first date a value may have (see <see cref="ObservationRows.Earliest"/>).
public sealed record ImportIndicator(int Id, string? Code, string Name, DateOnly Earliest);

/// <summary>One valid row of an observation import.</summary>
public readonly record struct ObservationRow(long Row, int IndicatorId, DateOnly Date, DatePrecision Precision, double Value, string? Source, string? Note);

/// <summary>
/// The rules of an observation import, independent of file format and storage: which headers mean which
/// column (English, Swedish and Danish), how the indicator cell is resolved, and what makes a row invalid.
/// </summary>
public static class ObservationRows
{
    /// <summary>How far before its baseline an indicator's values may go: older dates are taken as typing errors (1024 for 2024).</summary>
    public const int YearsBeforeBaseline = 30;

    private static readonly Dictionary<string, ObservationColumn> HeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["indicator"] = ObservationColumn.Indicator, ["indikator"] = ObservationColumn.Indicator,
        ["code"] = ObservationColumn.Indicator, ["kod"] = ObservationColumn.Indicator,
        ["date"] = ObservationColumn.Date, ["datum"] = ObservationColumn.Date, ["dato"] = ObservationColumn.Date,
        ["period"] = ObservationColumn.Date, ["år"] = ObservationColumn.Date, ["year"] = ObservationColumn.Date,
        ["value"] = ObservationColumn.Value, ["värde"] = ObservationColumn.Value, ["værdi"] = ObservationColumn.Value,
        ["source"] = ObservationColumn.Source, ["källa"] = ObservationColumn.Source, ["kilde"] = ObservationColumn.Source,
        ["note"] = ObservationColumn.Note, ["anteckning"] = ObservationColumn.Note, ["notering"] = ObservationColumn.Note,
    };

    /// <summary>The first date a value of an indicator with this baseline may have.</summary>
    public static DateOnly Earliest(DateOnly baseline) =>
        new(Math.Max(Common.Rules.MinDate.Year, baseline.Year - YearsBeforeBaseline), 1, 1);

    /// <summary>
    /// Maps the header row. Headers are matched without regard to case or surrounding spaces; unknown ones are
    /// ignored (and listed); a missing indicator, date or value column, or a column named twice, is a file error.
    /// </summary>
    public static ObservationHeader MapHeader(IReadOnlyList<string> headers)
    {
        var columns = new Dictionary<ObservationColumn, int>();
        var ignored = new List<string>();
        var names = headers.Select(h => (h ?? "").Trim().Trim('\uFEFF')).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
                continue;
            if (!HeaderNames.TryGetValue(names[i], out var column))
            {
                ignored.Add(names[i]);
                continue;
            }
            if (!columns.TryAdd(column, i))
                throw new ImportFileException("DuplicateColumn", $"The column \"{names[i]}\" appears twice (as \"{names[columns[column]]}\" too).");
        }
        var missing = new[] { ObservationColumn.Indicator, ObservationColumn.Date, ObservationColumn.Value }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new ImportFileException("MissingColumns",
                $"The header row lacks {string.Join(", ", missing.Select(m => m.ToString().ToLowerInvariant()))}. The first row must name the columns: indicator (or indikator), date (datum), value (värde), and optionally source (källa) and note (anteckning).");
        return new ObservationHeader(columns, names, ignored);
    }

    /// <summary>
    /// Validates one data row (cells as the file holds them: text from CSV, typed values from XLSX). Adds every
    /// problem to <paramref name="errors"/> and returns null if there was any.
    /// </summary>
    public static ObservationRow? Check(long row, IReadOnlyList<object?> cells, ObservationHeader header, IndicatorResolver indicators, DateOnly today, List<ImportError> errors)
    {
        var before = errors.Count;
        var width = header.Names.Count;
        if (cells.Count < width || (cells.Count > width && cells.Skip(width).Any(c => ImportValues.CellText(c).Trim().Length > 0)))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {width}."));
            return null;
        }
        object? Cell(ObservationColumn c) => header.Columns.TryGetValue(c, out var i) && i < cells.Count ? cells[i] : null;
        void Fail(ObservationColumn c, object? value, string code, string message) =>
            errors.Add(new ImportError(row, header.NameOf(c), ImportValues.CellText(value), code, message));

        var indicatorCell = ImportValues.CellText(Cell(ObservationColumn.Indicator)).Trim();
        ImportIndicator? indicator = null;
        if (indicatorCell.Length == 0)
            Fail(ObservationColumn.Indicator, indicatorCell, "Required", "is empty; name the indicator by its code, id or exact name.");
        else if (indicators.Resolve(indicatorCell, out var ambiguous) is { } found)
            indicator = found;
        else if (ambiguous)
            Fail(ObservationColumn.Indicator, indicatorCell, "AmbiguousIndicator", "names more than one indicator of the mission; use its code.");
        else
            Fail(ObservationColumn.Indicator, indicatorCell, "UnknownIndicator", "is no code, id or name of an indicator of this mission.");

        var dateCell = Cell(ObservationColumn.Date);
        DateOnly date = default;
        var precision = DatePrecision.Day;
        var dateOk = ImportValues.TryDateFromCell(dateCell, out date, out precision, out var dateError);
        if (!dateOk)
            Fail(ObservationColumn.Date, dateCell, "InvalidDate", dateError!);
        else if (date > today)
            Fail(ObservationColumn.Date, dateCell, "DateInFuture", $"is {date:yyyy-MM-dd}, in the future.");
        else if (indicator is not null && date < indicator.Earliest)
            Fail(ObservationColumn.Date, dateCell, "DateOutOfRange", $"is {date:yyyy-MM-dd}, before {indicator.Earliest:yyyy-MM-dd}, the earliest date of this indicator ({YearsBeforeBaseline} years before its baseline).");

        var valueCell = Cell(ObservationColumn.Value);
        if (!ImportValues.TryNumberFromCell(valueCell, out var value, out var valueError))
            Fail(ObservationColumn.Value, valueCell, "InvalidNumber", valueError!);

        var source = Text(ObservationColumn.Source, Common.Rules.ShortText);
        var note = Text(ObservationColumn.Note, Common.Rules.LongText);
        return errors.Count > before ? null : new ObservationRow(row, indicator!.Id, date, precision, value, source, note);

        string? Text(ObservationColumn c, int max)
        {
            if (!header.Has(c))
                return null;
            var text = ImportValues.CellText(Cell(c)).Trim();
            if (text.Length > max)
                Fail(c, text[..Math.Min(40, text.Length)] + "…", "TooLong", $"is longer than {max} characters.");
            return text.Length == 0 ? null : text;
        }
    }
}

/// <summary>
/// Finds the indicator a cell names: its code (ignoring case), else its id (digits only), else its exact
/// name. A code always wins over an id, so a mission may use numeric codes.
/// </summary>
public sealed class IndicatorResolver
{
    private readonly Dictionary<string, ImportIndicator> byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, ImportIndicator> byId = [];
    private readonly Dictionary<string, ImportIndicator?> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ImportIndicator? Found, bool Ambiguous)> cache = new(StringComparer.Ordinal);

    public IndicatorResolver(IEnumerable<ImportIndicator> indicators)
    {
        foreach (var i in indicators)
        {
            if (!string.IsNullOrWhiteSpace(i.Code))
                byCode[i.Code.Trim()] = i;
            byId[i.Id] = i;
            var name = i.Name.Trim();
            // Two indicators with one name: the name is ambiguous (null), the code or id must be used.
            byName[name] = byName.ContainsKey(name) ? null : i;
        }
    }

    public ImportIndicator? Resolve(string cell, out bool ambiguous)
    {
        ambiguous = false;
        if (cache.TryGetValue(cell, out var known))
        {
            ambiguous = known.Ambiguous;
            return known.Found;
        }
        ImportIndicator? found = null;
        if (byCode.TryGetValue(cell, out var c))
            found = c;
        else if (cell.All(char.IsAsciiDigit) && int.TryParse(cell, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && byId.TryGetValue(id, out var byIdFound))
            found = byIdFound;
        else if (byName.TryGetValue(cell, out var named))
        {
            found = named;
            ambiguous = named is null;
        }
        if (cache.Count < 10_000)
            cache[cell] = (found, ambiguous);
        return found;
    }
}
