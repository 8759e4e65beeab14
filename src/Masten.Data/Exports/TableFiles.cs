using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Masten.Core.Exports;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace Masten.Data.Exports;

/// <summary>One downloadable table: its header names in order and its rows, read as they are written.</summary>
/// <param name="Name">The file name without extension, and the sheet's name.</param>
/// <param name="Columns">The header row.</param>
/// <param name="Rows">The rows, each holding one value per column; read once, as the file is written.</param>
public sealed record TableFile(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

/// <summary>
/// Writes tables as CSV the way Swedish Excel opens them (UTF-8 with a byte-order mark, semicolons between fields,
/// a decimal comma, ISO dates) and as XLSX with typed cells. Rows stream from the query through the writer to the
/// output: a table is never held in memory, whatever its size. Text that a spreadsheet could take for a formula is
/// neutralised (<see cref="CellText"/>); numbers and dates are written as values. The CSV quoting is Sylvan's.
/// </summary>
public static class TableFiles
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The largest number of data rows a sheet holds (Excel's limit, less the header row); an XLSX stops there and says so.</summary>
    public const int MaxSheetRows = 1_048_575;

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NegativeSign = "-", NumberGroupSeparator = "" };

    /// <summary>Writes <paramref name="table"/> as CSV to <paramref name="output"/> with asynchronous writes only (a response body refuses others).</summary>
    public static async Task WriteCsvAsync(TableFile table, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await using (var reader = new RowReader(table.Columns, table.Rows, ct))
        await using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { Delimiter = ';', NewLine = "\r\n", Culture = CultureInfo.InvariantCulture }))
            await csv.WriteAsync(reader, ct);
        await text.FlushAsync(ct);
    }

    /// <summary>
    /// Writes <paramref name="tables"/> as one workbook, a sheet each, to <paramref name="output"/>. MiniExcel writes a
    /// zip archive synchronously, so <paramref name="output"/> should be a file (see <see cref="TemporaryFile"/>).
    /// A table longer than a sheet holds (<paramref name="maxRows"/>, Excel's <see cref="MaxSheetRows"/>) is never cut
    /// silently: its sheet ends with a row saying so (<paramref name="cutNotice"/>, given the rows kept), and the names
    /// of the tables cut are returned, for the answer to say so too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteXlsxAsync(IReadOnlyList<TableFile> tables, Stream output, CancellationToken ct,
        Func<int, string>? cutNotice = null, int maxRows = MaxSheetRows)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        cutNotice ??= kept => string.Create(CultureInfo.InvariantCulture, $"The table has more rows than a sheet holds: these are the first {kept:N0}. The CSV file has every row.");
        var cut = new List<string>();
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in tables)
            sheets[table.Name] = MissionWorkbook.Sheet(table.Columns.Select(c => (c, typeof(object))).ToList(),
                Cut(Blocking(table.Rows, ct), maxRows, table.Columns.Count, cutNotice, () => cut.Add(table.Name)));
        await MiniExcel.SaveAsAsync(output, sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return cut;
    }

    /// <summary>The rows while they fit in <paramref name="max"/>; beyond, the first <paramref name="max"/> − 1 and a last row saying the rest were left out.</summary>
    private static IEnumerable<object?[]> Cut(IEnumerable<object?[]> rows, int max, int columns, Func<int, string> notice, Action wasCut)
    {
        var written = 0;
        using var e = rows.GetEnumerator();
        while (e.MoveNext())
        {
            if (written < max - 1)
            {
                written++;
                yield return e.Current;
                continue;
            }
            var last = e.Current;
            if (!e.MoveNext())
            {
                yield return last;
                yield break;
            }
            wasCut();
            var row = new object?[Math.Max(1, columns)];
            row[0] = notice(written);
            yield return row;
            yield break;
        }
    }

    /// <summary>A temporary file, deleted when closed, for a workbook to be written to and then sent.</summary>
    public static FileStream TemporaryFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>One value as CSV text: numbers with a decimal comma, dates as ISO, enums by name, lists comma-joined, text neutralised; null for an empty field.</summary>
    public static string? CsvText(object? value) => value switch
    {
        null => null,
        string s => CellText.Neutralise(s),
        double d => d.ToString("R", DecimalComma),
        float f => f.ToString("R", DecimalComma),
        decimal m => m.ToString(DecimalComma),
        int or long or short => Convert.ToString(value, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IEnumerable list => CellText.Neutralise(string.Join(",", list.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))),
        _ => CellText.Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>The rows one by one for a synchronous writer; each is awaited on the calling thread (no context to deadlock on in ASP.NET Core or the CLI).</summary>
    private static IEnumerable<object?[]> Blocking(IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var e = rows.GetAsyncEnumerator(ct);
        try
        {
            while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                yield return e.Current;
        }
        finally
        {
            e.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The rows as a forward-only data reader of text columns, which is what Sylvan's writer reads. Each value is
    /// formatted by <see cref="CsvText"/> when it is read, so the writer only separates and quotes.
    /// </summary>
    private sealed class RowReader(IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct) : DbDataReader, IDbColumnSchemaGenerator
    {
        public System.Collections.ObjectModel.ReadOnlyCollection<DbColumn> GetColumnSchema() =>
            columns.Select((name, i) => (DbColumn)new TextColumn(name, i)).ToList().AsReadOnly();

        private sealed class TextColumn : DbColumn
        {
            public TextColumn(string name, int ordinal)
            {
                ColumnName = name;
                ColumnOrdinal = ordinal;
                DataType = typeof(string);
                DataTypeName = "string";
                AllowDBNull = true;
            }
        }

        private readonly IAsyncEnumerator<object?[]> rows = rows.GetAsyncEnumerator(ct);
        private readonly string?[] current = new string?[columns.Count];
        private bool closed;

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (closed || !await rows.MoveNextAsync())
                return false;
            var row = rows.Current;
            for (var i = 0; i < current.Length; i++)
                current[i] = CsvText(row[i]);
            return true;
        }

        public override bool Read() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override async ValueTask DisposeAsync()
        {
            closed = true;
            await rows.DisposeAsync();
            await base.DisposeAsync();
        }

        public override int FieldCount => columns.Count;
        public override string GetName(int ordinal) => columns[ordinal];
        public override int GetOrdinal(string name) => columns.ToList().IndexOf(name);
        public override Type GetFieldType(int ordinal) => typeof(string);
        public override string GetDataTypeName(int ordinal) => "string";
        public override string GetString(int ordinal) => current[ordinal] ?? "";
        public override object GetValue(int ordinal) => (object?)current[ordinal] ?? DBNull.Value;
        public override bool IsDBNull(int ordinal) => current[ordinal] is null;
        public override int GetValues(object[] values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var n = Math.Min(values.Length, current.Length);
            for (var i = 0; i < n; i++)
                values[i] = GetValue(i);
            return n;
        }
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int Depth => 0;
        public override bool HasRows => true;
        public override bool IsClosed => closed;
        public override int RecordsAffected => -1;
        public override bool NextResult() => false;
        public override IEnumerator GetEnumerator() => throw new NotSupportedException();
        public override bool GetBoolean(int ordinal) => throw new NotSupportedException();
        public override byte GetByte(int ordinal) => throw new NotSupportedException();
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => throw new NotSupportedException();
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
        {
            var s = GetString(ordinal);
            if (buffer is null)
                return s.Length;
            var n = Math.Max(0, Math.Min(length, s.Length - (int)dataOffset));
            s.CopyTo((int)dataOffset, buffer, bufferOffset, n);
            return n;
        }
        public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();
        public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();
        public override double GetDouble(int ordinal) => throw new NotSupportedException();
        public override float GetFloat(int ordinal) => throw new NotSupportedException();
        public override Guid GetGuid(int ordinal) => throw new NotSupportedException();
        public override short GetInt16(int ordinal) => throw new NotSupportedException();
        public override int GetInt32(int ordinal) => throw new NotSupportedException();
        public override long GetInt64(int ordinal) => throw new NotSupportedException();
    }
}
