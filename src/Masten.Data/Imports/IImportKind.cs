using Masten.Core.Imports;

namespace Masten.Data.Imports;

/// <summary>
/// One kind of import (<see cref="ImportKind"/>): how its rows are read, checked, compared with what is stored and written.
/// <see cref="ImportStore"/> does the rest for every kind: the file (size limit, hash, keeping it), the kept preview, the
/// transaction and the mission's lock, the import's record and its history. A new kind is a class of its own implementing
/// this, and one line in <see cref="ImportKinds.Create"/>.
/// </summary>
public interface IImportKind
{
    /// <summary>Reads the file (seekable, at its start) and says what applying it would do. Stores nothing.</summary>
    Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct);

    /// <summary>In the apply's transaction, after the mission's row is locked and before anything is read: locks what else the kind writes, if anything.</summary>
    Task LockAsync(ImportRequest request, CancellationToken ct);

    /// <summary>
    /// In the apply's transaction: reads the file again, checks every row and writes the changes, each change record with
    /// <see cref="ImportApplying.Cause"/> as its author. Returns what it did; a preview with errors makes the store roll
    /// everything back, so a kind may stop writing at the first error and only collect the rest.
    /// </summary>
    Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct);
}

/// <summary>The import being applied: its id, the cause its changes are recorded with ("import #12 by …"), when, and where to report rows read.</summary>
public sealed record ImportApplying(int ImportId, string Cause, DateTime Now, IProgress<long>? Progress);

/// <summary>Which <see cref="IImportKind"/> reads each <see cref="ImportKind"/>: one line per kind.</summary>
public static class ImportKinds
{
    public static IImportKind Create(ImportKind kind, MastenDbContext db, ImportOptions options) => kind switch
    {
        ImportKind.Observations or ImportKind.ObservationsWide => new ObservationImport(db, options),
        ImportKind.Actors => new ActorImport(db, options),
        ImportKind.Initiatives => new InitiativeImport(db, options),
        ImportKind.Participants => new ParticipantImport(db, options),
        ImportKind.Commitments => new CommitmentImport(db, options),
        ImportKind.Roadmap => new RoadmapImport(db, options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "There is no import of this kind."),
    };
}
