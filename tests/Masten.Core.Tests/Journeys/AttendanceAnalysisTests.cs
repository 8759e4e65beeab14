using Masten.Core.Journeys;

namespace Masten.Core.Tests.Journeys;

/// <summary>Whether attendance is followed by movement, on hand-built journeys whose answers are counted by hand.</summary>
public class AttendanceAnalysisTests
{
    private static DateOnly D(int month, int day) => new(2025, month, day);

    private static readonly DateOnly Today = D(12, 31);

    /// <summary>Six participants: joined, the activities they attended, their confirmed steps.</summary>
    private static readonly AttendanceFact[] Journeys =
    [
        AttendanceAnalysis.Fact(D(1, 1), [D(5, 1), D(3, 1)], [D(3, 20)]),   // A: attended from 1 March, a step 19 days later
        AttendanceAnalysis.Fact(D(1, 1), [D(4, 1)], [D(2, 1), D(6, 1)]),    // B: attended from 1 April, the next step 61 days later
        AttendanceAnalysis.Fact(D(2, 1), [], [D(2, 1), D(6, 1)]),           // C: no activity; a step on its join day (not after) and 120 days later
        AttendanceAnalysis.Fact(D(1, 1), [], [D(1, 20)]),                   // D: no activity, a step 19 days after joining
        AttendanceAnalysis.Fact(D(12, 15), [D(12, 20)], []),                // E: too recent for either window
        AttendanceAnalysis.Fact(D(6, 1), [D(11, 15)], []),                  // F: its 30 days are over, its 90 are not
    ];

    [Fact]
    public void TheFactStartsAtTheFirstActivityOrAtJoiningAndTakesTheFirstStepAfter()
    {
        Assert.Equal(new AttendanceFact(true, D(3, 1), D(3, 20)), Journeys[0]);
        Assert.Equal(new AttendanceFact(false, D(2, 1), D(6, 1)), Journeys[2]);
        Assert.Equal(new AttendanceFact(true, D(12, 20), null), Journeys[4]);
    }

    [Theory]
    [InlineData(30, 3, 1, 2, 1)]
    [InlineData(90, 2, 2, 2, 1)]
    public void OnlyEndedWindowsCountAndAStepWithinTheWindowIsMovement(int days, int attended, int attendedMoved, int others, int othersMoved)
    {
        var result = AttendanceAnalysis.Compare(Journeys, days, Today);
        Assert.Equal(new MovementAfterAttendance(days, new MovementGroup(attended, attendedMoved), new MovementGroup(others, othersMoved)), result);
    }

    [Fact]
    public void GroupedFactsCountAsManyParticipantsAndAnEmptySideHasNoShare()
    {
        var result = AttendanceAnalysis.Compare([new AttendanceFact(true, D(1, 1), D(1, 10), 4), new AttendanceFact(true, D(1, 1), null, 1)], 30, Today);
        Assert.Equal(0.8, result.Attended.Share);
        Assert.Null(result.NotAttended.Share);
    }

    [Fact]
    public void TheWindowEndsTheDayAfterItsLastDay()
    {
        Assert.False(AttendanceAnalysis.WindowEnded(D(12, 1), 30, D(12, 31)));
        Assert.True(AttendanceAnalysis.WindowEnded(D(12, 1), 29, D(12, 31)));
    }
}
