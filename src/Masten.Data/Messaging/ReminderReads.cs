using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Messaging;

/// <summary>One thing due or late for one person: what a <see cref="Notification"/> is made of.</summary>
public sealed record ReminderItem(int UserId, NotificationKind Kind, string CauseKey, int? MissionId, string Context, string Subject,
    string? ActorName, DateOnly? Date, string Link);

/// <summary>
/// What is due or late today and for whom, for every person at once: one query per kind of reminder, and two for
/// the people responsible, whatever the number of people or missions (so a digest pass is a handful of statements
/// at national scale too). The rules are those of "Mina uppgifter" (<see cref="TaskRules"/>, read there by
/// <see cref="Tasks.TaskReads"/> for one person), so a reminder never disagrees with that page. Each item goes to
/// whoever is responsible: the representatives of the actor (in the mission, or for the whole programme); when an
/// actor has none with an address, the mission's programme office (owners of the mission or its programme). The
/// context must see every mission (<see cref="MastenDbContext.SeeAllMissions"/>); closed missions remind of nothing.
/// </summary>
public static class ReminderReads
{
    /// <summary>An item before its recipients are known: the actor it concerns (null: the office only) and its mission.</summary>
    private sealed record Due(NotificationKind Kind, int Id, DateOnly? KeyDate, int MissionId, int? ActorId, string Subject, DateOnly? Date, string Link,
        IReadOnlyList<int>? ExtraActorIds = null, string? SentBy = null, int? ProgrammeId = null);

    /// <summary>What is due today, by cause, with who is told of each (<see cref="DueReminders.For"/> makes one person's items).</summary>
    public static async Task<DueReminders> DueAsync(MastenDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var due = new List<Due>();
        due.AddRange(await CommitmentsAsync(db, today, ct));
        due.AddRange(await ReportsAsync(db, today, ct));
        due.AddRange(await CheckInsAsync(db, today, ct));
        due.AddRange(await SignaturesAsync(db, today, ct));
        due.AddRange(await ReviewsAsync(db, today, ct));
        due.AddRange(await InvitationsAsync(db, ct));
        if (due.Count == 0)
            return DueReminders.None;
        return await ToRecipientsAsync(db, due, ct);
    }

    private static IQueryable<Mission> OpenMissions(MastenDbContext db) => db.Missions.AsNoTracking().Where(m => m.Status != MissionStatus.Closed);

    private static async Task<List<Due>> CommitmentsAsync(MastenDbContext db, DateOnly today, CancellationToken ct)
    {
        var soon = today.AddDays(ReminderRules.CommitmentWindowDays);
        var open = ReminderRules.OpenCommitment.ToList();
        var rows = await (from c in db.Commitments.AsNoTracking()
                          where c.DueDate != null && c.DueDate <= soon && open.Contains(c.Status)
                          join m in OpenMissions(db) on c.MissionId equals m.Id
                          select new { c.Id, c.MissionId, c.ActorId, c.Text, c.DueDate, c.Status }).ToListAsync(ct);
        return [.. rows.Select(r => (Row: r, Reminder: ReminderRules.Commitment(r.DueDate, r.Status, today))).Where(x => x.Reminder is not null).Select(x =>
        {
            var kind = x.Reminder == CommitmentReminder.Overdue ? NotificationKind.CommitmentOverdue : NotificationKind.CommitmentDueSoon;
            return new Due(kind, x.Row.Id, null, x.Row.MissionId, x.Row.ActorId, x.Row.Text, x.Row.DueDate, $"/commitments/{x.Row.Id}/edit");
        })];
    }

