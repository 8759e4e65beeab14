using Microsoft.AspNetCore.Http.HttpResults;

namespace Masten.Web.Platform;

/// <summary>
/// The three answers most API handlers give, written once: a record or 404, a list of an existing owner or 404, and
/// the re-read record after an update or 404. An expected miss is a <see cref="NotFound"/>, never an exception.
/// </summary>
public static class ApiResults
{
    /// <summary>200 with what <paramref name="read"/> found, or 404 when it found nothing.</summary>
    public static async Task<Results<Ok<T>, NotFound>> OkOrNotFound<T>(this Task<T?> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return await read is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }

    /// <summary>200 with what <paramref name="read"/> reads when <paramref name="exists"/> holds (the list's owner exists), or 404.</summary>
    public static async Task<Results<Ok<T>, NotFound>> OkIfExists<T>(this Task<bool> exists, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(exists);
        ArgumentNullException.ThrowIfNull(read);
        return await exists ? TypedResults.Ok(await read()) : TypedResults.NotFound();
    }

    /// <summary>200 with the record <paramref name="reread"/> reads after <paramref name="update"/> changed it, or 404 when there was none to change.</summary>
    public static async Task<Results<Ok<T>, NotFound>> OkAfter<TChanged, T>(this Task<TChanged?> update, Func<Task<T>> reread) where TChanged : class
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(reread);
        return await update is null ? TypedResults.NotFound() : TypedResults.Ok(await reread());
    }

    /// <summary>201 at <paramref name="collection"/>/<paramref name="id"/> with the new record as <paramref name="read"/> reads it back.</summary>
    public static async Task<Created<T>> CreatedAt<T>(string collection, int id, Func<int, Task<T?>> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return TypedResults.Created($"{collection}/{id}", (await read(id))!);
    }
}
