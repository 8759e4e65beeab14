using Masten.Core.Accounts;

namespace Masten.Core.Tests.Accounts;

public class AccessRulesTests
{
    private const int Programme = 1, Mission = 10, OtherMission = 11, OtherProgrammeMission = 20, Actor = 100, OtherActor = 101;

    private static readonly ResourceScope Published = new(Programme, Mission);
    private static readonly ResourceScope Draft = new(Programme, Mission, MissionIsDraft: true);
    private static readonly ResourceScope OwnCommitment = new(Programme, Mission, Actor);
    private static readonly ResourceScope OtherCommitment = new(Programme, Mission, OtherActor);
    private static readonly ResourceScope NewCommitmentForm = new(Programme, Mission, AnyActor: true);
    private static readonly ResourceScope OwnContact = new(ActorId: Actor);
    private static readonly ResourceScope MemberActor = new ResourceScope(ActorId: Actor) { ActorMissions = [new MissionPlace(Programme, Mission)] };
    private static readonly ResourceScope ProgrammeItself = new(Programme);

    private static Principal Person(params RoleGrant[] grants) => new(7, false, grants);

    private static readonly Principal Outsider = Person();
    private static readonly Principal Viewer = Person(new RoleGrant(null, Mission, AccessRole.Viewer));
    private static readonly Principal Representative = Person(new RoleGrant(null, Mission, AccessRole.ActorRepresentative, Actor));
    private static readonly Principal Editor = Person(new RoleGrant(null, Mission, AccessRole.Editor));
    private static readonly Principal Owner = Person(new RoleGrant(Programme, null, AccessRole.Owner));
    private static readonly Principal Admin = new(1, true, []);

