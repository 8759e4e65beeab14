using Microsoft.EntityFrameworkCore;

namespace Masten.Data;

/// <summary>
/// Where a page of a longer list lies: page number (from 1), its size, and how many there are in all. A page beyond
/// the last is empty, never an error; a page below 1 is the first, and the size is clamped between 1 and
/// <see cref="MaxPageSize"/>. Every list in Masten pages by this one rule.
/// </summary>
public sealed record Paging(int PageNumber, int PageSize, int TotalCount)
{
    /// <summary>The most rows one page may hold.</summary>
    public const int MaxPageSize = 200;

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The page asked for, clamped.</summary>
    public static Paging For(int page, int pageSize, int totalCount) =>
        new(Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize), totalCount);

    /// <summary>How many rows come before this page; a huge page number never overflows the offset.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(PageNumber - 1) * PageSize);

    /// <summary>One page of a list already in memory; a page beyond the last is empty.</summary>
    public static (IReadOnlyList<T> Items, Paging Paging) Of<T>(IReadOnlyList<T> items, int page, int pageSize)
    {
        var paging = For(page, pageSize, items.Count);
        return ([.. items.Skip(paging.Skip).Take(paging.PageSize)], paging);
    }
}

/// <summary>
/// The page a list request asks for: the query parameters <c>page</c> (from 1) and <c>pageSize</c>, both optional. API
/// handlers bind it once with <c>[AsParameters] PageRequest paging</c>; <see cref="Paging.For"/> clamps what it asks.
/// The members are lower-case because they are the query parameters' names, as the URL, the OpenAPI document and a
/// refusal (400 naming <c>page</c>) spell them.
/// </summary>
public readonly record struct PageRequest(int? page, int? pageSize)
{
    /// <summary>The rows of a page when the request and the list name no other size.</summary>
    public const int DefaultSize = 50;

    /// <summary>The page number asked for; the first when none is.</summary>
    public int Number => page ?? 1;

    /// <summary>The size asked for, or <paramref name="fallback"/> (the list's own default) when none is.</summary>
    public int SizeOr(int fallback = DefaultSize) => pageSize ?? fallback;
}

/// <summary>A page of a longer list, as pages and the API return it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public static class PagingQueries
{
    /// <summary>One page of a query: a count, then the rows of the page, by <see cref="Paging.For"/>.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken ct)
    {
        var paging = Paging.For(page, pageSize, await query.CountAsync(ct));
        var items = await query.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<T>(items, paging.PageNumber, paging.PageSize, paging.TotalCount);
    }

    /// <summary>The page a request asks for, <paramref name="defaultSize"/> rows when it names no size.</summary>
    public static Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest paging, CancellationToken ct, int defaultSize = PageRequest.DefaultSize) =>
        query.ToPageAsync(paging.Number, paging.SizeOr(defaultSize), ct);
}
