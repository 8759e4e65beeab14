using System.Globalization;
using Masten.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Masten.Web.Platform;

/// <summary>
/// Reuses what Masten answered an anonymous visitor (a public page or an API GET) for the next anonymous
/// visitor, with ASP.NET Core's output cache, for as long as nothing has been written. The cache key holds
/// the <see cref="DataStamp"/>, read from the database on every request, so a write through any instance
/// on the same database changes the key of every instance on its next request: no page older than the
/// last committed write is ever served. The key also holds the language, the Accept header (enhanced
/// navigation) and a quarter of an hour of the clock, because statuses depend on today's date in the
/// mission's time zone.
/// <para>Never reused: anything for a signed-in person or a token, anything but a 200, a response that
/// sets a cookie or says <c>no-store</c> or <c>private</c> (every page with a form does, through
/// antiforgery), and the account, invitation, set-up and token-link pages. Settings: <c>Cache:Enabled</c>
/// (true by default), <c>Cache:Seconds</c> (300) and <c>Cache:SizeMegabytes</c> (64).</para>
/// </summary>
public sealed class ResponseCache(TimeProvider clock) : IOutputCachePolicy
{
    /// <summary>Paths whose answers depend on a secret in the link or on the person, never cached.</summary>
    private static readonly string[] NeverCached =
        ["/account", "/invite", "/setup", "/unsubscribe", "/pulse", "/admin", "/health", "/metrics", "/api/v1/me", "/api/v1/admin", "/api/v1/account"];

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method)
            || http.User.Identity?.IsAuthenticated == true
            || request.Headers.Authorization.Count > 0
            || request.Cookies.ContainsKey(Accounts.AccountsSetup.AuthCookieName)
            || NeverCached.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            return;

        // Read before anything the page reads, so the answer is at least as new as the stamp it is kept under.
        var db = http.RequestServices.GetRequiredService<MastenDbContext>().KeepStampUntilWrite();
        var stamp = await DataStamp.ReadAsync(db, cancellation);
        var now = clock.GetUtcNow();
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.Accept;
        context.CacheVaryByRules.VaryByValues["stamp"] = stamp.ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["lang"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["slot"] = (now.ToUnixTimeSeconds() / 900).ToString(CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}

public static class ResponseCacheSetup
{
    public static IServiceCollection AddResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutputCache(o =>
        {
            o.SizeLimit = configuration.GetValue("Cache:SizeMegabytes", 64L) * 1024 * 1024;
            o.MaximumBodySize = 4 * 1024 * 1024;
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(configuration.GetValue("Cache:Seconds", 300));
            if (configuration.GetValue("Cache:Enabled", true))
                o.AddBasePolicy(b => b.AddPolicy<ResponseCache>(), excludeDefaultPolicy: true);
        });
        return services;
    }

    /// <summary>After authentication, so that signed-in requests are known and never share an answer.</summary>
    public static IApplicationBuilder UseResponseCache(this IApplicationBuilder app) => app.UseOutputCache();
}
