using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Masten.Web.Tests;

/// <summary>What someone running Masten watches: <c>/health</c> and the opt-in Prometheus <c>/metrics</c>.</summary>
public abstract class OperationsTests(MastenAppFactory factory)
{
    // The test host has no network connection: this header stands in for the address a request comes from.
    private const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected MastenAppFactory Factory { get; } = factory;

    private string ProviderName => Factory.Services.GetRequiredService<IConfiguration>()["Database:Provider"]!;

    [SkippableFact]
    public async Task HealthAnswersTheSameJsonAsBeforeWhenTheDatabaseIsReachable()
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateAnonymousClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["databaseProvider", "databaseReachable", "mail", "status"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("healthy", (string)body["status"]!);
        // No Smtp settings in the test hosts: e-mail stays in the outbox.
        Assert.Equal("notConfigured", (string)body["mail"]!);
        Assert.True((bool)body["databaseReachable"]!);
        Assert.Equal(ProviderName, (string)body["databaseProvider"]!);
    }

    [SkippableFact]
    public async Task HealthIsUnavailableWhenTheDatabaseCannotBeReached()
    {
        Factory.RequireDatabase();
        var unreachable = ProviderName == "Postgres"
            ? new NpgsqlConnectionStringBuilder(Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Masten")) { Database = $"masten_absent_{Guid.NewGuid():N}" }.ConnectionString
            : $"Data Source={Path.Combine(Path.GetTempPath(), $"masten-absent-{Guid.NewGuid():N}", "masten.db")};Mode=ReadWrite";
        using var host = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Masten", unreachable)
            .UseSetting("Setup:CreateLink", "false"));
        var response = await host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("unhealthy", (string)body["status"]!);
        Assert.False((bool)body["databaseReachable"]!);
        Assert.Equal(ProviderName, (string)body["databaseProvider"]!);
    }

    [SkippableFact]
    public async Task MetricsIsNotFoundWhenNotEnabled()
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableFact]
    public async Task MetricsServesPrometheusTextToLoopbackAndTheAllowedNetworksOnly()
    {
        Factory.RequireDatabase();
        using var host = MetricsHost(("Telemetry:Prometheus:AllowedNetworks", "10.0.0.0/8, fd00::/8"));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var metrics = await Scrape(client, "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"masten\"", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "::1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "10.20.30.40")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "::ffff:10.20.30.40")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "fd00::7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, "192.0.2.7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, "11.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, null)).StatusCode);
    }

    [SkippableFact]
    public async Task MetricsBehindAProxyIsDecidedOnTheClientAddressTheTrustedProxyGives()
    {
        Factory.RequireDatabase();
        using var host = MetricsHost(("Telemetry:Prometheus:AllowedNetworks", "10.0.0.0/8"), ("ForwardedHeaders:Enabled", "true"));
        var client = host.CreateClient();
        // The proxy on loopback is trusted: the client's address decides, not the proxy's.
        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "127.0.0.1", forwardedFor: "10.1.2.3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, "127.0.0.1", forwardedFor: "203.0.113.9")).StatusCode);
        // A proxy that is not trusted cannot make a request look as if it came from inside.
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, "10.9.9.9", forwardedFor: "127.0.0.1")).StatusCode);
    }

    [SkippableFact]
    public async Task MetricsRefusesAForwardedRequestWhenForwardedHeadersAreOff()
    {
        Factory.RequireDatabase();
        using var host = MetricsHost();
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Scrape(client, "127.0.0.1")).StatusCode);
        // A reverse proxy on this machine makes every request come from loopback; its header gives it away.
        Assert.Equal(HttpStatusCode.NotFound, (await Scrape(client, "127.0.0.1", forwardedFor: "203.0.113.9")).StatusCode);
    }

    [SkippableFact]
    public void TelemetryIsOffUntilAnExporterIsConfigured()
    {
        Factory.RequireDatabase();
        Assert.Null(Factory.Services.GetService<TracerProvider>());
        Assert.Null(Factory.Services.GetService<MeterProvider>());
        using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("Telemetry:Otlp:Endpoint", "http://127.0.0.1:4318").UseSetting("Telemetry:Otlp:Protocol", "http/protobuf"));
        Assert.NotNull(configured.Services.GetService<TracerProvider>());
        Assert.NotNull(configured.Services.GetService<MeterProvider>());
        using var standard = Factory.WithWebHostBuilder(b => b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"));
        Assert.NotNull(standard.Services.GetService<TracerProvider>());
    }

    [SkippableTheory]
    [InlineData("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Prometheus:AllowedNetworks", "10.0.0.0/8, 10.0.0.0/33", "10.0.0.0/33")]
    public void AWrongTelemetrySettingStopsTheStartNamingIt(string key, string value, string named)
    {
        Factory.RequireDatabase();
        using var host = Factory.WithWebHostBuilder(b => b
            .UseSetting("Telemetry:Otlp:Endpoint", "http://127.0.0.1:4317")
            .UseSetting("Telemetry:Prometheus:Enabled", "true")
            .UseSetting(key, value));
        var refused = Assert.Throws<InvalidOperationException>(() => host.Services);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> MetricsHost(params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:Prometheus:Enabled", "true");
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
        });

    private static async Task<HttpResponseMessage> Scrape(HttpClient client, string? from, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (from is not null)
            request.Headers.Add(RemoteAddressHeader, from);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    /// <summary>Runs before Masten's own pipeline, where a real server would have set the connection's address.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(RemoteAddressHeader, out var from) ? IPAddress.Parse(from.ToString()) : null;
                context.Request.Headers.Remove(RemoteAddressHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteOperationsTests(SqliteAppFactory factory) : OperationsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOperationsTests(PostgresAppFactory factory) : OperationsTests(factory), IClassFixture<PostgresAppFactory>;
