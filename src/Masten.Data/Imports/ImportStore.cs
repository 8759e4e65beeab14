using Masten.Core.Common;
using Masten.Core.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Masten.Data.Imports",
    Justification = "The feature folder is named after the capability; Masten is C# only.")]

namespace Masten.Data.Imports;

/// <summary>What to import and how to read it.</summary>
public sealed record ImportRequest(int MissionId, string FileName, ImportFileSettings Settings, string User, ImportKind Kind = ImportKind.Observations)
{
    /// <summary>
    /// Why the roadmap changes (and the review it cites, the date it applies from), for a roadmap import into a mission that is no
    /// longer a draft: one revision, see <see cref="RoadmapImport"/>. Other kinds ignore it.
    /// </summary>
    public Masten.Core.Missions.RevisionInput? Revision { get; init; }
}

/// <summary>One row of the preview's sample: what the row says and what it would do.</summary>
public sealed record ImportPreviewRow(long Row, string Indicator, DateOnly Date, DatePrecision Precision, double Value, double? OldValue, ImportRowAction Action);

/// <summary>
/// One row of the preview's sample for a kind other than observations: the row, the record's key (an org number, a code)
/// and name, what the row would do, and what it changes (for example <c>name, e-mail</c>), if anything.
/// </summary>
public sealed record ImportItem(long Row, string Key, string Name, ImportRowAction Action, string? Changes = null);

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

    /// <summary>
    /// The file is clean and changes nothing: every row is unchanged. Applying it stores nothing and records no import
    /// (<see cref="Applied"/> stays false), and a page's preview keeps no file to apply.
    /// </summary>
    public bool NothingToApply => !HasErrors && Create + Update == 0;

    /// <summary>What the file was read as: observations in the long or the wide format, or another kind.</summary>
    public ImportKind Kind { get; init; } = ImportKind.Observations;

    /// <summary>The first <see cref="ImportStore.ShownRows"/> rows, for kinds other than observations (those use <see cref="Sample"/>).</summary>
    public IReadOnlyList<ImportItem> Items { get; init; } = [];
}

/// <summary>One import in a mission's history (without its file).</summary>
public sealed record ImportSummary(int Id, int MissionId, ImportKind Kind, ImportStatus Status, string FileName, ImportFormat Format, string? Encoding, string? Delimiter,
    long Size, string Sha256, string CreatedBy, DateTime CreatedAt, DateTime? AppliedAt, long Rows, long Created, long Updated, long Unchanged);

/// <summary>
/// Imports into a mission, shared by pages, the API and the CLI: the preview (a dry run that stores nothing), the apply
/// (one transaction, all or nothing), the kept preview and the history. What a file's rows mean is the business of its
/// kind (<see cref="ImportRequest.Kind"/>): <see cref="ImportKinds"/> gives the <see cref="IImportKind"/> that reads and
/// writes it, for example <see cref="ObservationImport"/>.
/// <para>
/// Apply runs in one transaction that first locks the mission (PostgreSQL: the mission's row, then what the kind locks;
/// SQLite: the write lock every transaction takes), so two imports into one mission run one after the other, the second
/// comparing with what the first stored. A process killed midway leaves nothing.
/// </para>
/// </summary>
public sealed class ImportStore(MastenDbContext db, ImportOptions options)
{
    public const int ShownErrors = 200;
    public const int ShownRows = 100;

