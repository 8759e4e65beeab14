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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled ? Task.CompletedTask
        : BackgroundLoop.RunAsync(async ct => await SendBatchAsync(ct) > 0, TimeSpan.FromSeconds(Math.Max(0.05, options.Value.IntervalSeconds)), clock, log, stoppingToken);

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
        if (!await ConnectAsync(client, smtp, store, claimed, ct))
            return claimed.Count;
        var from = MailboxAddress.Parse(smtp.From!);
        foreach (var c in claimed)
        {
            if (!Delivery.IgnoresUnsubscribe(c.Message.Kind) && suppressed.Contains(OutboxStore.Normalize(c.Message.ToAddress)))
                await store.MarkSuppressedAsync(c.Message.Id, Name, ct);
            else if (await SendOneAsync(client, store, c.Message, from, ct) is { } broken)
            {
                // The connection broke: this message and the rest of the batch wait with back-off (their claims are released).
                foreach (var rest in claimed.SkipWhile(r => r.Message.Id != c.Message.Id))
                    await store.MarkFailedAsync(rest.Message.Id, Name, rest.Message.Attempts, broken, permanent: false, CancellationToken.None);
                return claimed.Count;
            }
        }
        await client.DisconnectAsync(quit: true, CancellationToken.None);
        return claimed.Count;
    }

    /// <summary>Connects and signs in to the mail server; when it cannot be reached, every claimed message waits with back-off and the answer is false.</summary>
    private async Task<bool> ConnectAsync(SmtpClient client, SmtpOptions smtp, OutboxStore store, List<ClaimedMessage> claimed, CancellationToken ct)
    {
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
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            settings.Failed(ex.Message);
            MailLog.Unreachable(log, ex, smtp.Host, smtp.EffectivePort, claimed.Count);
            foreach (var c in claimed)
                await store.MarkFailedAsync(c.Message.Id, Name, c.Message.Attempts, ex.Message, permanent: false, CancellationToken.None);
            return false;
        }
    }

    /// <summary>
    /// Sends one message and marks it sent, failed (a bad address, a refusal) or, when the server refuses it for good, failed
    /// at once. Null when the batch may go on; the error when the connection broke, so the rest of the batch waits.
    /// </summary>
    private async Task<string?> SendOneAsync(SmtpClient client, OutboxStore store, OutboxMessage message, MailboxAddress from, CancellationToken ct)
    {
        MimeMessage mime;
        try
        {
            mime = ToMime(message, from);
        }
        catch (ParseException ex)
        {
            MailLog.BadAddress(log, message.Id, ex.Message);
            await store.MarkFailedAsync(message.Id, Name, message.Attempts, ex.Message, permanent: true, CancellationToken.None);
            return null;
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
            return null;
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
        {
            settings.Failed(ex.Message);
            MailLog.SendFailed(log, ex, message.Id);
            return ex.Message;
        }
        // The server has it: from here to this mark a stop means a second sending (logged by the next claimant).
        if (!await store.MarkSentAsync(message.Id, Name, CancellationToken.None))
            MailLog.SentLate(log, message.Id);
        return null;
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
