namespace Masten.Core.Accounts;

/// <summary>A person's role in a programme (all its missions) or in one mission.</summary>
public enum AccessRole
{
    /// <summary>Programme office: edits everything in scope and manages who has which role.</summary>
    Owner,
    /// <summary>Edits the mission's content: goals, indicators, actors, portfolio, reviews.</summary>
    Editor,
    /// <summary>Represents one actor: edits that actor's own data in the mission, nothing else.</summary>
    ActorRepresentative,
    /// <summary>Reads the mission, also while it is a draft.</summary>
    Viewer,
    /// <summary>A navigator in the mission's journey: reads the mission and edits the participants assigned to them.</summary>
    Navigator,
}

/// <summary>What a request wants to do with a resource.</summary>
public enum Capability
{
    /// <summary>See it. Published missions are readable by anyone; the rest of Masten needs a sign-in.</summary>
    Read,
    /// <summary>
    /// See who takes part in a mission's journey and where each participant stands: anyone with a role in the
    /// mission (navigators included), and a company's representative for its own participation. The public sees
    /// the funnel as counts only.
    /// </summary>
    ReadParticipants,
    /// <summary>Change one actor's own data: its contacts, commitments, drivers, operational goals, the initiatives it leads, their check-ins, observations of indicators assigned to it.</summary>
    Contribute,
    /// <summary>Change the mission's or programme's content.</summary>
    Edit,
    /// <summary>Invite people and give or take roles in the mission or programme.</summary>
    Manage,
    /// <summary>Run Masten itself: create programmes, see the audit log of everything.</summary>
    Administer,
}

/// <summary>The answer to an access question. Hidden means: answer as if the resource did not exist.</summary>
public enum AccessDecision
{
    Allowed,
    /// <summary>Nobody is signed in and the action needs someone who is.</summary>
    SignInRequired,
    Forbidden,
    Hidden,
}

/// <summary>One role held by a person, in a programme (<see cref="ProgrammeId"/>) or in one mission (<see cref="MissionId"/>).</summary>
public sealed record RoleGrant(int? ProgrammeId, int? MissionId, AccessRole Role, int? ActorId = null);

/// <summary>
/// Who is asking: nobody (<see cref="Anonymous"/>), or a signed-in person with their roles. A request made
/// with a read-only API token may read but never change anything.
/// </summary>
public sealed record Principal(int? UserId, bool IsSystemAdmin, IReadOnlyList<RoleGrant> Grants, bool ReadOnly = false)
{
    public static readonly Principal Anonymous = new(null, false, []);

    public bool IsSignedIn => UserId is not null;
}

/// <summary>
/// Where a resource sits: in a mission (and so in its programme), in a programme, owned by an actor, or
/// nowhere in particular (the actor register, Masten itself). <see cref="MissionIsDraft"/> says whether
/// the mission is still a draft, which only people with a role in it may see. <see cref="AnyActor"/> marks
/// a change for an actor not yet named (the form for a new commitment): a representative of any actor in
/// the mission may open it, and the save, which names the actor, is judged again.
/// </summary>
public sealed record ResourceScope(int? ProgrammeId = null, int? MissionId = null, int? ActorId = null, bool MissionIsDraft = false, bool AnyActor = false)
{
    /// <summary>
    /// For a record of the actor register (an actor, its contacts, its operational goals): the missions the
    /// actor takes part in, whose programme offices may change it. Empty for everything else.
    /// </summary>
    public IReadOnlyCollection<MissionPlace> ActorMissions { get; init; } = [];

    /// <summary>For a participant of a journey: the user id of its navigator, who may change it (<see cref="AccessRole.Navigator"/>).</summary>
    public int? NavigatorUserId { get; init; }

    /// <summary>True for an actor's own record outside any mission (the actor itself, its contacts and operational goals).</summary>
    public bool IsActorRecord => MissionId is null && ProgrammeId is null && ActorId is not null;

    /// <summary>Masten as a whole: the actor register, new programmes, the audit log.</summary>
    public static readonly ResourceScope Platform = new();
}

/// <summary>A mission and its programme, where an actor takes part.</summary>
public sealed record MissionPlace(int ProgrammeId, int MissionId);