    private static async Task<List<Due>> ReportsAsync(MastenDbContext db, DateOnly today, CancellationToken ct)
    {
        // Due within the window: the last value (or the baseline) lies an interval before the window's end.
        var horizon = today.AddDays(NotificationRules.ReportWindowDays);
        var monthly = TaskRules.ReportingCutoff(ReportingFrequency.Monthly, horizon);
        var quarterly = TaskRules.ReportingCutoff(ReportingFrequency.Quarterly, horizon);
        var yearly = TaskRules.ReportingCutoff(ReportingFrequency.Yearly, horizon);
        var rows = await (from i in db.Indicators.AsNoTracking()
                          where i.ReportingActorId != null
                          join g in db.Goals on i.GoalId equals g.Id
                          join m in OpenMissions(db) on g.MissionId equals m.Id
                          let last = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent).Max(o => (DateOnly?)o.Date)
                          where (last ?? i.BaselineDate) <= (i.Frequency == ReportingFrequency.Monthly ? monthly : i.Frequency == ReportingFrequency.Quarterly ? quarterly : yearly)
                          select new { i.Id, MissionId = m.Id, ActorId = i.ReportingActorId!.Value, i.Name, i.Frequency, Last = last, i.BaselineDate })
            .ToListAsync(ct);
        var result = new List<Due>();
        foreach (var r in rows)
        {
            var dueOn = TaskRules.ReportingDueOn(r.Frequency, r.Last, r.BaselineDate);
            if (NotificationRules.Report(dueOn, today) is { } kind)
                result.Add(new Due(kind, r.Id, dueOn, r.MissionId, r.ActorId, r.Name, dueOn, TaskLinks.Report(r.Id)));
        }
        return result;
    }

    private static async Task<List<Due>> CheckInsAsync(MastenDbContext db, DateOnly today, CancellationToken ct)
    {
        // Missions differ in their stale-after days: one query per distinct value (a few), each with its own cut-off.
        var staleDays = await OpenMissions(db).Select(m => m.StaleAfterDays).Distinct().ToListAsync(ct);
        var result = new List<Due>();
        foreach (var days in staleDays)
        {
            var cutoff = TaskRules.CheckInCutoff(days, today);
            var cutoffTime = cutoff.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var rows = await (from i in db.Initiatives.AsNoTracking()
                              where i.Stage == InitiativeStage.Exploring || i.Stage == InitiativeStage.Testing || i.Stage == InitiativeStage.Scaling
                              join m in OpenMissions(db) on i.MissionId equals m.Id
                              where m.StaleAfterDays == days
                              let last = db.CheckIns.Where(c => c.InitiativeId == i.Id).Max(c => (DateOnly?)c.Date)
                              where last == null ? i.CreatedAt < cutoffTime : last < cutoff
                              select new { i.Id, i.MissionId, i.LeadActorId, i.Title, Last = last, i.CreatedAt }).ToListAsync(ct);
            result.AddRange(rows.Select(r =>
            {
                var since = r.Last ?? DateOnly.FromDateTime(r.CreatedAt);
                return new Due(NotificationKind.CheckInDue, r.Id, since, r.MissionId, r.LeadActorId, r.Title, r.Last, TaskLinks.CheckIn(r.Id));
            }));
        }
        return result;
    }

    private static async Task<List<Due>> SignaturesAsync(MastenDbContext db, DateOnly today, CancellationToken ct)
    {
        // TaskRules.NeedsSignature, in each mission's open (latest) round (TaskRules.OpenRoundId) while it takes
        // signatures (TaskRules.IsRoundOpen); NotificationRules.Signature tells whether it closes soon.
        var rows = await (from c in db.Commitments.AsNoTracking()
                          where c.SignedOn == null && (c.Status == Core.Actors.CommitmentStatus.Proposed || c.Status == Core.Actors.CommitmentStatus.InProgress)
                          join m in OpenMissions(db) on c.MissionId equals m.Id
                          join r in db.SigningRounds on c.RoundId equals r.Id
                          where r.ClosesOn == null || r.ClosesOn >= today
                          where c.RoundId == db.SigningRounds.Where(x => x.MissionId == c.MissionId).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).Select(x => x.Id).FirstOrDefault()
                          select new { c.Id, c.MissionId, c.ActorId, c.Text, r.ClosesOn }).ToListAsync(ct);
        return [.. rows.Select(r => (Row: r, Kind: NotificationRules.Signature(r.ClosesOn, today))).Where(x => x.Kind is not null)
            .Select(x => new Due(x.Kind!.Value, x.Row.Id, x.Row.ClosesOn, x.Row.MissionId, x.Row.ActorId, x.Row.Text, x.Row.ClosesOn, TaskLinks.Sign(x.Row.Id)))];
    }

    private static async Task<List<Due>> ReviewsAsync(MastenDbContext db, DateOnly today, CancellationToken ct)
    {
        var until = today.AddDays(NotificationRules.ReviewWindowDays);
        var rows = await (from r in db.Reviews.AsNoTracking()
                          where r.Date >= today && r.Date <= until
                          join m in OpenMissions(db) on r.MissionId equals m.Id
                          select new { r.Id, r.MissionId, r.Date, r.ParticipantActorIds, r.Kind }).ToListAsync(ct);
        // The office runs a review, so it is always told; the participating actors' representatives too.
        return [.. rows.Select(r => new Due(NotificationKind.ReviewComing, r.Id, r.Date, r.MissionId, null, r.Kind.ToString(), r.Date, $"/reviews/{r.Id}", r.ParticipantActorIds))];
    }

    private static async Task<List<Due>> InvitationsAsync(MastenDbContext db, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var sentBefore = now.AddDays(-NotificationRules.InvitationUnusedDays);
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => !i.SystemAdmin && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now && i.CreatedAt <= sentBefore)
            .Select(i => new { i.Id, i.MissionId, i.ProgrammeId, i.Email, i.CreatedBy, i.CreatedAt }).ToListAsync(ct);
        return [.. rows.Select(i => new Due(NotificationKind.InvitationUnused, i.Id, null, i.MissionId ?? 0, null, i.Email ?? "", DateOnly.FromDateTime(i.CreatedAt),
            i.MissionId is { } mission ? $"/missions/{mission}/members" : $"/programmes/{i.ProgrammeId}/members", SentBy: i.CreatedBy, ProgrammeId: i.ProgrammeId))];
    }

    /// <summary>Who is told of each item, in two queries: the representatives of the actors concerned, and the offices of the missions concerned.</summary>
    private static async Task<DueReminders> ToRecipientsAsync(MastenDbContext db, List<Due> due, CancellationToken ct)
    {
        var missionIds = due.Where(d => d.MissionId != 0).Select(d => d.MissionId).Distinct().ToList();
        var missions = await db.Missions.AsNoTracking().Where(m => missionIds.Contains(m.Id))
            .Select(m => new { m.Id, m.ProgrammeId, m.Title }).ToDictionaryAsync(m => m.Id, ct);
        var programmeIds = missions.Values.Select(m => m.ProgrammeId).Concat(due.Where(d => d.ProgrammeId != null).Select(d => d.ProgrammeId!.Value)).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var actorIds = due.Where(d => d.ActorId != null).Select(d => d.ActorId!.Value).Concat(due.SelectMany(d => d.ExtraActorIds ?? [])).Distinct().ToList();
        var actorNames = await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        // Everyone who may be told: representatives of these actors, and owners (programme office) anywhere, with an address in use.
        var grants = await (from r in db.RoleAssignments.AsNoTracking()
                            where r.Role == AccessRole.Owner || (r.Role == AccessRole.ActorRepresentative && r.ActorId != null && actorIds.Contains(r.ActorId.Value))
                            join u in db.Users on r.UserId equals u.Id
                            where u.Email != null && u.DisabledAt == null
                            select new { r.Role, r.ActorId, r.MissionId, r.ProgrammeId, r.UserId, u.Email }).ToListAsync(ct);
        var representatives = grants.Where(g => g.Role == AccessRole.ActorRepresentative).ToLookup(g => g.ActorId!.Value);
        var owners = grants.Where(g => g.Role == AccessRole.Owner).ToList();
        var byMissionOwner = owners.Where(o => o.MissionId != null).ToLookup(o => o.MissionId!.Value);
        var byProgrammeOwner = owners.Where(o => o.ProgrammeId != null).ToLookup(o => o.ProgrammeId!.Value);
        var byEmail = grants.GroupBy(g => g.Email!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().UserId);
        var senders = due.Where(d => d.SentBy is not null).Select(d => SenderAddress(d.SentBy!).ToUpperInvariant()).Distinct().ToList();
        foreach (var s in await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && senders.Contains(u.NormalizedEmail) && u.DisabledAt == null)
                     .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct))
            byEmail[s.NormalizedEmail!] = s.Id;

        IEnumerable<int> Office(int missionId, int? programmeId)
        {
            var programme = programmeId ?? (missions.TryGetValue(missionId, out var m) ? m.ProgrammeId : 0);
            return byMissionOwner[missionId].Concat(byProgrammeOwner[programme]).Select(o => o.UserId);
        }
        IEnumerable<int> RepresentativesOf(int actorId, int missionId)
        {
            var programme = missions.TryGetValue(missionId, out var m) ? m.ProgrammeId : -1;
            return representatives[actorId].Where(r => r.MissionId == missionId || r.ProgrammeId == programme).Select(r => r.UserId);
        }

        var result = new DueReminders();
        foreach (var d in due)
        {
            IEnumerable<int> to;
            if (d.Kind == NotificationKind.InvitationUnused)
                to = d.SentBy is { } by && byEmail.TryGetValue(SenderAddress(by).ToUpperInvariant(), out var sender) ? [sender] : Office(d.MissionId, d.ProgrammeId);
            else if (d.Kind == NotificationKind.ReviewComing)
                to = Office(d.MissionId, null).Concat((d.ExtraActorIds ?? []).SelectMany(a => RepresentativesOf(a, d.MissionId)));
            else
            {
                var reps = RepresentativesOf(d.ActorId!.Value, d.MissionId).ToList();
                to = reps.Count > 0 ? reps : Office(d.MissionId, null);
            }
            var context = missions.TryGetValue(d.MissionId, out var mission) ? mission.Title
                : d.ProgrammeId is { } p && programmes.TryGetValue(p, out var name) ? name : "Masten";
            var actor = d.ActorId is { } a && actorNames.TryGetValue(a, out var actorName) ? actorName : null;
            var key = NotificationRules.Key(d.Kind, d.Id, d.KeyDate);
            var subject = d.Subject.Length > 480 ? d.Subject[..480] + "…" : d.Subject;
            result.Add(new DueReminders.Cause(d.Kind, key, d.MissionId == 0 ? null : d.MissionId, context, subject, actor, d.Date, d.Link), to.Distinct());
        }
        return result;
    }

    /// <summary>The address in an author name such as <c>anna@example.se (token: ci)</c>.</summary>
    private static string SenderAddress(string author)
    {
        var cut = author.IndexOf(" (", StringComparison.Ordinal);
        return cut < 0 ? author.Trim() : author[..cut].Trim();
    }
}

