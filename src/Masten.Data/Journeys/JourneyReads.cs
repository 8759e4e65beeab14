using Masten.Core.Journeys;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Journeys;

public sealed record StepDto(int Id, int Order, string Name, string? Description, string? Evidence, bool NeedsConfirmation, bool IsStarted);

public sealed record JourneyDto(int MissionId, int Version, int StallAfterDays, int? VersionNumber, IReadOnlyList<StepDto> Steps);

public sealed record JourneyVersionDto(int Number, string? Reason, DateTime CreatedAt, string CreatedBy, JourneySnapshot Snapshot);

/// <summary>Which participants the overview counts; every filter is optional and they combine with "and".</summary>
public sealed record JourneyFilter(string? Cohort = null, string? Region = null, string? Sector = null, SizeClass? Size = null, int? Navigator = null);

public sealed record FunnelStepDto(int StepId, string Name, int Order, bool IsStarted, int At, int AtOrPast, double? ConversionFromPrevious);

public sealed record ParticipantRow(int Id, int ActorId, string ActorName, string Cohort, string? RegionCode, string? Sector, SizeClass SizeClass,
    int? NavigatorId, string? NavigatorName, string? StepName, int StepOrder, DateOnly LastMove, DateOnly? LeftOn, bool NamedPublicly);

/// <summary>
/// The journey overview: the funnel of participants still taking part (filtered), how many have left, how many
/// have no step yet, and how many are stalled. The names of stalled participants are added by the caller only
/// for those who may see them.
/// </summary>
public sealed record JourneyOverview(JourneyDto Journey, JourneyFilter Filter, int Participants, int NotStarted, int Left, int Stalled, int StartedOrPast, IReadOnlyList<FunnelStepDto> Funnel);

/// <summary>A participant named on the public page: its organisation and the step it stands at (null before any).</summary>
public sealed record NamedParticipantDto(string Name, string? StepName);

public sealed record StepDurationDto(string From, string To, int Participants, double? MedianDays, double? Percentile80Days);

public sealed record CohortCurveDto(string Cohort, int Participants, IReadOnlyList<CohortPoint> Points);

/// <summary>Time between consecutive steps and the cohort curves (share started by months since joining).</summary>
public sealed record JourneyTiming(IReadOnlyList<StepDurationDto> Durations, IReadOnlyList<CohortCurveDto> Cohorts);

public sealed record JourneyChoices(IReadOnlyList<string> Cohorts, IReadOnlyList<string> Regions);

public sealed record NavigatorCaseload(int NavigatorId, string Name, int Participants);

public sealed record CaseloadOverview(CaseloadBalance Balance, IReadOnlyList<NavigatorCaseload> Navigators);

public sealed record TimelineEntry(DateOnly Date, string Kind, int? EventId, int? StepId, string? StepName, StepEventStatus? Status, bool Current, int? SupersedesId, string? Reason, string? Evidence, string? Title, string RecordedBy, DateTime RecordedAt, int? Attendees = null);

public sealed record ParticipantDetail(ParticipantRow Participant, int Version, string? MunicipalityCode, DateOnly JoinedOn, string? LeftReason, bool NamedPublicly,
    bool Stalled, StepDto? NextStep, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<NavigatorHistoryEntry> Navigators);

public sealed record NavigatorHistoryEntry(int? NavigatorId, string? Name, DateTime AssignedAt, string AssignedBy);

/// <summary>
/// Reads for journey pages and the API: projections with AsNoTracking, counts as SQL GROUP BY on the
/// participants' derived columns (<see cref="Participant.CurrentStepOrder"/> and the last-move dates), so the
/// overview never replays events.
/// </summary>
public static class JourneyReads
{
    /// <summary>The activities the participant attended.</summary>
    public static IQueryable<JourneyActivity> ActivitiesOf(this MastenDbContext db, int participantId) =>
        db.JourneyActivities.Where(a => db.ActivityAttendees.Any(x => x.ActivityId == a.Id && x.ParticipantId == participantId));

