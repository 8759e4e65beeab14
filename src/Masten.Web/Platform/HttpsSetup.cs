using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Masten.Web.Platform;

/// <summary>
/// HTTPS when Masten runs behind TLS, all off by default:
/// <c>ForwardedHeaders:Enabled</c> trusts X-Forwarded-For and X-Forwarded-Proto from the proxies in
/// <c>ForwardedHeaders:KnownProxies</c> (comma-separated IPs; loopback when empty),
/// <c>Https:Hsts</c> sends Strict-Transport-Security on HTTPS responses (never in Development), and
/// <c>Https:Redirect</c> redirects plain HTTP to HTTPS. See docs/running-publicly.md.
/// </summary>
public static class HttpsSetup
{
    public static IServiceCollection AddHttpsSetup(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            var proxies = KnownProxies(configuration["ForwardedHeaders:KnownProxies"]);
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                if (proxies.Count == 0)
                    return;
                // Named proxies replace the loopback defaults: only they may set the client address and scheme.
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var proxy in proxies)
                    o.KnownProxies.Add(proxy);
            });
        }
        if (configuration.GetValue("Https:Hsts", false))
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Call first in the pipeline, so that everything after sees the client's address and scheme.</summary>
    public static WebApplication UseHttpsSetup(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
            app.UseForwardedHeaders();
        if (app.Configuration.GetValue("Https:Hsts", false) && !app.Environment.IsDevelopment())
            app.UseHsts();
        if (app.Configuration.GetValue("Https:Redirect", false))
            app.UseHttpsRedirection();
        return app;
    }

    /// <summary>"10.0.0.2, 10.0.0.3" → two addresses; throws on anything that is not an IP address.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ip => IPAddress.TryParse(ip, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{ip}' is not an IP address."))
            .ToList();
}
