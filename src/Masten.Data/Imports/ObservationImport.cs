using System.Globalization;
using System.Runtime.InteropServices;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Missions;
using Masten.Data.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Masten.Data.Imports;

/// <summary>
/// The import of observations into a mission (<see cref="ImportKind.Observations"/> and <see cref="ImportKind.ObservationsWide"/>).
/// <para>
/// Each row names an indicator (code, id or exact name) and a date. With no current observation on that date
/// the row creates one; with a different value, source or note it appends a correction that supersedes the current
/// one, with the import as its reason (the append-only rule); with the same it is unchanged, so re-importing a file
/// changes nothing. The whole file is read as a stream, once per preview and once per apply; only the current values of
/// the indicators (sorted arrays per indicator; on SQLite read only for the indicators the file names) and, per indicator,
/// which row named each day so far are held in memory.
/// </para>
/// <para>
/// Apply locks the mission's indicators' rows (PostgreSQL; <see cref="ImportStore"/> has locked the mission's row), so two
/// imports into one mission run one after the other, the second comparing with what the first stored. New rows are written
/// in bulk (SQLite: one prepared insert stepped per row through SQLite's own interface; PostgreSQL: binary COPY), then change records, the
/// current-series flags and the stored assessments of the indicators the file changed are written in the same transaction.
/// </para>
/// </summary>
internal sealed class ObservationImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    private const int ShownErrors = ImportStore.ShownErrors;
    private const int ShownRows = ImportStore.ShownRows;

    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct)
    {
        var trace = PhaseTrace.Start();
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            using var context = await LoadAsync(request.MissionId, ct);
            trace.Mark("indicators" + (context.Current.Lazy ? "" : " and current values"));
            var preview = Run(request, file, context, sink: null, importId: null, touched: null);
            trace.Mark("rows", context.Current);
            return preview;
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    public Task LockAsync(ImportRequest request, CancellationToken ct) => LockMissionAsync(request.MissionId, ct);

    public async Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct)
    {
        var trace = PhaseTrace.Start();
        using var loaded = await LoadAsync(request.MissionId, ct);
        var maxBefore = await db.Observations.MaxAsync(o => (int?)o.Id, ct) ?? 0;
        trace.Mark("indicators" + (loaded.Current.Lazy ? "" : " and current values"));
        db.StampOnCommit();
        var touched = new HashSet<int>();
        var preview = await WriteAsync(request, file, loaded, applying.ImportId, applying.Cause, applying.Now, applying.Progress, touched, ct);
        trace.Mark("rows and inserts", loaded.Current);
        if (!preview.HasErrors && preview.Create + preview.Update > 0)
            await FinishAsync(request.MissionId, maxBefore, touched, loaded.Labels.Count, applying.Cause, applying.Now, trace, ct);
        return preview;
    }

    private sealed record Loaded(IndicatorResolver Resolver, Dictionary<int, string> Labels, CurrentValues Current, DateOnly Today) : IDisposable
    {
        public void Dispose() => Current.Dispose();
    }

    /// <summary>One row to store: a new value, or a correction of <see cref="SupersedesId"/>.</summary>
    private readonly record struct Change(int IndicatorId, DateOnly Date, double Value, string? Source, string? Note, int? SupersedesId);

    private async Task<Loaded> LoadAsync(int missionId, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId)
            .Select(i => new { i.Id, i.Code, i.Name, i.BaselineDate }).ToListAsync(ct);
        var resolver = new IndicatorResolver(indicators.Select(i => new ImportIndicator(i.Id, i.Code, i.Name, ObservationRows.Earliest(i.BaselineDate))));
        var labels = indicators.ToDictionary(i => i.Id, i => string.IsNullOrWhiteSpace(i.Code) ? i.Name : $"{i.Code} {i.Name}");
        // As the observation form: a date is in the future only if it is tomorrow everywhere on earth.
        var today = db.Clock.LatestToday();
        var earliest = indicators.ToDictionary(i => i.Id, i => ObservationRows.Earliest(i.BaselineDate));
        var current = db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? CurrentValues.OnSqlite(sqlite, earliest, today)
            : await CurrentValues.ReadAllAsync(db, missionId, earliest, today, ct);
        return new Loaded(resolver, labels, current, today);
    }

    /// <summary>
    /// The current values of one indicator, sorted by date in parallel arrays (a national mission has a million values:
    /// no object and no dictionary entry per value, nothing for the collector to trace), with its source and note as places
    /// in <see cref="CurrentValues.Texts"/> (-1: none); and which file row named each date, so far, for the duplicate check.
    /// </summary>
    private sealed class Series(int firstDay, int lastDay)
    {
        private int count;
        private bool sorted = true;
        private int[] days = [], ids = [], sources = [], notes = [];
        private double[] values = [];
        private int[]? rows;
        private Dictionary<int, int>? outside;

        public void Add(int day, int id, double value, int source, int note)
        {
            if (count == days.Length)
            {
                var size = Math.Max(16, count * 2);
                Array.Resize(ref days, size);
                Array.Resize(ref ids, size);
                Array.Resize(ref values, size);
                Array.Resize(ref sources, size);
                Array.Resize(ref notes, size);
            }
            if (count > 0 && days[count - 1] >= day)
                sorted = false;
            (days[count], ids[count], values[count], sources[count], notes[count]) = (day, id, value, source, note);
            count++;
        }

        /// <summary>The place of the current value on <paramref name="day"/>, or -1.</summary>
        public int Find(int day)
        {
            if (!sorted)
                Sort();
            var at = Array.BinarySearch(days, 0, count, day);
            return at < 0 ? -1 : at;
        }

        public int Id(int at) => ids[at];

        public double Value(int at) => values[at];

        public int Source(int at) => sources[at];

        public int Note(int at) => notes[at];

        /// <summary>Records that file row <paramref name="row"/> names <paramref name="day"/>; returns the earlier row that named it, or 0.</summary>
        public long Seen(int day, long row)
        {
            var place = day - firstDay;
            if ((uint)place > (uint)(lastDay - firstDay))
            {
                // A valid row's date lies between the indicator's earliest day and today; kept apart if not, all the same.
                outside ??= [];
                return outside.TryAdd(day, (int)row) ? 0 : outside[day];
            }
            rows ??= new int[lastDay - firstDay + 1];
            ref var slot = ref rows[place];
            if (slot != 0)
                return slot;
            slot = checked((int)row);
            return 0;
        }

        // Values stored in another order than by date (never by the queries that read them; kept safe all the same): sorted
        // by date, the value entered later winning where two share a date, as the current series' rule has it.
        private void Sort()
        {
            var order = Enumerable.Range(0, count).OrderBy(i => days[i]).ThenBy(i => ids[i]).ToArray();
            int[] d = new int[count], id = new int[count], s = new int[count], n = new int[count];
            var v = new double[count];
            var kept = 0;
            foreach (var i in order)
            {
                if (kept > 0 && d[kept - 1] == days[i])
                    kept--;
                (d[kept], id[kept], v[kept], s[kept], n[kept]) = (days[i], ids[i], values[i], sources[i], notes[i]);
                kept++;
            }
            (days, ids, values, sources, notes, count, sorted) = (d, id, v, s, n, kept, true);
        }
    }

    /// <summary>
    /// The mission's current values, by indicator. On SQLite each indicator's values are read the first time the file names
    /// it, through SQLite's own interface on the import's connection (a file of six rows reads six indicators' values, not the
    /// mission's million); on PostgreSQL all of them at the start in one ordered query, since during an apply the connection
    /// is busy with the COPY.
    /// </summary>
    private sealed class CurrentValues : IDisposable
    {
        private readonly Dictionary<int, Series> series = [];
        private readonly Dictionary<int, DateOnly> earliest;
        private readonly DateOnly today;
        private SqliteSeriesReader? reader;

        private CurrentValues(Dictionary<int, DateOnly> earliest, DateOnly today)
        {
            this.earliest = earliest;
            this.today = today;
        }

        /// <summary>Sources and notes of the current values, each distinct text once.</summary>
        public TextPool Texts { get; } = new();

        /// <summary>Whether values are read as the file names indicators (SQLite) rather than all at the start.</summary>
        public bool Lazy => reader is not null;

        /// <summary>How many values were read, and the CPU time spent reading them after the start (SQLite).</summary>
        public long Read { get; private set; }

        public TimeSpan ReadCpu { get; private set; }

        public static CurrentValues OnSqlite(Microsoft.Data.Sqlite.SqliteConnection connection, Dictionary<int, DateOnly> earliest, DateOnly today)
        {
            var values = new CurrentValues(earliest, today);
            values.reader = new SqliteSeriesReader(connection, values.Texts);
            return values;
        }

        public static async Task<CurrentValues> ReadAllAsync(MastenDbContext db, int missionId, Dictionary<int, DateOnly> earliest, DateOnly today, CancellationToken ct)
        {
            var values = new CurrentValues(earliest, today);
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened)
                await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = """
                    SELECT o."IndicatorId", o."Date", o."Id", o."Value", o."Source", o."Note"
                    FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId"
                    WHERE g."MissionId" = @mission AND o."IsCurrent" = TRUE
                    ORDER BY o."IndicatorId", o."Date"
                    """;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "mission";
                parameter.Value = missionId;
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync(ct);
                Series? last = null;
                var lastId = 0;
                while (await reader.ReadAsync(ct))
                {
                    var indicatorId = reader.GetInt32(0);
                    if (last is null || indicatorId != lastId)
                        (last, lastId) = (values.New(indicatorId), indicatorId);
                    last.Add(reader.GetFieldValue<DateOnly>(1).DayNumber, reader.GetInt32(2), reader.GetDouble(3),
                        reader.IsDBNull(4) ? -1 : values.Texts.Add(reader.GetString(4)), reader.IsDBNull(5) ? -1 : values.Texts.Add(reader.GetString(5)));
                    values.Read++;
                }
            }
            finally
            {
                if (opened)
                    await db.Database.CloseConnectionAsync();
            }
            return values;
        }

        /// <summary>The current values of an indicator of the mission, read now if they are read lazily and have not been yet.</summary>
        public Series For(int indicatorId)
        {
            if (series.TryGetValue(indicatorId, out var known))
                return known;
            var created = New(indicatorId);
            if (reader is not null)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                Read += reader.ReadInto(indicatorId, created);
                ReadCpu += Environment.CpuUsage.TotalTime - cpu;
            }
            return created;
        }

        private Series New(int indicatorId)
        {
            var first = earliest.TryGetValue(indicatorId, out var e) ? e.DayNumber : today.DayNumber;
            var created = new Series(first, Math.Max(first, today.DayNumber));
            series[indicatorId] = created;
            return created;
        }

        public void Dispose() => reader?.Dispose();
    }

    /// <summary>
    /// Reads one indicator's current values on SQLite, through SQLite's own interface: one prepared statement stepped along
    /// the index on indicator, current flag and date, the date read from its bytes and a source or note decoded only when it
    /// differs from the row before.
    /// </summary>
    private sealed class SqliteSeriesReader : IDisposable
    {
        private readonly SQLitePCL.sqlite3 handle;
        private readonly SQLitePCL.sqlite3_stmt statement;
        private readonly ColumnText source, note;

        public SqliteSeriesReader(Microsoft.Data.Sqlite.SqliteConnection connection, TextPool texts)
        {
            handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            SqliteCheck(handle, SQLitePCL.raw.sqlite3_prepare_v2(handle, """
                SELECT "Id", "Date", "Value", "Source", "Note" FROM "Observations"
                WHERE "IndicatorId" = ?1 AND "IsCurrent" = 1 ORDER BY "Date"
                """, out statement));
            source = new ColumnText(texts, 3);
            note = new ColumnText(texts, 4);
        }

        public long ReadInto(int indicatorId, Series series)
        {
            SqliteCheck(handle, SQLitePCL.raw.sqlite3_bind_int(statement, 1, indicatorId));
            long read = 0;
            int rc;
            try
            {
                while ((rc = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW)
                {
                    var dateBytes = SQLitePCL.raw.sqlite3_column_blob(statement, 1);
                    var date = dateBytes.Length >= 10 && TryIsoDate(dateBytes, out var d) ? d
                        : DateOnly.ParseExact(System.Text.Encoding.UTF8.GetString(dateBytes), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    series.Add(date.DayNumber, SQLitePCL.raw.sqlite3_column_int(statement, 0), SQLitePCL.raw.sqlite3_column_double(statement, 2),
                        source.Read(statement), note.Read(statement));
                    read++;
                }
            }
            finally
            {
                SQLitePCL.raw.sqlite3_reset(statement);
            }
            if (rc != SQLitePCL.raw.SQLITE_DONE)
                SqliteCheck(handle, rc);
            return read;
        }

        public void Dispose() => statement.Dispose();
    }

    /// <summary>A text column read row after row: decoded (and pooled) only when its bytes differ from the row before.</summary>
    private sealed class ColumnText(TextPool texts, int column)
    {
        private byte[] last = [];
        private int lastIndex = -1;
        private bool lastNull = true;

        public int Read(SQLitePCL.sqlite3_stmt statement)
        {
            if (SQLitePCL.raw.sqlite3_column_type(statement, column) == SQLitePCL.raw.SQLITE_NULL)
                return -1;
            var bytes = SQLitePCL.raw.sqlite3_column_blob(statement, column);
            if (!lastNull && bytes.SequenceEqual(last))
                return lastIndex;
            last = bytes.ToArray();
            lastNull = false;
            return lastIndex = texts.Add(System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>Reads <c>yyyy-MM-dd</c> from the first ten bytes (what EF stores for a date on SQLite).</summary>
    private static bool TryIsoDate(ReadOnlySpan<byte> b, out DateOnly date)
    {
        date = default;
        if (b[4] != '-' || b[7] != '-')
            return false;
        int year = Digits(b, 0, 4), month = Digits(b, 5, 2), day = Digits(b, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> b, int from, int count)
    {
        var n = 0;
        for (var i = from; i < from + count; i++)
        {
            var c = b[i] - '0';
            if ((uint)c > 9)
                return -1;
            n = n * 10 + c;
        }
        return n;
    }

    private static void SqliteCheck(SQLitePCL.sqlite3 handle, int rc)
    {
        if (rc != SQLitePCL.raw.SQLITE_OK)
            throw new Microsoft.Data.Sqlite.SqliteException(SQLitePCL.raw.sqlite3_errmsg(handle).utf8_to_string(), rc, SQLitePCL.raw.sqlite3_extended_errcode(handle));
    }

    /// <summary>
    /// The sources and notes of the current values, each distinct text once (they repeat over a million rows), by place;
    /// past a bound of distinct texts a new one is added without looking for its twin.
    /// </summary>
    private sealed class TextPool
    {
        private readonly List<string> list = [];
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

        public int Add(string text)
        {
            if (index.TryGetValue(text, out var known))
                return known;
            list.Add(text);
            if (index.Count < 4096)
                index[text] = list.Count - 1;
            return list.Count - 1;
        }

        public string? this[int place] => place < 0 ? null : list[place];
    }

    /// <summary>
    /// Reads every row, checks and classifies it, and hands each row to create or correct to <paramref name="sink"/>
    /// (none in a preview) until the first error; after an error it only collects errors. A plain CSV row of the long
    /// format is read from the reader's buffer (<see cref="QuickObservationCheck"/>); every other row, and every row with a
    /// problem, is checked from its cells by <see cref="ObservationRows.Check"/>, so errors read the same either way.
    /// </summary>
    private ImportPreview Run(ImportRequest request, Stream file, Loaded loaded, Action<IEnumerable<Change>>? sink, int? importId,
        HashSet<int>? touched, IProgress<long>? progress = null)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var errors = new List<ImportError>();
        long errorCount = 0, rows = 0, create = 0, update = 0, unchanged = 0, rejected = 0;
        var sample = new List<ImportPreviewRow>();
        var precisions = new Dictionary<DatePrecision, long>();
        ObservationHeader? header = null;
        WideHeader? wide = null;
        QuickObservationCheck? quick = null;
        var rowErrors = new List<ImportError>();
        var raggedErrors = new List<ImportError>();
        Series? lastSeries = null;
        var lastIndicator = 0;

        void Error(ImportError e)
        {
            errorCount++;
            if (errors.Count < ShownErrors)
                errors.Add(e);
        }

        IEnumerable<Change> Changes()
        {
            foreach (var record in reader.Records())
            {
                var row = record.Number;
                if (header is null && wide is null)
                {
                    var names = record.Cells().Select(ImportValues.CellText).ToList();
                    var layout = request.Settings.Layout ?? (request.Kind == ImportKind.ObservationsWide || WideHeader.Matches(names) ? ImportLayout.Wide : ImportLayout.Long);
                    if (layout == ImportLayout.Wide)
                        wide = WideHeader.Map(names);
                    else
                        header = ObservationRows.MapHeader(names);
                    if (header is not null && record.HasSpans)
                        quick = new QuickObservationCheck(header, loaded.Resolver, loaded.Today);
                    continue;
                }
                if (wide is null)
                {
                    var change = quick is not null && quick.TryRead(row, record, out var plain)
                        ? Classify(plain, header!, null, record)
                        : One(row, record.Cells(), header!);
                    if (change is { } c)
                        yield return c;
                    continue;
                }
                raggedErrors.Clear();
                foreach (var (periodCells, periodHeader) in wide.Expand(row, record.Cells(), raggedErrors))
                {
                    if (One(row, periodCells, periodHeader) is { } change)
                        yield return change;
                }
                if (raggedErrors.Count > 0)
                {
                    // A ragged wide row: one rejected row, its cells unread.
                    rows++;
                    rejected++;
                    foreach (var e in raggedErrors)
                        Error(e);
                }
            }
        }

        // One row of the long format (or one period cell of a wide row) checked from its cells, classified, and the change to store, if any.
        Change? One(long row, object?[] cells, ObservationHeader h)
        {
            rowErrors.Clear();
            if (ObservationRows.Check(row, cells, h, loaded.Resolver, loaded.Today, rowErrors) is { } parsed)
                return Classify(parsed, h, cells, null);
            rows++;
            if ((rows & 0x3FFF) == 0)
                progress?.Report(rows);
            rejected++;
            foreach (var e in rowErrors)
                Error(e);
            return null;
        }

        // A valid row: refused if the file named its indicator and date before, else created, updated or unchanged.
        Change? Classify(ObservationRow r, ObservationHeader h, object?[]? cells, TabularRow? record)
        {
            rows++;
            if ((rows & 0x3FFF) == 0)
                progress?.Report(rows);
            if (lastSeries is null || r.IndicatorId != lastIndicator)
                (lastSeries, lastIndicator) = (loaded.Current.For(r.IndicatorId), r.IndicatorId);
            var series = lastSeries;
            var day = r.Date.DayNumber;
            if (series.Seen(day, r.Row) is var earlier and > 0)
            {
                var dateColumn = h.Columns[ObservationColumn.Date];
                rejected++;
                Error(new ImportError(r.Row, h.NameOf(ObservationColumn.Date), cells is not null ? ImportValues.CellText(cells[dateColumn]) : record!.Span(dateColumn).ToString(),
                    "DuplicateRow", $"repeats the indicator and date of row {earlier}; each indicator may have one value per date in a file."));
                return null;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(precisions, r.Precision, out _)++;
            var at = series.Find(day);
            var texts = loaded.Current.Texts;
            string? source, note;
            ImportRowAction action;
            if (at < 0)
            {
                (source, note, action) = (r.Source, r.Note, ImportRowAction.Create);
                create++;
            }
            else
            {
                source = h.Has(ObservationColumn.Source) ? r.Source : texts[series.Source(at)];
                note = h.Has(ObservationColumn.Note) ? r.Note : texts[series.Note(at)];
                action = series.Value(at).Equals(r.Value) && texts[series.Source(at)] == source && texts[series.Note(at)] == note
                    ? ImportRowAction.Unchanged : ImportRowAction.Update;
                if (action == ImportRowAction.Unchanged)
                    unchanged++;
                else
                    update++;
            }
            if (sample.Count < ShownRows)
                sample.Add(new ImportPreviewRow(r.Row, loaded.Labels[r.IndicatorId], r.Date, r.Precision, r.Value, at < 0 ? null : series.Value(at), action));
            if (sink is null || errorCount > 0 || action == ImportRowAction.Unchanged)
                return null;
            touched?.Add(r.IndicatorId);
            return new Change(r.IndicatorId, r.Date, r.Value, source, note, at < 0 ? null : series.Id(at));
        }

        if (sink is null)
        {
            foreach (var _ in Changes()) { }
        }
        else
        {
            sink(Changes());
        }
        if (header is null && wide is null)
            throw new ImportFileException("EmptyFile", "The file has no rows.");
        if (rows == 0)
            throw new ImportFileException("NoRows", "The file has a header row but no data rows.");
        progress?.Report(rows);
        return new ImportPreview(importId, reader.Description, rows, create, update, unchanged, rejected, errorCount, errors, sample, wide?.Ignored ?? header!.Ignored, precisions, Applied: false)
        {
            Kind = wide is null ? ImportKind.Observations : ImportKind.ObservationsWide,
        };
    }

    private async Task<ImportPreview> WriteAsync(ImportRequest request, Stream file, Loaded loaded, int importId, string cause, DateTime now, IProgress<long>? progress,
        HashSet<int> touched, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            // SQLite: this transaction holds the database's write lock; the new rows take the ids after the largest.
            using var insert = new SqliteObservationInsert((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), request.User, now, cause);
            return Run(request, file, loaded, changes =>
            {
                foreach (var change in changes)
                    insert.Write(change);
            }, importId, touched, progress);
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        ImportPreview? result = null;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Observations" ("IndicatorId", "Date", "Value", "Source", "Note", "EnteredBy", "EnteredAt", "SupersedesId", "CorrectionReason", "IsCurrent") FROM STDIN (FORMAT BINARY)""", ct))
        {
            // A million rows may take longer than the connection's 30 s on a loaded server: the COPY waits as long as the
            // context's commands may, as the generator's does.
            if (db.Database.GetCommandTimeout() is int seconds)
                copy.Timeout = TimeSpan.FromSeconds(seconds);
            result = Run(request, file, loaded, changes =>
            {
                foreach (var o in changes)
                {
                    copy.StartRow();
                    copy.Write(o.IndicatorId, NpgsqlDbType.Integer);
                    copy.Write(o.Date, NpgsqlDbType.Date);
                    copy.Write(o.Value, NpgsqlDbType.Double);
                    WriteText(copy, o.Source);
                    WriteText(copy, o.Note);
                    copy.Write(request.User, NpgsqlDbType.Text);
                    copy.Write(now, NpgsqlDbType.TimestampTz);
                    if (o.SupersedesId is { } s)
                    {
                        copy.Write(s, NpgsqlDbType.Integer);
                        copy.Write(cause, NpgsqlDbType.Text);
                    }
                    else
                    {
                        copy.WriteNull();
                        copy.WriteNull();
                    }
                    copy.Write(true, NpgsqlDbType.Boolean);
                }
            }, importId, touched, progress);
            if (!result.HasErrors)
                await copy.CompleteAsync(ct);
        }
        return result;

        static void WriteText(NpgsqlBinaryImporter copy, string? text)
        {
            if (text is null)
                copy.WriteNull();
            else
                copy.Write(text, NpgsqlDbType.Text);
        }
    }

    /// <summary>
    /// The observation path of the bulk write on SQLite: one prepared INSERT stepped once per row through SQLite's own
    /// interface, in the apply's transaction (the connection's), as the <c>sqlite3</c> shell's <c>.import</c> does.
    /// What is the same for every row (who, when, the cause) is bound once, a text only when it differs from the row
    /// before, and the date as its ten UTF-8 bytes; the values are stored as EF stores them (a date as <c>yyyy-MM-dd</c>,
    /// a time as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, a flag as 1), so the rows read back like any other.
    /// </summary>
    private sealed class SqliteObservationInsert : IDisposable
    {
        private readonly SQLitePCL.sqlite3 handle;
        private readonly SQLitePCL.sqlite3_stmt statement;
        private readonly string cause;
        private string? source, note;
        private bool correction;

        public SqliteObservationInsert(Microsoft.Data.Sqlite.SqliteConnection connection, string user, DateTime now, string cause)
        {
            handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            this.cause = cause;
            Check(SQLitePCL.raw.sqlite3_prepare_v2(handle,
                """INSERT INTO "Observations" ("IndicatorId", "Date", "Value", "Source", "Note", "SupersedesId", "CorrectionReason", "EnteredBy", "EnteredAt", "IsCurrent") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)""",
                out statement));
            Check(SQLitePCL.raw.sqlite3_bind_text(statement, 8, user));
            Check(SQLitePCL.raw.sqlite3_bind_text(statement, 9, now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)));
            Check(SQLitePCL.raw.sqlite3_bind_null(statement, 4));
            Check(SQLitePCL.raw.sqlite3_bind_null(statement, 5));
            Check(SQLitePCL.raw.sqlite3_bind_null(statement, 6));
            Check(SQLitePCL.raw.sqlite3_bind_null(statement, 7));
        }

        public void Write(Change change)
        {
            SQLitePCL.raw.sqlite3_bind_int(statement, 1, change.IndicatorId);
            Span<byte> date = stackalloc byte[10];
            change.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            SQLitePCL.raw.sqlite3_bind_text(statement, 2, date);
            SQLitePCL.raw.sqlite3_bind_double(statement, 3, change.Value);
            Text(4, change.Source, ref source);
            Text(5, change.Note, ref note);
            if (change.SupersedesId is { } superseded)
            {
                SQLitePCL.raw.sqlite3_bind_int(statement, 6, superseded);
                if (!correction)
                    SQLitePCL.raw.sqlite3_bind_text(statement, 7, cause);
                correction = true;
            }
            else if (correction)
            {
                SQLitePCL.raw.sqlite3_bind_null(statement, 6);
                SQLitePCL.raw.sqlite3_bind_null(statement, 7);
                correction = false;
            }
            var rc = SQLitePCL.raw.sqlite3_step(statement);
            SQLitePCL.raw.sqlite3_reset(statement);
            if (rc != SQLitePCL.raw.SQLITE_DONE)
                Check(rc);
        }

        private void Text(int index, string? text, ref string? bound)
        {
            if (ReferenceEquals(text, bound) || (text is not null && bound is not null && string.Equals(text, bound, StringComparison.Ordinal)))
                return;
            if (text is null)
                SQLitePCL.raw.sqlite3_bind_null(statement, index);
            else
                SQLitePCL.raw.sqlite3_bind_text(statement, index, text);
            bound = text;
        }

        private void Check(int rc) => SqliteCheck(handle, rc);

        public void Dispose() => statement.Dispose();
    }

    /// <summary>After the new rows: the superseded values leave the current series, each new row gets its change record, and the mission's assessments are stored again.</summary>
    private async Task FinishAsync(int missionId, int maxBefore, HashSet<int> touched, int indicators, string cause, DateTime now, PhaseTrace trace, CancellationToken ct)
    {
        var at = now.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Observations" SET "IsCurrent" = false
                WHERE "Id" IN (SELECT n."SupersedesId" FROM "Observations" n JOIN "Indicators" i ON i."Id" = n."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId"
                               WHERE n."Id" > {maxBefore} AND g."MissionId" = {missionId} AND n."SupersedesId" IS NOT NULL)
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ChangeRecords" ("EntityType", "EntityId", "Action", "Before", "After", "ChangedBy", "ChangedAt")
                SELECT 'Observation', n."Id", 'Created', NULL,
                       json_build_object('CorrectionReason', n."CorrectionReason", 'Date', n."Date", 'EnteredAt', {at}::text, 'EnteredBy', n."EnteredBy", 'Id', n."Id",
                           'IndicatorId', n."IndicatorId", 'IsCurrent', n."IsCurrent", 'Note', n."Note", 'Source', n."Source", 'SupersedesId', n."SupersedesId", 'Value', n."Value")::text,
                       {cause}, {now}
                FROM "Observations" n JOIN "Indicators" i ON i."Id" = n."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId"
                WHERE n."Id" > {maxBefore} AND g."MissionId" = {missionId}
                ORDER BY n."Id"
                """, ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Observations" SET "IsCurrent" = 0
                WHERE "Id" IN (SELECT "SupersedesId" FROM "Observations" WHERE "Id" > {maxBefore} AND "SupersedesId" IS NOT NULL)
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ChangeRecords" ("EntityType", "EntityId", "Action", "Before", "After", "ChangedBy", "ChangedAt")
                SELECT 'Observation', "Id", 'Created', NULL,
                       json_object('CorrectionReason', "CorrectionReason", 'Date', "Date", 'EnteredAt', {at}, 'EnteredBy', "EnteredBy", 'Id', "Id",
                           'IndicatorId', "IndicatorId", 'IsCurrent', json('true'), 'Note', "Note", 'Source', "Source", 'SupersedesId', "SupersedesId", 'Value', "Value"),
                       {cause}, {now}
                FROM "Observations" WHERE "Id" > {maxBefore} ORDER BY "Id"
                """, ct);
        }
        trace.Mark("current flags and change records");
        // The stored assessments of the indicators the file changed: a few one by one, more (or all) set-based for the
        // whole mission, with three reads for all of them, then one upsert each.
        if (touched.Count * 4 <= indicators)
        {
            foreach (var indicatorId in touched.Order())
                await ProgressReadModel.RefreshAsync(db, missionId, indicatorId, ct);
        }
        else
        {
            await ProgressReadModel.RefreshAsync(db, missionId, null, ct);
        }
        trace.Mark("stored assessments");
    }

    private async Task LockMissionAsync(int missionId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return; // the transaction already holds SQLite's one write lock
        await ProgressReadModel.LockAsync(db, missionId, null, ct);
    }

    /// <summary>
    /// The CPU and wall time of each phase of an import, written to standard error when the environment variable
    /// <c>MASTEN_IMPORT_TRACE</c> is set (bench/import.sh sets it); silent and nearly free otherwise. The first phase
    /// is everything before the import kind runs: start-up, the EF model, the migration check and keeping the file.
    /// </summary>
    private sealed class PhaseTrace
    {
        private static readonly bool On = Environment.GetEnvironmentVariable("MASTEN_IMPORT_TRACE") is { Length: > 0 };
        private TimeSpan cpu;
        private DateTime wall;

        public static PhaseTrace Start()
        {
            var trace = new PhaseTrace();
            if (On)
            {
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                trace.wall = process.StartTime.ToUniversalTime();
                trace.Mark("before the import (start-up, EF model, keeping the file)");
            }
            return trace;
        }

        public void Mark(string phase, CurrentValues? current = null)
        {
            if (!On)
                return;
            var (c, w) = (Environment.CpuUsage.TotalTime, DateTime.UtcNow);
            var values = current is null ? "" : current.Lazy
                ? string.Create(CultureInfo.InvariantCulture, $" (of which reading {current.Read:N0} current values as the file named their indicators: CPU {current.ReadCpu.TotalSeconds:0.00} s)")
                : string.Create(CultureInfo.InvariantCulture, $" ({current.Read:N0} current values read before)");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace {phase}: CPU {(c - cpu).TotalSeconds:0.00} s, wall {(w - wall).TotalSeconds:0.00} s{values}"));
            (cpu, wall) = (c, w);
        }
    }
}
