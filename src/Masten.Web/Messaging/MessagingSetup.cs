using Masten.Data;
using Masten.Data.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Masten.Web.Messaging;

/// <summary>
/// E-mail: the <c>Smtp</c> settings (options pattern, validated without stopping Masten), the outbox worker,
/// the composer, the health check and the one-click unsubscribe endpoint.
/// </summary>
public static class MessagingSetup
{
    public const string MailCheck = "mail";

    public static IServiceCollection AddMastenMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Smtp"));
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<MailSettings>();
        services.Configure<OutboxWorkerOptions>(configuration.GetSection("Messaging:Worker"));
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddSingleton<MailComposer>();
        services.Configure<NotificationOptions>(configuration.GetSection("Messaging"));
        services.AddSingleton<Reminders>();
        services.AddHostedService<ReminderWorker>();
        services.AddScoped<IInvitationMail, InvitationMail>();
        services.AddScoped<AccountMail>();
        // A password-reset link lives an hour; a changed address's confirmation a day (Identity's data-protection tokens).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
        services.AddHealthChecks().AddCheck<MailHealthCheck>(MailCheck);
        return services;
    }

    /// <summary>Says once at start how mail stands: off (messages wait in the outbox), on, or misconfigured and why.</summary>
    public static void LogMailState(IServiceProvider services, ILogger log)
    {
        var (state, options, problems) = services.GetRequiredService<MailSettings>().Current();
        switch (state)
        {
            case MailState.NotConfigured:
                MailLog.NotConfigured(log);
                break;
            case MailState.Misconfigured:
                MailLog.Misconfigured(log, string.Join(" ", problems));
                break;
            default:
                MailLog.Configured(log, options!.Host, options.EffectivePort, options.Security);
                break;
        }
        if (state != MailState.NotConfigured && !services.GetRequiredService<Accounts.PublicLinks>().IsConfigured)
            MailLog.RelativeLinks(log);
    }

    /// <summary><c>POST /unsubscribe/{token}/one-click</c>: RFC 8058 one-click unsubscribe from a mail program (no page, no sign-in).</summary>
    public static IEndpointRouteBuilder MapMessagingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/unsubscribe/{token}/one-click", OneClickAsync)
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<NoContent, BadRequest>> OneClickAsync(string token, MailComposer composer, OutboxStore store, CancellationToken ct)
    {
        if (composer.AddressOf(token) is not { } address)
            return TypedResults.BadRequest();
        await store.SuppressAsync(address, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Healthy when mail is off or its settings are valid and the server was reachable at the last try; degraded otherwise (Masten runs on).</summary>
    private sealed class MailHealthCheck(MailSettings settings) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var (state, _, problems) = settings.Current();
            var data = new Dictionary<string, object> { ["state"] = state.ToString() };
            return Task.FromResult(state switch
            {
                MailState.Misconfigured => HealthCheckResult.Degraded("The Smtp settings are wrong: " + string.Join(" ", problems), data: data),
                MailState.Configured when settings.LastError is { } error => HealthCheckResult.Degraded("The mail server cannot be reached: " + error, data: data),
                _ => HealthCheckResult.Healthy(state.ToString(), data),
            });
        }
    }
}
