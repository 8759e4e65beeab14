using Masten.Core.Common;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Missions;

/// <summary>
/// Every write to programmes, missions, goals, indicators and observations, shared by pages, the API
/// and the CLI. Each method validates with <see cref="MissionRules"/> first, so bad input changes
/// nothing. Updates take the version the user last saw: if the record has moved on since, the
/// method throws a conflict instead of overwriting someone else's change.
/// A method returns null when the record to change does not exist.
/// Changes to the roadmap of a mission that is no longer a draft are revisions: see <see cref="ReviseAsync{T}"/>.
/// </summary>
public sealed partial class MissionStore(MastenDbContext db)
{
    internal MastenDbContext Db => db;

    public async Task<Programme> CreateProgrammeAsync(ProgrammeInput input, CancellationToken ct = default)
    {
        MissionRules.Validate(input);
        var programme = new Programme();
        Apply(programme, input);
        db.Programmes.Add(programme);
        await db.SaveChangesAsync(ct);
        return programme;
    }

    public async Task<Programme?> UpdateProgrammeAsync(int id, ProgrammeInput input, CancellationToken ct = default)
    {
        var programme = await db.Programmes.FindAsync([id], ct);
        if (programme is null)
            return null;
        MissionRules.Validate(input);
        db.ExpectVersion(programme, input.Version);
        Apply(programme, input);
        await db.SaveVersionedAsync(ct);
        return programme;
    }

    /// <summary>
    /// Creates a mission as a draft. A create asking for another status is refused naming <c>status</c>
    /// (<see cref="Publishing.CheckNewMission"/>): a mission leaves draft only by <see cref="PublishMissionAsync"/>
    /// (or an edit passing the same checks).
    /// </summary>
    public async Task<Mission> CreateMissionAsync(MissionInput input, CancellationToken ct = default)
    {
        MissionRules.Validate(input);
        Publishing.CheckNewMission(input.Status);
        await RequireProgrammeAsync(input.ProgrammeId, ct);
        var mission = new Mission();
        Apply(mission, input);
        return await AddRevisedAsync(null, Revision(input.Reason, input.ReviewId, input.ValidFrom), () => Task.FromResult(mission), m => m.Id, ct);
    }

    public async Task<Mission?> UpdateMissionAsync(int id, MissionInput input, CancellationToken ct = default)
    {
        var mission = await db.Missions.FindAsync([id], ct);
        if (mission is null)
            return null;
        MissionRules.Validate(input);
        if (input.ProgrammeId != mission.ProgrammeId)
            await RequireProgrammeAsync(input.ProgrammeId, ct);
        db.ExpectVersion(mission, input.Version);
        // Leaving draft by an edit is publishing: the same checks as Publicera (PublishMissionAsync).
        if (mission.Status == MissionStatus.Draft && input.Status != MissionStatus.Draft)
        {
            var (goals, indicators) = await RoadmapSizeAsync(id, ct);
            Publishing.CheckStatusChange(mission.Status, input.Status, goals, indicators);
        }
        await RequireIndicatorsInsideYearsAsync(id, input, ct);
        return await SaveRevisedAsync(id, Revision(input.Reason, input.ReviewId, input.ValidFrom), mission, () => Apply(mission, input), ct);
    }

    /// <summary>
    /// Publishes a draft (<see cref="Publishing.Check"/>): it becomes active, readable by everyone, and its roadmap is
    /// recorded as version 1, valid from today, in the same transaction. Refused, changing nothing, when it has no goal
    /// or no indicator, or is not a draft. <paramref name="version"/>, when given, must be the one last read. Null when
    /// the mission does not exist. <paramref name="validFrom"/>, when given, dates version 1 (the example data's
    /// roadmap was agreed on in the past); otherwise it is today.
    /// </summary>
    public async Task<Mission?> PublishMissionAsync(int id, int? version = null, DateOnly? validFrom = null, CancellationToken ct = default)
    {
        var mission = await db.Missions.FindAsync([id], ct);
        if (mission is null)
            return null;
        var (goals, indicators) = await RoadmapSizeAsync(id, ct);
        Publishing.Check(mission.Status, goals, indicators);
        if (version is not null)
            db.ExpectVersion(mission, version);
        return await SaveRevisedAsync(id, Revision(null, null, validFrom), mission, () => mission.Status = MissionStatus.Active, ct);
    }

