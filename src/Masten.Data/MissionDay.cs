namespace Masten.Data;

/// <summary>
/// "Today" as Masten reckons it, in one place, from the injected <see cref="TimeProvider"/> (which tests set).
/// The time-zone rule: a mission's day is the UTC calendar date. Pages, the API, the CLI, assessments, "due" and "late"
/// all take <see cref="Today"/>, so a page and the API say the same of the same moment wherever the reader is. Rules
/// that refuse a date in the future take <see cref="LatestToday"/>, the date at UTC+14 where the day begins first, so
/// nobody east of Greenwich is refused their own today. Digest e-mails alone are timed in the configured mission time
/// zone (<c>Notifications:TimeZone</c>), because a person chooses the hour their digest comes.
/// </summary>
public static class MissionDay
{
    /// <summary>Today: the UTC date of the clock's now.</summary>
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The latest date it is anywhere on earth now (UTC+14): a date after it is in the future everywhere.</summary>
    public static DateOnly LatestToday(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));
    }
}
