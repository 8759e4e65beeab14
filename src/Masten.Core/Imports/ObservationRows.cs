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

    /// <summary>The column a header names (English, Swedish or Danish, ignoring case), or null.</summary>
    public static ObservationColumn? ColumnOf(string header) => HeaderNames.TryGetValue(header.Trim(), out var c) ? c : null;

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

/// <summary>The cells of one file row read as text without allocating (a CSV row in the reader's buffer).</summary>
public interface ICellSpans
{
    /// <summary>How many cells the row has.</summary>
    int Count { get; }

    /// <summary>Cell <paramref name="index"/> as its text, valid until the next row is read.</summary>
    ReadOnlySpan<char> Span(int index);
}

/// <summary>
/// The common row of the long format read without a string per cell: an indicator the resolver has met before, an ISO
/// date, a plain number, and a source and note within their lengths. <see cref="TryRead"/> accepts a row only when
/// <see cref="ObservationRows.Check"/> would accept it and give the same <see cref="ObservationRow"/>; for every other row
/// (any problem, any cell in another form) it says no, and the caller checks the row's cells the full way. So a
/// million plain rows cost no allocation but a source or note text that differs from the row before.
/// </summary>
public sealed class QuickObservationCheck
{
    private readonly IndicatorResolver indicators;
    private readonly DateOnly today;
    private readonly int width, indicator, date, value, source, note;
    private string? lastSource, lastNote;

    public QuickObservationCheck(ObservationHeader header, IndicatorResolver indicators, DateOnly today)
    {
        this.indicators = indicators;
        this.today = today;
        width = header.Names.Count;
        indicator = header.Columns[ObservationColumn.Indicator];
        date = header.Columns[ObservationColumn.Date];
        value = header.Columns[ObservationColumn.Value];
        source = header.Columns.GetValueOrDefault(ObservationColumn.Source, -1);
        note = header.Columns.GetValueOrDefault(ObservationColumn.Note, -1);
    }

    /// <summary>The row as <see cref="ObservationRows.Check"/> reads it, if it is a plain valid row; else false, and the caller checks it the full way.</summary>
    public bool TryRead(long row, ICellSpans cells, out ObservationRow result)
    {
        result = default;
        if (cells.Count != width)
            return false;
        if (indicators.Known(cells.Span(indicator).Trim()) is not { } found)
            return false;
        if (!ImportValues.TryIsoDate(cells.Span(date), out var day) || day > today || day < found.Earliest)
            return false;
        if (!ImportValues.TryPlainNumber(cells.Span(value), out var number))
            return false;
        string? sourceText = null, noteText = null;
        if ((source >= 0 && !TryText(cells.Span(source), Common.Rules.ShortText, ref lastSource, out sourceText))
            || (note >= 0 && !TryText(cells.Span(note), Common.Rules.LongText, ref lastNote, out noteText)))
            return false;
        result = new ObservationRow(row, found.Id, day, DatePrecision.Day, number, sourceText, noteText);
        return true;
    }

