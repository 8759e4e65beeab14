using Masten.Core.Actors;
using Masten.Core.Common;

namespace Masten.Core.Tests.Actors;

public class ActorRulesTests
{
    private static readonly int[] MissionGoals = [10, 11, 12];

    private static DomainException Fails(Action act) => Assert.Throws<DomainException>(act);

    private static CommitmentInput Commitment(double? money = 100_000, Currency? currency = Currency.SEK, double? years = 1.5, int[]? goals = null, string tier = "leading") =>
        new(1, 1, 1, "Vi ställer om alla arbetsmaskiner", tier, goals ?? [10], money, currency, years, new DateOnly(2027, 12, 31));

    [Fact]
    public void ActorReturnsItsNumberNormalised() =>
        Assert.Equal("202100-5489", ActorRules.Validate(new ActorInput("Kommunen", ActorType.Municipality, Country.Sweden, "2021005489", "https://kommunen.se", null)));

    [Fact]
    public void ActorWithAWrongCheckDigitNamesOrganisationNumber()
    {
        var ex = Fails(() => ActorRules.Validate(new ActorInput("Kommunen", ActorType.Municipality, Country.Sweden, "202100-5488", null, null)));
        Assert.Equal(("organisationNumber", "OrganisationNumberCheckDigit"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void ActorWebsiteMustBeAWebAddress()
    {
        var ex = Fails(() => ActorRules.Validate(new ActorInput("Bolaget", ActorType.Company, Country.Other, null, "javascript:alert(1)", null)));
        Assert.Equal(("website", "NotALink"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void ContactEmailMustLookLikeAnAddress()
    {
        ActorRules.Validate(new ContactInput("Anna", "Chef", "anna@kommunen.se", OrganisationalLevel.Leadership));
        var ex = Fails(() => ActorRules.Validate(new ContactInput("Anna", null, "anna.kommunen.se", OrganisationalLevel.Leadership)));
        Assert.Equal("email", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void MembershipLeftBeforeJoinedNamesLeftOn()
    {
        var ex = Fails(() => ActorRules.Validate(new MembershipInput(1, 1, [MissionRole.Partner], new DateOnly(2025, 1, 1), new DateOnly(2024, 12, 31))));
        Assert.Equal(("leftOn", "LeftBeforeJoined"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void MembershipNeedsARole() =>
        Assert.Equal("roles", Assert.Single(Fails(() => ActorRules.Validate(new MembershipInput(1, 1, [], new DateOnly(2025, 1, 1)))).Errors).Field);

    [Fact]
    public void RoundWithATakenNameNamesTheField()
    {
        ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1)), nameTaken: false);
        var ex = Fails(() => ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1)), nameTaken: true));
        Assert.Equal(("name", "DuplicateRoundName"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void NewRoundMustComeAfterTheLatestRound()
    {
        ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1)), nameTaken: false, latestRoundDate: new DateOnly(2025, 3, 1));
        var ex = Fails(() => ActorRules.Validate(new RoundInput("2024", new DateOnly(2025, 3, 1)), nameTaken: false, latestRoundDate: new DateOnly(2025, 3, 1)));
        Assert.Equal(("date", "RoundNotAfterLatest"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void ARoundClosesOnOrAfterTheDayItOpens()
    {
        ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1), ClosesOn: new DateOnly(2026, 3, 1)), nameTaken: false);
        ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1), ClosesOn: new DateOnly(2026, 4, 30)), nameTaken: false);
        var ex = Fails(() => ActorRules.Validate(new RoundInput("2026", new DateOnly(2026, 3, 1), ClosesOn: new DateOnly(2026, 2, 28)), nameTaken: false));
        Assert.Equal(("closesOn", "RoundClosesBeforeOpening"), (ex.Errors.Single().Field, ex.Errors.Single().Code));
        Assert.Contains("2026-03-01", ex.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidCommitmentPasses() => ActorRules.Validate(Commitment(), MissionGoals, ActorRules.DefaultTiers);

    [Fact]
    public void CommitmentForAGoalOfAnotherMissionNamesGoalIds()
    {
        var ex = Fails(() => ActorRules.Validate(Commitment(goals: [10, 99]), MissionGoals, ActorRules.DefaultTiers));
        Assert.Equal(("goalIds", "GoalNotInMission"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void NegativeResourcesAreRejectedOnBothFields()
    {
        var ex = Fails(() => ActorRules.Validate(Commitment(money: -1, years: -0.5), MissionGoals, ActorRules.DefaultTiers));
        Assert.Equal(["pledgedMoney", "personYears"], ex.Errors.Select(e => e.Field));
        Assert.All(ex.Errors, e => Assert.Equal("Negative", e.Code));
    }

    [Fact]
    public void MoneyNeedsACurrency() =>
        Assert.Equal("currency", Assert.Single(Fails(() => ActorRules.Validate(Commitment(currency: null), MissionGoals, ActorRules.DefaultTiers)).Errors).Field);

    [Fact]
    public void TierMustBeOneOfTheMissions() =>
        Assert.Equal(("tier", "UnknownTier"), Assert.Single(Fails(() => ActorRules.Validate(Commitment(tier: "gold"), MissionGoals, ActorRules.DefaultTiers)).Errors) is var e ? (e.Field, e.Code) : default);

    [Fact]
    public void EvidenceLinksMustBeWebAddresses()
    {
        var input = Commitment() with { EvidenceLinks = "https://example.se/rapport\nfile:///etc/passwd" };
        Assert.Equal("evidenceLinks", Assert.Single(Fails(() => ActorRules.Validate(input, MissionGoals, ActorRules.DefaultTiers)).Errors).Field);
    }

    [Fact]
    public void DriverNeedsACategoryAndGoalsOfTheMission()
    {
        var ex = Fails(() => ActorRules.Validate(new DriverInput(1, 1, [], "Vi vill", [42]), MissionGoals));
        Assert.Equal(["categories", "goalIds"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ConflictNeedsAnExplanationAndEachGoalAppearsOnce()
    {
        var ex = Fails(() => ActorRules.Validate(new OperationalGoalInput(1, "Budget i balans", "Ekonomichefen",
            [new GoalRelationInput(10, GoalRelationKind.Conflicts, " "), new GoalRelationInput(10, GoalRelationKind.Supports, null), new GoalRelationInput(77, GoalRelationKind.Neutral, null)]),
            MissionGoals));
        Assert.Equal(["relations[0].explanation", "relations[1].goalId", "relations[2].goalId"], ex.Errors.Select(e => e.Field).Order());
    }
}
