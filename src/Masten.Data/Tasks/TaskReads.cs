using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Tasks;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tasks;

/// <summary>
/// A commitment of the person's actor waiting for a signature in its mission's open round, which takes signatures until
/// <see cref="RoundClosesOn"/> (that day included; null: until the next round opens).
/// </summary>
public sealed record SignTask(int CommitmentId, int MissionId, string MissionTitle, int ActorId, string ActorName, string RoundName,
    string Text, string Tier, DateOnly? DueDate, string Link, DateOnly? RoundClosesOn);

/// <summary>An initiative the person's actor leads, due for a check-in: none since <see cref="LastCheckIn"/> (null: never).</summary>
public sealed record CheckInTask(int InitiativeId, int MissionId, string MissionTitle, int ActorId, string ActorName, string Title,
    InitiativeStage Stage, DateOnly? LastCheckIn, int StaleAfterDays, string Link);

/// <summary>An indicator the person's actor reports whose next value was due on <see cref="DueOn"/>.</summary>
public sealed record ReportTask(int IndicatorId, int MissionId, string MissionTitle, int ActorId, string ActorName, string Name, string Unit,
    ReportingFrequency Frequency, DateOnly? LastDate, DateOnly DueOn, string Link);

/// <summary>An invitation addressed to the person's e-mail, still open; its link is in the message it came with (only a hash of it is stored).</summary>
public sealed record InvitationTask(int InvitationId, int? MissionId, string? MissionTitle, int? ProgrammeId, string? ProgrammeName,
    AccessRole? Role, string? ActorName, DateTime ExpiresAt);

/// <summary>
/// A person's tasks ("Mina uppgifter"): each section is one page of its list (the section asked for is paged, the
/// others hold their first page), with how many there are in all.
/// </summary>
public sealed record MyTasks(Page<SignTask> Sign, Page<CheckInTask> CheckIn, Page<ReportTask> Report, Page<InvitationTask> Invitations,
    IReadOnlyList<RepresentedActor> Represents, DateOnly Today)
{
    public int Total => Sign.TotalCount + CheckIn.TotalCount + Report.TotalCount + Invitations.TotalCount;
}

/// <summary>An actor the person represents, in one mission.</summary>
public sealed record RepresentedActor(int ActorId, string ActorName, int MissionId, string MissionTitle);

