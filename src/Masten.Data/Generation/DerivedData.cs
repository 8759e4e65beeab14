using Masten.Data.Progress;

namespace Masten.Data.Generation;

/// <summary>
/// Recomputes everything Masten derives from the stored records after rows were written without going
/// through the stores. <see cref="DatasetGenerator"/> calls it once, last, after its bulk load has committed.
/// </summary>
public static class DerivedData
{
    /// <summary>
    /// The progress read model: which observation of a date is current, and each indicator's stored
    /// assessment (<see cref="ProgressReadModel.RebuildAsync"/>). A new read model adds its rebuild here,
    /// so bulk loads stay correct without knowing it.
    /// </summary>
    public static Task RebuildAsync(MastenDbContext db, CancellationToken ct) =>
        ProgressReadModel.RebuildAsync(db, missionId: null, ct);
}
