using Masten.Core.Actors;

namespace Masten.Core.Messaging;

/// <summary>Why a commitment reminder is due.</summary>
public enum CommitmentReminder
{
    /// <summary>Due within <see cref="ReminderRules.CommitmentWindowDays"/> days.</summary>
    DueSoon,
    /// <summary>Past its due date and still open.</summary>
    Overdue,
}

/// <summary>When reminders are due, and the key that makes each cause remind a person once.</summary>
public static class ReminderRules
{
    /// <summary>A commitment is reminded of this many days before its due date.</summary>
    public const int CommitmentWindowDays = 30;

    /// <summary>The statuses of a commitment still to be delivered: proposed, signed, in progress.</summary>
    public static readonly IReadOnlyList<CommitmentStatus> OpenCommitment = [CommitmentStatus.Proposed, CommitmentStatus.Signed, CommitmentStatus.InProgress];

    /// <summary>
    /// Whether an open commitment due on <paramref name="due"/> needs a reminder on <paramref name="today"/>: overdue
    /// once the date has passed, due soon from <see cref="CommitmentWindowDays"/> days before it (both days included).
    /// </summary>
    public static CommitmentReminder? Commitment(DateOnly? due, CommitmentStatus status, DateOnly today)
    {
        if (due is not { } date || !OpenCommitment.Contains(status))
            return null;
        if (date < today)
            return CommitmentReminder.Overdue;
        return date <= today.AddDays(CommitmentWindowDays) ? CommitmentReminder.DueSoon : null;
    }

    /// <summary>
    /// The cause key of a commitment reminder to one person: <c>commitment-soon:{commitment}:{user}</c> or
    /// <c>commitment-overdue:{commitment}:{user}</c>. Each is sent once (a unique key in the outbox), so a person gets
    /// at most one "due soon" and one "overdue" reminder per commitment, however often reminders are computed and on
    /// however many instances.
    /// </summary>
    public static string CommitmentKey(CommitmentReminder reminder, int commitmentId, int userId) =>
        FormattableString.Invariant($"{CommitmentPrefix(reminder)}{commitmentId}:{userId}");

    public static string CommitmentPrefix(CommitmentReminder reminder) => reminder == CommitmentReminder.Overdue ? "commitment-overdue:" : "commitment-soon:";
}
