using System.IO.Compression;
using System.Text;
using Masten.Core.Imports;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace Masten.Data.Imports;

/// <summary>Limits on what an import reads (section <c>Imports</c> of the settings).</summary>
public sealed class ImportOptions
{
    /// <summary>The largest file accepted, in bytes (default 50 MB).</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;
    /// <summary>The most data rows a file may hold (default 2,000,000).</summary>
    public long MaxRows { get; set; } = 2_000_000;
    /// <summary>The most an XLSX file may unpack to, in bytes (default 1 GB): a guard against zip bombs.</summary>
    public long MaxUncompressedBytes { get; set; } = 1024L * 1024 * 1024;
    /// <summary>The highest compression ratio of one part of an XLSX file (default 200): a guard against zip bombs.</summary>
    public double MaxCompressionRatio { get; set; } = 200;
}

/// <summary>What the user said about the file, or null for "detect it".</summary>
public sealed record ImportFileSettings(ImportFormat? Format = null, char? Delimiter = null, string? Encoding = null, ImportLayout? Layout = null);

/// <summary>What was detected (or stated) about a file: shown in the preview and kept in the history.</summary>
public sealed record ImportFileDescription(ImportFormat Format, string? Encoding, char? Delimiter);

/// <summary>
/// Reads an import file as rows of cells, streaming: CSV and pasted text with Sylvan.Data.Csv, XLSX with
/// MiniExcel. It detects the format (an XLSX file is a zip), the encoding (a UTF-8 byte-order mark, else
/// strict UTF-8 if the start of the file is valid UTF-8, else Windows-1252 as Swedish Excel writes) and the
/// delimiter (the one of semicolon, tab and comma that the header row has most of, outside quotes), unless the
/// user stated them. Problems with the whole file throw <see cref="ImportFileException"/>.
/// </summary>
public sealed class TabularReader
{
    private const int SniffBytes = 64 * 1024;

    static TabularReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Stream stream;
    private readonly ImportOptions options;

    /// <summary>Reads from a seekable stream positioned at the start of the file.</summary>
    public TabularReader(Stream stream, ImportFileSettings settings, ImportOptions options)
    {
        if (!stream.CanSeek)
            throw new ArgumentException("The import stream must be seekable.", nameof(stream));
        this.stream = stream;
        this.options = options;
        if (stream.Length == 0)
            throw new ImportFileException("EmptyFile", "The file is empty.");
        if (stream.Length > options.MaxFileBytes)
            throw new ImportFileException("FileTooLarge", $"The file is {stream.Length / 1024.0 / 1024:0.#} MB; the largest accepted is {options.MaxFileBytes / 1024.0 / 1024:0.#} MB.");
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        stream.Position = 0;
        var isZip = head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        var format = settings.Format ?? (isZip ? ImportFormat.Xlsx : ImportFormat.Csv);
        if (format == ImportFormat.Xlsx)
        {
            if (!isZip)
                throw new ImportFileException("NotXlsx", "The file is not an XLSX workbook; save it as Excel (.xlsx) or import it as CSV.");
            Description = new ImportFileDescription(ImportFormat.Xlsx, null, null);
            return;
        }
        if (isZip)
            throw new ImportFileException("NotCsv", "The file is a zip archive (perhaps an XLSX workbook), not CSV text.");
        var encoding = ChooseEncoding(head, settings.Encoding);
        string text;
        try
        {
            // The sniffed block may end inside a character: decode all but its last 3 bytes strictly.
            text = encoding.GetString(head, 0, head.Length == SniffBytes ? head.Length - 3 : head.Length);
        }
        catch (DecoderFallbackException)
        {
            throw WrongEncoding(encoding.WebName, 0);
        }
        var delimiter = settings.Delimiter ?? (format == ImportFormat.Text ? '\t' : DetectDelimiter(text));
        Description = new ImportFileDescription(format, encoding.WebName, delimiter);
        this.encoding = encoding;
    }

    private readonly Encoding? encoding;

