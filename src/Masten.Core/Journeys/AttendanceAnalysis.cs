namespace Masten.Core.Journeys;

/// <summary>
/// What the comparison needs of one participant, or of <see cref="Participants"/> alike: whether it attended any
/// activity, the day its window starts (its first activity, or joining for one without any), and the date of its
/// first confirmed step after that day (null when none).
/// </summary>
public sealed record AttendanceFact(bool Attended, DateOnly Start, DateOnly? NextStepOn, int Participants = 1);

/// <summary>One side of the comparison: participants whose window has ended, and how many of them took a confirmed step in it.</summary>
public sealed record MovementGroup(int Participants, int Moved)
{
    /// <summary>Moved ÷ participants; null when there are none.</summary>
    public double? Share => Participants == 0 ? null : (double)Moved / Participants;
}

/// <summary>For a window of <see cref="Days"/>: participants who attended an activity against those who attended none.</summary>
public sealed record MovementAfterAttendance(int Days, MovementGroup Attended, MovementGroup NotAttended);

/// <summary>
/// Whether attending activities is followed by movement. For a window of N days:
/// <list type="bullet">
/// <item>a participant who attended an activity is counted from its first activity (day s); one who attended none, from joining (day s);</item>
/// <item>only participants whose window has ended count: s + N &lt; today (the window's last day is over);</item>
/// <item>a participant moved when it has a current confirmed step event dated after s and on or before s + N;</item>
/// <item>each side's share is moved ÷ participants counted.</item>
/// </list>
/// This is an association, not a cause: companies that choose to attend may be the ones that would have moved anyway,
/// and the two sides start counting at different moments of their journeys.
/// </summary>
public static class AttendanceAnalysis
{
    /// <summary>The windows the journey page and the API show, in days.</summary>
    public static readonly IReadOnlyList<int> Windows = [30, 90];

    /// <summary>The fact of one participant, from its join date, the dates of the activities it attended and of its current confirmed step events.</summary>
    public static AttendanceFact Fact(DateOnly joinedOn, IEnumerable<DateOnly> activityDates, IEnumerable<DateOnly> confirmedStepDates)
    {
        var firstActivity = activityDates.Select(d => (DateOnly?)d).Min();
        var start = firstActivity ?? joinedOn;
        var next = confirmedStepDates.Where(d => d > start).Select(d => (DateOnly?)d).Min();
        return new AttendanceFact(firstActivity is not null, start, next);
    }

    /// <summary>Whether a window of <paramref name="days"/> from <paramref name="start"/> is over by <paramref name="today"/>.</summary>
    public static bool WindowEnded(DateOnly start, int days, DateOnly today) => start.AddDays(days) < today;

    /// <summary>The comparison for one window; facts whose window has not ended are left out.</summary>
    public static MovementAfterAttendance Compare(IEnumerable<AttendanceFact> facts, int days, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        int attended = 0, attendedMoved = 0, others = 0, othersMoved = 0;
        foreach (var f in facts.Where(f => WindowEnded(f.Start, days, today)))
        {
            var moved = f.NextStepOn is { } next && next <= f.Start.AddDays(days) ? f.Participants : 0;
            if (f.Attended)
                (attended, attendedMoved) = (attended + f.Participants, attendedMoved + moved);
            else
                (others, othersMoved) = (others + f.Participants, othersMoved + moved);
        }
        return new MovementAfterAttendance(days, new MovementGroup(attended, attendedMoved), new MovementGroup(others, othersMoved));
    }
}