    // A text cell trimmed, empty as null; the same text as the row before gives the same string.
    private static bool TryText(ReadOnlySpan<char> cell, int max, ref string? last, out string? text)
    {
        var trimmed = cell.Trim();
        text = null;
        if (trimmed.Length > max)
            return false;
        if (trimmed.Length == 0)
            return true;
        if (last is null || !trimmed.SequenceEqual(last))
            last = trimmed.ToString();
        text = last;
        return true;
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
    private readonly Dictionary<string, (ImportIndicator? Found, bool Ambiguous)>.AlternateLookup<ReadOnlySpan<char>> cacheBySpan;

    public IndicatorResolver(IEnumerable<ImportIndicator> indicators)
    {
        cacheBySpan = cache.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>The indicator a trimmed cell names, if <see cref="Resolve"/> has resolved that cell before; null if not, or if it named none.</summary>
    public ImportIndicator? Known(ReadOnlySpan<char> cell) =>
        cell.Length > 0 && cacheBySpan.TryGetValue(cell, out var known) ? known.Found : null;

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

/// <summary>
/// The wide format, as SCB and Kolada tables look: one row per indicator and one column per year or period. The
/// indicator column (and an optional source and note column) is named as in the long format; every other header
/// that reads as a date or period (<c>2023</c>, <c>2024-Q3</c>, <c>2024K3</c>, <c>2024M05</c>, <c>2024-05-31</c>) is a
/// column of values on that date. Each filled cell becomes one value, checked as the long format checks a row, and
/// named in errors by its row and its period's header. Empty cells and the markers tables use for "no value"
/// (<c>..</c>, <c>.</c>, <c>-</c>, <c>–</c>, <c>:</c>) are skipped.
/// </summary>
public sealed class WideHeader
{
    private static readonly HashSet<string> NoValue = new(StringComparer.Ordinal) { "", "..", ".", "-", "–", "—", ":" };

    private readonly int indicator;
    private readonly int? source;
    private readonly int? note;
    private readonly (int Index, ObservationHeader Header)[] periods;

    private WideHeader(int indicator, int? source, int? note, (int Index, ObservationHeader Header)[] periods, int width, IReadOnlyList<string> ignored)
    {
        this.indicator = indicator;
        this.source = source;
        this.note = note;
        this.periods = periods;
        Width = width;
        Ignored = ignored;
    }

    /// <summary>The number of columns of the header row.</summary>
    public int Width { get; }

    /// <summary>Headers that are neither the indicator, source or note column nor a period.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The number of period columns.</summary>
    public int PeriodCount => periods.Length;

    /// <summary>Whether a header row is in the wide format: an indicator column, no date or value column, and at least one period.</summary>
    public static bool Matches(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => (h ?? "").Trim().Trim('\uFEFF')).ToList();
        var columns = names.Select(ObservationRows.ColumnOf).ToList();
        return columns.Contains(ObservationColumn.Indicator) && !columns.Contains(ObservationColumn.Date) && !columns.Contains(ObservationColumn.Value)
            && names.Any(n => n.Length > 0 && ObservationRows.ColumnOf(n) is null && ImportValues.TryParseDate(n, out _, out _, out _));
    }

    /// <summary>Maps a wide header row; a missing indicator column, no period, or a column or period named twice is a file error.</summary>
    public static WideHeader Map(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => (h ?? "").Trim().Trim('\uFEFF')).ToList();
        int? indicator = null, source = null, note = null;
        var periods = new List<(int Index, string Name)>();
        var dates = new Dictionary<DateOnly, string>();
        var ignored = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0)
                continue;
            switch (ObservationRows.ColumnOf(name))
            {
                case ObservationColumn.Indicator: indicator = Once(indicator, i); break;
                case ObservationColumn.Source: source = Once(source, i); break;
                case ObservationColumn.Note: note = Once(note, i); break;
                case ObservationColumn.Date or ObservationColumn.Value:
                    throw new ImportFileException("WideWithDate", $"The column \"{name}\" belongs to the long format (one row per indicator and date); a wide table has one column per year or period.");
                default:
                    if (ImportValues.TryParseDate(name, out var date, out _, out _))
                    {
                        if (!dates.TryAdd(date, name))
                            throw new ImportFileException("DuplicateColumn", $"The columns \"{dates[date]}\" and \"{name}\" are the same date.");
                        periods.Add((i, name));
                    }
                    else
                    {
                        ignored.Add(name);
                    }
                    break;
            }
        }
        if (indicator is null || periods.Count == 0)
            throw new ImportFileException("MissingColumns",
                "A wide table needs an indicator column (indicator or indikator) and at least one column per year or period (2023, 2024-Q3, 2024-05).");
        var indicatorName = names[indicator.Value];
        var mapped = periods.Select(p =>
        {
            // Each period reads as a long row: indicator, the period as its date, the cell as its value, then source and note.
            var columns = new Dictionary<ObservationColumn, int> { [ObservationColumn.Indicator] = 0, [ObservationColumn.Date] = 1, [ObservationColumn.Value] = 2 };
            var rowNames = new List<string> { indicatorName, p.Name, p.Name };
            if (source is { } s)
            {
                columns[ObservationColumn.Source] = rowNames.Count;
                rowNames.Add(names[s]);
            }
            if (note is { } n)
            {
                columns[ObservationColumn.Note] = rowNames.Count;
                rowNames.Add(names[n]);
            }
            return (p.Index, new ObservationHeader(columns, rowNames, []));
        }).ToArray();
        return new WideHeader(indicator.Value, source, note, mapped, names.Count, ignored);

        int Once(int? known, int i) => known is { } k
            ? throw new ImportFileException("DuplicateColumn", $"The column \"{names[i]}\" appears twice (as \"{names[k]}\" too).")
            : i;
    }

    /// <summary>
    /// The filled period cells of one row, each as the cells and header of a long row. A row shorter than the header
    /// (or longer, with something in the extra cells) is a <c>RaggedRow</c> error and gives nothing.
    /// </summary>
    public IEnumerable<(object?[] Cells, ObservationHeader Header)> Expand(long row, IReadOnlyList<object?> cells, List<ImportError> errors)
    {
        if (cells.Count < Width || (cells.Count > Width && cells.Skip(Width).Any(c => ImportValues.CellText(c).Trim().Length > 0)))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {Width}."));
            yield break;
        }
        foreach (var (index, header) in periods)
        {
            var value = cells[index];
            if (value is null || (value is string text && NoValue.Contains(text.Trim())))
                continue;
            var longCells = new object?[header.Names.Count];
            longCells[0] = cells[indicator];
            longCells[1] = header.Names[1];
            longCells[2] = value;
            if (header.Columns.TryGetValue(ObservationColumn.Source, out var s))
                longCells[s] = cells[source!.Value];
            if (header.Columns.TryGetValue(ObservationColumn.Note, out var n))
                longCells[n] = cells[note!.Value];
            yield return (longCells, header);
        }
    }
}
