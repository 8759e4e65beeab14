using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masten.Web.Messaging;

/// <summary>The outbox worker's settings: <c>Messaging:Worker:*</c>.</summary>
public sealed class OutboxWorkerOptions
{
    /// <summary>Whether this instance sends mail (and, later, runs reminders). The test hosts turn it off.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Seconds between looks at the outbox when it was empty.</summary>
    public double IntervalSeconds { get; set; } = 15;
    /// <summary>Messages claimed at once.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>How long a claim holds before another instance may take the message over (default 300).</summary>
    public double LeaseSeconds { get; set; } = Delivery.Lease.TotalSeconds;
    /// <summary>Minutes between passes of the reminders (default 15).</summary>
    public double ReminderMinutes { get; set; } = 15;
}

/// <summary>
/// Sends the outbox: claims a batch (<see cref="OutboxStore.ClaimAsync"/>), sends each message over one SMTP
/// connection and marks it sent straight after the server accepted it. Failures wait with back-off
/// (<see cref="Delivery.BackOff"/>); a server's permanent refusal (5xx) fails the message at once. If the process
/// stops between the server's answer and that mark, the claim runs out and the message is sent again; whoever
/// claims it then logs that warning. With SMTP off or misconfigured nothing is claimed and messages wait.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, MailSettings settings, IOptions<OutboxWorkerOptions> options, ILogger<OutboxWorker> log, TimeProvider clock) : BackgroundService
{
    /// <summary>This worker's name on the rows it claims: machine, process and a random part (two hosts in one process differ).</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.IntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await SendBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure (a database that is away for a moment).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MailLog.WorkerFailed(log, ex, interval);
            }
            if (handled == 0)
            {
                try
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch; returns how many messages it settled (0 when there was nothing to do or mail is off).</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        var (state, smtp, _) = settings.Current();
        if (state != MailState.Configured || smtp is null)
            return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        db.Author = "outbox";
        var store = new OutboxStore(db);
        var claimed = await store.ClaimAsync(Name, Math.Max(1, options.Value.BatchSize), TimeSpan.FromSeconds(options.Value.LeaseSeconds), ct);
        if (claimed.Count == 0)
            return 0;
        foreach (var c in claimed.Where(c => c.PreviousClaimant is not null))
            MailLog.MaybeTwice(log, c.Message.Id, c.Message.Kind, c.PreviousClaimant);
        var suppressed = await store.SuppressedAsync(claimed.Select(c => c.Message.ToAddress), ct);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host!.Trim(), smtp.EffectivePort, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            settings.Reached();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            settings.Failed(ex.Message);
            MailLog.Unreachable(log, ex, smtp.Host, smtp.EffectivePort, claimed.Count);
            foreach (var c in claimed)
                await store.MarkFailedAsync(c.Message.Id, Name, c.Message.Attempts, ex.Message, permanent: false, CancellationToken.None);
            return claimed.Count;
        }
        var from = MailboxAddress.Parse(smtp.From!);
        foreach (var c in claimed)
        {
            var message = c.Message;
            if (!Delivery.IgnoresUnsubscribe(message.Kind) && suppressed.Contains(OutboxStore.Normalize(message.ToAddress)))
            {
                await store.MarkSuppressedAsync(message.Id, Name, ct);
                continue;
            }
            MimeMessage mime;
            try
            {
                mime = ToMime(message, from);
            }
            catch (ParseException ex)
            {
                MailLog.BadAddress(log, message.Id, ex.Message);
                await store.MarkFailedAsync(message.Id, Name, message.Attempts, ex.Message, permanent: true, CancellationToken.None);
                continue;
            }
            try
            {
                await client.SendAsync(mime, ct);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                var permanent = (int)ex.StatusCode >= 500;
                var outcome = await store.MarkFailedAsync(message.Id, Name, message.Attempts, ex.Message, permanent, CancellationToken.None);
                MailLog.Refused(log, message.Id, message.ToAddress, ex.Message, outcome);
                continue;
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
            {
                // The connection broke: this message and the rest of the batch wait with back-off (their claims are released).
                settings.Failed(ex.Message);
                MailLog.SendFailed(log, ex, message.Id);
                foreach (var rest in claimed.SkipWhile(r => r.Message.Id != message.Id))
                    await store.MarkFailedAsync(rest.Message.Id, Name, rest.Message.Attempts, ex.Message, permanent: false, CancellationToken.None);
                return claimed.Count;
            }
            // The server has it: from here to this mark a stop means a second sending (logged by the next claimant).
            if (!await store.MarkSentAsync(message.Id, Name, CancellationToken.None))
                MailLog.SentLate(log, message.Id);
        }
        await client.DisconnectAsync(quit: true, CancellationToken.None);
        return claimed.Count;
    }

    /// <summary>The message as MIME: plain text and HTML alternatives, the one-click unsubscribe headers, and a Message-Id made of the outbox row.</summary>
    public static MimeMessage ToMime(OutboxMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Subject = message.Subject;
        var domain = from.Address[(from.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        // The same id on every attempt, so a receiving server (and the tests) can recognise a second sending.
        mime.MessageId = $"outbox-{message.Id}@{domain}";
        mime.Headers.Add("Content-Language", message.Language);
        if (message.UnsubscribeUrl is { } unsubscribe && Uri.TryCreate(unsubscribe, UriKind.Absolute, out _))
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}/one-click>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
