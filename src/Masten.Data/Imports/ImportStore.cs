using System.Globalization;
using System.Security.Cryptography;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Missions;
using Masten.Data.Generation;
using Masten.Data.Progress;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using NpgsqlTypes;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Masten.Data.Imports",
    Justification = "The feature folder is named after the capability; Masten is C# only.")]

namespace Masten.Data.Imports;

/// <summary>What to import and how to read it.</summary>
public sealed record ImportRequest(int MissionId, string FileName, ImportFileSettings Settings, string User, ImportKind Kind = ImportKind.Observations);

/// <summary>One row of the preview's sample: what the row says and what it would do.</summary>
public sealed record ImportPreviewRow(long Row, string Indicator, DateOnly Date, DatePrecision Precision, double Value, double? OldValue, ImportRowAction Action);

/// <summary>
/// What an import does (the preview) or did (the result of applying): how many rows it creates, updates (each as a
/// correction), leaves unchanged and rejects; the first <see cref="ImportStore.ShownErrors"/> errors of
/// <see cref="ErrorCount"/>, and the first <see cref="ImportStore.ShownRows"/> rows.
/// </summary>
public sealed record ImportPreview(
    int? ImportId,
    ImportFileDescription File,
    long Rows,
    long Create,
    long Update,
    long Unchanged,
    long Rejected,
    long ErrorCount,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportPreviewRow> Sample,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyDictionary<DatePrecision, long> DatePrecisions,
    bool Applied)
{
    public bool HasErrors => ErrorCount > 0;

    /// <summary>What the file was read as: observations in the long or the wide format.</summary>
    public ImportKind Kind { get; init; } = ImportKind.Observations;
}

/// <summary>One import in a mission's history (without its file).</summary>
public sealed record ImportSummary(int Id, int MissionId, ImportKind Kind, ImportStatus Status, string FileName, ImportFormat Format, string? Encoding, string? Delimiter,
    long Size, string Sha256, string CreatedBy, DateTime CreatedAt, DateTime? AppliedAt, long Rows, long Created, long Updated, long Unchanged);

/// <summary>
/// Imports of observations into a mission, shared by pages, the API and the CLI: the preview (a dry run that
/// stores nothing), the apply (one transaction, all or nothing) and the history.
/// <para>
/// Each row names an indicator (code, id or exact name) and a date. With no current observation on that date
/// the row creates one; with a different value, source or note it appends a correction that supersedes the current
/// one, with the import as its reason (the append-only rule); with the same it is unchanged, so re-importing a file
/// changes nothing. The whole file is read as a stream, once per preview and once per apply; only the mission's
/// current values (one entry per indicator and date) and the keys seen so far are held in memory.
/// </para>
/// <para>
/// Apply runs in one transaction that first locks the mission (PostgreSQL: the mission's row and its indicators'
/// rows; SQLite: the write lock every transaction takes), so two imports into one mission run one after the other,
/// the second comparing with what the first stored. New rows are written in bulk (SQLite: prepared inserts through
/// <see cref="BulkWriter"/>; PostgreSQL: binary COPY), then change records, the current-series flags and the
/// mission's stored assessments are written set-based in the same transaction. A process killed midway leaves nothing.
/// </para>
/// </summary>
public sealed class ImportStore(MastenDbContext db, ImportOptions options)
{
    public const int ShownErrors = 200;
    public const int ShownRows = 100;

