namespace Masten.Web.Accounts;

/// <summary>The kinds of record an endpoint can be about; each resolves to the mission, programme or actor it belongs to.</summary>
public enum ResourceKind
{
    /// <summary>Masten as a whole: the actor register, new programmes, the audit log, one's own account.</summary>
    Platform,
    Programme,
    Mission,
    /// <summary>A mission, for a new record some actor contributes (a commitment, a driver, an initiative it leads).</summary>
    MissionForActors,
    Goal,
    Indicator,
    Observation,
    Actor,
    Contact,
    OperationalGoal,
    Membership,
    Round,
    Commitment,
    Driver,
    GlossaryEntry,
    Initiative,
    Hypothesis,
    Review,
    /// <summary>A participant of a mission's journey: its actor's representatives and its navigator may contribute to it.</summary>
    Participant,
    /// <summary>A step event of a participant, judged as its participant.</summary>
    StepEvent,
    /// <summary>A mission's trust pulse (its statements, recipients and schedule; never its answers), judged as its mission.</summary>
    Pulse,
    /// <summary>A mission's participant journey (its steps and versions), judged as its mission.</summary>
    Journey,
    /// <summary>Any record, named by the route values <c>entityType</c> and <c>id</c> (its change history).</summary>
    Record,
}

/// <summary>
/// A record to check access to: its kind and id, and optionally the actor the change is made for (a new
/// commitment for actor 7 in mission 3 is <c>new ResourceRef(ResourceKind.Mission, 3, 7)</c>).
/// </summary>
public sealed record ResourceRef(ResourceKind Kind, int Id, int? ActorId = null)
{
    public static ResourceRef Platform { get; } = new(ResourceKind.Platform, 0);

    /// <summary>A change made for one actor in one mission: its commitments, drivers, the initiatives it leads.</summary>
    public static ResourceRef ForActorInMission(int missionId, int actorId) => new(ResourceKind.Mission, missionId, actorId);
}

/// <summary>Record types with a place in the access rules, by the name their change records carry.</summary>
public static class ResourceKinds
{
    private static readonly Dictionary<string, ResourceKind> ByRecordType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Programme"] = ResourceKind.Programme, ["Mission"] = ResourceKind.Mission, ["Goal"] = ResourceKind.Goal,
        ["Indicator"] = ResourceKind.Indicator, ["Observation"] = ResourceKind.Observation, ["Actor"] = ResourceKind.Actor,
        ["ContactPerson"] = ResourceKind.Contact, ["OperationalGoal"] = ResourceKind.OperationalGoal, ["Membership"] = ResourceKind.Membership,
        ["SigningRound"] = ResourceKind.Round, ["Commitment"] = ResourceKind.Commitment, ["Driver"] = ResourceKind.Driver,
        ["GlossaryEntry"] = ResourceKind.GlossaryEntry, ["Initiative"] = ResourceKind.Initiative, ["Hypothesis"] = ResourceKind.Hypothesis,
        ["Review"] = ResourceKind.Review, ["Participant"] = ResourceKind.Participant, ["StepEvent"] = ResourceKind.StepEvent,
        ["Pulse"] = ResourceKind.Pulse, ["Journey"] = ResourceKind.Journey,
    };

    /// <summary>The kind of a record type named on change records, or null for records outside the access rules (accounts, tokens).</summary>
    public static ResourceKind? OfRecordType(string? entityType) =>
        entityType is not null && ByRecordType.TryGetValue(entityType, out var kind) ? kind : null;
}