/// <summary>
/// What is due today: each cause once, and for each person the causes they are told of. A digest pass makes the
/// <see cref="ReminderItem"/>s of one batch of people at a time (<see cref="For"/>), so at national scale it holds the
/// causes and one index per person rather than every person's items at once.
/// </summary>
public sealed class DueReminders
{
    /// <summary>One thing due, before it is addressed to a person.</summary>
    internal sealed record Cause(NotificationKind Kind, string CauseKey, int? MissionId, string Context, string Subject, string? ActorName, DateOnly? Date, string Link);

    internal static DueReminders None { get; } = new();

    private readonly List<Cause> causes = [];
    private readonly Dictionary<int, List<int>> byUser = [];

    /// <summary>How many items there are, over everyone.</summary>
    public int Count { get; private set; }

    internal void Add(Cause cause, IEnumerable<int> userIds)
    {
        var index = causes.Count;
        causes.Add(cause);
        foreach (var userId in userIds)
        {
            if (!byUser.TryGetValue(userId, out var list))
                byUser[userId] = list = [];
            list.Add(index);
            Count++;
        }
    }

    /// <summary>One person's items, in the order their causes were found.</summary>
    public List<ReminderItem> For(int userId) => byUser.TryGetValue(userId, out var list)
        ? [.. list.Select(i => causes[i]).Select(c => new ReminderItem(userId, c.Kind, c.CauseKey, c.MissionId, c.Context, c.Subject, c.ActorName, c.Date, c.Link))]
        : [];
}