/// <summary>
/// The access rules of Masten in one place. Pure: the web tier resolves the resource's scope and the
/// person's roles, and asks. Deny by default: anything not granted below is refused.
/// </summary>
public static class AccessRules
{
    public static AccessDecision Decide(Principal who, ResourceScope scope, Capability need)
    {
        var inScope = who.Grants.Where(g => Covers(g, scope)).ToList();
        // A draft mission does not exist for those without a role in it.
        if (scope.MissionId is not null && scope.MissionIsDraft && !who.IsSystemAdmin && inScope.Count == 0)
            return AccessDecision.Hidden;
        if (need == Capability.Read)
            return Read(who, scope);
        if (!who.IsSignedIn)
            return AccessDecision.SignInRequired;
        if (who.ReadOnly && need != Capability.ReadParticipants)
            return AccessDecision.Forbidden;
        if (who.IsSystemAdmin)
            return AccessDecision.Allowed;
        // An actor's own records belong to no mission: its representatives and the programme offices of the
        // missions it takes part in change them, not an editor of some mission.
        if (scope.IsActorRecord && need is Capability.Contribute or Capability.Edit)
            return (need == Capability.Contribute && RepresentsActor(who, scope, inScope)) || OwnsActorMission(who, scope)
                ? AccessDecision.Allowed : AccessDecision.Forbidden;
        var allowed = need switch
        {
            Capability.Administer => false,
            Capability.Manage => inScope.Any(g => g.Role == AccessRole.Owner),
            Capability.ReadParticipants => inScope.Any(g => g.Role != AccessRole.ActorRepresentative) || RepresentsActor(who, scope, inScope),
            Capability.Edit => IsEditor(who, scope, inScope),
            Capability.Contribute => IsEditor(who, scope, inScope) || RepresentsActor(who, scope, inScope) || IsAssignedNavigator(who, scope, inScope),
            _ => false,
        };
        return allowed ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    private static AccessDecision Read(Principal who, ResourceScope scope)
    {
        // Published missions are public; everything outside a mission needs a signed-in person.
        if (scope.MissionId is not null)
            return AccessDecision.Allowed;
        if (scope.ProgrammeId is not null && scope.ActorId is null)
            return AccessDecision.Allowed;
        return who.IsSignedIn ? AccessDecision.Allowed : AccessDecision.SignInRequired;
    }

    private static bool IsEditor(Principal who, ResourceScope scope, List<RoleGrant> inScope)
    {
        if (scope.MissionId is null && scope.ProgrammeId is null)
            // Platform-wide edits (a new actor in the register) need an editor's role somewhere.
            return who.Grants.Any(g => g.Role is AccessRole.Owner or AccessRole.Editor);
        return inScope.Any(g => g.Role is AccessRole.Owner or AccessRole.Editor);
    }

    /// <summary>
    /// The actors the person represents where the resource sits: in a mission, those of their representative
    /// roles there; outside any mission (an actor's own contacts), those of all their representative roles.
    /// A read-only token represents nobody.
    /// </summary>
    public static IReadOnlySet<int> RepresentedActors(Principal who, ResourceScope scope)
    {
        if (who.ReadOnly)
            return new HashSet<int>();
        var candidates = scope.MissionId is null && scope.ProgrammeId is null ? who.Grants : who.Grants.Where(g => Covers(g, scope));
        return candidates.Where(g => g.Role == AccessRole.ActorRepresentative && g.ActorId is not null).Select(g => g.ActorId!.Value).ToHashSet();
    }

    private static bool RepresentsActor(Principal who, ResourceScope scope, List<RoleGrant> inScope)
    {
        if (scope.ActorId is null)
            return scope.AnyActor && scope.MissionId is not null && inScope.Any(g => g.Role == AccessRole.ActorRepresentative);
        return RepresentedActors(who, scope).Contains(scope.ActorId.Value);
    }

    /// <summary>A navigator of the mission to whom the participant is assigned.</summary>
    public static bool IsAssignedNavigator(Principal who, ResourceScope scope, IEnumerable<RoleGrant> inScope) =>
        !who.ReadOnly && scope.NavigatorUserId is { } navigator && navigator == who.UserId && inScope.Any(g => g.Role == AccessRole.Navigator);

    /// <summary>Whether the person holds a navigator role where the resource sits.</summary>
    public static bool IsNavigator(Principal who, ResourceScope scope) =>
        who.Grants.Any(g => g.Role == AccessRole.Navigator && Covers(g, scope));

    private static bool OwnsActorMission(Principal who, ResourceScope scope) =>
        who.Grants.Any(g => g.Role == AccessRole.Owner
            && scope.ActorMissions.Any(m => g.MissionId == m.MissionId || (g.MissionId is null && g.ProgrammeId == m.ProgrammeId)));

    private static bool Covers(RoleGrant grant, ResourceScope scope)
    {
        if (grant.MissionId is not null)
            return grant.MissionId == scope.MissionId;
        return grant.ProgrammeId is not null && grant.ProgrammeId == scope.ProgrammeId;
    }
}
