using Masten.Core.Common;
using Masten.Core.Missions;

namespace Masten.Core.Tests.Missions;

public class RoadmapTests
{
    private static readonly DateOnly Baseline = new(2020, 12, 31);

    private static RoadmapIndicator Indicator(int id = 10, int goalId = 1, PathwayShape shape = PathwayShape.Linear, double baseline = 100, params (int Year, double Value)[] targets) =>
        new(id, goalId, "Utsläpp", "kt", Direction.LowerIsBetter, shape, Baseline, baseline, 1,
            (targets.Length == 0 ? [(2030, 50.0), (2035, 10.0)] : targets).Select(t => new RoadmapTarget(new DateOnly(t.Year, 12, 31), t.Value)).ToList());

    private static RoadmapSnapshot Snapshot(string statement = "All mat är fossilfri.", IReadOnlyList<RoadmapGoal>? goals = null, IReadOnlyList<RoadmapIndicator>? indicators = null) =>
        new("Fossilfri mat", statement, 2020, 2035,
            goals ?? [new RoadmapGoal(1, null, "Fossilfri produktion", null, 1, 0), new RoadmapGoal(2, 1, "Drivmedel", "El och biogas", 1, 0)],
            indicators ?? [Indicator()]);

    [Fact]
    public void IdenticalSnapshotsHaveNoDifferences() =>
        Assert.True(Roadmaps.Diff(Snapshot(), Snapshot()).IsEmpty);

    [Fact]
    public void ARaisedTargetIsOneChangedTargetOfThatIndicator()
    {
        var after = Snapshot(indicators: [Indicator(targets: [(2030, 40), (2035, 10)])]);
        var diff = Roadmaps.Diff(Snapshot(), after);
        Assert.Empty(diff.Mission);
        Assert.Empty(diff.Goals);
        var change = Assert.Single(diff.Indicators);
        Assert.Equal((10, RoadmapChangeKind.Changed), (change.IndicatorId, change.Kind));
        var field = Assert.Single(change.Fields);
        Assert.Equal(new RoadmapFieldChange("target", 50.0, 40.0, new DateOnly(2030, 12, 31)), field);
    }

    [Fact]
    public void AMovedTargetDateIsOneRemovedAndOneAddedTarget()
    {
        var after = Snapshot(indicators: [Indicator(targets: [(2031, 50), (2035, 10)])]);
        var fields = Assert.Single(Roadmaps.Diff(Snapshot(), after).Indicators).Fields;
        Assert.Equal(
            [new RoadmapFieldChange("target", 50.0, null, new DateOnly(2030, 12, 31)), new RoadmapFieldChange("target", null, 50.0, new DateOnly(2031, 12, 31))],
            fields);
    }

    [Fact]
    public void ShapeAndBaselineChangesAreNamedByField()
    {
        var after = Snapshot(indicators: [Indicator(shape: PathwayShape.ConstantRate, baseline: 104)]);
        var fields = Assert.Single(Roadmaps.Diff(Snapshot(), after).Indicators).Fields;
        Assert.Equal(["shape", "baselineValue"], fields.Select(f => f.Field));
        Assert.Equal(PathwayShape.Linear, fields[0].Before);
        Assert.Equal(PathwayShape.ConstantRate, fields[0].After);
    }

    [Fact]
    public void StatementGoalsAddedRemovedAndChangedAreAllListed()
    {
        var after = Snapshot("All mat är fossilfri och hälsosam.",
            goals: [new RoadmapGoal(1, null, "Fossilfri produktion", null, 2, 0), new RoadmapGoal(3, null, "Hälsosam mat", null, 1, 1)],
            indicators: []);
        var diff = Roadmaps.Diff(Snapshot(), after);
        Assert.Equal([new RoadmapFieldChange("statement", "All mat är fossilfri.", "All mat är fossilfri och hälsosam.")], diff.Mission);
        Assert.Equal([(1, RoadmapChangeKind.Changed), (3, RoadmapChangeKind.Added), (2, RoadmapChangeKind.Removed)], diff.Goals.Select(g => (g.GoalId, g.Kind)));
        Assert.Equal(new RoadmapFieldChange("weight", 1.0, 2.0), Assert.Single(diff.Goals[0].Fields));
        Assert.Equal((10, RoadmapChangeKind.Removed), (Assert.Single(diff.Indicators).IndicatorId, diff.Indicators[0].Kind));
    }

    [Fact]
    public void GoalOrderAloneIsNotAChangeAndAnEmptyDescriptionEqualsNone()
    {
        var after = Snapshot(goals: [new RoadmapGoal(1, null, "Fossilfri produktion", "", 1, 5), new RoadmapGoal(2, 1, "Drivmedel", "El och biogas", 1, 3)]);
        Assert.True(Roadmaps.Diff(Snapshot(), after).IsEmpty);
    }

    [Fact]
    public void SnapshotsSurviveTheirJson()
    {
        var snapshot = Snapshot();
        var copy = RoadmapSnapshot.FromJson(snapshot.ToJson());
        Assert.True(Roadmaps.Diff(snapshot, copy).IsEmpty);
        Assert.Contains("\"shape\":\"Linear\"", snapshot.ToJson());
    }

    [Theory]
    [InlineData("2019-06-01", 1)] // before the first version: the first is the best record of the plan
    [InlineData("2020-01-01", 1)]
    [InlineData("2025-06-30", 1)]
    [InlineData("2025-07-01", 2)]
    [InlineData("2026-03-01", 4)] // versions 3 and 4 share a date: the later number wins
    [InlineData("2030-01-01", 4)]
    public void TheVersionValidOnADateIsTheLatestFromOnOrBeforeIt(string asOf, int expected)
    {
        (int, DateOnly)[] versions = [(1, new(2020, 1, 1)), (2, new(2025, 7, 1)), (3, new(2026, 3, 1)), (4, new(2026, 3, 1))];
        Assert.Equal(expected, Roadmaps.ValidAt(versions, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NoVersionsMeansNoneIsValid() =>
        Assert.Null(Roadmaps.ValidAt([], new DateOnly(2026, 1, 1)));

    [Fact]
    public void ARevisionWithoutAReasonNamesTheReasonField()
    {
        var ex = Assert.Throws<DomainException>(() => Roadmaps.ValidateRevision("  ", new DateOnly(2026, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.Equal(("reason", "RevisionReasonRequired"), (Assert.Single(ex.Errors).Field, ex.Errors[0].Code));
    }

    [Fact]
    public void ARevisionCannotApplyBeforeThePreviousVersion()
    {
        var ex = Assert.Throws<DomainException>(() => Roadmaps.ValidateRevision("Nytt mål", new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.Equal(("validFrom", "ValidFromBeforePrevious"), (Assert.Single(ex.Errors).Field, ex.Errors[0].Code));
    }
}
