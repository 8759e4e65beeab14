namespace Masten.Core.Missions;

/// <summary>Reads the append-only observation log of an indicator.</summary>
public static class ObservationSeries
{
    /// <summary>
    /// The current series: observations that no later record supersedes; where several remain on
    /// one date, the one entered last wins. Ordered by date.
    /// </summary>
    public static IReadOnlyList<Observation> Current(IEnumerable<Observation> log)
    {
        var all = log as IReadOnlyCollection<Observation> ?? log.ToList();
        var superseded = all.Where(o => o.SupersedesId is not null).Select(o => o.SupersedesId!.Value).ToHashSet();
        return all.Where(o => !superseded.Contains(o.Id))
            .GroupBy(o => o.Date)
            .Select(g => g.OrderByDescending(o => o.EnteredAt).ThenByDescending(o => o.Id).First())
            .OrderBy(o => o.Date)
            .ToList();
    }

    /// <summary>True when some record in <paramref name="log"/> supersedes <paramref name="observationId"/>.</summary>
    public static bool IsSuperseded(IEnumerable<Observation> log, int observationId) =>
        log.Any(o => o.SupersedesId == observationId);
}
