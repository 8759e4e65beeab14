using Masten.Core.Missions;

namespace Masten.Core.Tests.Missions;

public class ObservationSeriesTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Observation Obs(int id, int year, double value, int? supersedes = null, int minute = 0) => new()
    {
        Id = id,
        Date = new DateOnly(year, 12, 31),
        Value = value,
        SupersedesId = supersedes,
        EnteredAt = T0.AddMinutes(minute == 0 ? id : minute),
    };

    [Fact]
    public void CorrectionReplacesTheValueItSupersedes()
    {
        var log = new[] { Obs(1, 2020, 100), Obs(2, 2021, 95), Obs(3, 2021, 93, supersedes: 2) };
        var current = ObservationSeries.Current(log);
        Assert.Equal([(2020, 100.0), (2021, 93.0)], current.Select(o => (o.Date.Year, o.Value)));
    }

    [Fact]
    public void CorrectionOfACorrectionKeepsOnlyTheLast()
    {
        var log = new[] { Obs(1, 2021, 95), Obs(2, 2021, 93, supersedes: 1), Obs(3, 2021, 94, supersedes: 2) };
        Assert.Equal(94, Assert.Single(ObservationSeries.Current(log)).Value);
    }

    [Fact]
    public void CorrectionThatMovesTheDateLeavesTheOldDateEmpty()
    {
        var log = new[] { Obs(1, 2021, 95), new Observation { Id = 2, Date = new DateOnly(2022, 12, 31), Value = 95, SupersedesId = 1, EnteredAt = T0.AddDays(1) } };
        Assert.Equal(2022, Assert.Single(ObservationSeries.Current(log)).Date.Year);
    }

    [Fact]
    public void LatestEnteredWinsWhenTwoValuesShareADate()
    {
        var log = new[] { Obs(1, 2021, 95, minute: 10), Obs(2, 2021, 97, minute: 5) };
        Assert.Equal(95, Assert.Single(ObservationSeries.Current(log)).Value);
    }

    [Fact]
    public void SupersededRecordIsStillInTheLog()
    {
        var log = new[] { Obs(1, 2021, 95), Obs(2, 2021, 93, supersedes: 1) };
        Assert.True(ObservationSeries.IsSuperseded(log, 1));
        Assert.False(ObservationSeries.IsSuperseded(log, 2));
    }

    [Fact]
    public void EmptyLogGivesEmptySeries()
    {
        Assert.Empty(ObservationSeries.Current([]));
    }
}
