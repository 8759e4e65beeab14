using System.Globalization;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Pulses;
using Masten.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Masten.Web.Pulses;

/// <summary>
/// The e-mail of one pulse link, in the recipient's language, through the composer (plain text and HTML, the
/// unsubscribe link). It holds a secret link, so the outbox clears its bodies once it is sent.
/// </summary>
public sealed class PulseMail(MailComposer composer) : IPulseMail
{
    public OutboxMessage Compose(PulseRecipient recipient, string missionTitle, string secret, DateOnly closesOn, string causeKey)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var l = recipient.Language;
        var closes = closesOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(l));
        return composer.Compose(MessageKind.Pulse, l, recipient.Email, null, MailComposer.Text(l, "Mail.Pulse.Subject", missionTitle),
            [MailComposer.Text(l, "Mail.Hello"), MailComposer.Text(l, "Mail.Pulse.What", missionTitle), MailComposer.Text(l, "Mail.Pulse.Anonymous"),
             MailComposer.Text(l, "Mail.Pulse.Closes", closes), MailComposer.Text(l, "Mail.OnlyOnce")],
            new MailAction(MailComposer.Text(l, "Mail.Pulse.Action"), composer.Link($"/pulse/{secret}")), sensitive: true, causeKey);
    }
}

/// <summary>
/// The pulse schedule in the background work: every <see cref="OutboxWorkerOptions.ReminderMinutes"/> minutes, on every
/// instance with the worker on, it closes rounds whose last day passed and opens the rounds that are due
/// (<see cref="PulseStore.RunScheduleAsync"/>; the unique round keys let one instance open each).
/// </summary>
public sealed class PulseWorker(IServiceScopeFactory scopes, IOptions<OutboxWorkerOptions> options, ILogger<PulseWorker> log, TimeProvider clock) : BackgroundService
{
    /// <summary>One pass now; how many rounds it opened.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        db.Author = "pulses";
        return await scope.ServiceProvider.GetRequiredService<PulseStore>().RunScheduleAsync(scope.ServiceProvider.GetRequiredService<IPulseMail>(), ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunPassesAsync(RunAsync, options.Value, clock, log, stoppingToken);
}

public static class PulsesSetup
{
    public static IServiceCollection AddMastenPulses(this IServiceCollection services)
    {
        services.AddSingleton<PulseMail>();
        services.AddSingleton<IPulseMail>(sp => sp.GetRequiredService<PulseMail>());
        services.AddSingleton<PulseWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PulseWorker>());
        return services;
    }
}
