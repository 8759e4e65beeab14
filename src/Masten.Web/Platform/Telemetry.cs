using System.Net;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Masten.Web.Platform;

/// <summary>
/// OpenTelemetry metrics and traces of ASP.NET Core, EF Core, Npgsql and outgoing HTTP, as service <c>masten</c>.
/// All off by default:
/// <list type="bullet">
/// <item><c>Telemetry:Otlp:Endpoint</c> (e.g. <c>http://collector:4317</c>) sends traces, metrics and logs to an
/// OTLP collector, with <c>Telemetry:Otlp:Protocol</c> <c>grpc</c> (default) or <c>http/protobuf</c>. Without it
/// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_*</c> variables) are honoured.</item>
/// <item><c>Telemetry:Prometheus:Enabled</c> serves the metrics as Prometheus text at <c>/metrics</c>, readable
/// only from loopback and the networks in <c>Telemetry:Prometheus:AllowedNetworks</c> (comma-separated CIDR,
/// e.g. <c>10.0.0.0/8, fd00::/8</c>); everyone else gets 404, as if there were no such page.</item>
/// </list>
/// With neither set no OpenTelemetry runs at all. See docs/running-publicly.md.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "masten";
    public const string MetricsPath = "/metrics";

    // Meters built into .NET and ASP.NET Core: request durations, Kestrel connections, EF Core, GC and threads.
    private static readonly string[] BuiltInMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.EntityFrameworkCore", "System.Runtime",
    ];

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Prometheus:Enabled", false);

    public static IServiceCollection AddMastenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = Otlp(configuration);
        var prometheus = PrometheusEnabled(configuration);
        if (otlp is null && !prometheus)
            return services;
        // Read once at start, so a wrong network fails the start instead of the first scrape.
        services.AddSingleton(new MetricsNetworks(AllowedNetworks(configuration["Telemetry:Prometheus:AllowedNetworks"])));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m =>
            {
                m.AddMeter(BuiltInMeters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation();
                if (prometheus)
                    m.AddPrometheusExporter();
            });
        if (otlp is not null)
        {
            // Traces only go somewhere with a collector; without one they would cost every request for nothing.
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql());
            otlp(telemetry);
        }
        return services;
    }

    /// <summary>How to export over OTLP, or null when no endpoint is configured.</summary>
    private static Action<IOpenTelemetryBuilder>? Otlp(IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:Otlp:Endpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"Telemetry:Otlp:Endpoint: '{endpoint}' is not an http or https URL (like http://collector:4317).");
            var protocol = configuration["Telemetry:Otlp:Protocol"] switch
            {
                null or "" or "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException($"Telemetry:Otlp:Protocol must be grpc or http/protobuf, not '{other}'."),
            };
            return b => b.UseOtlpExporter(protocol, uri);
        }
        // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS itself.
        return string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? null : b => b.UseOtlpExporter();
    }

    /// <summary>
    /// Maps <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c>. It short-circuits routing: no sign-in, no
    /// access rules, no database; its only guard is the network filter (<see cref="MetricsNetworks.Allows"/>).
    /// </summary>
    public static WebApplication MapMastenMetrics(this WebApplication app)
    {
        if (!PrometheusEnabled(app.Configuration))
            return app;
        var networks = app.Services.GetRequiredService<MetricsNetworks>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!networks.Allows(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null).AllowAnonymous().ShortCircuit();
        return app;
    }

    /// <summary>"10.0.0.0/8, fd00::/8" → two networks; throws on anything that is not CIDR.</summary>
    public static IReadOnlyList<IPNetwork> AllowedNetworks(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(cidr => IPNetwork.TryParse(cidr, out var network)
                ? network
                : throw new InvalidOperationException($"Telemetry:Prometheus:AllowedNetworks: '{cidr}' is not a network in CIDR notation (like 10.0.0.0/8)."))
            .ToList();
}

/// <summary>Who may read <c>/metrics</c>: loopback and the configured networks.</summary>
public sealed class MetricsNetworks(IReadOnlyList<IPNetwork> allowed)
{
    /// <summary>
    /// Decides on the connection's remote address. With <c>ForwardedHeaders:Enabled</c> that is already the client's
    /// address as a trusted proxy gave it. An X-Forwarded-For still on the request means it came through a proxy
    /// Masten does not trust (or more hops than it reads), so the address is a proxy's, not the client's: refused.
    /// </summary>
    public bool Allows(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For"))
            return false;
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || allowed.Any(n => n.Contains(address));
    }
}