    public ImportFileDescription Description { get; }

    /// <summary>
    /// The rows of the file, the header first, each with its row number as a spreadsheet counts (the header is
    /// row 1). Wholly empty rows are skipped. CSV cells are strings; XLSX cells are strings, doubles or dates.
    /// </summary>
    public IEnumerable<(long Row, object?[] Cells)> Rows() =>
        Description.Format == ImportFormat.Xlsx ? XlsxRows() : Records().Select(r => (r.Number, r.Cells()));

    /// <summary>
    /// The rows as <see cref="Rows"/> gives them, through one <see cref="TabularRow"/> reused for every row: a CSV row's
    /// cells can be read as spans of the reader's buffer (<see cref="TabularRow.Span"/>), without a string per cell or an
    /// array per row, for a reader of a million rows. The row is valid until the next one is read.
    /// </summary>
    public IEnumerable<TabularRow> Records()
    {
        if (Description.Format == ImportFormat.Xlsx)
        {
            var row = new TabularRow();
            foreach (var (number, cells) in XlsxRows())
            {
                row.Set(number, cells);
                yield return row;
            }
            yield break;
        }
        foreach (var row in CsvRows())
            yield return row;
    }

    private IEnumerable<TabularRow> CsvRows()
    {
        stream.Position = 0;
        using var text = new StreamReader(stream, encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = false,
                Delimiter = Description.Delimiter,
                BufferSize = 1 << 16,
                MaxBufferSize = 1 << 22,
                ResultSetMode = ResultSetMode.SingleResult,
            });
        }
        catch (DecoderFallbackException)
        {
            throw WrongEncoding(Description.Encoding, 0);
        }
        var current = new TabularRow(csv);
        long row = 0;
        var yielded = 0L;
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (DecoderFallbackException)
            {
                throw WrongEncoding(Description.Encoding, row);
            }
            catch (CsvFormatException e)
            {
                throw new ImportFileException("MalformedCsv", $"Row {row + 1} is not valid CSV ({e.Message}); check the quotes.");
            }
            if (!more)
                break;
            row++;
            var count = csv.RowFieldCount;
            var empty = true;
            for (var i = 0; i < count && empty; i++)
                empty = csv.GetFieldSpan(i).Length == 0;
            if (empty)
                continue;
            if (++yielded > options.MaxRows + 1)
                throw new ImportFileException("TooManyRows", $"The file has more than {options.MaxRows:N0} rows; split it.");
            current.Set(row, count);
            yield return current;
        }
    }

    private IEnumerable<(long Row, object?[] Cells)> XlsxRows()
    {
        GuardZip();
        stream.Position = 0;
        IEnumerable<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new ImportFileException("NotXlsx", "The file is not a readable XLSX workbook.");
        }
        long row = 0;
        var yielded = 0L;
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                    break;
            }
            catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
            {
                throw new ImportFileException("NotXlsx", $"The workbook cannot be read after row {row}: {e.Message}");
            }
            row++;
            var cells = enumerator.Current.Values.ToArray();
            if (cells.All(c => c is null || (c is string s && s.Length == 0)))
                continue;
            if (++yielded > options.MaxRows + 1)
                throw new ImportFileException("TooManyRows", $"The file has more than {options.MaxRows:N0} rows; split it.");
            yield return (row, cells);
        }
    }

    /// <summary>Refuses a workbook that unpacks to more than the limits allow, before anything is unpacked.</summary>
    private void GuardZip()
    {
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength == 0 ? (entry.Length == 0 ? 0 : double.PositiveInfinity) : (double)entry.Length / entry.CompressedLength;
                if (total > options.MaxUncompressedBytes || (entry.Length > 1024 * 1024 && ratio > options.MaxCompressionRatio))
                    throw new ImportFileException("ZipBomb",
                        $"The workbook unpacks to more than {options.MaxUncompressedBytes / 1024 / 1024:N0} MB or is compressed suspiciously well; it is refused.");
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("NotXlsx", "The file is not a readable XLSX workbook.");
        }
    }

    private static ImportFileException WrongEncoding(string? encoding, long row) => new("WrongEncoding",
        $"The file is not valid {encoding}{(row > 0 ? $" after row {row}" : "")}. Save it as UTF-8, or choose the encoding Windows-1252.");

    private static Encoding ChooseEncoding(byte[] head, string? stated)
    {
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) || Array.IndexOf(head, (byte)0) >= 0)
            throw new ImportFileException("WrongEncoding", "The file is UTF-16 or binary, not text Masten reads. Save it as CSV UTF-8 or CSV (semicolon-separated).");
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var bom = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
        switch (stated?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                break;
            case "utf-8" or "utf8":
                return strictUtf8;
            case "windows-1252" or "cp1252" or "1252" or "latin1" or "iso-8859-1":
                if (bom)
                    throw new ImportFileException("WrongEncoding", "The file starts with a UTF-8 byte-order mark but Windows-1252 was chosen; choose UTF-8.");
                return Encoding.GetEncoding(1252);
            default:
                throw new ImportFileException("UnknownEncoding", $"The encoding \"{stated}\" is not one Masten reads; choose utf-8 or windows-1252.");
        }
        if (bom)
            return strictUtf8;
        // A multi-byte character cut at the end of the sniffed block is not an error: allow up to 3 bytes short.
        var cut = head.Length == SniffBytes ? 3 : 0;
        for (var i = 0; i <= cut; i++)
            if (System.Text.Unicode.Utf8.IsValid(head.AsSpan(0, head.Length - i)))
                return strictUtf8;
        return Encoding.GetEncoding(1252);
    }

    private static char DetectDelimiter(string head)
    {
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        foreach (var c in head)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
                break;
            else if (!quoted && c == ';')
                semicolons++;
            else if (!quoted && c == '\t')
                tabs++;
            else if (!quoted && c == ',')
                commas++;
        }
        if (tabs >= semicolons && tabs >= commas && tabs > 0)
            return '\t';
        if (semicolons >= commas && semicolons > 0)
            return ';';
        if (commas > 0)
            return ',';
        throw new ImportFileException("NoDelimiter", "The header row has no semicolon, tab or comma: the file needs at least the columns indicator, date and value.");
    }
}

