namespace Masten.Core.Messaging;

/// <summary>What an e-mail is about; the recipient's unsubscribe choice applies to the kinds they did not ask for themselves.</summary>
public enum MessageKind
{
    Invitation,
    PasswordReset,
    EmailChange,
    Reminder,
    Digest,
    Pulse,
}

/// <summary>Where a message stands in the outbox.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (also while SMTP is not configured, or between retries).</summary>
    Pending,
    Sent,
    /// <summary>Given up after the last attempt, or refused for good by the mail server.</summary>
    Failed,
    /// <summary>Not sent because the recipient unsubscribed from this kind of message.</summary>
    Suppressed,
}

/// <summary>
/// One e-mail, written in the same transaction as its cause and sent later by the outbox worker. A worker claims
/// a row by setting <see cref="LockedBy"/> and a lease (<see cref="LockedUntil"/>); a lease that runs out while the
/// row is still unsent means a worker stopped mid-send, and whoever claims it next logs that it may be sent twice.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public MessageKind Kind { get; set; }
    public string ToAddress { get; set; } = "";
    /// <summary>The account the message is for, when there is one.</summary>
    public int? ToUserId { get; set; }
    /// <summary>Two-letter language of the texts: sv, en or da.</summary>
    public string Language { get; set; } = "sv";
    public string Subject { get; set; } = "";
    /// <summary>The plain-text part. Cleared once sent when <see cref="Sensitive"/>.</summary>
    public string TextBody { get; set; } = "";
    /// <summary>The HTML part. Cleared once sent when <see cref="Sensitive"/>.</summary>
    public string HtmlBody { get; set; } = "";
    /// <summary>The one-click unsubscribe address (also sent as the List-Unsubscribe header).</summary>
    public string? UnsubscribeUrl { get; set; }
    /// <summary>Unique per cause (e.g. <c>reminder:commitment-due:42:2026-06-30</c>): the same cause is never queued twice.</summary>
    public string? CauseKey { get; set; }
    /// <summary>Holds a secret link (a password reset, an invitation): its bodies are cleared once it is sent.</summary>
    public bool Sensitive { get; set; }
    public OutboxState State { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Not claimed before this time (back-off between attempts).</summary>
    public DateTime NextAttemptAt { get; set; }
    /// <summary>How many times a worker has claimed it.</summary>
    public int Attempts { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The delivery rules of the outbox: attempts, back-off and leases.</summary>
public static class Delivery
{
    /// <summary>Attempts before a message is marked failed.</summary>
    public const int MaxAttempts = 8;

    /// <summary>How long a claim holds before another worker may take the message over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt (1-based): 1, 2, 4, 8 … minutes, doubling,
    /// at most 6 hours. Eight attempts span about four hours.
    /// </summary>
    public static TimeSpan BackOff(int attempts)
    {
        var minutes = Math.Pow(2, Math.Clamp(attempts, 1, 30) - 1);
        return TimeSpan.FromMinutes(Math.Min(minutes, 360));
    }

    /// <summary>Whether a message of this kind is sent even to someone who unsubscribed: what they asked for themselves.</summary>
    public static bool IgnoresUnsubscribe(MessageKind kind) => kind is MessageKind.PasswordReset or MessageKind.EmailChange;
}

/// <summary>An address that asked for no more e-mail from Masten (kinds the person did not request themselves).</summary>
public class EmailSuppression
{
    public int Id { get; set; }
    /// <summary>Upper-case normalised address.</summary>
    public string NormalizedAddress { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