/// <summary>
/// What an actor's representative is expected to do, computed in SQL: the page "Mina uppgifter", <c>GET
/// /api/v1/me/tasks</c>, and reminders all read it here.
/// </summary>
public static class TaskReads
{
    /// <summary>Items per section when a section is not paged on its own.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>
    /// The tasks of the account <paramref name="userId"/> on <paramref name="today"/>, by the rules of <see cref="TaskRules"/>:
    /// <list type="bullet">
    /// <item><b>Sign</b>: commitments of an actor the person represents, in a mission where they represent it, in that
    /// mission's open (latest) round while it takes signatures (not past its closing date, <see cref="TaskRules.IsRoundOpen"/>),
    /// neither signed nor closed. Ordered by the round's closing date, then the due date (none last).</item>
    /// <item><b>CheckIn</b>: active initiatives such an actor leads, with no check-in (or, without one, no creation) for
    /// longer than the mission's stale-after days. The longest silent first.</item>
    /// <item><b>Report</b>: indicators such an actor reports (<c>ReportingActorId</c>) whose next value is due by their
    /// reporting frequency, counted from the latest current value (or the baseline date). The longest due first.</item>
    /// <item><b>Invitations</b>: invitations addressed to the account's e-mail, not accepted, withdrawn or expired.</item>
    /// </list>
    /// Representation comes from the account's actor-representative roles, per mission or for every mission of a
    /// programme; closed missions ask for nothing. Each list is counted and paged in SQL: <paramref name="only"/>
    /// picks the section that <paramref name="page"/> and <paramref name="pageSize"/> apply to; the others hold their
    /// first <see cref="DefaultPageSize"/> items. The context's mission visibility applies: a web request passes the
    /// person's own context; background work (reminders) calls <see cref="MastenDbContext.SeeAllMissions"/> first.
    /// An unknown account has no tasks.
    /// </summary>
    public static async Task<MyTasks> TasksForAsync(this MastenDbContext db, int userId, DateOnly today, CancellationToken ct,
        TaskKind? only = null, int page = 1, int pageSize = DefaultPageSize)
    {
        int PageOf(TaskKind kind) => only == kind ? page : 1;
        int SizeOf(TaskKind kind) => only == kind ? pageSize : DefaultPageSize;

        var represents = await RepresentedAsync(db, userId, ct);
        var actorIds = represents.Select(r => r.ActorId).Distinct().ToList();
        var missionIds = represents.Select(r => r.MissionId).Distinct().ToList();
        // One actor in several missions, or several actors: a row must match one (actor, mission) pair the person holds.
        var keys = represents.Select(r => Key(r.ActorId, r.MissionId)).ToList();
        var exact = actorIds.Count > 1;

        var invitations = await InvitationQuery(db, userId).ToPageAsync(PageOf(TaskKind.Invitation), SizeOf(TaskKind.Invitation), ct);
        if (represents.Count == 0)
            return new MyTasks(Empty<SignTask>(PageOf(TaskKind.Sign), SizeOf(TaskKind.Sign)), Empty<CheckInTask>(PageOf(TaskKind.CheckIn), SizeOf(TaskKind.CheckIn)),
                Empty<ReportTask>(PageOf(TaskKind.Report), SizeOf(TaskKind.Report)), invitations, represents, today);
        var sign = await SignQuery(db, actorIds, missionIds, keys, exact, today).ToPageAsync(PageOf(TaskKind.Sign), SizeOf(TaskKind.Sign), ct);
        var staleDays = await db.Missions.AsNoTracking().Where(m => missionIds.Contains(m.Id)).Select(m => new MissionStaleDays(m.Id, m.StaleAfterDays)).ToListAsync(ct);
        var checkIn = await CheckInQuery(db, actorIds, staleDays, keys, exact, today).ToPageAsync(PageOf(TaskKind.CheckIn), SizeOf(TaskKind.CheckIn), ct);
        var report = await ReportQuery(db, actorIds, missionIds, keys, exact, today).ToPageAsync(PageOf(TaskKind.Report), SizeOf(TaskKind.Report), ct);
        var reportItems = report.Items.Select(r => r with
        {
            DueOn = TaskRules.ReportingDueOn(r.Frequency, r.LastDate, r.DueOn),
            Link = TaskLinks.Report(r.IndicatorId),
        }).ToList();
        return new MyTasks(
            sign with { Items = sign.Items.Select(s => s with { Link = TaskLinks.Sign(s.CommitmentId) }).ToList() },
            checkIn with { Items = checkIn.Items.Select(c => c with { Link = TaskLinks.CheckIn(c.InitiativeId) }).ToList() },
            report with { Items = reportItems },
            invitations, represents, today);
    }

