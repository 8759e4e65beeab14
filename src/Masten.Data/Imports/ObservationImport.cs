using System.Globalization;
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
/// changes nothing. The whole file is read as a stream, once per preview and once per apply; only the mission's
/// current values (one entry per indicator and date) and the keys seen so far are held in memory.
/// </para>
/// <para>
/// Apply locks the mission's indicators' rows (PostgreSQL; <see cref="ImportStore"/> has locked the mission's row), so two
/// imports into one mission run one after the other, the second comparing with what the first stored. New rows are written
/// in bulk (SQLite: one prepared insert stepped per row through SQLite's own interface; PostgreSQL: binary COPY), then change records, the
/// current-series flags and the mission's stored assessments are written set-based in the same transaction.
/// </para>
/// </summary>
internal sealed class ObservationImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    private const int ShownErrors = ImportStore.ShownErrors;
    private const int ShownRows = ImportStore.ShownRows;

    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct)
    {
        var trace = PhaseTrace.Start();
        var context = await LoadAsync(request.MissionId, ct);
        trace.Mark("current values");
        var preview = Run(request, file, context, sink: null, importId: null);
        trace.Mark("rows");
        return preview;
    }

    public Task LockAsync(ImportRequest request, CancellationToken ct) => LockMissionAsync(request.MissionId, ct);

    public async Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct)
    {
        var trace = PhaseTrace.Start();
        var loaded = await LoadAsync(request.MissionId, ct);
        var maxBefore = await db.Observations.MaxAsync(o => (int?)o.Id, ct) ?? 0;
        trace.Mark("current values");
        db.StampOnCommit();
        var preview = await WriteAsync(request, file, loaded, applying.ImportId, applying.Cause, applying.Now, applying.Progress, ct);
        trace.Mark("rows and inserts");
        if (!preview.HasErrors && preview.Create + preview.Update > 0)
            await FinishAsync(request.MissionId, maxBefore, applying.Cause, applying.Now, trace, ct);
        return preview;
    }

    /// <summary>
    /// A current value of the mission: a struct in the dictionary, not an object per value, and its source and note as
    /// places in <see cref="Loaded.Texts"/> (-1: none), so that the million entries hold no reference the collector must trace.
    /// </summary>
    private readonly record struct Existing(int Id, double Value, int Source, int Note);

    private sealed record Loaded(IndicatorResolver Resolver, Dictionary<int, string> Labels, Dictionary<long, Existing> Current, TextPool Texts, DateOnly Today);

    /// <summary>One row to store: a new value, or a correction of <see cref="SupersedesId"/>.</summary>
    private readonly record struct Change(int IndicatorId, DateOnly Date, double Value, string? Source, string? Note, int? SupersedesId);

    private static long Key(int indicatorId, DateOnly date) => ((long)indicatorId << 32) | (uint)date.DayNumber;

    private async Task<Loaded> LoadAsync(int missionId, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId)
            .Select(i => new { i.Id, i.Code, i.Name, i.BaselineDate }).ToListAsync(ct);
        var texts = new TextPool();
        var current = await CurrentAsync(missionId, texts, ct);
        var resolver = new IndicatorResolver(indicators.Select(i => new ImportIndicator(i.Id, i.Code, i.Name, ObservationRows.Earliest(i.BaselineDate))));
        var labels = indicators.ToDictionary(i => i.Id, i => string.IsNullOrWhiteSpace(i.Code) ? i.Name : $"{i.Code} {i.Name}");
        // As the observation form: a date is in the future only if it is tomorrow everywhere on earth.
        var today = db.Clock.LatestToday();
        return new Loaded(resolver, labels, current, texts, today);
    }

    private const string CurrentSql = """
        SELECT o."Id", o."IndicatorId", o."Date", o."Value", o."Source", o."Note"
        FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId"
        WHERE g."MissionId" = @mission AND o."IsCurrent" = TRUE
        """;

    /// <summary>
    /// The mission's current values, one entry per indicator and date, read with one plain query: no entity or
    /// projection object per value (a national mission has a million of them). On SQLite through SQLite's own
    /// interface, the date read from its bytes and a source or note decoded only when it differs from the row before.
    /// </summary>
    private async Task<Dictionary<long, Existing>> CurrentAsync(int missionId, TextPool texts, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
                return SqliteCurrent(sqlite, missionId, texts, ct);
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = CurrentSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "mission";
            parameter.Value = missionId;
            command.Parameters.Add(parameter);
            var current = new Dictionary<long, Existing>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var date = reader.GetFieldValue<DateOnly>(2);
                current[Key(reader.GetInt32(1), date)] = new Existing(reader.GetInt32(0), reader.GetDouble(3),
                    reader.IsDBNull(4) ? -1 : texts.Add(reader.GetString(4)), reader.IsDBNull(5) ? -1 : texts.Add(reader.GetString(5)));
            }
            return current;
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    private static Dictionary<long, Existing> SqliteCurrent(Microsoft.Data.Sqlite.SqliteConnection connection, int missionId, TextPool texts, CancellationToken ct)
    {
        var handle = connection.Handle!;
        var current = new Dictionary<long, Existing>();
        SqliteCheck(handle, SQLitePCL.raw.sqlite3_prepare_v2(handle, CurrentSql.Replace("@mission", "?1", StringComparison.Ordinal), out var statement));
        using (statement)
        {
            SqliteCheck(handle, SQLitePCL.raw.sqlite3_bind_int(statement, 1, missionId));
            var source = new ColumnText(texts, 4);
            var note = new ColumnText(texts, 5);
            int rc;
            while ((rc = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW)
            {
                var dateBytes = SQLitePCL.raw.sqlite3_column_blob(statement, 2);
                var date = dateBytes.Length >= 10 && TryIsoDate(dateBytes, out var d) ? d
                    : DateOnly.ParseExact(System.Text.Encoding.UTF8.GetString(dateBytes), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                current[Key(SQLitePCL.raw.sqlite3_column_int(statement, 1), date)] = new Existing(
                    SQLitePCL.raw.sqlite3_column_int(statement, 0), SQLitePCL.raw.sqlite3_column_double(statement, 3), source.Read(statement), note.Read(statement));
                if ((current.Count & 0xFFFF) == 0)
                    ct.ThrowIfCancellationRequested();
            }
            if (rc != SQLitePCL.raw.SQLITE_DONE)
                SqliteCheck(handle, rc);
        }
        return current;
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
    /// (none in a preview) until the first error; after an error it only collects errors.
    /// </summary>
    private ImportPreview Run(ImportRequest request, Stream file, Loaded loaded, Action<IEnumerable<Change>>? sink, int? importId,
        IProgress<long>? progress = null)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var errors = new List<ImportError>();
        long errorCount = 0, rows = 0, create = 0, update = 0, unchanged = 0, rejected = 0;
        var sample = new List<ImportPreviewRow>();
        var precisions = new Dictionary<DatePrecision, long>();
        var seen = new Dictionary<long, long>();
        ObservationHeader? header = null;
        WideHeader? wide = null;
        var rowErrors = new List<ImportError>();
        var raggedErrors = new List<ImportError>();

        void Error(ImportError e)
        {
            errorCount++;
            if (errors.Count < ShownErrors)
                errors.Add(e);
        }

        IEnumerable<Change> Changes()
        {
            foreach (var (row, cells) in reader.Rows())
            {
                if (header is null && wide is null)
                {
                    var names = cells.Select(ImportValues.CellText).ToList();
                    var layout = request.Settings.Layout ?? (request.Kind == ImportKind.ObservationsWide || WideHeader.Matches(names) ? ImportLayout.Wide : ImportLayout.Long);
                    if (layout == ImportLayout.Wide)
                        wide = WideHeader.Map(names);
                    else
                        header = ObservationRows.MapHeader(names);
                    continue;
                }
                if (wide is null)
                {
                    if (One(row, cells, header!) is { } change)
                        yield return change;
                    continue;
                }
                raggedErrors.Clear();
                foreach (var (periodCells, periodHeader) in wide.Expand(row, cells, raggedErrors))
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

        // One row of the long format (or one period cell of a wide row): checked, classified, and the change to store, if any.
        Change? One(long row, object?[] cells, ObservationHeader h)
        {
            {
                rows++;
                if ((rows & 0x3FFF) == 0)
                    progress?.Report(rows);
                rowErrors.Clear();
                var parsed = ObservationRows.Check(row, cells, h, loaded.Resolver, loaded.Today, rowErrors);
                if (parsed is { } p)
                {
                    var key = Key(p.IndicatorId, p.Date);
                    if (!seen.TryAdd(key, row))
                    {
                        rowErrors.Add(new ImportError(row, h.NameOf(ObservationColumn.Date), ImportValues.CellText(cells[h.Columns[ObservationColumn.Date]]),
                            "DuplicateRow", $"repeats the indicator and date of row {seen[key]}; each indicator may have one value per date in a file."));
                        parsed = null;
                    }
                }
                if (parsed is not { } r)
                {
                    rejected++;
                    foreach (var e in rowErrors)
                        Error(e);
                    return null;
                }
                precisions[r.Precision] = precisions.GetValueOrDefault(r.Precision) + 1;
                Existing? old = loaded.Current.TryGetValue(Key(r.IndicatorId, r.Date), out var found) ? found : null;
                var source = h.Has(ObservationColumn.Source) ? r.Source : old is { } os ? loaded.Texts[os.Source] : null;
                var note = h.Has(ObservationColumn.Note) ? r.Note : old is { } on ? loaded.Texts[on.Note] : null;
                var action = old is not { } o ? ImportRowAction.Create
                    : o.Value.Equals(r.Value) && loaded.Texts[o.Source] == source && loaded.Texts[o.Note] == note ? ImportRowAction.Unchanged
                    : ImportRowAction.Update;
                switch (action)
                {
                    case ImportRowAction.Create: create++; break;
                    case ImportRowAction.Update: update++; break;
                    default: unchanged++; break;
                }
                if (sample.Count < ShownRows)
                    sample.Add(new ImportPreviewRow(row, loaded.Labels[r.IndicatorId], r.Date, r.Precision, r.Value, old?.Value, action));
                if (sink is null || errorCount > 0 || action == ImportRowAction.Unchanged)
                    return null;
                return new Change(r.IndicatorId, r.Date, r.Value, source, note, old?.Id);
            }
        }

        try
        {
            if (sink is null)
            {
                foreach (var _ in Changes()) { }
            }
            else
            {
                sink(Changes());
            }
        }
        catch (ImportFileException)
        {
            throw;
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

    private async Task<ImportPreview> WriteAsync(ImportRequest request, Stream file, Loaded loaded, int importId, string cause, DateTime now, IProgress<long>? progress, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            // SQLite: this transaction holds the database's write lock; the new rows take the ids after the largest.
            using var insert = new SqliteObservationInsert((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), request.User, now, cause);
            return Run(request, file, loaded, changes =>
            {
                foreach (var change in changes)
                    insert.Write(change);
            }, importId, progress);
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        ImportPreview? result = null;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Observations" ("IndicatorId", "Date", "Value", "Source", "Note", "EnteredBy", "EnteredAt", "SupersedesId", "CorrectionReason", "IsCurrent") FROM STDIN (FORMAT BINARY)""", ct))
        {
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
            }, importId, progress);
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
    private async Task FinishAsync(int missionId, int maxBefore, string cause, DateTime now, PhaseTrace trace, CancellationToken ct)
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
        // Every indicator of the mission once, set-based: three reads for all of them, then one upsert each.
        await ProgressReadModel.RefreshAsync(db, missionId, null, ct);
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

        public void Mark(string phase)
        {
            if (!On)
                return;
            var (c, w) = (Environment.CpuUsage.TotalTime, DateTime.UtcNow);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace {phase}: CPU {(c - cpu).TotalSeconds:0.00} s, wall {(w - wall).TotalSeconds:0.00} s"));
            (cpu, wall) = (c, w);
        }
    }
}
