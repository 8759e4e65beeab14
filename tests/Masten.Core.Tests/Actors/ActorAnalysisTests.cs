using Masten.Core.Actors;

namespace Masten.Core.Tests.Actors;

public class ActorAnalysisTests
{
    private static Commitment C(int id, int round, CommitmentStatus status, double? money = null, Currency? currency = null, double? years = null, params int[] goals) =>
        new()
        {
            Id = id, ActorId = 1, MissionId = 1, RoundId = round, Text = $"Åtagande {id}", Tier = "leading", GoalIds = [.. goals],
            PledgedMoney = money, Currency = currency, PersonYears = years, Status = status, Signatory = "Anna", SignedOn = new DateOnly(2025, 3, 1),
        };

    [Fact]
    public void NewRoundCarriesOpenCommitmentsAndLeavesTheOldRoundUnchanged()
    {
        var old = new[]
        {
            C(1, 1, CommitmentStatus.Proposed, goals: 10),
            C(2, 1, CommitmentStatus.Signed, 500, Currency.SEK, 2, 10, 11),
            C(3, 1, CommitmentStatus.InProgress),
            C(4, 1, CommitmentStatus.Fulfilled),
            C(5, 1, CommitmentStatus.Withdrawn),
        };
        var before = old.Select(c => (c.Id, c.RoundId, c.Status, c.Signatory, c.GoalIds.Count)).ToList();

        var carried = ActorAnalysis.CarryForward(old, newRoundId: 2);

        Assert.Equal([1, 2, 3], carried.Select(c => c.CarriedFromId!.Value));
        Assert.All(carried, c => Assert.Equal((0, 2, null, null), (c.Id, c.RoundId, c.Signatory, c.SignedOn)));
        Assert.Equal([CommitmentStatus.Proposed, CommitmentStatus.Proposed, CommitmentStatus.InProgress], carried.Select(c => c.Status));
        Assert.Equal((500.0, Currency.SEK, 2.0), (carried[1].PledgedMoney!.Value, carried[1].Currency!.Value, carried[1].PersonYears!.Value));
        Assert.Equal(before, old.Select(c => (c.Id, c.RoundId, c.Status, c.Signatory, c.GoalIds.Count)).ToList());
        Assert.NotSame(old[1].GoalIds, carried[1].GoalIds);
    }

    [Fact]
    public void TotalsAreGroupedByRoundAndGoalWithMoneyPerCurrency()
    {
        var totals = ActorAnalysis.Totals(
        [
            C(1, 1, CommitmentStatus.Signed, 100, Currency.SEK, 1, 10),
            C(2, 1, CommitmentStatus.InProgress, 50, Currency.DKK, 0.5, 10, 11),
            C(3, 1, CommitmentStatus.Fulfilled, 25, Currency.SEK, null, 10),
            C(4, 1, CommitmentStatus.Withdrawn, 1000, Currency.SEK, 9, 10),
            C(5, 2, CommitmentStatus.Proposed, 70, Currency.SEK, 2, 10),
            C(6, 2, CommitmentStatus.Proposed, null, null, 3),
        ]);

        Assert.Equal([(1, (int?)10), (1, 11), (2, 10), (2, null)], totals.Select(t => (t.RoundId, t.GoalId)));
        var first = totals[0];
        Assert.Equal([new MoneyTotal(Currency.SEK, 125), new MoneyTotal(Currency.DKK, 50)], first.Money);
        Assert.Equal(1.5, first.PersonYears);
        Assert.Equal(3, first.Commitments);
        Assert.Equal([new MoneyTotal(Currency.DKK, 50)], totals[1].Money);
        Assert.Equal(3, totals[3].PersonYears);
        Assert.Empty(totals[3].Money);
    }

    [Fact]
    public void TensionsAreTheConflicts()
    {
        var tensions = ActorAnalysis.Tensions(
        [
            new GoalRelation { Id = 1, Kind = GoalRelationKind.Supports },
            new GoalRelation { Id = 2, Kind = GoalRelationKind.Conflicts, Explanation = "Mäts på lägsta pris" },
            new GoalRelation { Id = 3, Kind = GoalRelationKind.Neutral },
        ]);
        Assert.Equal(2, Assert.Single(tensions).Id);
    }

    [Fact]
    public void ActorsAtOnlyOneLevelAreFlagged()
    {
        var anchoring = ActorAnalysis.Anchor([1, 2, 3],
        [
            new ContactPerson { ActorId = 1, Level = OrganisationalLevel.Operations },
            new ContactPerson { ActorId = 1, Level = OrganisationalLevel.Operations },
            new ContactPerson { ActorId = 2, Level = OrganisationalLevel.Operations },
            new ContactPerson { ActorId = 2, Level = OrganisationalLevel.Leadership },
        ]);
        Assert.Equal([true, false, false], anchoring.Select(a => a.IsSingleLevel));
        Assert.Equal([OrganisationalLevel.Leadership, OrganisationalLevel.Operations], anchoring[1].Levels);
        Assert.Empty(anchoring[2].Levels);
    }

    [Fact]
    public void PublicPledgesAreWhatAgenciesRegionsMunicipalitiesAndFundersPledgePerRound()
    {
        var types = new Dictionary<int, ActorType> { [1] = ActorType.Municipality, [2] = ActorType.Company, [3] = ActorType.Funder };
        Commitment Of(int actor, int round, CommitmentStatus status, double money) => new()
        {
            ActorId = actor, RoundId = round, Status = status, PledgedMoney = money, Currency = Currency.SEK, PersonYears = 1,
        };
        var pledges = ActorAnalysis.PublicPledges(
        [
            Of(1, 1, CommitmentStatus.Signed, 100), Of(1, 1, CommitmentStatus.Proposed, 50), Of(1, 1, CommitmentStatus.Withdrawn, 999),
            Of(2, 1, CommitmentStatus.Signed, 1000), Of(3, 2, CommitmentStatus.Fulfilled, 70), Of(4, 1, CommitmentStatus.Signed, 5),
        ], types);
        Assert.Equal([(1, 1, 2), (3, 2, 1)], pledges.Select(p => (p.ActorId, p.RoundId, p.Commitments)));
        Assert.Equal([new MoneyTotal(Currency.SEK, 150)], pledges[0].Money);
        Assert.Equal(2, pledges[0].PersonYears);
    }

    [Theory]
    [InlineData(ActorType.NationalAgency, true)]
    [InlineData(ActorType.Region, true)]
    [InlineData(ActorType.Municipality, true)]
    [InlineData(ActorType.Funder, true)]
    [InlineData(ActorType.Company, false)]
    [InlineData(ActorType.CivilSociety, false)]
    [InlineData(ActorType.University, false)]
    public void PublicBodiesAreAgenciesRegionsMunicipalitiesAndFunders(ActorType type, bool isPublic) =>
        Assert.Equal(isPublic, ActorAnalysis.IsPublicBody(type));
}
