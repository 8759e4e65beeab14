using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Portfolio;

namespace Masten.Core.Tests.Portfolio;

public class PortfolioRulesTests
{
    private static readonly int[] MissionGoals = [1, 2];
    private static readonly Dictionary<int, int> IndicatorGoals = new() { [7] = 1, [8] = 2 };
    private static readonly int[] Members = [10, 11];
    private static readonly int[] Known = [10, 11, 12];

    private static InitiativeInput Input(int lead = 10, int[]? partners = null, ContributionInput[]? contributions = null, DateOnly? start = null, DateOnly? end = null) =>
        new(1, "Lagningscaféer", null, InitiativeType.Experiment, lead, partners ?? [11], InitiativeStage.Testing, 100, Currency.SEK,
            start ?? new DateOnly(2025, 1, 1), end ?? new DateOnly(2026, 1, 1), [SystemLever.Technology],
            contributions ?? [new ContributionInput(1, 7, ContributionDirection.Improves, 5, null, Level.Low)],
            [new FundingInput(12, 50, Currency.SEK)]);

    private static string[] Fields(Action validate) => Assert.Throws<DomainException>(validate).Errors.Select(e => e.Field).ToArray();

    private static void Check(InitiativeInput input) => PortfolioRules.Validate(input, MissionGoals, IndicatorGoals, Members, Known);

    [Fact]
    public void AValidInitiativePasses() => Check(Input());

    [Fact]
    public void AGoalOfAnotherMissionIsRefused() =>
        Assert.Equal(["contributions[0].goalId"], Fields(() => Check(Input(contributions: [new(99, null, ContributionDirection.Improves, null, Level.Low, Level.Low)]))));

    [Fact]
    public void AnIndicatorOfAnotherGoalIsRefused() =>
        Assert.Equal(["contributions[0].indicatorId"], Fields(() => Check(Input(contributions: [new(1, 8, ContributionDirection.Improves, 3, null, Level.Low)]))));

    [Fact]
    public void SizeIsEitherPerYearOrLowMediumHigh()
    {
        Assert.Equal(["contributions[0].size"], Fields(() => Check(Input(contributions: [new(1, 7, ContributionDirection.Improves, 3, Level.Low, Level.Low)]))));
        Assert.Equal(["contributions[0].size"], Fields(() => Check(Input(contributions: [new(1, 7, ContributionDirection.Improves, null, null, Level.Low)]))));
    }

    [Fact]
    public void PartnersAndLeadMustBeMembers()
    {
        Assert.Equal(["partnerActorIds"], Fields(() => Check(Input(partners: [12]))));
        Assert.Equal(["leadActorId"], Fields(() => Check(Input(lead: 12, partners: []))));
    }

    [Fact]
    public void EndCannotBeBeforeStart() =>
        Assert.Equal(["endDate"], Fields(() => Check(Input(start: new DateOnly(2026, 1, 2), end: new DateOnly(2026, 1, 1)))));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void CheckInConfidenceIsOneToTen(int confidence, bool valid)
    {
        var input = new CheckInInput(new DateOnly(2026, 1, 1), CheckInStatus.OnTrack, confidence, null, null, null);
        if (valid)
            PortfolioRules.Validate(input);
        else
            Assert.Equal(["confidence"], Fields(() => PortfolioRules.Validate(input)));
    }

    [Fact]
    public void ADecisionOnAnInitiativeOutsideTheMissionIsRefused() =>
        Assert.Equal(["initiativeId"], Fields(() => PortfolioRules.Validate(new DecisionInput(5, DecisionKind.Stop, "Slut"), [1, 2])));

    [Theory]
    [InlineData(DecisionKind.Scale, InitiativeStage.Testing, InitiativeStage.Scaling)]
    [InlineData(DecisionKind.Stop, InitiativeStage.Testing, InitiativeStage.Ended)]
    [InlineData(DecisionKind.Pivot, InitiativeStage.Scaling, InitiativeStage.Exploring)]
    [InlineData(DecisionKind.Continue, InitiativeStage.Testing, InitiativeStage.Testing)]
    [InlineData(DecisionKind.StartNew, InitiativeStage.Ended, InitiativeStage.Ended)]
    public void ADecisionMovesTheStage(DecisionKind decision, InitiativeStage from, InitiativeStage to) =>
        Assert.Equal(to, PortfolioRules.StageAfter(decision, from));
}
