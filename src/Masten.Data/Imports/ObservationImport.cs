using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Missions;
using Masten.Data.Generation;
using Masten.Data.Progress;
using Microsoft.EntityFrameworkCore;
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
/// in bulk (SQLite: prepared inserts through <see cref="BulkWriter"/>; PostgreSQL: binary COPY), then change records, the
/// current-series flags and the mission's stored assessments are written set-based in the same transaction.
/// </para>
/// </summary>
internal sealed class ObservationImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    private const int ShownErrors = ImportStore.ShownErrors;
    private const int ShownRows = ImportStore.ShownRows;

    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct)
    {
        var context = await LoadAsync(request.MissionId, ct);
        return Run(request, file, context, sink: null, importId: null);
    }

    public Task LockAsync(ImportRequest request, CancellationToken ct) => LockMissionAsync(request.MissionId, ct);

    public async Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct)
    {
        var loaded = await LoadAsync(request.MissionId, ct);
        var maxBefore = await db.Observations.MaxAsync(o => (int?)o.Id, ct) ?? 0;
        var preview = await WriteAsync(request, file, loaded, applying.ImportId, applying.Cause, applying.Now, maxBefore, applying.Progress, ct);
        if (!preview.HasErrors && preview.Create + preview.Update > 0)
            await FinishAsync(request.MissionId, maxBefore, applying.Cause, applying.Now, ct);
        return preview;
    }

    private sealed record Existing(int Id, double Value, string? Source, string? Note);

    private sealed record Loaded(IndicatorResolver Resolver, Dictionary<int, string> Labels, Dictionary<long, Existing> Current, DateOnly Today);

    private static long Key(int indicatorId, DateOnly date) => ((long)indicatorId << 32) | (uint)date.DayNumber;

    private async Task<Loaded> LoadAsync(int missionId, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId)
            .Select(i => new { i.Id, i.Code, i.Name, i.BaselineDate }).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var current = new Dictionary<long, Existing>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Intern(string? s) => s is null ? null : strings.TryGetValue(s, out var x) ? x : strings[s] = s;
        var rows = db.Observations.AsNoTracking()
            .Where(o => o.IsCurrent && db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == missionId))
            .Select(o => new { o.Id, o.IndicatorId, o.Date, o.Value, o.Source, o.Note }).AsAsyncEnumerable();
        await foreach (var o in rows.WithCancellation(ct))
            current[Key(o.IndicatorId, o.Date)] = new Existing(o.Id, o.Value, Intern(o.Source), Intern(o.Note));
        var resolver = new IndicatorResolver(indicators.Select(i => new ImportIndicator(i.Id, i.Code, i.Name, ObservationRows.Earliest(i.BaselineDate))));
        var labels = indicators.ToDictionary(i => i.Id, i => string.IsNullOrWhiteSpace(i.Code) ? i.Name : $"{i.Code} {i.Name}");
        // As the observation form: a date is in the future only if it is tomorrow everywhere on earth.
        var today = db.Clock.LatestToday();
        return new Loaded(resolver, labels, current, today);
    }


    /// <summary>
    /// Reads every row, checks and classifies it, and hands each row to create or correct to <paramref name="sink"/>
    /// (none in a preview) until the first error; after an error it only collects errors.
    /// </summary>
    private ImportPreview Run(ImportRequest request, Stream file, Loaded loaded, Action<IEnumerable<Observation>>? sink, int? importId,
        string? cause = null, DateTime now = default, IProgress<long>? progress = null)
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

        IEnumerable<Observation> Changes()
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
        Observation? One(long row, object?[] cells, ObservationHeader h)
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
                loaded.Current.TryGetValue(Key(r.IndicatorId, r.Date), out var old);
                var source = h.Has(ObservationColumn.Source) ? r.Source : old?.Source;
                var note = h.Has(ObservationColumn.Note) ? r.Note : old?.Note;
                var action = old is null ? ImportRowAction.Create
                    : old.Value.Equals(r.Value) && old.Source == source && old.Note == note ? ImportRowAction.Unchanged
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
                return new Observation
                {
                    IndicatorId = r.IndicatorId,
                    Date = r.Date,
                    Value = r.Value,
                    Source = source,
                    Note = note,
                    EnteredBy = request.User,
                    EnteredAt = now,
                    SupersedesId = old?.Id,
                    CorrectionReason = old is null ? null : cause,
                    IsCurrent = true,
                };
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

    private async Task<ImportPreview> WriteAsync(ImportRequest request, Stream file, Loaded loaded, int importId, string cause, DateTime now, int maxBefore, IProgress<long>? progress, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            // SQLite: this transaction holds the database's write lock, so the ids after the largest are free.
            await using var writer = await BulkWriter.BeginAsync(db, ct);
            ImportPreview? preview = null;
            var next = maxBefore;
            preview = Run(request, file, loaded, changes => writer.WriteAsync(Numbered(changes), ct).GetAwaiter().GetResult(), importId, cause, now, progress);
            return preview;

            IEnumerable<Observation> Numbered(IEnumerable<Observation> changes)
            {
                foreach (var o in changes)
                {
                    o.Id = ++next;
                    yield return o;
                }
            }
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
                    copy.Write(o.EnteredBy, NpgsqlDbType.Text);
                    copy.Write(o.EnteredAt, NpgsqlDbType.TimestampTz);
                    if (o.SupersedesId is { } s)
                        copy.Write(s, NpgsqlDbType.Integer);
                    else
                        copy.WriteNull();
                    WriteText(copy, o.CorrectionReason);
                    copy.Write(true, NpgsqlDbType.Boolean);
                }
            }, importId, cause, now, progress);
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

    /// <summary>After the new rows: the superseded values leave the current series, each new row gets its change record, and the mission's assessments are stored again.</summary>
    private async Task FinishAsync(int missionId, int maxBefore, string cause, DateTime now, CancellationToken ct)
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
        // Every indicator of the mission once, set-based: three reads for all of them, then one upsert each.
        await ProgressReadModel.RefreshAsync(db, missionId, null, ct);
    }

    private async Task LockMissionAsync(int missionId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return; // the transaction already holds SQLite's one write lock
        await ProgressReadModel.LockAsync(db, missionId, null, ct);
    }

}
