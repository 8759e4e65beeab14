using Masten.Core.Accounts;
using Masten.Core.Missions;
using Masten.Data;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Accounts;

/// <summary>
/// Where a record sits: its mission (and programme, and whether the mission is a draft), or the actor it
/// belongs to. One query per record, through the visibility filter (so a hidden draft resolves to nothing),
/// and each answer is kept for the rest of the request: the middleware, the page and the stores ask again
/// for free. Scoped: one per request.
/// </summary>
public sealed class ScopeResolver(MastenDbContext db)
{
    private readonly Dictionary<(ResourceKind, int), ResourceScope?> cache = [];

    /// <summary>Database queries this resolver has made in this request (for tests and measurements).</summary>
    public int Queries { get; private set; }

    /// <summary>Records a mission's scope already known (from the request's visibility query), so that resolving it costs nothing.</summary>
    public void Know(int missionId, int programmeId, bool draft) =>
        cache[(ResourceKind.Mission, missionId)] = new ResourceScope(programmeId, missionId, null, draft);

    /// <summary>Where a record sits, or null when it does not exist or may not be seen.</summary>
    public async Task<ResourceScope?> ResolveAsync(ResourceRef r, CancellationToken ct = default)
    {
        if (r.Kind == ResourceKind.Platform)
            return ResourceScope.Platform;
        var kind = r.Kind == ResourceKind.MissionForActors ? ResourceKind.Mission : r.Kind;
        if (!cache.TryGetValue((kind, r.Id), out var scope))
        {
            Queries++;
            cache[(kind, r.Id)] = scope = await LoadAsync(kind, r.Id, ct);
        }
        if (scope is null)
            return null;
        if (r.Kind == ResourceKind.MissionForActors)
            scope = scope with { AnyActor = true };
        // A change made for a named actor (a new commitment for actor 7) is judged as that actor's.
        return r.ActorId is not null ? scope with { ActorId = r.ActorId } : scope;
    }

    private Task<ResourceScope?> LoadAsync(ResourceKind kind, int id, CancellationToken ct) => kind switch
    {
        ResourceKind.Programme => db.Programmes.Where(p => p.Id == id).Select(p => new ResourceScope(p.Id, null, null, false, false)).FirstOrDefaultAsync(ct),
        ResourceKind.Mission => InMission(db.Missions.Where(m => m.Id == id).Select(m => new Owned { MissionId = m.Id }), ct),
        ResourceKind.Goal => InMission(db.Goals.Where(g => g.Id == id).Select(g => new Owned { MissionId = g.MissionId }), ct),
        // An indicator (and its observations) belongs to the actor that reports it, if one does.
        ResourceKind.Indicator => InMission(db.Indicators.Where(i => i.Id == id).Select(i => new Owned { MissionId = i.Goal!.MissionId, ActorId = i.ReportingActorId }), ct),
        ResourceKind.Observation => InMission(db.Observations.Where(o => o.Id == id).Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new Owned { MissionId = i.Goal!.MissionId, ActorId = i.ReportingActorId }), ct),
        ResourceKind.Actor => ForActor(db.Actors.Where(a => a.Id == id).Select(a => a.Id), ct),
        ResourceKind.Contact => ForActor(db.ContactPeople.Where(c => c.Id == id).Select(c => c.ActorId), ct),
        ResourceKind.OperationalGoal => ForActor(db.OperationalGoals.Where(g => g.Id == id).Select(g => g.ActorId), ct),
        ResourceKind.Membership => InMission(db.Memberships.Where(m => m.Id == id).Select(m => new Owned { MissionId = m.MissionId, ActorId = m.ActorId }), ct),
        ResourceKind.Round => InMission(db.SigningRounds.Where(x => x.Id == id).Select(x => new Owned { MissionId = x.MissionId }), ct),
        ResourceKind.Commitment => InMission(db.Commitments.Where(c => c.Id == id).Select(c => new Owned { MissionId = c.MissionId, ActorId = c.ActorId }), ct),
        ResourceKind.Driver => InMission(db.Drivers.Where(d => d.Id == id).Select(d => new Owned { MissionId = d.MissionId, ActorId = d.ActorId }), ct),
        ResourceKind.GlossaryEntry => InMission(db.GlossaryEntries.Where(e => e.Id == id).Select(e => new Owned { MissionId = e.MissionId }), ct),
        ResourceKind.Initiative => InMission(db.Initiatives.Where(i => i.Id == id).Select(i => new Owned { MissionId = i.MissionId, ActorId = i.LeadActorId }), ct),
        ResourceKind.Hypothesis => InMission(db.Hypotheses.Where(h => h.Id == id).Join(db.Initiatives, h => h.InitiativeId, i => i.Id, (h, i) => new Owned { MissionId = i.MissionId, ActorId = i.LeadActorId }), ct),
        ResourceKind.Review => InMission(db.Reviews.Where(x => x.Id == id).Select(x => new Owned { MissionId = x.MissionId }), ct),
        // A participant belongs to its actor, and to its navigator (who may change it too).
        ResourceKind.Participant => InMission(db.Participants.Where(p => p.Id == id).Select(p => new Owned { MissionId = p.MissionId, ActorId = p.ActorId, NavigatorId = p.NavigatorId }), ct),
        ResourceKind.StepEvent => InMission(db.StepEvents.Where(e => e.Id == id).Join(db.Participants, e => e.ParticipantId, p => p.Id, (e, p) => new Owned { MissionId = p.MissionId, ActorId = p.ActorId, NavigatorId = p.NavigatorId }), ct),
        ResourceKind.Pulse => InMission(db.Pulses.Where(p => p.Id == id).Select(p => new Owned { MissionId = p.MissionId }), ct),
        ResourceKind.Journey => InMission(db.Journeys.Where(j => j.Id == id).Select(j => new Owned { MissionId = j.MissionId }), ct),
        _ => Task.FromResult<ResourceScope?>(null),
    };

    private sealed class Owned
    {
        public int MissionId { get; init; }
        public int? ActorId { get; init; }
        public int? NavigatorId { get; init; }
    }

    // One query: the record's mission (and actor) joined to the mission's programme and state.
    private async Task<ResourceScope?> InMission(IQueryable<Owned> owned, CancellationToken ct) =>
        await owned.Join(db.Missions, o => o.MissionId, m => m.Id, (o, m) => new ResourceScope(m.ProgrammeId, o.MissionId, o.ActorId, m.Status == MissionStatus.Draft, false) { NavigatorUserId = o.NavigatorId })
            .FirstOrDefaultAsync(ct);

    // One query: the actor, and the missions it takes part in (whose programme offices may change its records).
    private async Task<ResourceScope?> ForActor(IQueryable<int> actorIds, CancellationToken ct)
    {
        var found = await actorIds.Take(1)
            .Select(id => new
            {
                Id = id,
                Missions = db.Memberships.Where(ms => ms.ActorId == id)
                    .Join(db.Missions, ms => ms.MissionId, m => m.Id, (ms, m) => new { m.ProgrammeId, MissionId = m.Id }).ToList(),
            }).FirstOrDefaultAsync(ct);
        return found is null ? null : new ResourceScope(null, null, found.Id) { ActorMissions = found.Missions.Select(m => new MissionPlace(m.ProgrammeId, m.MissionId)).ToList() };
    }
}
