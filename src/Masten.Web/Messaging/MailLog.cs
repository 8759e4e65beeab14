using Masten.Core.Messaging;

namespace Masten.Web.Messaging;

/// <summary>What e-mail writes to the log.</summary>
internal static partial class MailLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Smtp:Host is not set: e-mail is kept in the outbox (/admin/outbox) and not sent.")]
    public static partial void NotConfigured(ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Smtp settings are wrong, so e-mail waits in the outbox: {Problems}")]
    public static partial void Misconfigured(ILogger log, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail goes to {Host}:{Port} ({Security}).")]
    public static partial void Configured(ILogger log, string? host, int port, SmtpSecurity security);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Masten:PublicUrl is not set, so links in e-mail are relative and will not open from a mail program.")]
    public static partial void RelativeLinks(ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker failed; it tries again in {Interval}.")]
    public static partial void WorkerFailed(ILogger log, Exception ex, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) was claimed by {Previous}, which stopped before marking it sent; if the mail server had accepted it then, it is sent twice now.")]
    public static partial void MaybeTwice(ILogger log, long messageId, MessageKind kind, string? previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot reach the mail server {Host}:{Port}; {Count} messages wait in the outbox.")]
    public static partial void Unreachable(ILogger log, Exception ex, string? host, int port, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused outbox message {MessageId} to {To}: {Error} ({Outcome}).")]
    public static partial void Refused(ILogger log, long messageId, string to, string error, OutboxState outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending outbox message {MessageId} failed; the rest of the batch waits.")]
    public static partial void SendFailed(ILogger log, Exception ex, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was sent after its claim ran out; another instance may send it too.")]
    public static partial void SentLate(ILogger log, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} has an address that cannot be sent to: {Error}.")]
    public static partial void BadAddress(ILogger log, long messageId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance stored some of these {People} people's reminders first; this batch adds none and is retried person by person.")]
    public static partial void RemindersTaken(ILogger log, int people);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder pass: {People} people due, {Items} items found, {Stored} digests stored in {Milliseconds} ms.")]
    public static partial void ReminderPass(ILogger log, int people, int items, int stored, long milliseconds);
}