    public static async Task<JourneyDto?> JourneyAsync(this MastenDbContext db, int missionId, CancellationToken ct)
    {
        var journey = await db.Journeys.AsNoTracking().Where(j => j.MissionId == missionId)
            .Select(j => new { j.MissionId, j.Version, j.StallAfterDays }).FirstOrDefaultAsync(ct);
        if (journey is null)
            return null;
        var steps = await db.JourneySteps.AsNoTracking().Where(s => s.RetiredAt == null && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId))
            .OrderBy(s => s.Order).Select(s => new StepDto(s.Id, s.Order, s.Name, s.Description, s.Evidence, s.NeedsConfirmation, s.IsStarted)).ToListAsync(ct);
        var number = await db.JourneyVersions.Where(v => v.MissionId == missionId).MaxAsync(v => (int?)v.Number, ct);
        return new JourneyDto(journey.MissionId, journey.Version, journey.StallAfterDays, number, steps);
    }

    public static async Task<List<JourneyVersionDto>> JourneyVersionsAsync(this MastenDbContext db, int missionId, CancellationToken ct) =>
        (await db.JourneyVersions.AsNoTracking().Where(v => v.MissionId == missionId).OrderBy(v => v.Number)
            .Select(v => new { v.Number, v.Reason, v.CreatedAt, v.CreatedBy, v.Snapshot }).ToListAsync(ct))
            .Select(v => new JourneyVersionDto(v.Number, v.Reason, v.CreatedAt, v.CreatedBy, JourneySnapshot.FromJson(v.Snapshot))).ToList();

    /// <summary>The participants of the mission the filter selects, whether they have left or not.</summary>
    public static IQueryable<Participant> Filtered(this MastenDbContext db, int missionId, JourneyFilter f)
    {
        var q = db.Participants.AsNoTracking().Where(p => p.MissionId == missionId);
        if (!string.IsNullOrWhiteSpace(f.Cohort))
            q = q.Where(p => p.Cohort == f.Cohort);
        if (!string.IsNullOrWhiteSpace(f.Region))
            q = q.Where(p => p.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Sector))
        {
            // A sector filter of "10" takes in 10.71: the code and everything below it.
            var prefix = f.Sector + ".";
            q = q.Where(p => p.Sector == f.Sector || p.Sector!.StartsWith(prefix));
        }
        if (f.Size is { } size)
            q = q.Where(p => p.SizeClass == size);
        if (f.Navigator is { } nav)
            q = q.Where(p => p.NavigatorId == nav);
        return q;
    }

    /// <summary>Active participants who are stalled on <paramref name="today"/>: the rule of <see cref="JourneyAnalysis.IsStalled"/>, in SQL.</summary>
    public static IQueryable<Participant> Stalled(this IQueryable<Participant> q, DateOnly today, int stallAfterDays, int lastOrder)
    {
        var cutoff = today.AddDays(-stallAfterDays);
        return q.Where(p => (p.LeftOn == null || p.LeftOn > today) && p.CurrentStepOrder < lastOrder
            && p.JoinedOn <= cutoff && (p.LastStepOn == null || p.LastStepOn <= cutoff) && (p.LastActivityOn == null || p.LastActivityOn <= cutoff));
    }

    public static IQueryable<Participant> Active(this IQueryable<Participant> q, DateOnly today) =>
        q.Where(p => p.LeftOn == null || p.LeftOn > today);

    /// <summary>The overview of the participants the filter selects on <paramref name="today"/>; null without a journey.</summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per filter and date.</remarks>
    public static async Task<JourneyOverview?> OverviewAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, CancellationToken ct) =>
        (await db.ReuseAsync("journey-overview", missionId, (filter, today),
            async () => new Found<JourneyOverview>(await db.ReadOverviewAsync(missionId, filter, today, ct)), ct)).Value;

    // What StampedReads keeps: also that there is nothing.
    private sealed record Found<T>(T? Value) where T : class;

    private static async Task<JourneyOverview?> ReadOverviewAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, CancellationToken ct)
    {
        var journey = await db.JourneyAsync(missionId, ct);
        if (journey is null)
            return null;
        var q = db.Filtered(missionId, filter);
        var byOrder = await q.Active(today).GroupBy(p => p.CurrentStepOrder).Select(g => new { Order = g.Key, Count = g.Count() }).ToListAsync(ct);
        var left = await q.CountAsync(p => p.LeftOn != null && p.LeftOn <= today, ct);
        var lastOrder = journey.Steps.Count - 1;
        var stalled = await q.Stalled(today, journey.StallAfterDays, lastOrder).CountAsync(ct);
        var at = byOrder.Where(r => r.Order >= 0).ToDictionary(r => r.Order, r => r.Count);
        var funnel = JourneyAnalysis.Funnel(journey.Steps.Select(s => s.Id).ToList(), at);
        var rows = funnel.Select(r => { var s = journey.Steps[r.Order]; return new FunnelStepDto(s.Id, s.Name, s.Order, s.IsStarted, r.At, r.AtOrPast, r.ConversionFromPrevious); }).ToList();
        var started = rows.FirstOrDefault(r => r.IsStarted)?.AtOrPast ?? 0;
        return new JourneyOverview(journey, filter, byOrder.Sum(r => r.Count), byOrder.Where(r => r.Order < 0).Sum(r => r.Count), left, stalled, started, rows);
    }

    /// <summary>
    /// The funnel as counts only, for a mission's public page: each active step with the participants taking
    /// part at or past it, how many take part, and how many have started. Null without a journey. Two queries, none while
    /// nothing is written (<see cref="StampedReads"/>).
    /// </summary>
    public static async Task<(IReadOnlyList<FunnelStepDto> Funnel, int Participants, int Started)?> PublicFunnelAsync(this MastenDbContext db, int missionId, DateOnly today, CancellationToken ct) =>
        (await db.ReuseAsync("public-funnel", missionId, today, async () => new FunnelFound(await db.ReadPublicFunnelAsync(missionId, today, ct)), ct)).Value;

    private sealed record FunnelFound((IReadOnlyList<FunnelStepDto> Funnel, int Participants, int Started)? Value);

    private static async Task<(IReadOnlyList<FunnelStepDto> Funnel, int Participants, int Started)?> ReadPublicFunnelAsync(this MastenDbContext db, int missionId, DateOnly today, CancellationToken ct)
    {
        var steps = await db.JourneySteps.AsNoTracking().Where(s => s.RetiredAt == null && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId))
            .OrderBy(s => s.Order).Select(s => new { s.Id, s.Name, s.Order, s.IsStarted }).ToListAsync(ct);
        if (steps.Count == 0)
            return null;
        var byOrder = await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId).Active(today)
            .GroupBy(p => p.CurrentStepOrder).Select(g => new { Order = g.Key, Count = g.Count() }).ToListAsync(ct);
        var funnel = JourneyAnalysis.Funnel(steps.Select(s => s.Id).ToList(), byOrder.Where(r => r.Order >= 0).ToDictionary(r => r.Order, r => r.Count));
        var rows = funnel.Select(r => new FunnelStepDto(r.StepId, steps[r.Order].Name, r.Order, steps[r.Order].IsStarted, r.At, r.AtOrPast, r.ConversionFromPrevious)).ToList();
        return (rows, byOrder.Sum(r => r.Count), rows.FirstOrDefault(r => r.IsStarted)?.AtOrPast ?? 0);
    }

    /// <summary>
    /// One page of the participants taking part on <paramref name="today"/> whose company agreed to be named
    /// publicly (<see cref="Participant.NamedPublicly"/>), by name: the organisation's name and the step it stands
    /// at, nothing else. The others are never read. Two queries: a count and the page.
    /// </summary>
    public static Task<Page<NamedParticipantDto>> NamedParticipantsPageAsync(this MastenDbContext db, int missionId, DateOnly today, int page, int pageSize, CancellationToken ct) =>
        db.Participants.AsNoTracking().Where(p => p.MissionId == missionId && p.NamedPublicly).Active(today)
            .Select(p => new
            {
                p.Id,
                Name = db.Actors.Where(a => a.Id == p.ActorId).Select(a => a.Name).FirstOrDefault() ?? "",
                Step = db.JourneySteps.Where(s => s.Id == p.CurrentStepId).Select(s => s.Name).FirstOrDefault(),
            })
            .OrderBy(x => x.Name).ThenBy(x => x.Id).Select(x => new NamedParticipantDto(x.Name, x.Step)).ToPageAsync(page, pageSize, ct);

    /// <summary>
    /// How long steps take and how cohorts get started, for the participants the filter selects. The time between
    /// steps, with its median and 80th percentile, is computed in SQL (<see cref="JourneyTimingSql"/>, equal to
    /// <see cref="JourneyAnalysis.Durations"/>), so one row per pair of steps comes back. Cohort curves read each
    /// participant's join and started dates (two columns) and apply <see cref="JourneyAnalysis.CohortCurve"/>
    /// for 0 … <paramref name="months"/> months. Null without a journey.
    /// </summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per filter, date and months.</remarks>
    public static async Task<JourneyTiming?> TimingAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, int months, CancellationToken ct) =>
        (await db.ReuseAsync("journey-timing", missionId, (filter, today, months),
            async () => new Found<JourneyTiming>(await db.ReadTimingAsync(missionId, filter, today, months, ct)), ct)).Value;

    /// <summary>
    /// Whether attending activities is followed by movement (<see cref="AttendanceAnalysis"/>), for each of
    /// <see cref="AttendanceAnalysis.Windows"/>, among the participants the filter selects; null without a journey.
    /// One aggregate query reads, per participant, its first activity and its first current confirmed step after its
    /// start: no event is loaded. Reused while nothing is written (<see cref="StampedReads"/>), per filter and date.
    /// </summary>
    public static async Task<IReadOnlyList<MovementAfterAttendance>?> AttendanceAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, CancellationToken ct) =>
        (await db.ReuseAsync("journey-attendance", missionId, (filter, today),
            async () => new Found<IReadOnlyList<MovementAfterAttendance>>(await db.ReadAttendanceAsync(missionId, filter, today, ct)), ct)).Value;

    private static async Task<IReadOnlyList<MovementAfterAttendance>?> ReadAttendanceAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, CancellationToken ct)
    {
        if (!await db.Journeys.AnyAsync(j => j.MissionId == missionId, ct))
            return null;
        var starts = db.Filtered(missionId, filter).Select(p => new
        {
            p.Id,
            p.JoinedOn,
            First = db.ActivityAttendees.Where(x => x.ParticipantId == p.Id).Join(db.JourneyActivities, x => x.ActivityId, a => a.Id, (x, a) => (DateOnly?)a.Date).Min(),
        });
        var rows = await starts.Select(p => new
        {
            Attended = p.First != null,
            Start = p.First ?? p.JoinedOn,
            Next = db.StepEvents.Where(e => e.ParticipantId == p.Id && e.IsCurrent && e.Status == StepEventStatus.Confirmed && e.Date > (p.First ?? p.JoinedOn))
                .Min(e => (DateOnly?)e.Date),
        }).ToListAsync(ct);
        var facts = rows.Select(r => new AttendanceFact(r.Attended, r.Start, r.Next)).ToList();
        return AttendanceAnalysis.Windows.Select(days => AttendanceAnalysis.Compare(facts, days, today)).ToList();
    }

    private static async Task<JourneyTiming?> ReadTimingAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today, int months, CancellationToken ct)
    {
        var journeyId = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        if (journeyId is null)
            return null;
        var steps = await db.JourneySteps.AsNoTracking().Where(s => s.JourneyId == journeyId && s.RetiredAt == null).OrderBy(s => s.Order).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var durations = (await db.StepDurationsAsync(journeyId.Value, missionId, filter, steps.Select(s => s.Id).ToList(), ct))
            .Select((d, k) => new StepDurationDto(steps[k].Name, steps[k + 1].Name, d.Participants, d.MedianDays, d.Percentile80Days)).ToList();
        var joined = await db.Filtered(missionId, filter).Select(p => new { p.Cohort, p.JoinedOn, p.StartedOn }).ToListAsync(ct);
        var curves = joined.GroupBy(p => p.Cohort).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CohortCurveDto(g.Key, g.Count(), JourneyAnalysis.CohortCurve(g.Select(p => (p.JoinedOn, p.StartedOn)), months, today))).ToList();
        return new JourneyTiming(durations, curves);
    }

    /// <summary>Participants as rows, with their actor, navigator and step names, in one query.</summary>
    public static IQueryable<ParticipantRow> ToRows(this IQueryable<Participant> q, MastenDbContext db) =>
        q.Select(p => new ParticipantRow(p.Id, p.ActorId,
            db.Actors.Where(a => a.Id == p.ActorId).Select(a => a.Name).FirstOrDefault() ?? "",
            p.Cohort, p.RegionCode, p.Sector, p.SizeClass, p.NavigatorId,
            db.Users.Where(u => u.Id == p.NavigatorId).Select(u => u.DisplayName).FirstOrDefault(),
            db.JourneySteps.Where(s => s.Id == p.CurrentStepId).Select(s => s.Name).FirstOrDefault(),
            p.CurrentStepOrder,
            // The last move: the latest of joining, the last confirmed step and the last activity.
            p.LastActivityOn != null && p.LastActivityOn > (p.LastStepOn ?? p.JoinedOn) ? p.LastActivityOn.Value : (p.LastStepOn ?? p.JoinedOn),
            p.LeftOn, p.NamedPublicly));

    /// <summary>The cohorts and region codes the mission's participants have, in order: the choices of the overview's filters.</summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>).</remarks>
    public static Task<JourneyChoices> JourneyChoicesAsync(this MastenDbContext db, int missionId, CancellationToken ct) =>
        db.ReuseAsync("journey-choices", missionId, 0, async () => new JourneyChoices(
            await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId).Select(p => p.Cohort).Distinct().OrderBy(c => c).ToListAsync(ct),
            await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId && p.RegionCode != null).Select(p => p.RegionCode!).Distinct().OrderBy(c => c).ToListAsync(ct)), ct);

    /// <summary>
    /// One page of the stalled participants the filter selects on <paramref name="today"/>, who has gone longest
    /// without a step first. Reused while nothing is written (<see cref="StampedReads"/>), per filter, date and page.
    /// </summary>
    public static Task<Page<ParticipantRow>> StalledPageAsync(this MastenDbContext db, int missionId, JourneyFilter filter, DateOnly today,
        int stallAfterDays, int lastOrder, int page, int pageSize, CancellationToken ct) =>
        db.ReuseAsync("journey-stalled", missionId, (filter, today, stallAfterDays, lastOrder, page, pageSize), () =>
            db.Filtered(missionId, filter).Stalled(today, stallAfterDays, lastOrder)
                .OrderBy(p => p.LastStepOn ?? p.JoinedOn).ThenBy(p => p.Id).ToRows(db).ToPageAsync(page, pageSize, ct), ct);

    /// <summary>Active participants per navigator of the mission (navigators without any count as 0) and their balance.</summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per date and set of navigators.</remarks>
    public static Task<CaseloadOverview> CaseloadsAsync(this MastenDbContext db, int missionId, IReadOnlyCollection<int> navigatorIds, DateOnly today, CancellationToken ct) =>
        db.ReuseAsync("journey-caseloads", missionId, (today, string.Join(',', navigatorIds.Order())), () => db.ReadCaseloadsAsync(missionId, navigatorIds, today, ct), ct);

    private static async Task<CaseloadOverview> ReadCaseloadsAsync(this MastenDbContext db, int missionId, IReadOnlyCollection<int> navigatorIds, DateOnly today, CancellationToken ct)
    {
        var counts = await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId && p.NavigatorId != null).Active(today)
            .GroupBy(p => p.NavigatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        var ids = navigatorIds.Union(counts.Keys).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var list = ids.Select(id => new NavigatorCaseload(id, names.GetValueOrDefault(id) ?? "", counts.GetValueOrDefault(id))).OrderBy(n => n.Name).ThenBy(n => n.NavigatorId).ToList();
        return new CaseloadOverview(JourneyAnalysis.Balance(list.Select(n => n.Participants).ToList()), list);
    }

    public static async Task<ParticipantDetail?> ParticipantAsync(this MastenDbContext db, int participantId, DateOnly today, CancellationToken ct)
    {
        var p = await db.Participants.AsNoTracking().Where(x => x.Id == participantId)
            .Select(x => new { x.MissionId, x.Version, x.MunicipalityCode, x.JoinedOn, x.LeftReason, x.NamedPublicly, x.LeftOn, x.LastStepOn, x.LastActivityOn, x.CurrentStepOrder }).FirstOrDefaultAsync(ct);
        if (p is null)
            return null;
        var row = await db.Participants.Where(x => x.Id == participantId).ToRows(db).FirstAsync(ct);
        var journey = await db.JourneyAsync(p.MissionId, ct);
        var steps = journey?.Steps ?? [];
        var names = await db.JourneySteps.AsNoTracking().Where(s => db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == p.MissionId)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var events = await db.StepEvents.AsNoTracking().Where(e => e.ParticipantId == participantId).ToListAsync(ct);
        var activities = await db.ActivitiesOf(participantId).AsNoTracking()
            .Select(a => new { a.Date, a.Kind, a.Title, a.RecordedBy, a.RecordedAt, Attendees = db.ActivityAttendees.Count(x => x.ActivityId == a.Id) }).ToListAsync(ct);
        var timeline = events.Select(e => new TimelineEntry(e.Date, "step", e.Id, e.StepId, names.GetValueOrDefault(e.StepId), e.Status, e.IsCurrent, e.SupersedesId, e.Reason, e.Evidence, null, e.RecordedBy, e.RecordedAt))
            .Concat(activities.Select(a => new TimelineEntry(a.Date, a.Kind.ToString(), null, null, null, null, true, null, null, null, a.Title, a.RecordedBy, a.RecordedAt, a.Attendees)))
            .OrderByDescending(t => t.Date).ThenByDescending(t => t.RecordedAt).ToList();
        var history = await db.NavigatorAssignments.AsNoTracking().Where(a => a.ParticipantId == participantId).OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id)
            .Select(a => new NavigatorHistoryEntry(a.NavigatorId, db.Users.Where(u => u.Id == a.NavigatorId).Select(u => u.DisplayName).FirstOrDefault(), a.AssignedAt, a.AssignedBy)).ToListAsync(ct);
        var stalled = journey is not null && JourneyAnalysis.IsStalled(p.JoinedOn, p.LeftOn, p.LastStepOn, p.LastActivityOn, p.CurrentStepOrder >= steps.Count - 1, today, journey.StallAfterDays);
        var next = steps.FirstOrDefault(s => s.Order == p.CurrentStepOrder + 1);
        return new ParticipantDetail(row, p.Version, p.MunicipalityCode, p.JoinedOn, p.LeftReason, p.NamedPublicly, stalled, next, timeline, history);
    }
}
