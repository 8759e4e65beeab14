using Masten.Data.Missions;

namespace Masten.Data;

/// <summary>
/// Where a page of a longer list lies: page number (from 1), its size, and how many there are in all. A page beyond
/// the last is empty, never an error; sizes are clamped like <see cref="MissionReads.ToPageAsync"/>.
/// </summary>
public sealed record Paging(int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The page asked for, clamped: a page below 1 is the first, the size between 1 and <see cref="MissionReads.MaxPageSize"/>.</summary>
    public static Paging For(int page, int pageSize, int totalCount) =>
        new(Math.Max(1, page), Math.Clamp(pageSize, 1, MissionReads.MaxPageSize), totalCount);

    /// <summary>How many rows come before this page.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(PageNumber - 1) * PageSize);

    /// <summary>One page of a list already in memory; a page beyond the last is empty.</summary>
    public static (IReadOnlyList<T> Items, Paging Paging) Of<T>(IReadOnlyList<T> items, int page, int pageSize)
    {
        var paging = For(page, pageSize, items.Count);
        return ([.. items.Skip(paging.Skip).Take(paging.PageSize)], paging);
    }
}
