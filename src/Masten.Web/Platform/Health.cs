using System.Text.Json;
using Masten.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masten.Web.Platform;

/// <summary>
/// <c>/health</c> on ASP.NET Core health checks: 200 <c>{"status":"healthy","databaseReachable":true,"databaseProvider":"Sqlite"}</c>
/// when the database answers, 503 with <c>"unhealthy"</c> and <c>false</c> when it does not. It short-circuits
/// routing, so it answers without sign-in, access rules or any other database query; a load balancer may call it often.
/// <c>mail</c> says how e-mail stands (<c>notConfigured</c>, <c>configured</c>, <c>misconfigured</c>, <c>unreachable</c>);
/// it never makes the answer 503, since Masten works on and keeps messages in the outbox.
/// </summary>
public static class Health
{
    public const string DatabaseCheck = "database";

    public sealed record HealthReport(string Status, bool DatabaseReachable, string DatabaseProvider, string Mail);

    public static IServiceCollection AddMastenHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseCheck);
        return services;
    }

    public static WebApplication MapMastenHealthChecks(this WebApplication app)
    {
        var provider = MastenDatabase.Provider(app.Configuration).ToString();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // Unhealthy is 503 (the default); degraded (only mail) is 200.
            ResponseWriter = (context, report) =>
            {
                var reachable = report.Entries.TryGetValue(DatabaseCheck, out var database) && database.Status == HealthStatus.Healthy;
                var mail = !report.Entries.TryGetValue(Messaging.MessagingSetup.MailCheck, out var m) ? "notConfigured"
                    : m.Data.TryGetValue("state", out var state) && state is "Misconfigured" ? "misconfigured"
                    : m.Status != HealthStatus.Healthy ? "unreachable"
                    : state is "Configured" ? "configured" : "notConfigured";
                var body = new HealthReport(reachable ? "healthy" : "unhealthy", reachable, provider, mail);
                context.Response.ContentType = "application/json; charset=utf-8";
                return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
            },
        }).WithDisplayName("Health").AllowAnonymous().ShortCircuit();
        return app;
    }

    /// <summary>Healthy when the database accepts a connection.</summary>
    private sealed class DatabaseHealthCheck(MastenDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("The database does not answer.");
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", ex);
            }
        }
    }
}
