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

/// <summary>When a commitment is reminded of (the cause keys are <see cref="NotificationRules.Key"/>).</summary>
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
}
