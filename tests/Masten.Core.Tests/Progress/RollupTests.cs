using System.Globalization;
using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

public class RollupTests
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private static GoalNode Goal(string name, params ProgressStatus[] statuses) =>
        new(name, [], statuses.Select((s, i) => new IndicatorNode($"{s} {i}", InStatus(s))).ToArray());

    /// <summary>An assessment on the 0 → 100 plan over 2020–2030 with one observation: fraction = value / 100.</summary>
    private static Assessment WithFraction(double fraction) =>
        ProgressAssessor.Assess(Spec(), [V(D(2025), 100 * fraction)], D(2025));

    [Fact]
    public void SeverityOrderIsOffTrackAtRiskStaleNotStartedOnTrackAchieved()
    {
        var order = Enum.GetValues<ProgressStatus>().OrderByDescending(Rollup.Severity).ToArray();
        Assert.Equal([ProgressStatus.OffTrack, ProgressStatus.AtRisk, ProgressStatus.Stale, ProgressStatus.NotStarted, ProgressStatus.OnTrack, ProgressStatus.Achieved], order);
    }

    [Theory]
    [InlineData(ProgressStatus.OffTrack, ProgressStatus.OnTrack, ProgressStatus.OffTrack, ProgressStatus.Achieved)]
    [InlineData(ProgressStatus.AtRisk, ProgressStatus.Stale, ProgressStatus.AtRisk, ProgressStatus.OnTrack)]
    [InlineData(ProgressStatus.Stale, ProgressStatus.NotStarted, ProgressStatus.Stale, ProgressStatus.OnTrack)]
    [InlineData(ProgressStatus.NotStarted, ProgressStatus.Achieved, ProgressStatus.NotStarted, ProgressStatus.OnTrack)]
    [InlineData(ProgressStatus.OnTrack, ProgressStatus.Achieved, ProgressStatus.OnTrack, ProgressStatus.Achieved)]
    [InlineData(ProgressStatus.Achieved, ProgressStatus.Achieved, ProgressStatus.Achieved, ProgressStatus.Achieved)]
    public void WeakestLinkTakesTheWorstChild(ProgressStatus expected, params ProgressStatus[] children)
    {
        var result = Rollup.Compute(Goal("Delmål", children), RollupRule.WeakestLink);
        Assert.Equal(expected, result.Status);
        Assert.Equal(expected, result.Children.Single(c => c.Name == result.DecidedBy).Status);
        Assert.Contains(result.DecidedBy!, result.Explain(Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void WeakestLinkLooksThroughSubGoals()
    {
        var mission = new GoalNode("Missionen", [Goal("A", ProgressStatus.OnTrack), Goal("B", ProgressStatus.Achieved, ProgressStatus.AtRisk)], []);
        var result = Rollup.Compute(mission, RollupRule.WeakestLink);
        Assert.Equal(ProgressStatus.AtRisk, result.Status);
        Assert.Equal("B", result.DecidedBy);
    }

    [Fact]
    public void WeakestLinkFractionIsTheSmallestWithData()
    {
        var goal = new GoalNode("Delmål", [], [new("a", WithFraction(0.7)), new("b", WithFraction(0.2)), new("c", ProgressAssessor.Assess(Spec(), [], D(2025)))]);
        var result = Rollup.Compute(goal, RollupRule.WeakestLink);
        Assert.Equal(0.2, result.Fraction!.Value, 1e-12);
        Assert.Equal(ProgressStatus.OffTrack, result.Status);
        Assert.Equal(1, result.ChildrenWithoutData);
    }

    [Fact]
    public void WeightedMeanReproducesByHand()
    {
        var goal = new GoalNode("Delmål", [], [new("a", WithFraction(0.6), 2), new("b", WithFraction(0.3), 1), new("c", WithFraction(0.45), 1)]);
        var result = Rollup.Compute(goal, RollupRule.Weighted);
        var byHand = (2 * 0.6 + 1 * 0.3 + 1 * 0.45) / 4;
        Assert.Equal(byHand, result.Fraction!.Value, 1e-12);
        Assert.Equal([0.5, 0.25, 0.25], result.Children.Select(c => c.WeightShare!.Value));
        Assert.Equal([0.3, 0.075, 0.1125], result.Children.Select(c => Math.Round(c.Contribution!.Value, 12)));
        Assert.Equal(result.Fraction.Value, result.Children.Sum(c => c.Contribution!.Value), 1e-12);
        var required = Backcast.Build(Spec()).ValueAt(D(2025)) / 100;
        Assert.Equal(required, result.RequiredFraction!.Value, 1e-12);
    }

    [Fact]
    public void WeightedMeanNestsThroughSubGoals()
    {
        var sub = new GoalNode("Under", [], [new("a", WithFraction(0.2)), new("b", WithFraction(0.4))], Weight: 3);
        var mission = new GoalNode("Missionen", [sub], [new("c", WithFraction(0.8), 1)]);
        var result = Rollup.Compute(mission, RollupRule.Weighted);
        Assert.Equal((3 * 0.3 + 1 * 0.8) / 4, result.Fraction!.Value, 1e-12);
    }

    [Fact]
    public void FractionsBeyondTheTargetAreClampedToOne()
    {
        var assessment = ProgressAssessor.Assess(Spec(), [V(D(2025), 250)], D(2025));
        Assert.Equal(1, assessment.ProgressFraction);
        var goal = new GoalNode("Delmål", [], [new("a", assessment), new("b", WithFraction(0.5))]);
        Assert.Equal(0.75, Rollup.Compute(goal, RollupRule.Weighted).Fraction!.Value, 1e-12);
        var behind = ProgressAssessor.Assess(Spec(), [V(D(2025), -40)], D(2025));
        Assert.Equal(0, behind.ProgressFraction);
    }

    [Fact]
    public void ChildrenWithoutDataAreReportedNotCounted()
    {
        var empty = ProgressAssessor.Assess(Spec(), [], D(2025));
        var goal = new GoalNode("Delmål", [], [new("a", WithFraction(0.5), 1), new("utan data", empty, 5)]);
        var result = Rollup.Compute(goal, RollupRule.Weighted);
        Assert.Equal(0.5, result.Fraction!.Value, 1e-12);
        Assert.Equal(1, result.ChildrenWithoutData);
        var missing = result.Children.Single(c => c.Name == "utan data");
        Assert.False(missing.HasData);
        Assert.Null(missing.Contribution);
        Assert.Contains("1 del saknar mätvärden", result.Explain(Sv), StringComparison.Ordinal);
        Assert.Contains("1 part has no data", result.Explain(En), StringComparison.Ordinal);
        Assert.Contains(ExplanationWords.Steps(result, Sv), s => s.Label == "utan data" && s.Formula.Contains("räknas inte med", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.50, ProgressStatus.OnTrack)]
    [InlineData(0.48, ProgressStatus.OnTrack)]
    [InlineData(0.46, ProgressStatus.AtRisk)]
    [InlineData(0.43, ProgressStatus.AtRisk)]
    [InlineData(0.41, ProgressStatus.OffTrack)]
    [InlineData(1.00, ProgressStatus.Achieved)]
    public void WeightedStatusComparesTheFractionWithTheRequiredFraction(double fraction, ProgressStatus expected)
    {
        // Required is 50 % (asOf at the middle of the plan); the way still to go is 50 %, so 5 % of it is 2.5 points.
        var spec = Spec();
        var middle = DateOnly.FromDayNumber((Start.DayNumber + End.DayNumber) / 2);
        var assessment = ProgressAssessor.Assess(spec, [V(middle, 100 * fraction)], middle);
        var required = assessment.RequiredFraction;
        Assert.Equal(0.5, required, 3);
        var result = Rollup.Compute(new GoalNode("Delmål", [], [new("a", assessment)]), RollupRule.Weighted);
        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void GoalWithoutChildrenOrDataIsNotStarted()
    {
        Assert.Equal(ProgressStatus.NotStarted, Rollup.Compute(new GoalNode("Tom", [], []), RollupRule.Weighted).Status);
        Assert.Equal(ProgressStatus.NotStarted, Rollup.Compute(new GoalNode("Tom", [], []), RollupRule.WeakestLink).Status);
        var noData = new GoalNode("Inga", [], [new("a", ProgressAssessor.Assess(Spec(), [], D(2025)))]);
        var result = Rollup.Compute(noData, RollupRule.Weighted);
        Assert.Equal(ProgressStatus.NotStarted, result.Status);
        Assert.Null(result.Fraction);
        Assert.Contains("inga mätvärden än", result.Explain(Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedExplanationShowsEachWeightShareAndContribution()
    {
        var goal = new GoalNode("Delmål", [], [new("a", WithFraction(0.6), 2), new("b", WithFraction(0.3), 1), new("c", WithFraction(0.45), 1)]);
        var result = Rollup.Compute(goal, RollupRule.Weighted);
        var steps = ExplanationWords.Steps(result, Sv);
        var a = steps.Single(s => s.Label == "a");
        Assert.Equal("vikt 2 (50,0\u00A0% av vikten) · 60,0\u00A0% av vägen", a.Formula);
        Assert.StartsWith("30,0\u00A0%", a.Value, StringComparison.Ordinal);
        Assert.Contains("Delmål har kommit 48,8\u00A0% av vägen. Det är ett vägt medel av 3 delar.", result.Explain(Sv), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeOrNonFiniteWeightIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Rollup.Compute(new GoalNode("G", [], [new("a", WithFraction(0.5), -1)]), RollupRule.Weighted));
        Assert.Throws<ArgumentException>(() => Rollup.Compute(new GoalNode("G", [], [new("a", WithFraction(0.5), double.NaN)]), RollupRule.Weighted));
    }
}
