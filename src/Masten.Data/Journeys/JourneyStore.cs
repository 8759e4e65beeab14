using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Journeys;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Journeys;

/// <summary>
/// Who records a step: their name and user id, and whether they act for the participant's own company (a
/// representative of its actor who is neither its navigator nor an editor of the mission).
/// </summary>
public sealed record Recorder(string Name, int? UserId, bool AsCompany);

/// <summary>A recorded activity and the ids of the participants who attended it.</summary>
public sealed record ActivityDto(int Id, int MissionId, DateOnly Date, ActivityKind Kind, string Title, string? Host, string RecordedBy, DateTime RecordedAt, IReadOnlyList<int> ParticipantIds);

/// <summary>
/// Every write to journeys, participants, step events and activities, shared by pages, the API and the CLI.
/// Bad input throws a <see cref="DomainException"/> naming the field, before anything is stored. A participant's
/// derived fields (its current step, last move, started date) are kept by each write in the same transaction.
/// A method returns null when the record it names does not exist.
/// </summary>
public sealed class JourneyStore(MastenDbContext db)
{
    /// <summary>
    /// Defines the mission's journey or changes it. The first definition is version 1; each later change that
    /// alters the steps is the next version and needs a reason. Removed steps stay as retired rows so their
    /// events stay readable; a removed step with events needs a move saying which step they count for.
    /// </summary>
    public async Task<Journey?> DefineAsync(int missionId, JourneyInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        var journey = await db.Journeys.Include(j => j.Steps).FirstOrDefaultAsync(j => j.MissionId == missionId, ct);
        var active = journey?.Steps.Where(s => s.RetiredAt is null).ToList() ?? [];
        var activeIds = active.Select(s => s.Id).ToHashSet();
        // A step "has events" when events count for it: its own, or those of retired steps moved into it.
        var movedInto = journey?.Steps.Where(s => s.RetiredAt is not null && s.MovedToStepId is not null).ToDictionary(s => s.Id, s => s.MovedToStepId!.Value) ?? [];
        var journeyStepIds = journey?.Steps.Select(s => s.Id).ToList() ?? [];
        var withEvents = journeyStepIds.Count == 0 ? [] : (await db.StepEvents.Where(e => journeyStepIds.Contains(e.StepId)).Select(e => e.StepId).Distinct().ToListAsync(ct))
            .Select(id => movedInto.GetValueOrDefault(id, id)).Where(activeIds.Contains).ToHashSet();
        var latest = await db.JourneyVersions.Where(v => v.MissionId == missionId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Snapshot }).FirstOrDefaultAsync(ct);
        JourneyRules.Validate(input, activeIds, withEvents, isFirst: latest is null);
        if (input.StartedIndicatorId is { } indicatorId && !await db.Indicators.AnyAsync(i => i.Id == indicatorId && i.Goal!.MissionId == missionId, ct))
            throw Invalid("startedIndicatorId", "UnknownIndicator", "is not an indicator of this mission.");
        if (journey is not null)
            db.ExpectVersion(journey, input.Version);

