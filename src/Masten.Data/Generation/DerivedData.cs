namespace Masten.Data.Generation;

/// <summary>
/// Recomputes everything Masten derives from the stored records (for example which observation of a
/// date is current, or stored assessments) after rows were written without going through the stores.
/// <see cref="DatasetGenerator"/> calls it once, last, after its bulk load has committed.
/// </summary>
public static class DerivedData
{
    /// <summary>
    /// Nothing is derived and stored yet, so there is nothing to rebuild. When a read model or a derived
    /// column is added, call its full rebuild from here; bulk loads then stay correct without knowing it.
    /// </summary>
    public static Task RebuildAsync(MastenDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ct.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}
