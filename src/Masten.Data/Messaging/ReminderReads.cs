using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Messaging;

/// <summary>One reminder to one person about one commitment.</summary>
public sealed record CommitmentReminderRow(CommitmentReminder Reminder, int CommitmentId, string Text, DateOnly DueDate, string ActorName, string MissionTitle, int UserId, string Email);

/// <summary>
/// The reminders due today, found in SQL in one query per kind: open commitments joined with the representatives of
/// their actor (in the mission or its programme), leaving out every person already reminded of that cause (the
/// outbox's unique cause key). The context must see every mission (<see cref="MastenDbContext.SeeAllMissions"/>).
/// </summary>
public static class ReminderReads
{
    public static async Task<List<CommitmentReminderRow>> CommitmentsAsync(MastenDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var soon = today.AddDays(ReminderRules.CommitmentWindowDays);
        var open = ReminderRules.OpenCommitment.ToList();
        var rows = await (from c in db.Commitments.AsNoTracking()
                          where c.DueDate != null && c.DueDate <= soon && open.Contains(c.Status)
                          join m in db.Missions on c.MissionId equals m.Id
                          join a in db.Actors on c.ActorId equals a.Id
                          from r in db.RoleAssignments
                          where r.Role == AccessRole.ActorRepresentative && r.ActorId == c.ActorId && (r.MissionId == c.MissionId || r.ProgrammeId == m.ProgrammeId)
                          join u in db.Users on r.UserId equals u.Id
                          where u.Email != null && u.DisabledAt == null
                          let overdue = c.DueDate < today
                          let key = (overdue ? "commitment-overdue:" : "commitment-soon:") + c.Id.ToString() + ":" + u.Id.ToString()
                          where !db.OutboxMessages.Any(o => o.CauseKey == key)
                          select new { overdue, c.Id, c.Text, c.DueDate, ActorName = a.Name, m.Title, UserId = u.Id, u.Email })
            .Distinct().ToListAsync(ct);
        return [.. rows.Select(r => new CommitmentReminderRow(r.overdue ? CommitmentReminder.Overdue : CommitmentReminder.DueSoon, r.Id, r.Text, r.DueDate!.Value, r.ActorName, r.Title, r.UserId, r.Email!))];
    }
}