        // Joins the caller's transaction when there is one (the example seeder writes everything in one).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (journey is null)
        {
            journey = new Journey { MissionId = missionId };
            db.Journeys.Add(journey);
        }
        journey.StallAfterDays = input.StallAfterDays;
        journey.StartedIndicatorId = input.StartedIndicatorId;
        var steps = input.Steps!;
        var kept = new List<JourneyStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var step = s.Id is { } id ? active.First(a => a.Id == id) : new JourneyStep();
            step.Order = i;
            step.Name = s.Name!.Trim();
            step.Description = Trim(s.Description);
            step.Evidence = Trim(s.Evidence);
            step.NeedsConfirmation = s.NeedsConfirmation;
            step.IsStarted = s.IsStarted;
            if (s.Id is null)
                journey.Steps.Add(step);
            kept.Add(step);
        }
        var moves = input.Moves ?? [];
        foreach (var removed in active.Where(a => !kept.Contains(a)))
        {
            removed.RetiredAt = now;
            removed.MovedToStepId = moves.FirstOrDefault(m => m.FromStepId == removed.Id)?.ToStepId;
            // Retired steps sit after every active one, so orders stay unique among active steps.
            removed.Order = JourneyRules.MaxSteps + removed.Id;
        }
        // Steps retired earlier whose events went to a step retired now follow it to its new step, so every
        // retired step names an active step (or none) directly and the set-based refresh needs one hop.
        foreach (var earlier in journey.Steps.Where(s => s.RetiredAt is not null && s.MovedToStepId is not null && !kept.Contains(s)))
        {
            var removedNow = active.FirstOrDefault(a => a.Id == earlier.MovedToStepId && !kept.Contains(a));
            if (removedNow is not null)
                earlier.MovedToStepId = removedNow.MovedToStepId;
        }
        await db.SaveVersionedAsync(ct);

        var snapshot = new JourneySnapshot(journey.StallAfterDays,
            kept.Select(s => new SnapshotStep(s.Id, s.Name, s.Description, s.Evidence, s.NeedsConfirmation, s.IsStarted)).ToList(),
            moves.ToList());
        var json = snapshot.ToJson();
        if (latest is null || Differs(JourneySnapshot.FromJson(latest.Snapshot), snapshot))
        {
            db.JourneyVersions.Add(new JourneyVersion
            {
                MissionId = missionId,
                Number = (latest?.Number ?? 0) + 1,
                Reason = latest is null ? Trim(input.Reason) : input.Reason!.Trim(),
                CreatedAt = now,
                CreatedBy = db.Author,
                Snapshot = json,
            });
            await db.SaveChangesAsync(ct);
        }
        // Reordering moves everyone's order, the started step may have changed, and events of moved steps now
        // count for the step they moved to: one set-based UPDATE refreshes every participant's position.
        if (active.Count > 0)
            await RefreshPositionsAsync(missionId, ct);
        await RecordStartedCountAsync(missionId, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return journey;
    }

    private static bool Differs(JourneySnapshot a, JourneySnapshot b) =>
        a.StallAfterDays != b.StallAfterDays || !a.Steps.SequenceEqual(b.Steps) || b.Moves.Count > 0;

    public async Task<Participant?> AddParticipantAsync(int missionId, ParticipantInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        JourneyRules.Validate(input);
        await RequireJourneyAsync(missionId, ct);
        if (!await db.Actors.AnyAsync(a => a.Id == input.ActorId, ct))
            throw Invalid("actorId", "UnknownActor", "is not an actor in the register.");
        if (await db.Participants.AnyAsync(p => p.MissionId == missionId && p.ActorId == input.ActorId, ct))
            throw Invalid("actorId", "AlreadyParticipant", "already takes part in this journey.");
        await RequireNavigatorAsync(missionId, input.NavigatorId, "navigatorId", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var participant = new Participant { MissionId = missionId, ActorId = input.ActorId };
        Apply(participant, input);
        db.Participants.Add(participant);
        await db.SaveChangesAsync(ct);
        if (input.NavigatorId is not null)
            await AssignAsync(participant.Id, input.NavigatorId, ct);
        await tx.CommitAsync(ct);
        return participant;
    }

    /// <summary>Changes a participant; a new navigator is recorded as a reassignment, so the earlier one stays in its history.</summary>
    public async Task<Participant?> UpdateParticipantAsync(int id, ParticipantInput input, CancellationToken ct = default)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null)
            return null;
        JourneyRules.Validate(input with { ActorId = participant.ActorId });
        await RequireNavigatorAsync(participant.MissionId, input.NavigatorId, "navigatorId", ct);
        var firstEvent = await db.StepEvents.Where(e => e.ParticipantId == id).MinAsync(e => (DateOnly?)e.Date, ct);
        var firstActivity = await db.ActivitiesOf(id).MinAsync(a => (DateOnly?)a.Date, ct);
        if ((firstEvent ?? DateOnly.MaxValue) < input.JoinedOn || (firstActivity ?? DateOnly.MaxValue) < input.JoinedOn)
            throw Invalid("joinedOn", "AfterRecordedEvents", "cannot be after the participant's first recorded step or activity.");
        db.ExpectVersion(participant, input.Version);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reassigned = participant.NavigatorId != input.NavigatorId;
        Apply(participant, input with { ActorId = participant.ActorId });
        await db.SaveVersionedAsync(ct);
        if (reassigned)
            await AssignAsync(id, input.NavigatorId, ct);
        await RecordStartedCountAsync(participant.MissionId, ct);
        await tx.CommitAsync(ct);
        return participant;
    }

    /// <summary>
    /// Adds many participants at once, all or nothing, each actor named by its organisation number (or CVR) and
    /// created when the register has none. Errors name the row: <c>rows[3].organisationNumber</c>.
    /// Meant for the import machinery. Returns the number added, or null when the mission does not exist.
    /// </summary>
    public async Task<int?> AddParticipantsAsync(int missionId, IReadOnlyList<BulkParticipantInput> rows, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        await RequireJourneyAsync(missionId, ct);
        var rules = new Rules();
        var numbers = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (string.IsNullOrWhiteSpace(r.OrganisationNumber))
            {
                rules.Add($"rows[{i}].organisationNumber", "Required", "is required: participants are matched by organisation number or CVR.");
                continue;
            }
            if (!Enum.IsDefined(r.Country))
            {
                rules.Add($"rows[{i}].country", "UnknownValue", "is not a known country.");
                continue;
            }
            var check = OrganisationNumber.Check(r.Country, r.OrganisationNumber);
            if (!check.IsValid)
                rules.Add($"rows[{i}].organisationNumber", check.ErrorCode!, check.ErrorMessage!, check.Args.ToArray());
            else
                numbers[i] = check.Normalised;
            try
            {
                JourneyRules.Validate(new ParticipantInput(0, r.Cohort, r.MunicipalityCode, r.RegionCode, r.Sector, r.SizeClass, r.NavigatorId, r.JoinedOn));
            }
            catch (DomainException ex)
            {
                foreach (var e in ex.Errors)
                    rules.Add($"rows[{i}].{e.Field}", e.Code, e.Message, e.Args.ToArray());
            }
        }
        var duplicates = numbers.Select((n, i) => (n, i)).Where(x => x.n is not null).GroupBy(x => x.n).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1));
        foreach (var (_, i) in duplicates)
            rules.Add($"rows[{i}].organisationNumber", "DuplicateRow", "appears on an earlier row.");
        var wanted = numbers.Where(n => n is not null).Distinct().ToList();
        var actors = await db.Actors.Where(a => wanted.Contains(a.OrganisationNumber)).Select(a => new { a.Id, a.OrganisationNumber }).ToDictionaryAsync(a => a.OrganisationNumber!, a => a.Id, ct);
        var taken = (await db.Participants.Where(p => p.MissionId == missionId && actors.Values.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct)).ToHashSet();
        var navigators = await NavigatorIdsAsync(missionId, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            if (numbers[i] is { } n && actors.TryGetValue(n, out var actorId) && taken.Contains(actorId))
                rules.Add($"rows[{i}].organisationNumber", "AlreadyParticipant", "already takes part in this journey.");
            if (rows[i].NavigatorId is { } nav && !navigators.Contains(nav))
                rules.Add($"rows[{i}].navigatorId", "UnknownNavigator", "is not a person with the navigator role in this mission.");
            if (numbers[i] is { } m && !actors.ContainsKey(m) && Rules.IsBlank(rows[i].Name))
                rules.Add($"rows[{i}].name", "Required", "is required for an organisation not yet in the register.");
        }
        rules.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var newActors = await Imports.ImportBulk.CreateActorsAsync(db,
            rows.Select((r, i) => (Number: numbers[i]!, Row: r)).Where(x => !actors.ContainsKey(x.Number)).Select(x => (x.Number, x.Row.Country, ActorType.Company, x.Row.Name!)), now, ct);
        var added = new List<Participant>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var actorId = actors.TryGetValue(numbers[i]!, out var id) ? id : newActors[numbers[i]!];
            var participant = new Participant { MissionId = missionId, ActorId = actorId };
            Apply(participant, new ParticipantInput(actorId, r.Cohort, r.MunicipalityCode, r.RegionCode, r.Sector, r.SizeClass, r.NavigatorId, r.JoinedOn));
            added.Add(participant);
        }
        await Imports.ImportBulk.InsertAsync(db, added, now, ct);
        await Imports.ImportBulk.InsertAsync(db, added.Where(p => p.NavigatorId is not null)
            .Select(p => new NavigatorAssignment { ParticipantId = p.Id, NavigatorId = p.NavigatorId, AssignedAt = now, AssignedBy = db.Author }).ToList(), now, ct);
        await tx.CommitAsync(ct);
        return added.Count;
    }

    /// <summary>
    /// Records that a participant reached a step. Recorded by its navigator or the programme office it is
    /// confirmed; reported by the company it is pending when the step needs a navigator's confirmation.
    /// </summary>
    public async Task<StepEvent?> RecordEventAsync(int participantId, StepEventInput input, Recorder who, CancellationToken ct = default)
    {
        var participant = await db.Participants.AsNoTracking().Where(p => p.Id == participantId).Select(p => new { p.MissionId, p.JoinedOn }).FirstOrDefaultAsync(ct);
        if (participant is null)
            return null;
        var steps = await ActiveStepsAsync(participant.MissionId, ct);
        JourneyRules.ValidateEvent(input.StepId, input.Date, input.Evidence, steps.Keys.ToHashSet(), participant.JoinedOn, db.Clock.LatestToday());
        var pending = who.AsCompany && steps[input.StepId].NeedsConfirmation;
        var e = NewEvent(participantId, input.StepId, input.Date, input.Evidence, pending ? StepEventStatus.Pending : StepEventStatus.Confirmed, who);
        await WriteAsync(participantId, async () =>
        {
            db.StepEvents.Add(e);
            await db.SaveChangesAsync(ct);
        }, ct);
        return e;
    }

    /// <summary>Confirms a pending event: a new confirmed event supersedes it. The company cannot confirm its own report.</summary>
    public async Task<StepEvent?> ConfirmEventAsync(int eventId, Recorder who, CancellationToken ct = default)
    {
        var old = await db.StepEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (old is null)
            return null;
        if (who.AsCompany)
            throw Invalid("eventId", "CompanyCannotConfirm", "cannot be confirmed by the company that reported it: its navigator confirms it.");
        if (old.Status != StepEventStatus.Pending)
            throw DomainException.Conflict("eventId", "NotPending", "is not waiting for confirmation.");
        var e = NewEvent(old.ParticipantId, old.StepId, old.Date, old.Evidence, StepEventStatus.Confirmed, who, old.Id, null);
        e.ByCompany = old.ByCompany;
        await SupersedeAsync(old, e, ct);
        return e;
    }

    /// <summary>Corrects an event: a new event with the right step, date and evidence supersedes it, with a reason.</summary>
    public async Task<StepEvent?> CorrectEventAsync(int eventId, StepCorrectionInput input, Recorder who, CancellationToken ct = default)
    {
        var old = await db.StepEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (old is null)
            return null;
        var participant = await db.Participants.AsNoTracking().Where(p => p.Id == old.ParticipantId).Select(p => new { p.MissionId, p.JoinedOn }).FirstAsync(ct);
        var steps = await ActiveStepsAsync(participant.MissionId, ct);
        JourneyRules.ValidateEvent(input.StepId, input.Date, input.Evidence, steps.Keys.ToHashSet(), participant.JoinedOn, db.Clock.LatestToday(), input.Reason, correction: true);
        var pending = who.AsCompany && steps[input.StepId].NeedsConfirmation;
        var e = NewEvent(old.ParticipantId, input.StepId, input.Date, input.Evidence, pending ? StepEventStatus.Pending : StepEventStatus.Confirmed, who, old.Id, input.Reason!.Trim());
        await SupersedeAsync(old, e, ct);
        return e;
    }

    /// <summary>
    /// Records an activity the participant attended, with the others <see cref="ActivityInput.ParticipantIds"/> names.
    /// Null when there is no such participant.
    /// </summary>
    public async Task<ActivityDto?> AddActivityAsync(int participantId, ActivityInput input, Recorder who, CancellationToken ct = default)
    {
        var missionId = await db.Participants.Where(p => p.Id == participantId).Select(p => (int?)p.MissionId).FirstOrDefaultAsync(ct);
        return missionId is null ? null : await RecordActivityAsync(missionId.Value, participantId, input, who, ct);
    }

    /// <summary>Records an activity of the mission's journey, attended by the participants <see cref="ActivityInput.ParticipantIds"/> names. Null when there is no such mission.</summary>
    public async Task<ActivityDto?> AddMissionActivityAsync(int missionId, ActivityInput input, Recorder who, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        await RequireJourneyAsync(missionId, ct);
        return await RecordActivityAsync(missionId, null, input, who, ct);
    }

    private async Task<ActivityDto> RecordActivityAsync(int missionId, int? recordedFor, ActivityInput input, Recorder who, CancellationToken ct)
    {
        var attendees = (recordedFor is { } own ? [own] : Array.Empty<int>()).Concat(input.ParticipantIds ?? []).ToList();
        var named = attendees.Take(JourneyRules.MaxAttendees + 1).Distinct().ToList();
        var joinedOn = await db.Participants.Where(p => p.MissionId == missionId && named.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.JoinedOn, ct);
        JourneyRules.Validate(input, recordedFor, joinedOn, db.Clock.LatestToday());
        var activity = new JourneyActivity
        {
            MissionId = missionId,
            Date = input.Date,
            Kind = input.Kind,
            Title = input.Title!.Trim(),
            Host = Trim(input.Host),
            RecordedBy = who.Name,
            RecordedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.JourneyActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        db.ActivityAttendees.AddRange(attendees.Select(id => new ActivityAttendee { ActivityId = activity.Id, ParticipantId = id }));
        await db.SaveChangesAsync(ct);
        // An added activity can only move an attendee's latest activity later.
        var date = input.Date;
        await db.Participants.Where(p => attendees.Contains(p.Id) && (p.LastActivityOn == null || p.LastActivityOn < date))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.LastActivityOn, date), ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return new ActivityDto(activity.Id, missionId, activity.Date, activity.Kind, activity.Title, activity.Host, activity.RecordedBy, activity.RecordedAt, attendees);
    }

    private async Task SupersedeAsync(StepEvent old, StepEvent e, CancellationToken ct)
    {
        try
        {
            await WriteAsync(old.ParticipantId, async () =>
            {
                if (await db.StepEvents.AnyAsync(x => x.SupersedesId == old.Id, ct))
                    throw AlreadySuperseded();
                db.StepEvents.Add(e);
                await db.SaveChangesAsync(ct);
                await db.StepEvents.Where(x => x.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsCurrent, false), ct);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on SupersedesId: someone superseded the same event a moment ago.
            db.ChangeTracker.Clear();
            throw AlreadySuperseded();
        }
    }

    private static DomainException AlreadySuperseded() =>
        DomainException.Conflict("eventId", "AlreadySuperseded", "has already been corrected or confirmed; act on the newer event instead.");

    private StepEvent NewEvent(int participantId, int stepId, DateOnly date, string? evidence, StepEventStatus status, Recorder who, int? supersedes = null, string? reason = null) => new()
    {
        ParticipantId = participantId,
        StepId = stepId,
        Date = date,
        Evidence = Trim(evidence),
        Status = status,
        ByCompany = who.AsCompany,
        RecordedBy = who.Name,
        RecordedByUserId = who.UserId,
        RecordedAt = db.Clock.GetUtcNow().UtcDateTime,
        SupersedesId = supersedes,
        Reason = reason,
        IsCurrent = true,
    };

    /// <summary>Runs a write and the refresh of the participant's derived fields in one transaction.</summary>
    private async Task WriteAsync(int participantId, Func<Task> write, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await write();
            await RefreshAsync(participantId, ct);
            await RecordStartedCountAsync(await db.Participants.Where(p => p.Id == participantId).Select(p => p.MissionId).FirstAsync(ct), ct);
            if (own is not null)
                await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Recomputes a participant's derived fields from its events and activities with <see cref="JourneyAnalysis"/>:
    /// the current step (events of a retired step count for the step it moved to), the latest step and activity
    /// dates, and the first date at or past the started step.
    /// </summary>
    public async Task RefreshAsync(int participantId, CancellationToken ct)
    {
        var missionId = await db.Participants.Where(p => p.Id == participantId).Select(p => p.MissionId).FirstAsync(ct);
        var steps = await db.JourneySteps.AsNoTracking().Where(s => db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId))
            .Select(s => new { s.Id, s.Order, s.RetiredAt, s.MovedToStepId, s.IsStarted }).ToListAsync(ct);
        var byId = steps.ToDictionary(s => s.Id);
        int Resolve(int id)
        {
            for (var hops = 0; hops <= steps.Count && byId.TryGetValue(id, out var s) && s.RetiredAt is not null && s.MovedToStepId is { } to; hops++)
                id = to;
            return id;
        }
        var facts = (await db.StepEvents.AsNoTracking().Where(e => e.ParticipantId == participantId)
            .Select(e => new { e.Id, e.StepId, e.Date, e.Status, e.SupersedesId }).ToListAsync(ct))
            .Select(e => new EventFact(e.Id, Resolve(e.StepId), e.Date, e.Status, e.SupersedesId))
            .Where(e => byId.TryGetValue(e.StepId, out var s) && s.RetiredAt is null).ToList();
        var orderOf = steps.Where(s => s.RetiredAt is null).ToDictionary(s => s.Id, s => s.Order);
        var position = JourneyAnalysis.Position(facts);
        var started = steps.FirstOrDefault(s => s.RetiredAt is null && s.IsStarted);
        var startedOn = started is null ? null : JourneyAnalysis.FirstAtOrPast(facts, orderOf, started.Order);
        var lastActivity = await db.ActivitiesOf(participantId).MaxAsync(a => (DateOnly?)a.Date, ct);
        int? stepId = position?.StepId;
        var order = position is null ? -1 : orderOf[position.StepId];
        DateOnly? since = position?.Since;
        await db.Participants.Where(p => p.Id == participantId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CurrentStepId, stepId)
            .SetProperty(p => p.CurrentStepOrder, order)
            .SetProperty(p => p.LastStepOn, since)
            .SetProperty(p => p.LastActivityOn, lastActivity)
            .SetProperty(p => p.StartedOn, startedOn), ct);
    }

    /// <summary>
    /// Recomputes the step-derived fields of every participant of the mission in one UPDATE, the same rules as
    /// <see cref="RefreshAsync"/> written in SQL: the events that count are the current confirmed ones whose step,
    /// or the step a retired one moved to, is active. The current step is the latest of them by date and then id;
    /// the started date is the first date whose last recorded such event is at or past the started step. The
    /// activity date is not touched: a journey change does not alter it.
    /// </summary>
    public async Task<int> RefreshPositionsAsync(int missionId, CancellationToken ct)
    {
        var journeyId = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        if (journeyId is null)
            return 0;
        var startedOrder = await db.JourneySteps.Where(s => s.JourneyId == journeyId && s.RetiredAt == null && s.IsStarted).Select(s => (int?)s.Order).FirstOrDefaultAsync(ct);
        var steps = db.JourneySteps.Where(s => s.JourneyId == journeyId);
        var counted =
            from e in db.StepEvents
            where e.IsCurrent && e.Status == StepEventStatus.Confirmed
            join own in steps on e.StepId equals own.Id
            join to in steps on (own.RetiredAt == null ? own.Id : own.MovedToStepId) equals to.Id
            where to.RetiredAt == null
            select new { e.ParticipantId, e.Id, e.Date, StepId = to.Id, to.Order };
        var threshold = startedOrder ?? int.MaxValue;
        return await db.Participants.Where(p => p.MissionId == missionId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.CurrentStepId, p => counted.Where(c => c.ParticipantId == p.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => (int?)c.StepId).FirstOrDefault())
            .SetProperty(p => p.CurrentStepOrder, p => counted.Where(c => c.ParticipantId == p.Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => (int?)c.Order).FirstOrDefault() ?? -1)
            .SetProperty(p => p.LastStepOn, p => counted.Where(c => c.ParticipantId == p.Id).Max(c => (DateOnly?)c.Date))
            .SetProperty(p => p.StartedOn, p => counted.Where(c => c.ParticipantId == p.Id && c.Order >= threshold
                    && !counted.Any(o => o.ParticipantId == p.Id && o.Date == c.Date && o.Id > c.Id))
                .Min(c => (DateOnly?)c.Date)), ct);
    }

    /// <summary>How a computed observation is marked: its author. Such an indicator takes no typed values.</summary>
    public const string ComputedBy = "Masten (computed from the journey)";

    /// <summary>
    /// The number the started indicator counts today: participants taking part (no left date on or before
    /// <paramref name="today"/>) whose current step is at or past the started step.
    /// </summary>
    public static IQueryable<Participant> StartedOrPast(MastenDbContext db, int missionId, DateOnly today) =>
        db.Participants.AsNoTracking().Where(p => p.MissionId == missionId && (p.LeftOn == null || p.LeftOn > today)
            && db.JourneySteps.Any(s => s.RetiredAt == null && s.IsStarted && p.CurrentStepOrder >= s.Order && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId)));

    /// <summary>
    /// If the journey feeds an indicator, records today's count as an observation when it differs from the
    /// indicator's latest value, through <see cref="Missions.MissionStore"/>'s observation path in the current
    /// transaction, so the progress read model is stored with it.
    /// </summary>
    public async Task RecordStartedCountAsync(int missionId, CancellationToken ct)
    {
        var indicatorId = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => j.StartedIndicatorId).FirstOrDefaultAsync(ct);
        if (indicatorId is null)
            return;
        var today = db.Clock.Today();
        var count = await StartedOrPast(db, missionId, today).CountAsync(ct);
        var latest = await db.Observations.Where(o => o.IndicatorId == indicatorId && o.IsCurrent).OrderByDescending(o => o.Date).ThenByDescending(o => o.Id)
            .Select(o => new { o.Value, o.Date }).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Value == count && latest.Date == today)
            return;
        if (latest is not null && latest.Value == count && latest.Date < today && await db.Observations.AnyAsync(o => o.IndicatorId == indicatorId && o.IsCurrent && o.Date == latest.Date && o.EnteredBy == ComputedBy, ct))
            return;
        await new Missions.MissionStore(db).AppendComputedObservationAsync(indicatorId.Value,
            new Masten.Core.Missions.ObservationInput(today, count, "Masten", "Participants at or past the started step, counted by Masten."), ComputedBy, ct);
    }

    private async Task AssignAsync(int participantId, int? navigatorId, CancellationToken ct)
    {
        db.NavigatorAssignments.Add(new NavigatorAssignment { ParticipantId = participantId, NavigatorId = navigatorId, AssignedAt = db.Clock.GetUtcNow().UtcDateTime, AssignedBy = db.Author });
        await db.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<int, JourneyStep>> ActiveStepsAsync(int missionId, CancellationToken ct) =>
        await db.JourneySteps.AsNoTracking().Where(s => s.RetiredAt == null && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId))
            .ToDictionaryAsync(s => s.Id, ct);

    private async Task RequireJourneyAsync(int missionId, CancellationToken ct)
    {
        if (!await db.Journeys.AnyAsync(j => j.MissionId == missionId, ct))
            throw DomainException.Conflict("missionId", "NoJourney", "has no journey yet: define its steps first.");
    }

    /// <summary>The user ids with the navigator role in the mission or in its whole programme.</summary>
    public async Task<HashSet<int>> NavigatorIdsAsync(int missionId, CancellationToken ct)
    {
        var programmeId = await db.Missions.Where(m => m.Id == missionId).Select(m => m.ProgrammeId).FirstAsync(ct);
        return (await db.RoleAssignments.Where(r => r.Role == AccessRole.Navigator && (r.MissionId == missionId || (r.MissionId == null && r.ProgrammeId == programmeId)))
            .Select(r => r.UserId).Distinct().ToListAsync(ct)).ToHashSet();
    }

    private async Task RequireNavigatorAsync(int missionId, int? navigatorId, string field, CancellationToken ct)
    {
        if (navigatorId is { } id && !(await NavigatorIdsAsync(missionId, ct)).Contains(id))
            throw Invalid(field, "UnknownNavigator", "is not a person with the navigator role in this mission.");
    }

    private static void Apply(Participant p, ParticipantInput input)
    {
        p.Cohort = input.Cohort!.Trim();
        p.MunicipalityCode = Trim(input.MunicipalityCode);
        p.RegionCode = Trim(input.RegionCode);
        p.Sector = Trim(input.Sector);
        p.SizeClass = input.SizeClass;
        p.NavigatorId = input.NavigatorId;
        p.JoinedOn = input.JoinedOn;
        p.LeftOn = input.LeftOn;
        p.LeftReason = input.LeftOn is null ? null : Trim(input.LeftReason);
        p.NamedPublicly = input.NamedPublicly;
    }

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