    /// <summary>Reads the file and says what applying it would do. Stores nothing.</summary>
    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct = default)
    {
        // Parsed from the caller's seekable stream, or from a temporary file: the upload may be large, never in memory.
        await using var opened = await ImportFiles.OpenAsync(file, options.MaxFileBytes, ct);
        return await ImportKinds.Create(request.Kind, db, options).PreviewAsync(request, opened.Rewound(), ct);
    }

    /// <summary>
    /// Applies the file in one transaction and records it in the mission's history with the file. If any row has an
    /// error, throws <see cref="ImportRejectedException"/> and stores nothing; a problem with the whole file throws
    /// <see cref="ImportFileException"/>. Returns null when the mission does not exist. A file that changes nothing is not recorded:
    /// the result says <see cref="ImportPreview.NothingToApply"/>, not <see cref="ImportPreview.Applied"/>.
    /// </summary>
    public async Task<ImportPreview?> ApplyAsync(ImportRequest request, Stream file, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == request.MissionId, ct))
            return null;
        // Read (and check) the whole file before taking any lock: its size within the limit and its hash, into a temporary file if it is a request body.
        await using var opened = await ImportFiles.OpenAsync(file, options.MaxFileBytes, ct);
        return await ApplyCoreAsync(request, opened, stagedId: null, progress, ct);
    }

    /// <summary>
    /// The first step of a page's import: reads the file as <see cref="PreviewAsync"/> does and, if it has no errors, keeps
    /// the file (with what was detected about it) as a <see cref="ImportStatus.Previewed"/> import, so that
    /// <see cref="ApplyStagedAsync"/> applies exactly the file that was previewed. Nothing of the kind is stored. The returned
    /// preview carries the kept import's id (null when the file has errors: nothing is kept). Previewed imports of the
    /// mission older than a day, never applied, are removed.
    /// </summary>
    public async Task<ImportPreview> StageAsync(ImportRequest request, Stream file, CancellationToken ct = default)
    {
        await using var opened = await ImportFiles.OpenAsync(file, options.MaxFileBytes, ct);
        var preview = await ImportKinds.Create(request.Kind, db, options).PreviewAsync(request, opened.Rewound(), ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var stale = now.AddDays(-1);
        await db.Set<ImportRecord>().Where(x => x.MissionId == request.MissionId && x.Status == ImportStatus.Previewed && x.CreatedAt < stale).ExecuteDeleteAsync(ct);
        if (preview.HasErrors || preview.NothingToApply)
            return preview;
        var record = new ImportRecord
        {
            MissionId = request.MissionId, Kind = preview.Kind, Status = ImportStatus.Previewed, FileName = SafeName(request.FileName),
            Format = preview.File.Format, Encoding = preview.File.Encoding, Delimiter = preview.File.Delimiter?.ToString(),
            Size = opened.Length, Sha256 = opened.Sha256, CreatedBy = request.User, CreatedAt = now,
            Rows = preview.Rows, Created = preview.Create, Updated = preview.Update, Unchanged = preview.Unchanged,
        };
        await AddRecordAsync(record, request.User, opened, ct);
        db.ChangeTracker.Clear();
        return preview with { ImportId = record.Id };
    }

    /// <summary>
    /// Applies a file kept by <see cref="StageAsync"/>, read as it was previewed, in one transaction like <see cref="ApplyAsync"/>;
    /// the kept import becomes the applied one. Returns null when there is no such previewed import (unknown, of another
    /// mission, removed, or applied already). Errors found now (the mission changed since the preview) throw
    /// <see cref="ImportRejectedException"/> and store nothing. <paramref name="revision"/> describes a roadmap revision (<see cref="ImportRequest.Revision"/>).
    /// </summary>
    public async Task<ImportPreview?> ApplyStagedAsync(int missionId, int importId, string user, Masten.Core.Missions.RevisionInput? revision = null, CancellationToken ct = default)
    {
        var staged = await db.Set<ImportRecord>().AsNoTracking()
            .Where(x => x.MissionId == missionId && x.Id == importId && x.Status == ImportStatus.Previewed)
            .Select(x => new { x.FileName, x.Kind, x.Format, x.Encoding, x.Delimiter, x.Sha256, x.Size }).FirstOrDefaultAsync(ct);
        if (staged is null || await ImportFiles.ReadAsync(db, importId, ct) is not { } content)
            return null;
        await using var kept = new ImportFile(content, staged.Size, staged.Sha256, owned: true);
        var settings = new ImportFileSettings(staged.Format, staged.Delimiter is { Length: 1 } d ? d[0] : null, staged.Encoding,
            staged.Kind switch { ImportKind.ObservationsWide => ImportLayout.Wide, ImportKind.Observations => ImportLayout.Long, _ => null });
        return await ApplyCoreAsync(new ImportRequest(missionId, staged.FileName, settings, user, staged.Kind) { Revision = revision }, kept, importId, null, ct);
    }

    private async Task<ImportPreview?> ApplyCoreAsync(ImportRequest request, ImportFile file, int? stagedId, IProgress<long>? progress, CancellationToken ct)
    {
        string? delimiterText = null;
        _ = new TabularReader(file.Rewound(), request.Settings, options); // file-level errors before the transaction
        var kind = ImportKinds.Create(request.Kind, db, options);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await LockMissionAsync(request.MissionId, ct);
                await kind.LockAsync(request, ct);
                var now = db.Clock.GetUtcNow().UtcDateTime;
                var record = new ImportRecord
                {
                    MissionId = request.MissionId, Kind = request.Kind, Status = ImportStatus.Applied, FileName = SafeName(request.FileName),
                    Size = file.Length, Sha256 = file.Sha256, CreatedBy = request.User, CreatedAt = now, AppliedAt = now,
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
                    await AddRecordAsync(record, request.User, file, ct);
                }

                var cause = $"import #{record.Id} by {request.User}";
                var preview = await kind.ApplyAsync(request, file.Rewound(), new ImportApplying(record.Id, cause, now, progress), ct);
                if (preview.HasErrors)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    throw new ImportRejectedException(preview with { ImportId = null });
                }
                if (preview.NothingToApply)
                {
                    // Every row is as stored: no import is recorded (a kept preview stays kept), so the history lists only imports that changed something.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return preview with { ImportId = null, Applied = false };
                }
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

    /// <summary>The original file of an import, or null: a temporary copy read from the database in blocks, deleted when the stream is closed.</summary>
    public async Task<(string FileName, Stream Content)?> FileAsync(int missionId, int importId, CancellationToken ct = default)
    {
        var name = await db.Set<ImportRecord>().AsNoTracking().Where(x => x.MissionId == missionId && x.Id == importId).Select(x => x.FileName).FirstOrDefaultAsync(ct);
        return name is not null && await ImportFiles.ReadAsync(db, importId, ct) is { } content ? (name, content) : null;
    }

    private static readonly System.Linq.Expressions.Expression<Func<ImportRecord, ImportSummary>> Summary = x => new ImportSummary(
        x.Id, x.MissionId, x.Kind, x.Status, x.FileName, x.Format, x.Encoding, x.Delimiter, x.Size, x.Sha256, x.CreatedBy, x.CreatedAt, x.AppliedAt,
        x.Rows, x.Created, x.Updated, x.Unchanged);

    /// <summary>
    /// Stores an import's record as the person who imported, then its file beside it: the bytes are streamed on their own
    /// (<see cref="ImportFiles.WriteAsync"/>), so they never pass through memory, the change tracker or the audit log.
    /// </summary>
    private async Task AddRecordAsync(ImportRecord record, string user, ImportFile file, CancellationToken ct)
    {
        db.Add(record);
        var author = db.Author;
        db.Author = user;
        await db.SaveChangesAsync(ct);
        db.Author = author;
        await ImportFiles.WriteAsync(db, record.Id, file, ct);
    }

    /// <summary>
    /// The mission's row, so that imports into one mission run one after the other (SQLite: the transaction already holds its one write lock).
    /// It is the first lock of the mission's one lock order (the mission, then its indicators: <see cref="Progress.ProgressReadModel.LockAsync"/>),
    /// which a hand edit of the mission takes too.
    /// </summary>
    private Task LockMissionAsync(int missionId, CancellationToken ct) => Progress.ProgressReadModel.LockMissionRowAsync(db, missionId, ct);

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name ?? "").Trim();
        file = new string(file.Where(c => !char.IsControl(c)).ToArray());
        if (file.Length == 0)
            file = "import.csv";
        return file.Length > Rules.ShortText ? file[^Rules.ShortText..] : file;
    }
}
