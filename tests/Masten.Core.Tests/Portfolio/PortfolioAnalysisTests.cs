using Masten.Core.Actors;
using Masten.Core.Portfolio;

namespace Masten.Core.Tests.Portfolio;

public class PortfolioAnalysisTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    private static readonly PortfolioGoal[] Goals = [new(1, "Mindre avfall"), new(2, "Fler som lagar"), new(3, "Cirkulär upphandling")];

    private static PortfolioInitiative I(int id, int lead, double budget, InitiativeStage stage = InitiativeStage.Testing, SystemLever[]? levers = null,
        PortfolioContribution[]? contributions = null, (DateOnly, CheckInStatus)[]? checkIns = null, DateOnly[]? openHypotheses = null,
        ActorType type = ActorType.Municipality, InitiativeType kind = InitiativeType.Experiment) =>
        new(id, $"Insats {id}", kind, stage, lead, $"Aktör {lead}", type, budget, levers ?? [SystemLever.Technology],
            contributions ?? [new PortfolioContribution(1, null, ContributionDirection.Improves, null, Level.Medium, Level.Medium)],
            checkIns ?? [(AsOf.AddDays(-10), CheckInStatus.OnTrack)], openHypotheses ?? [], new DateOnly(2025, 1, 1));

    private static PortfolioContribution Sized(int goal, int indicator, double perYear, Level confidence, ContributionDirection direction = ContributionDirection.Improves) =>
        new(goal, indicator, direction, perYear, null, confidence);

    [Fact]
    public void CoverageCountsInitiativesAndBudgetPerGoalAndLever()
    {
        var initiatives = new[]
        {
            I(1, 10, 100, levers: [SystemLever.Technology, SystemLever.Financing]),
            I(2, 11, 50, levers: [SystemLever.Technology], contributions: [new(1, null, ContributionDirection.Improves, null, Level.Low, Level.Low), new(2, null, ContributionDirection.Improves, null, Level.Low, Level.Low)]),
            I(3, 12, 999, stage: InitiativeStage.Ended, levers: [SystemLever.Infrastructure]),
        };

        var report = PortfolioAnalysis.Analyse(Goals, [], initiatives, AsOf);

        var cell = report.Coverage.Single(c => c.GoalId == 1 && c.Lever == SystemLever.Technology);
        Assert.Equal((2, 150.0), (cell.Initiatives, cell.Budget));
        Assert.Equal((1, 100.0), report.Coverage.Where(c => c.GoalId == 1 && c.Lever == SystemLever.Financing).Select(c => (c.Initiatives, c.Budget)).Single());
        Assert.Equal((1, 50.0), report.Coverage.Where(c => c.GoalId == 2 && c.Lever == SystemLever.Technology).Select(c => (c.Initiatives, c.Budget)).Single());
        Assert.Equal(Goals.Length * Enum.GetValues<SystemLever>().Length, report.Coverage.Count);
        Assert.Equal([3], report.GoalsWithoutInitiatives);
        // The ended initiative's lever does not count as covered.
        Assert.Contains(SystemLever.Infrastructure, report.LeversWithoutInitiatives);
        Assert.DoesNotContain(SystemLever.Technology, report.LeversWithoutInitiatives);
        Assert.Equal(6, report.LeversWithoutInitiatives.Count);
        Assert.Equal((2, 150.0), (report.Initiatives, report.Budget));
    }

    [Theory]
    [InlineData(new double[] { 100 }, 1.0, Concentration.High)]
    [InlineData(new double[] { 50, 50 }, 0.5, Concentration.High)]
    [InlineData(new double[] { 25, 25, 25, 25 }, 0.25, Concentration.Moderate)]
    [InlineData(new double[] { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 }, 0.1, Concentration.Spread)]
    [InlineData(new double[] { 60, 20, 20 }, 0.44, Concentration.High)]
    public void HerfindahlIsTheSumOfSquaredBudgetShares(double[] budgets, double index, Concentration level)
    {
        var initiatives = budgets.Select((b, k) => I(k + 1, 100 + k, b)).ToList();

        var concentration = PortfolioAnalysis.Concentrate(initiatives);

        Assert.Equal(index, concentration.Index!.Value, 6);
        Assert.Equal(1 / index, concentration.EffectiveLeads!.Value, 6);
        Assert.Equal(level, concentration.Level);
        Assert.Equal(1.0, concentration.Leads.Sum(l => l.Share), 9);
    }

    [Fact]
    public void BudgetOfOneLeadAcrossInitiativesCountsOnce()
    {
        var concentration = PortfolioAnalysis.Concentrate([I(1, 10, 30), I(2, 10, 30), I(3, 11, 40)]);

        Assert.Equal(0.6 * 0.6 + 0.4 * 0.4, concentration.Index!.Value, 9);
        Assert.Equal([10, 11], concentration.Leads.Select(l => l.ActorId));
    }

    [Fact]
    public void NoBudgetMeansNoConcentration() =>
        Assert.Equal(Concentration.None, PortfolioAnalysis.Concentrate([I(1, 10, 0)]).Level);

    [Fact]
    public void ContributionShareIsActiveYearlySizesOverTheRequiredPaceWithTheLowestConfidence()
    {
        var indicators = new[] { new PortfolioIndicator(7, 1, "Avfall", "kg", 20), new PortfolioIndicator(8, 1, "Lagade saker", "st", null) };
        var initiatives = new[]
        {
            I(1, 10, 0, contributions: [Sized(1, 7, 6, Level.High)]),
            I(2, 11, 0, contributions: [Sized(1, 7, 3, Level.Low)]),
            I(3, 12, 0, contributions: [Sized(1, 7, 1, Level.High, ContributionDirection.Worsens)]),
            I(4, 13, 0, stage: InitiativeStage.Idea, contributions: [Sized(1, 7, 100, Level.High)]),
            I(5, 14, 0, stage: InitiativeStage.Ended, contributions: [Sized(1, 7, 100, Level.High)]),
            I(6, 15, 0, contributions: [new(1, 7, ContributionDirection.Improves, null, Level.High, Level.High)]),
        };

        var gaps = PortfolioAnalysis.ContributionVersusGap(indicators, initiatives);

        var waste = gaps.Single(g => g.IndicatorId == 7);
        Assert.Equal(8, waste.ContributedPerYear, 9);
        Assert.Equal(0.4, waste.Share!.Value, 9);
        Assert.Equal(Level.Low, waste.Confidence);
        Assert.Equal(4, waste.Initiatives);
        Assert.Equal(1, waste.QualitativeOnly);
        var repaired = gaps.Single(g => g.IndicatorId == 8);
        Assert.Null(repaired.Share);
        Assert.Null(repaired.Confidence);
    }

    [Fact]
    public void AlertsFlagStaleOpenTooLongAndOffTrackTwice()
    {
        var initiatives = new[]
        {
            I(1, 10, 0, checkIns: [(AsOf.AddDays(-91), CheckInStatus.OnTrack)]),
            I(2, 10, 0, checkIns: [(AsOf.AddDays(-90), CheckInStatus.OnTrack)]),
            I(3, 10, 0, checkIns: [(AsOf.AddDays(-5), CheckInStatus.OffTrack), (AsOf.AddDays(-40), CheckInStatus.OffTrack)]),
            I(4, 10, 0, checkIns: [(AsOf.AddDays(-5), CheckInStatus.OffTrack), (AsOf.AddDays(-40), CheckInStatus.AtRisk), (AsOf.AddDays(-80), CheckInStatus.OffTrack)]),
            I(5, 10, 0, openHypotheses: [AsOf.AddDays(-181), AsOf.AddDays(-200)]),
            I(6, 10, 0, openHypotheses: [AsOf.AddDays(-180)]),
            I(7, 10, 0, stage: InitiativeStage.Idea, checkIns: []),
            I(8, 10, 0, stage: InitiativeStage.Ended, checkIns: [(AsOf.AddDays(-5), CheckInStatus.OffTrack), (AsOf.AddDays(-40), CheckInStatus.OffTrack)]),
        };

        var alerts = PortfolioAnalysis.Alerts(initiatives, AsOf);

        Assert.Equal([(1, AlertKind.Stale, 91), (5, AlertKind.HypothesisOpenTooLong, 200), (3, AlertKind.OffTrackTwice, 5)],
            alerts.Select(a => (a.InitiativeId, a.Kind, a.Days)));
    }

    [Fact]
    public void StalenessFollowsTheMissionsSetting() =>
        Assert.Single(PortfolioAnalysis.Alerts([I(1, 10, 0, checkIns: [(AsOf.AddDays(-31), CheckInStatus.OnTrack)])], AsOf, staleDays: 30));

    [Fact]
    public void DiversityGroupsByActorTypeStageLeverAndType()
    {
        var initiatives = new[]
        {
            I(1, 10, 100, type: ActorType.Company, levers: [SystemLever.Technology, SystemLever.Financing]),
            I(2, 11, 50, type: ActorType.Company, stage: InitiativeStage.Scaling, kind: InitiativeType.Research),
            I(3, 12, 10, type: ActorType.University, stage: InitiativeStage.Idea),
        };

        var report = PortfolioAnalysis.Analyse(Goals, [], initiatives, AsOf);

        Assert.Equal([(ActorType.Company, 2, 150.0), (ActorType.University, 1, 10.0)], report.ByActorType.Select(r => (r.Key, r.Initiatives, r.Budget)));
        Assert.Equal([(InitiativeStage.Idea, 1), (InitiativeStage.Testing, 1), (InitiativeStage.Scaling, 1)], report.ByStage.Select(r => (r.Key, r.Initiatives)));
        Assert.Equal([(SystemLever.Technology, 3), (SystemLever.Financing, 1)], report.ByLever.Select(r => (r.Key, r.Initiatives)));
        Assert.Equal([(InitiativeType.Experiment, 2), (InitiativeType.Research, 1)], report.ByType.Select(r => (r.Key, r.Initiatives)));
        Assert.Equal(2, report.ActiveInitiatives);
    }
}
