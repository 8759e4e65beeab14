using Masten.Core.Missions;
using Masten.Core.Progress;
using static Masten.Core.Tests.Progress.Build;

namespace Masten.Core.Tests.Progress;

public class TrajectoryTests
{
    public static TheoryData<PathwayShape, double, double, double> ShapesAndPaths()
    {
        var data = new TheoryData<PathwayShape, double, double, double>();
        foreach (var shape in Enum.GetValues<PathwayShape>())
        {
            data.Add(shape, 1000, 600, 300);   // falling, like emissions
            data.Add(shape, 10, 40, 90);       // rising, like adoption
            data.Add(shape, 5e11, 7e11, 1e12); // very large
            data.Add(shape, 2e-9, 1.5e-9, 1e-9); // very small
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndPaths))]
    public void PathPassesThroughBaselineAndEveryTarget(PathwayShape shape, double baseline, double middle, double final)
    {
        var trajectory = Backcast.Build(Spec(shape, V(D(2020), baseline), V(D(2026, 6, 30), middle), V(D(2035, 12, 31), final)));
        Assert.Equal(baseline, trajectory.ValueAt(D(2020)));
        Assert.Equal(middle, trajectory.ValueAt(D(2026, 6, 30)));
        Assert.Equal(final, trajectory.ValueAt(D(2035, 12, 31)));
        Assert.Equal(2, trajectory.Segments.Count);
    }

    [Theory]
    [MemberData(nameof(ShapesAndPaths))]
    public void PathIsMonotonicBetweenConsecutivePoints(PathwayShape shape, double baseline, double middle, double final)
    {
        var trajectory = Backcast.Build(Spec(shape, V(D(2020), baseline), V(D(2026, 6, 30), middle), V(D(2035, 12, 31), final)));
        foreach (var segment in trajectory.Segments)
        {
            var sign = Math.Sign(segment.End.Value - segment.Start.Value);
            var previous = segment.Start.Value;
            for (var day = segment.Start.Date.DayNumber + 7; day <= segment.End.Date.DayNumber; day += 7)
            {
                var value = trajectory.ValueAt(DateOnly.FromDayNumber(day));
                Assert.True(sign * (value - previous) >= 0, $"{shape} turned back on day {day}: {previous} → {value}");
                Assert.True(Math.Min(segment.Start.Value, segment.End.Value) <= value && value <= Math.Max(segment.Start.Value, segment.End.Value));
                previous = value;
            }
        }
    }

    [Theory]
    [InlineData(1000, 500)]
    [InlineData(20, 80)]
    [InlineData(1e12, 3e11)]
    public void ConstantRateSegmentHasEqualRatiosOverEqualSpans(double baseline, double target)
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.ConstantRate, baseline: baseline, target: target));
        var ratios = Enumerable.Range(0, 9)
            .Select(i => trajectory.ValueAt(Start.AddDays(365 * (i + 1))) / trajectory.ValueAt(Start.AddDays(365 * i)))
            .ToArray();
        foreach (var ratio in ratios)
            Assert.Equal(ratios[0], ratio, 1e-12);
        Assert.NotEqual(1, ratios[0], 1e-6);
    }

    [Fact]
    public void LinearSegmentHasEqualStepsOverEqualSpans()
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.Linear, baseline: 1000, target: 500));
        var first = trajectory.ValueAt(Start.AddDays(365)) - trajectory.ValueAt(Start);
        var later = trajectory.ValueAt(Start.AddDays(365 * 6)) - trajectory.ValueAt(Start.AddDays(365 * 5));
        Assert.Equal(first, later, 1e-9);
    }

    [Fact]
    public void SCurveStartsSlowlyIsHalfwayAtMidpointAndFinishesSlowly()
    {
        var spec = Spec(PathwayShape.SCurve, V(D(2020), 0), V(D(2020).AddDays(1000), 100));
        var trajectory = Backcast.Build(spec);
        Assert.Equal(50, trajectory.ValueAt(D(2020).AddDays(500)), 1e-9);
        Assert.True(trajectory.ValueAt(D(2020).AddDays(100)) < 10 * 0.5, "a tenth of the time should give well under a tenth of the change");
        Assert.True(trajectory.ValueAt(D(2020).AddDays(900)) > 100 - 10 * 0.5);
        // The untrimmed logistic covers 1 %–99 % of the change (k = 2·ln 99), stretched through both ends.
        static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
        var k = 2 * Math.Log(99);
        var expected = 100 * (Logistic(k * (0.1 - 0.5)) - 0.01) / 0.98;
        Assert.Equal(expected, trajectory.ValueAt(D(2020).AddDays(100)), 1e-9);
        Assert.Equal(1.5, expected, 1);
    }

    [Fact]
    public void ValueBeforeBaselineIsBaselineAndAfterLastTargetIsLastTarget()
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.SCurve, baseline: 7, target: 70));
        Assert.Equal(7, trajectory.ValueAt(D(1999)));
        Assert.Equal(70, trajectory.ValueAt(D(2099)));
    }

    [Fact]
    public void ConstantRatePaceIsTheCompoundRate()
    {
        var segment = Backcast.Build(Spec(PathwayShape.ConstantRate, baseline: 1000, target: 500)).Segments[0];
        var years = Years(Start, End);
        Assert.Equal((Math.Pow(0.5, 1 / years) - 1) * 100, segment.RequiredPercentPerYear!.Value, 1e-9);
        Assert.Equal(-6.7, segment.RequiredPercentPerYear.Value, 1);
        Assert.Equal(-500 / years, segment.RequiredPacePerYear, 1e-9);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    [InlineData(-50, 50)]
    public void ConstantRateWithZeroOrNegativeValueFallsBackToLinear(double baseline, double target)
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.ConstantRate, baseline: baseline, target: target));
        var segment = trajectory.Segments[0];
        Assert.True(segment.FellBackToLinear);
        Assert.Equal(PathwayShape.Linear, segment.Shape);
        Assert.Null(segment.RequiredPercentPerYear);
        var middle = DateOnly.FromDayNumber((Start.DayNumber + End.DayNumber) / 2);
        var f = (double)(middle.DayNumber - Start.DayNumber) / (End.DayNumber - Start.DayNumber);
        Assert.Equal(baseline + (target - baseline) * f, trajectory.ValueAt(middle), 1e-9);
    }

    [Fact]
    public void MilestonesAreYearEndsFromBaselineToFinalTarget()
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.Linear, V(D(2020, 6, 30), 0), V(D(2030, 12, 31), 100)));
        Assert.Equal(Enumerable.Range(2020, 11), trajectory.Milestones.Select(m => m.Date.Year));
        Assert.All(trajectory.Milestones, m => Assert.Equal((12, 31), (m.Date.Month, m.Date.Day)));
        Assert.Equal(100, trajectory.Milestones[^1].Value);
        Assert.Equal(trajectory.ValueAt(D(2025, 12, 31)), trajectory.Milestones[5].Value);
    }

    [Fact]
    public void TargetEqualToBaselineGivesAFlatPathWithZeroPace()
    {
        var trajectory = Backcast.Build(Spec(PathwayShape.ConstantRate, baseline: 40, target: 40));
        Assert.Equal(0, trajectory.Segments[0].RequiredPacePerYear);
        Assert.Equal(0, trajectory.Segments[0].RequiredPercentPerYear);
        Assert.Equal(40, trajectory.ValueAt(D(2025)));
    }

    [Fact]
    public void SpecWithoutTargetsOrWithTargetsOutOfOrderIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Backcast.Build(Spec(PathwayShape.Linear, V(D(2020), 1))));
        Assert.Throws<ArgumentException>(() => Backcast.Build(Spec(PathwayShape.Linear, V(D(2020), 1), V(D(2030), 2), V(D(2025), 3))));
        Assert.Throws<ArgumentException>(() => Backcast.Build(Spec(PathwayShape.Linear, V(D(2020), 1), V(D(2020), 2))));
        Assert.Throws<ArgumentException>(() => Backcast.Build(Spec(PathwayShape.Linear, V(D(2020), 1), V(D(2030), double.NaN))));
    }
}