    /// <summary>The (actor, mission) pairs the account represents: mission roles, and programme roles for each mission of the programme that is not closed.</summary>
    public static async Task<IReadOnlyList<RepresentedActor>> RepresentedAsync(MastenDbContext db, int userId, CancellationToken ct)
    {
        var grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && r.Role == AccessRole.ActorRepresentative && r.ActorId != null)
            .Select(r => new { ActorId = r.ActorId!.Value, r.MissionId, r.ProgrammeId }).ToListAsync(ct);
        if (grants.Count == 0)
            return [];
        var missionIds = grants.Where(g => g.MissionId is not null).Select(g => g.MissionId!.Value).Distinct().ToList();
        var programmeIds = grants.Where(g => g.ProgrammeId is not null).Select(g => g.ProgrammeId!.Value).Distinct().ToList();
        var missions = await db.Missions.AsNoTracking()
            .Where(m => m.Status != MissionStatus.Closed && (missionIds.Contains(m.Id) || programmeIds.Contains(m.ProgrammeId)))
            .Select(m => new { m.Id, m.ProgrammeId, m.Title }).ToListAsync(ct);
        var actorIds = grants.Select(g => g.ActorId).Distinct().ToList();
        var names = await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return grants
            .SelectMany(g => missions.Where(m => m.Id == g.MissionId || m.ProgrammeId == g.ProgrammeId).Select(m => (g.ActorId, Mission: m)))
            .DistinctBy(p => (p.ActorId, p.Mission.Id))
            .Select(p => new RepresentedActor(p.ActorId, names.GetValueOrDefault(p.ActorId, ""), p.Mission.Id, p.Mission.Title))
            .OrderBy(p => p.MissionTitle, StringComparer.CurrentCulture).ThenBy(p => p.ActorName, StringComparer.CurrentCulture)
            .ToList();
    }

    private static Page<T> Empty<T>(int page, int pageSize)
    {
        var paging = Paging.For(page, pageSize, 0);
        return new Page<T>([], paging.PageNumber, paging.PageSize, 0);
    }

    private const long KeyBase = 1L << 32;

    private static long Key(int actorId, int missionId) => actorId * KeyBase + missionId;

    private static IQueryable<SignTask> SignQuery(MastenDbContext db, List<int> actorIds, List<int> missionIds, List<long> keys, bool exact, DateOnly today) =>
        db.Commitments.AsNoTracking()
            .Where(c => actorIds.Contains(c.ActorId) && missionIds.Contains(c.MissionId))
            .Where(c => !exact || keys.Contains(c.ActorId * KeyBase + c.MissionId))
            // TaskRules.NeedsSignature, in the open round (TaskRules.OpenRoundId) while it takes signatures (TaskRules.IsRoundOpen).
            .Where(c => c.SignedOn == null && (c.Status == CommitmentStatus.Proposed || c.Status == CommitmentStatus.InProgress))
            .Where(c => c.RoundId == db.SigningRounds.Where(r => r.MissionId == c.MissionId)
                .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => r.Id).FirstOrDefault())
            .Where(c => c.Round!.ClosesOn == null || c.Round.ClosesOn >= today)
            .OrderBy(c => c.Round!.ClosesOn == null).ThenBy(c => c.Round!.ClosesOn).ThenBy(c => c.DueDate == null).ThenBy(c => c.DueDate).ThenBy(c => c.Id)
            .Select(c => new SignTask(c.Id, c.MissionId, db.Missions.Where(m => m.Id == c.MissionId).Select(m => m.Title).FirstOrDefault() ?? "",
                c.ActorId, c.Actor!.Name, c.Round!.Name, c.Text, c.Tier, c.DueDate, "", c.Round.ClosesOn));

    private sealed record MissionStaleDays(int Id, int StaleAfterDays);

    /// <summary>A check-in task as SQL reads it: a member-initialised row, so the union of its parts can be ordered and paged in SQL.</summary>
    private sealed class CheckInRow
    {
        public int Id { get; init; }
        public int MissionId { get; init; }
        public int ActorId { get; init; }
        public string ActorName { get; init; } = "";
        public string Title { get; init; } = "";
        public InitiativeStage Stage { get; init; }
        public DateOnly? Last { get; init; }
        public int StaleAfterDays { get; init; }
    }

    private static IQueryable<CheckInTask> CheckInQuery(MastenDbContext db, List<int> actorIds, List<MissionStaleDays> staleDays, List<long> keys, bool exact, DateOnly today)
    {
        // Missions differ in their stale-after days: one query per distinct value, each with its own cut-off, in one UNION ALL.
        IQueryable<CheckInRow>? all = null;
        foreach (var group in staleDays.GroupBy(m => m.StaleAfterDays))
        {
            var ids = group.Select(m => m.Id).ToList();
            var days = group.Key;
            var cutoff = TaskRules.CheckInCutoff(days, today);
            var cutoffTime = cutoff.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var part = db.Initiatives.AsNoTracking()
                .Where(i => actorIds.Contains(i.LeadActorId) && ids.Contains(i.MissionId))
                .Where(i => !exact || keys.Contains(i.LeadActorId * KeyBase + i.MissionId))
                .Where(i => i.Stage == InitiativeStage.Exploring || i.Stage == InitiativeStage.Testing || i.Stage == InitiativeStage.Scaling)
                .Select(i => new { i.Id, i.MissionId, i.LeadActorId, ActorName = i.LeadActor!.Name, i.Title, i.Stage, i.CreatedAt, Last = db.CheckIns.Where(c => c.InitiativeId == i.Id).Max(c => (DateOnly?)c.Date) })
                .Where(x => x.Last == null ? x.CreatedAt < cutoffTime : x.Last < cutoff)
                .Select(x => new CheckInRow { Id = x.Id, MissionId = x.MissionId, ActorId = x.LeadActorId, ActorName = x.ActorName, Title = x.Title, Stage = x.Stage, Last = x.Last, StaleAfterDays = days });
            all = all is null ? part : all.Concat(part);
        }
        // Never empty: TasksForAsync asks only for someone who represents an actor in a mission.
        return all!
            .OrderBy(r => r.Last != null).ThenBy(r => r.Last).ThenBy(r => r.Id)
            .Select(r => new CheckInTask(r.Id, r.MissionId, db.Missions.Where(m => m.Id == r.MissionId).Select(m => m.Title).FirstOrDefault() ?? "",
                r.ActorId, r.ActorName, r.Title, r.Stage, r.Last, r.StaleAfterDays, ""));
    }

    private static IQueryable<ReportTask> ReportQuery(MastenDbContext db, List<int> actorIds, List<int> missionIds, List<long> keys, bool exact, DateOnly today)
    {
        var monthly = TaskRules.ReportingCutoff(ReportingFrequency.Monthly, today);
        var quarterly = TaskRules.ReportingCutoff(ReportingFrequency.Quarterly, today);
        var yearly = TaskRules.ReportingCutoff(ReportingFrequency.Yearly, today);
        // DueOn carries the date counted from (the last value, or the baseline) until TasksForAsync adds the interval.
        return db.Indicators.AsNoTracking()
            .Where(i => i.ReportingActorId != null && actorIds.Contains(i.ReportingActorId.Value) && missionIds.Contains(i.Goal!.MissionId))
            .Where(i => !exact || keys.Contains(i.ReportingActorId!.Value * KeyBase + i.Goal!.MissionId))
            .Select(i => new { i, MissionId = i.Goal!.MissionId, Last = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent).Max(o => (DateOnly?)o.Date) })
            .Where(x => (x.Last ?? x.i.BaselineDate) <= (x.i.Frequency == ReportingFrequency.Monthly ? monthly : x.i.Frequency == ReportingFrequency.Quarterly ? quarterly : yearly))
            .OrderBy(x => x.Last ?? x.i.BaselineDate).ThenBy(x => x.i.Id)
            .Select(x => new ReportTask(x.i.Id, x.MissionId, db.Missions.Where(m => m.Id == x.MissionId).Select(m => m.Title).FirstOrDefault() ?? "",
                x.i.ReportingActorId!.Value, db.Actors.Where(a => a.Id == x.i.ReportingActorId).Select(a => a.Name).FirstOrDefault() ?? "",
                x.i.Name, x.i.Unit, x.i.Frequency, x.Last, x.Last ?? x.i.BaselineDate, ""));
    }

    private static IQueryable<InvitationTask> InvitationQuery(MastenDbContext db, int userId)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var email = db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail);
        // The addressee may read the mission's and programme's names, as the invitation page shows them to the link's holder.
        return db.Invitations.AsNoTracking()
            .Where(i => i.Email != null && email.Contains(i.Email.ToUpper()) && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.ExpiresAt).ThenBy(i => i.Id)
            .Select(i => new InvitationTask(i.Id, i.MissionId,
                db.Missions.IgnoreQueryFilters().Where(m => m.Id == i.MissionId).Select(m => m.Title).FirstOrDefault(),
                i.ProgrammeId, db.Programmes.IgnoreQueryFilters().Where(p => p.Id == i.ProgrammeId).Select(p => p.Name).FirstOrDefault(),
                i.Role, db.Actors.Where(a => a.Id == i.ActorId).Select(a => a.Name).FirstOrDefault(), i.ExpiresAt));
    }
}