    /// <summary>Reads the file and says what applying it would do. Stores nothing.</summary>
    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct = default)
    {
        if (!file.CanSeek)
        {
            // Parse from a temporary file, never from memory: the upload may be large.
            await using var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            await CopyLimitedAsync(file, copy, ct);
            copy.Position = 0;
            return await PreviewAsync(request, copy, ct);
        }
        var context = await LoadAsync(request.MissionId, ct);
        return Run(request, file, context, sink: null, importId: null);
    }

    /// <summary>
    /// Applies the file in one transaction and records it in the mission's history with the file. If any row has an
    /// error, throws <see cref="ImportRejectedException"/> and stores nothing; a problem with the whole file throws
    /// <see cref="ImportFileException"/>. Returns null when the mission does not exist.
    /// </summary>
    public async Task<ImportPreview?> ApplyAsync(ImportRequest request, Stream file, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == request.MissionId, ct))
            return null;
        // Read (and check) the whole file before taking any lock: its hash and, within the size limit, its bytes.
        var (bytes, sha) = await ReadAllAsync(file, ct);
        return await ApplyCoreAsync(request, bytes, sha, stagedId: null, progress, ct);
    }

    /// <summary>
    /// The first step of a page's import: reads the file as <see cref="PreviewAsync"/> does and, if it has no errors, keeps
    /// the file (with what was detected about it) as a <see cref="ImportStatus.Previewed"/> import, so that
    /// <see cref="ApplyStagedAsync"/> applies exactly the file that was previewed. No observation is stored. The returned
    /// preview carries the kept import's id (null when the file has errors: nothing is kept). Previewed imports of the
    /// mission older than a day, never applied, are removed.
    /// </summary>
    public async Task<ImportPreview> StageAsync(ImportRequest request, Stream file, CancellationToken ct = default)
    {
        var (bytes, sha) = await ReadAllAsync(file, ct);
        ImportPreview preview;
        using (var content = new MemoryStream(bytes, writable: false))
            preview = await PreviewAsync(request, content, ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var stale = now.AddDays(-1);
        await db.Set<ImportRecord>().Where(x => x.MissionId == request.MissionId && x.Status == ImportStatus.Previewed && x.CreatedAt < stale).ExecuteDeleteAsync(ct);
        if (preview.HasErrors)
            return preview;
        var record = new ImportRecord
        {
            MissionId = request.MissionId, Kind = preview.Kind, Status = ImportStatus.Previewed, FileName = SafeName(request.FileName),
            Format = preview.File.Format, Encoding = preview.File.Encoding, Delimiter = preview.File.Delimiter?.ToString(),
            Size = bytes.Length, Sha256 = sha, CreatedBy = request.User, CreatedAt = now,
            Rows = preview.Rows, Created = preview.Create, Updated = preview.Update, Unchanged = preview.Unchanged,
        };
        await AddRecordAsync(record, request.User, bytes, ct);
        db.ChangeTracker.Clear();
        return preview with { ImportId = record.Id };
    }

    /// <summary>
    /// Applies a file kept by <see cref="StageAsync"/>, read as it was previewed, in one transaction like <see cref="ApplyAsync"/>;
    /// the kept import becomes the applied one. Returns null when there is no such previewed import (unknown, of another
    /// mission, removed, or applied already). Errors found now (the mission changed since the preview) throw
    /// <see cref="ImportRejectedException"/> and store nothing.
    /// </summary>
    public async Task<ImportPreview?> ApplyStagedAsync(int missionId, int importId, string user, CancellationToken ct = default)
    {
        var staged = await db.Set<ImportRecord>().AsNoTracking()
            .Where(x => x.MissionId == missionId && x.Id == importId && x.Status == ImportStatus.Previewed)
            .Select(x => new { x.FileName, x.Kind, x.Format, x.Encoding, x.Delimiter, x.Sha256, x.Content }).FirstOrDefaultAsync(ct);
        if (staged?.Content is null)
            return null;
        var settings = new ImportFileSettings(staged.Format, staged.Delimiter is { Length: 1 } d ? d[0] : null, staged.Encoding,
            staged.Kind == ImportKind.ObservationsWide ? ImportLayout.Wide : ImportLayout.Long);
        return await ApplyCoreAsync(new ImportRequest(missionId, staged.FileName, settings, user, staged.Kind), staged.Content, staged.Sha256, importId, null, ct);
    }

    private async Task<ImportPreview?> ApplyCoreAsync(ImportRequest request, byte[] bytes, string sha, int? stagedId, IProgress<long>? progress, CancellationToken ct)
    {
        string? delimiterText = null;
        using var content = new MemoryStream(bytes, writable: false);
        _ = new TabularReader(content, request.Settings, options); // file-level errors before the transaction
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await LockMissionAsync(request.MissionId, ct);
                var now = db.Clock.GetUtcNow().UtcDateTime;
                var record = new ImportRecord
                {
                    MissionId = request.MissionId, Kind = request.Kind, Status = ImportStatus.Applied, FileName = SafeName(request.FileName),
                    Size = bytes.Length, Sha256 = sha, CreatedBy = request.User, CreatedAt = now, AppliedAt = now,
                };
                if (stagedId is { } kept)
                {
                    // The previewed import becomes the applied one, once: a second apply of it finds it applied and stops here.
                    var taken = await db.Set<ImportRecord>().Where(x => x.Id == kept && x.MissionId == request.MissionId && x.Status == ImportStatus.Previewed)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ImportStatus.Applied).SetProperty(x => x.AppliedAt, now).SetProperty(x => x.CreatedBy, request.User), ct);
                    if (taken == 0)
                    {
                        await tx.RollbackAsync(ct);
                        return null;
                    }
                    record.Id = kept;
                }
                else
                {
                    await AddRecordAsync(record, request.User, bytes, ct);
                }

                var loaded = await LoadAsync(request.MissionId, ct);
                var cause = $"import #{record.Id} by {request.User}";
                var maxBefore = await db.Observations.MaxAsync(o => (int?)o.Id, ct) ?? 0;
                content.Position = 0;
                var preview = await WriteAsync(request, content, loaded, record.Id, cause, now, maxBefore, progress, ct);
                if (preview.HasErrors)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    throw new ImportRejectedException(preview with { ImportId = null });
                }
                if (preview.Create + preview.Update > 0)
                    await FinishAsync(request.MissionId, maxBefore, cause, now, ct);
                delimiterText = preview.File.Delimiter?.ToString();
                await db.Set<ImportRecord>().Where(x => x.Id == record.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Kind, preview.Kind)
                    .SetProperty(x => x.Format, preview.File.Format)
                    .SetProperty(x => x.Encoding, preview.File.Encoding)
                    .SetProperty(x => x.Delimiter, delimiterText)
                    .SetProperty(x => x.Rows, preview.Rows)
                    .SetProperty(x => x.Created, preview.Create)
                    .SetProperty(x => x.Updated, preview.Update)
                    .SetProperty(x => x.Unchanged, preview.Unchanged), ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return preview with { ImportId = record.Id, Applied = true };
            });
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw DomainException.Conflict("mission", "ImportBusy", "another import or write into this database is running; nothing was stored, try again in a moment.");
        }
    }

    /// <summary>The mission's imports, newest first, one page (the files are not loaded).</summary>
    public async Task<(IReadOnlyList<ImportSummary> Items, Paging Paging)> HistoryAsync(int missionId, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Set<ImportRecord>().AsNoTracking().Where(x => x.MissionId == missionId && x.Status == ImportStatus.Applied);
        var paging = Paging.For(page, pageSize, await query.CountAsync(ct));
        var items = await query.OrderByDescending(x => x.Id).Skip(paging.Skip).Take(paging.PageSize).Select(Summary).ToListAsync(ct);
        return (items, paging);
    }

    public Task<ImportSummary?> FindAsync(int missionId, int importId, CancellationToken ct = default) =>
        db.Set<ImportRecord>().AsNoTracking().Where(x => x.MissionId == missionId && x.Id == importId).Select(Summary).FirstOrDefaultAsync(ct);

    /// <summary>The original file of an import, or null.</summary>
    public async Task<(string FileName, byte[] Content)?> FileAsync(int missionId, int importId, CancellationToken ct = default)
    {
        var row = await db.Set<ImportRecord>().AsNoTracking().Where(x => x.MissionId == missionId && x.Id == importId)
            .Select(x => new { x.FileName, x.Content }).FirstOrDefaultAsync(ct);
        return row?.Content is null ? null : (row.FileName, row.Content);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ImportRecord, ImportSummary>> Summary = x => new ImportSummary(
        x.Id, x.MissionId, x.Kind, x.Status, x.FileName, x.Format, x.Encoding, x.Delimiter, x.Size, x.Sha256, x.CreatedBy, x.CreatedAt, x.AppliedAt,
        x.Rows, x.Created, x.Updated, x.Unchanged);

    private sealed record Existing(int Id, double Value, string? Source, string? Note);

    /// <summary>
    /// Stores an import's record as the person who imported, then its file beside it: the bytes are written on their own,
    /// so they never pass through the change tracker or the audit log.
    /// </summary>
    private async Task AddRecordAsync(ImportRecord record, string user, byte[] bytes, CancellationToken ct)
    {
        db.Add(record);
        var author = db.Author;
        db.Author = user;
        await db.SaveChangesAsync(ct);
        db.Author = author;
        await db.Set<ImportRecord>().Where(x => x.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Content, bytes), ct);
    }

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
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Missions" WHERE "Id" = {missionId} FOR UPDATE""", ct);
        await ProgressReadModel.LockAsync(db, missionId, null, ct);
    }

    private async Task<(byte[] Bytes, string Sha)> ReadAllAsync(Stream file, CancellationToken ct)
    {
        byte[] bytes;
        if (file.CanSeek)
        {
            var length = file.Length - file.Position;
            if (length > options.MaxFileBytes)
                throw TooLarge(length);
            // One allocation of the file's size: the bytes are parsed from it and stored as they are.
            bytes = new byte[length];
            await file.ReadExactlyAsync(bytes, ct);
        }
        else
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = await file.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > options.MaxFileBytes)
                    throw TooLarge(buffer.Length + read);
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken ct)
    {
        var chunk = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, ct)) > 0)
        {
            total += read;
            if (total > options.MaxFileBytes)
                throw TooLarge(total);
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
        }
    }

    private ImportFileException TooLarge(long length) =>
        new("FileTooLarge", $"The file is {length / 1024.0 / 1024:0.#} MB or more; the largest accepted is {options.MaxFileBytes / 1024.0 / 1024:0.#} MB.");

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name ?? "").Trim();
        file = new string(file.Where(c => !char.IsControl(c)).ToArray());
        if (file.Length == 0)
            file = "import.csv";
        return file.Length > Rules.ShortText ? file[^Rules.ShortText..] : file;
    }
}