/// <summary>
/// One row of an import file as <see cref="TabularReader.Records"/> reads it: its number and cells. A CSV row reads its
/// cells as spans of the reader's buffer (<see cref="HasSpans"/>); <see cref="Cells"/> gives them as values in a new array.
/// </summary>
public sealed class TabularRow : ICellSpans
{
    private readonly CsvDataReader? csv;
    private object?[]? cells;

    internal TabularRow(CsvDataReader? csv = null) => this.csv = csv;

    /// <summary>The row number as a spreadsheet counts it (the header is row 1).</summary>
    public long Number { get; private set; }

    /// <summary>How many cells the row has.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <see cref="Span"/> reads the cells without allocating (CSV and pasted text).</summary>
    public bool HasSpans => csv is not null;

    /// <summary>Cell <paramref name="index"/> as text, valid until the next row is read: a CSV cell as it is, an XLSX cell as <see cref="ImportValues.CellText"/> shows it.</summary>
    public ReadOnlySpan<char> Span(int index) => csv is not null ? csv.GetFieldSpan(index) : ImportValues.CellText(cells![index]).AsSpan();

    /// <summary>The cells as values in a new array: strings from CSV; strings, doubles or dates from XLSX.</summary>
    public object?[] Cells()
    {
        if (csv is null)
            return cells!;
        var values = new object?[Count];
        for (var i = 0; i < Count; i++)
            values[i] = csv.GetString(i);
        return values;
    }

    internal void Set(long number, int count)
    {
        Number = number;
        Count = count;
    }

    internal void Set(long number, object?[] values)
    {
        Number = number;
        Count = values.Length;
        cells = values;
    }
}
