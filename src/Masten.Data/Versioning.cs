using Masten.Core.Common;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data;

/// <summary>
/// Optimistic concurrency for every editable record: an update names the version the user last saw;
/// if the record has moved on, the update is a conflict, never a silent overwrite.
/// </summary>
public static class Versioning
{
    /// <summary>
    /// Checks the version the user started from and guards the race between this read and the
    /// write (<c>UPDATE … WHERE Version = @version</c>).
    /// </summary>
    public static void ExpectVersion<T>(this MastenDbContext db, T entity, int? version) where T : class, IVersioned
    {
        if (version is null)
            throw new DomainException(DomainErrorKind.Validation, [new FieldError("version", "VersionRequired", "is required when changing a record: send the version you last read.")]);
        if (entity.Version != version)
            throw StaleVersion();
        db.Entry(entity).Property(e => e.Version).OriginalValue = version.Value;
    }

    /// <summary>Saves, turning a lost race into the same conflict as a stale version.</summary>
    public static async Task SaveVersionedAsync(this MastenDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw StaleVersion();
        }
    }

    public static DomainException StaleVersion() =>
        DomainException.Conflict("version", "StaleVersion", "someone else saved a newer version; reload to see it, then make your change again.");
}