    public async Task<Goal> CreateGoalAsync(GoalInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == input.MissionId, ct))
            throw Invalid("missionId", "UnknownMission", "is not an existing mission.");
        MissionRules.Validate(input, await ParentMissionAsync(input.ParentId, ct));
        return await AddRevisedAsync(input.MissionId, Revision(input.Reason, input.ReviewId, input.ValidFrom), async () =>
        {
            var goal = new Goal { MissionId = input.MissionId };
            Apply(goal, input);
            goal.Order = input.Order ?? await NextOrderAsync(input.MissionId, input.ParentId, ct);
            return goal;
        }, _ => input.MissionId, ct);
    }

    public async Task<Goal?> UpdateGoalAsync(int id, GoalInput input, CancellationToken ct = default)
    {
        var goal = await db.Goals.FindAsync([id], ct);
        if (goal is null)
            return null;
        // A goal stays in its mission; the mission id in the input is taken from the goal.
        input = input with { MissionId = goal.MissionId };
        var wouldCycle = input.ParentId is not null && await IsSelfOrDescendantAsync(id, input.ParentId.Value, goal.MissionId, ct);
        MissionRules.Validate(input, await ParentMissionAsync(input.ParentId, ct), wouldCycle);
        db.ExpectVersion(goal, input.Version);
        return await SaveRevisedAsync(goal.MissionId, Revision(input.Reason, input.ReviewId, input.ValidFrom), goal, async () =>
        {
            var parentChanged = goal.ParentId != input.ParentId;
            Apply(goal, input);
            if (input.Order is not null)
                goal.Order = input.Order.Value;
            else if (parentChanged)
                goal.Order = await NextOrderAsync(goal.MissionId, input.ParentId, ct);
        }, ct);
    }

    public async Task<Indicator> CreateIndicatorAsync(IndicatorInput input, CancellationToken ct = default)
    {
        var years = await MissionYearsOfGoalAsync(input.GoalId, ct)
            ?? throw Invalid("goalId", "UnknownGoal", "is not an existing goal.");
        MissionRules.Validate(input, years.Baseline, years.Horizon);
        await RequireReportingActorAsync(input.ReportingActorId, years.MissionId, ct);
        await RequireUniqueCodeAsync(input.Code, years.MissionId, null, ct);
        var indicator = new Indicator { GoalId = input.GoalId };
        Apply(indicator, input);
        return await AddRevisedAsync(years.MissionId, Revision(input.Reason, input.ReviewId, input.ValidFrom), () => Task.FromResult(indicator), _ => years.MissionId, ct);
    }

    public async Task<Indicator?> UpdateIndicatorAsync(int id, IndicatorInput input, CancellationToken ct = default)
    {
        var indicator = await db.Indicators.Include(i => i.Targets).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (indicator is null)
            return null;
        var years = await MissionYearsOfGoalAsync(input.GoalId, ct)
            ?? throw Invalid("goalId", "UnknownGoal", "is not an existing goal.");
        if (input.GoalId != indicator.GoalId && years.MissionId != await db.Goals.Where(g => g.Id == indicator.GoalId).Select(g => g.MissionId).FirstAsync(ct))
            throw Invalid("goalId", "GoalInOtherMission", "must be a goal of the same mission.");
        MissionRules.Validate(input, years.Baseline, years.Horizon);
        await RequireReportingActorAsync(input.ReportingActorId, years.MissionId, ct);
        await RequireUniqueCodeAsync(input.Code, years.MissionId, id, ct);
        db.ExpectVersion(indicator, input.Version);
        return await SaveRevisedAsync(years.MissionId, Revision(input.Reason, input.ReviewId, input.ValidFrom), indicator, () =>
        {
            Apply(indicator, input);
            // Saving an indicator is one version even when only its targets changed.
            db.Entry(indicator).Property(i => i.UpdatedAt).IsModified = true;
        }, ct);
    }

    /// <summary>
    /// Appends a new observation. Returns null when the indicator does not exist. In the same transaction it
    /// marks the current series (<see cref="Observation.IsCurrent"/>) and stores the indicator's assessment
    /// (<see cref="Progress.ProgressReadModel"/>).
    /// </summary>
    public Task<Observation?> AppendObservationAsync(int indicatorId, ObservationInput input, string enteredBy, CancellationToken ct = default) =>
        AppendAsync(indicatorId, input, enteredBy, computed: false, ct);

    /// <summary>Appends a value Masten computed itself (an indicator fed by a journey, which takes no typed values), as <see cref="AppendObservationAsync(int, ObservationInput, string, CancellationToken)"/> does.</summary>
    internal Task<Observation?> AppendComputedObservationAsync(int indicatorId, ObservationInput input, string enteredBy, CancellationToken ct) =>
        AppendAsync(indicatorId, input, enteredBy, computed: true, ct);

    private async Task<Observation?> AppendAsync(int indicatorId, ObservationInput input, string enteredBy, bool computed, CancellationToken ct)
    {
        var missionId = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (int?)i.Goal!.MissionId).FirstOrDefaultAsync(ct);
        if (missionId is null)
            return null;
        MissionRules.Validate(input, db.Clock.LatestToday());
        if (!computed)
            await RequireTypedAsync(indicatorId, ct);
        var observation = new Observation
        {
            IndicatorId = indicatorId,
            Date = input.Date,
            Value = input.Value,
            Source = Trim(input.Source),
            Note = Trim(input.Note),
            EnteredBy = enteredBy,
            EnteredAt = db.Clock.GetUtcNow().UtcDateTime,
            IsCurrent = true,
        };
        await ObservationWriteAsync(missionId.Value, indicatorId, async () =>
        {
            db.Observations.Add(observation);
            await db.SaveChangesAsync(ct);
            await MarkCurrentAsync(indicatorId, [observation.Date], ct);
        }, ct);
        return observation;
    }

    /// <summary>
    /// Corrects an observation by appending a record that supersedes it; the old one stays readable.
    /// Only the current value can be corrected: correcting one that was already corrected is a conflict.
    /// Returns null when the observation does not exist. Keeps the read model as <see cref="AppendObservationAsync(int, ObservationInput, string, CancellationToken)"/> does.
    /// </summary>
    public async Task<Observation?> CorrectObservationAsync(int observationId, CorrectionInput input, string enteredBy, CancellationToken ct = default)
    {
        var old = await db.Observations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == observationId, ct);
        if (old is null)
            return null;
        MissionRules.Validate(input, db.Clock.LatestToday());
        await RequireTypedAsync(old.IndicatorId, ct);
        if (await db.Observations.AnyAsync(o => o.SupersedesId == observationId, ct))
            throw AlreadyCorrected();
        var missionId = await db.Indicators.Where(i => i.Id == old.IndicatorId).Select(i => i.Goal!.MissionId).FirstAsync(ct);
        var correction = new Observation
        {
            IndicatorId = old.IndicatorId,
            Date = input.Date,
            Value = input.Value,
            Source = Trim(input.Source),
            Note = Trim(input.Note),
            EnteredBy = enteredBy,
            EnteredAt = db.Clock.GetUtcNow().UtcDateTime,
            SupersedesId = observationId,
            CorrectionReason = Trim(input.Reason),
            IsCurrent = true,
        };
        try
        {
            await ObservationWriteAsync(missionId, old.IndicatorId, async () =>
            {
                // Under the indicator's lock a correction saved a moment ago is visible here.
                if (await db.Observations.AnyAsync(o => o.SupersedesId == observationId, ct))
                    throw AlreadyCorrected();
                db.Observations.Add(correction);
                await db.SaveChangesAsync(ct);
                await MarkCurrentAsync(old.IndicatorId, [old.Date, correction.Date], ct);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on SupersedesId: someone corrected the same value a moment ago.
            db.Entry(correction).State = EntityState.Detached;
            if (await db.Observations.AnyAsync(o => o.SupersedesId == observationId, ct))
                throw AlreadyCorrected();
            throw;
        }
        return correction;
    }

    /// <summary>Runs an observation write and the read-model update in one transaction, under the indicator's lock.</summary>
    private async Task ObservationWriteAsync(int missionId, int indicatorId, Func<Task> write, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await Progress.ProgressReadModel.LockAsync(db, null, indicatorId, ct);
            await write();
            await Progress.ProgressReadModel.RefreshAsync(db, missionId, indicatorId, ct);
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
    /// Sets <see cref="Observation.IsCurrent"/> on the indicator's records on <paramref name="dates"/> by the rule
    /// of <see cref="ObservationSeries.Current"/>: not superseded, and the one entered last on its date.
    /// </summary>
    private async Task MarkCurrentAsync(int indicatorId, IReadOnlyCollection<DateOnly> dates, CancellationToken ct)
    {
        var rows = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && dates.Contains(o.Date))
            .Select(o => new { o.Id, o.Date, o.EnteredAt, o.IsCurrent, Superseded = db.Observations.Any(s => s.SupersedesId == o.Id) })
            .ToListAsync(ct);
        var current = rows.Where(r => !r.Superseded).GroupBy(r => r.Date)
            .Select(g => g.OrderByDescending(r => r.EnteredAt).ThenByDescending(r => r.Id).First().Id).ToHashSet();
        var on = rows.Where(r => current.Contains(r.Id) && !r.IsCurrent).Select(r => r.Id).ToList();
        var off = rows.Where(r => !current.Contains(r.Id) && r.IsCurrent).Select(r => r.Id).ToList();
        if (on.Count > 0)
            await db.Observations.Where(o => on.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, true), ct);
        if (off.Count > 0)
            await db.Observations.Where(o => off.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, false), ct);
    }

    /// <summary>An indicator whose values a journey computes takes no typed observations or corrections.</summary>
    private async Task RequireTypedAsync(int indicatorId, CancellationToken ct)
    {
        if (await db.Journeys.AnyAsync(j => j.StartedIndicatorId == indicatorId, ct) || await db.Pulses.AnyAsync(p => p.IndicatorId == indicatorId, ct))
            throw Invalid("indicatorId", "ComputedIndicator", "is computed by Masten from the mission's journey or pulse; its values cannot be typed.");
    }

    private static DomainException AlreadyCorrected() =>
        DomainException.Conflict("observationId", "AlreadyCorrected", "has already been corrected; correct the newer value instead.");

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);

    private async Task RequireProgrammeAsync(int programmeId, CancellationToken ct)
    {
        if (!await db.Programmes.AnyAsync(p => p.Id == programmeId, ct))
            throw Invalid("programmeId", "UnknownProgramme", "is not an existing programme.");
    }

    private async Task RequireIndicatorsInsideYearsAsync(int missionId, MissionInput input, CancellationToken ct)
    {
        var horizonEnd = new DateOnly(input.HorizonYear, 12, 31);
        var late = await db.IndicatorTargets
            .Where(t => t.Date > horizonEnd && db.Indicators.Any(i => i.Id == t.IndicatorId && i.Goal!.MissionId == missionId))
            .AnyAsync(ct);
        if (late)
            throw Invalid("horizonYear", "TargetsAfterHorizon", "is before some indicator targets; move those targets first.");
    }

    private async Task<int?> ParentMissionAsync(int? parentId, CancellationToken ct) =>
        parentId is null ? null : await db.Goals.Where(g => g.Id == parentId).Select(g => (int?)g.MissionId).FirstOrDefaultAsync(ct);

    private async Task<int> NextOrderAsync(int missionId, int? parentId, CancellationToken ct) =>
        (await db.Goals.Where(g => g.MissionId == missionId && g.ParentId == parentId).MaxAsync(g => (int?)g.Order, ct) ?? -1) + 1;

    /// <summary>True when <paramref name="candidateParentId"/> is the goal itself or lies below it.</summary>
    private async Task<bool> IsSelfOrDescendantAsync(int goalId, int candidateParentId, int missionId, CancellationToken ct)
    {
        var parents = await db.Goals.Where(g => g.MissionId == missionId)
            .Select(g => new { g.Id, g.ParentId }).ToDictionaryAsync(g => g.Id, g => g.ParentId, ct);
        int? current = candidateParentId;
        for (var steps = 0; current is not null && steps <= parents.Count; steps++)
        {
            if (current == goalId)
                return true;
            current = parents.GetValueOrDefault(current.Value);
        }
        return false;
    }

    /// <summary>A new record of the roadmap, made by <paramref name="create"/>, added and saved as one change of its mission (<see cref="ReviseAsync{T}"/>).</summary>
    private Task<T> AddRevisedAsync<T>(int? missionId, RevisionInput revision, Func<Task<T>> create, Func<T, int> missionOf, CancellationToken ct)
        where T : class =>
        ReviseAsync(missionId, revision, async () =>
        {
            var record = await create();
            db.Add(record);
            await db.SaveChangesAsync(ct);
            return record;
        }, missionOf, ct);

    /// <summary>A stored record of the roadmap, changed by <paramref name="change"/> and saved as one version and one change of its mission (<see cref="ReviseAsync{T}"/>).</summary>
    private Task<T> SaveRevisedAsync<T>(int missionId, RevisionInput revision, T record, Func<Task> change, CancellationToken ct) =>
        ReviseAsync(missionId, revision, async () =>
        {
            await change();
            await db.SaveVersionedAsync(ct);
            return record;
        }, _ => missionId, ct);

    private Task<T> SaveRevisedAsync<T>(int missionId, RevisionInput revision, T record, Action change, CancellationToken ct) =>
        SaveRevisedAsync(missionId, revision, record, () =>
        {
            change();
            return Task.CompletedTask;
        }, ct);

    /// <summary>How many goals and indicators the mission's roadmap has: what publishing needs.</summary>
    private async Task<(int Goals, int Indicators)> RoadmapSizeAsync(int missionId, CancellationToken ct) =>
        (await db.Goals.CountAsync(g => g.MissionId == missionId, ct), await db.Indicators.CountAsync(i => i.Goal!.MissionId == missionId, ct));

    private sealed record MissionYears(int MissionId, int Baseline, int Horizon);

    private Task<MissionYears?> MissionYearsOfGoalAsync(int goalId, CancellationToken ct) =>
        db.Goals.Where(g => g.Id == goalId)
            .Select(g => new MissionYears(g.MissionId, g.Mission!.BaselineYear, g.Mission.HorizonYear))
            .FirstOrDefaultAsync(ct);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Apply(Programme p, ProgrammeInput input)
    {
        p.Name = input.Name!.Trim();
        p.Description = Trim(input.Description);
        p.ProgrammeOffice = Trim(input.ProgrammeOffice);
    }

    private static void Apply(Mission m, MissionInput input)
    {
        m.ProgrammeId = input.ProgrammeId;
        m.Title = input.Title!.Trim();
        m.Statement = input.Statement!.Trim();
        m.BaselineYear = input.BaselineYear;
        m.HorizonYear = input.HorizonYear;
        m.Status = input.Status;
        m.RollupRule = input.RollupRule;
        m.Language = input.Language!.Trim().ToLowerInvariant();
        m.LixTarget = input.LixTarget;
        m.StaleAfterDays = input.StaleAfterDays;
    }

    private static void Apply(Goal g, GoalInput input)
    {
        g.ParentId = input.ParentId;
        g.Title = input.Title!.Trim();
        g.Description = Trim(input.Description);
        g.Weight = input.Weight;
    }

    /// <summary>The actor reporting an indicator takes part in its mission.</summary>
    private async Task RequireReportingActorAsync(int? actorId, int missionId, CancellationToken ct)
    {
        if (actorId is not null && !await db.Memberships.AnyAsync(m => m.ActorId == actorId && m.MissionId == missionId, ct))
            throw Invalid("reportingActorId", "NotAMember", "must be an actor taking part in the mission.");
    }

    /// <summary>An indicator's code names one indicator of its mission.</summary>
    private async Task RequireUniqueCodeAsync(string? code, int missionId, int? indicatorId, CancellationToken ct)
    {
        var trimmed = Trim(code);
        if (trimmed is not null && await db.Indicators.AnyAsync(i => i.Code == trimmed && i.Goal!.MissionId == missionId && i.Id != indicatorId, ct))
            throw Invalid("code", "DuplicateCode", "is already the code of another indicator of this mission.");
    }

    private void Apply(Indicator i, IndicatorInput input)
    {
        i.Code = Trim(input.Code);
        i.ReportingActorId = input.ReportingActorId;
        i.GoalId = input.GoalId;
        i.Name = input.Name!.Trim();
        i.Description = Trim(input.Description);
        i.Unit = input.Unit!.Trim();
        i.Direction = input.Direction;
        i.Frequency = input.Frequency;
        i.Source = Trim(input.Source);
        i.BaselineDate = input.BaselineDate;
        i.BaselineValue = input.BaselineValue;
        i.Shape = input.Shape;
        i.Weight = input.Weight;
        var wanted = MissionRules.SortedTargets(input);
        // Keep rows whose date is unchanged so an edit touches only what changed.
        foreach (var stale in i.Targets.Where(t => !wanted.Any(w => w.Date == t.Date)).ToList())
        {
            i.Targets.Remove(stale);
            db.IndicatorTargets.Remove(stale);
        }
        foreach (var w in wanted)
        {
            var existing = i.Targets.FirstOrDefault(t => t.Date == w.Date);
            if (existing is null)
                i.Targets.Add(new IndicatorTarget { Date = w.Date, Value = w.Value });
            else
                existing.Value = w.Value;
        }
        i.Targets.Sort((a, b) => a.Date.CompareTo(b.Date));
    }
}