    public static TheoryData<string, Principal, ResourceScope, Capability, AccessDecision> Cases => new()
    {
        { "anyone reads a published mission", Principal.Anonymous, Published, Capability.Read, AccessDecision.Allowed },
        { "a draft is hidden from the public", Principal.Anonymous, Draft, Capability.Read, AccessDecision.Hidden },
        { "a draft is hidden from a person without a role in it", Outsider, Draft, Capability.Read, AccessDecision.Hidden },
        { "a draft is hidden even for an edit", Outsider, Draft, Capability.Edit, AccessDecision.Hidden },
        { "a viewer reads the draft", Viewer, Draft, Capability.Read, AccessDecision.Allowed },
        { "a programme role covers its missions' drafts", Owner, Draft, Capability.Read, AccessDecision.Allowed },
        { "a role in another mission does not open a draft", Person(new RoleGrant(null, OtherMission, AccessRole.Owner)), Draft, Capability.Read, AccessDecision.Hidden },
        { "a role in another programme does not open a draft", Person(new RoleGrant(2, null, AccessRole.Owner)), Draft, Capability.Read, AccessDecision.Hidden },
        { "the actor register needs a sign-in", Principal.Anonymous, OwnContact, Capability.Read, AccessDecision.SignInRequired },
        { "a signed-in person reads the register", Outsider, OwnContact, Capability.Read, AccessDecision.Allowed },
        { "a change needs a sign-in", Principal.Anonymous, Published, Capability.Edit, AccessDecision.SignInRequired },
        { "a viewer changes nothing", Viewer, Published, Capability.Edit, AccessDecision.Forbidden },
        { "a viewer contributes nothing", Viewer, OwnCommitment, Capability.Contribute, AccessDecision.Forbidden },
        { "an editor edits the mission", Editor, Published, Capability.Edit, AccessDecision.Allowed },
        { "an editor changes any actor's commitment", Editor, OtherCommitment, Capability.Contribute, AccessDecision.Allowed },
        { "an editor does not manage people", Editor, Published, Capability.Manage, AccessDecision.Forbidden },
        { "a mission editor does not edit the programme", Editor, ProgrammeItself, Capability.Edit, AccessDecision.Forbidden },
        { "the programme office manages people", Owner, Published, Capability.Manage, AccessDecision.Allowed },
        { "the programme office edits the programme", Owner, ProgrammeItself, Capability.Edit, AccessDecision.Allowed },
        { "the programme office of one programme edits nothing in another", Owner, new ResourceScope(2, OtherProgrammeMission), Capability.Edit, AccessDecision.Forbidden },
        { "a representative changes their actor's commitment", Representative, OwnCommitment, Capability.Contribute, AccessDecision.Allowed },
        { "a representative cannot change another actor's commitment", Representative, OtherCommitment, Capability.Contribute, AccessDecision.Forbidden },
        { "a representative cannot edit the mission", Representative, Published, Capability.Edit, AccessDecision.Forbidden },
        { "a representative contributes nothing without an actor", Representative, Published, Capability.Contribute, AccessDecision.Forbidden },
        { "a representative opens the form for a new commitment", Representative, NewCommitmentForm, Capability.Contribute, AccessDecision.Allowed },
        { "a representative's role in one mission is not a role in another", Representative, new ResourceScope(Programme, OtherMission, Actor), Capability.Contribute, AccessDecision.Forbidden },
        { "a representative keeps their actor's contacts", Representative, OwnContact, Capability.Contribute, AccessDecision.Allowed },
        { "a representative cannot touch another actor's contacts", Representative, new ResourceScope(ActorId: OtherActor), Capability.Contribute, AccessDecision.Forbidden },
        { "an editor of a mission the actor takes part in does not change the actor's own records", Editor, MemberActor, Capability.Contribute, AccessDecision.Forbidden },
        { "an editor of any mission does not change an actor's own records", Editor, OwnContact, Capability.Contribute, AccessDecision.Forbidden },
        { "the programme office of a mission the actor takes part in changes its records", Owner, MemberActor, Capability.Contribute, AccessDecision.Allowed },
        { "the office of a single mission the actor takes part in changes its records", Person(new RoleGrant(null, Mission, AccessRole.Owner)), MemberActor, Capability.Contribute, AccessDecision.Allowed },
        { "the programme office of another programme does not change the actor", Person(new RoleGrant(2, null, AccessRole.Owner)), MemberActor, Capability.Contribute, AccessDecision.Forbidden },
        { "a representative keeps their actor's own record even where it takes part", Representative, MemberActor, Capability.Contribute, AccessDecision.Allowed },
        { "a system administrator changes any actor", Admin, OwnContact, Capability.Contribute, AccessDecision.Allowed },
        { "a new actor in the register needs an editor somewhere", Representative, ResourceScope.Platform, Capability.Edit, AccessDecision.Forbidden },
        { "an editor registers a new actor", Editor, ResourceScope.Platform, Capability.Edit, AccessDecision.Allowed },
        { "only a system administrator administers", Owner, ResourceScope.Platform, Capability.Administer, AccessDecision.Forbidden },
        { "a system administrator may do anything", Admin, Draft, Capability.Administer, AccessDecision.Allowed },
        { "a read-only token reads", Admin with { ReadOnly = true }, Published, Capability.Read, AccessDecision.Allowed },
        { "a read-only token writes nothing, even an administrator's", Admin with { ReadOnly = true }, Published, Capability.Edit, AccessDecision.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesAsTheRolesSay(string why, Principal who, ResourceScope scope, Capability need, AccessDecision expected) =>
        Assert.True(expected == AccessRules.Decide(who, scope, need), why);

    [Fact]
    public void SecretsAreLongRandomAndStoredOnlyAsHashes()
    {
        var a = Secrets.NewApiToken();
        var b = Secrets.NewApiToken();

        Assert.StartsWith(Secrets.TokenPrefix, a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40);
        Assert.Equal(64, Secrets.Hash(a).Length);
        Assert.Equal(Secrets.Hash(a), Secrets.Hash(a));
        Assert.DoesNotContain(a, Secrets.Hash(a), StringComparison.Ordinal);
    }
}
