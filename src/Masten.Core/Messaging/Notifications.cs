using System.Globalization;

namespace Masten.Core.Messaging;

/// <summary>How often a person gets their digest of what is due or late.</summary>
public enum DigestFrequency
{
    Daily,
    Weekly,
    /// <summary>No digest; the notifications still show in Masten.</summary>
    Off,
}

/// <summary>The kinds of reminder a person can choose to get, as flags (stored as their sum).</summary>
[Flags]
public enum NotificationKinds
{
    None = 0,
    /// <summary>Commitments due within 30 days or overdue.</summary>
    Commitments = 1,
    /// <summary>Indicator values due soon or late by the indicator's reporting frequency.</summary>
    Reports = 2,
    /// <summary>Initiatives without a check-in for the mission's stale-after days.</summary>
    CheckIns = 4,
    /// <summary>Commitments waiting for a signature in the mission's open signing round.</summary>
    Signing = 8,
    /// <summary>Reviews in the coming days.</summary>
    Reviews = 16,
    /// <summary>Invitations someone sent that are not accepted after some days.</summary>
    Invitations = 32,
    All = Commitments | Reports | CheckIns | Signing | Reviews | Invitations,
}

/// <summary>What one notification is about; each belongs to one of the <see cref="NotificationKinds"/>.</summary>
public enum NotificationKind
{
    CommitmentDueSoon,
    CommitmentOverdue,
    ReportDueSoon,
    ReportLate,
    CheckInDue,
    SignatureWaiting,
    ReviewComing,
    InvitationUnused,
    /// <summary>A commitment still unsigned in a round that closes within <see cref="NotificationRules.RoundClosingWindowDays"/> days.</summary>
    SignatureClosing,
}

/// <summary>
/// A person's own settings for messages: the language every message to them is written in, and their digest.
/// A person without a row has the defaults (<see cref="NotificationRules"/>).
/// </summary>
public class NotificationSettings
{
    /// <summary>The account (also the key: one row per person).</summary>
    public int UserId { get; set; }
    /// <summary>The language the person chose (sv, en, da); null until they choose one.</summary>
    public string? Language { get; set; }
    /// <summary>The interface language the person last signed in with: the language of their messages until they choose one.</summary>
    public string? UsedLanguage { get; set; }
    public DigestFrequency Frequency { get; set; } = DigestFrequency.Daily;
    /// <summary>Hour of the day (0–23, in the mission time zone) the digest is sent at or after.</summary>
    public int Hour { get; set; } = NotificationRules.DefaultHour;
    /// <summary>The day of a weekly digest.</summary>
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;
    public NotificationKinds Kinds { get; set; } = NotificationKinds.All;
    /// <summary>The last period a digest was made for (<see cref="NotificationRules.DuePeriod"/>), so each period gets one.</summary>
    public string? LastDigestPeriod { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One thing due or late for one person (the in-app list, read or unread). Stored once per person and cause
/// (<see cref="CauseKey"/> is unique per person), so no cause is ever told twice; the digest that told it carries
/// the same rows.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>What it is about and when, e.g. <c>report-late:12:2026-10-01</c>: a new cause (a new due date) gets a new key.</summary>
    public string CauseKey { get; set; } = "";
    public int? MissionId { get; set; }
    /// <summary>The mission's (or programme's) name, as it was when told.</summary>
    public string Context { get; set; } = "";
    /// <summary>What it is: the commitment's text, the indicator's or initiative's name, the invited address.</summary>
    public string Subject { get; set; } = "";
    /// <summary>The actor concerned, when there is one.</summary>
    public string? ActorName { get; set; }
    /// <summary>The date it is about: due date, last check-in, the review's day, the invitation's day.</summary>
    public DateOnly? Date { get; set; }
    /// <summary>A path in Masten straight to the form (e.g. <c>/indicators/12/observations/new</c>).</summary>
    public string Link { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>The pure rules of notification settings and digests.</summary>
public static class NotificationRules
{
    public const int DefaultHour = 7;
    public const string DefaultTimeZone = "Europe/Stockholm";
    /// <summary>An indicator value is reminded of this many days before it is due, and again once it is late.</summary>
    public const int ReportWindowDays = 7;
    /// <summary>A review is reminded of this many days ahead.</summary>
    public const int ReviewWindowDays = 7;
    /// <summary>An invitation not accepted after this many days is reminded of to whoever sent it.</summary>
    public const int InvitationUnusedDays = 7;
    /// <summary>A commitment still unsigned is reminded of again when its round closes within this many days.</summary>
    public const int RoundClosingWindowDays = 7;

    public static readonly IReadOnlyList<string> Languages = ["sv", "en", "da"];

    /// <summary>The language of a person's messages: the one they chose, else the one they last used, else Swedish.</summary>
    public static string LanguageOf(string? chosen, string? used, string? fallback = null) =>
        Supported(chosen) ?? Supported(used) ?? Supported(fallback) ?? "sv";

    private static string? Supported(string? language) => language is not null && Languages.Contains(language) ? language : null;

    /// <summary>Which of the settings' kinds a notification belongs to.</summary>
    public static NotificationKinds KindsOf(NotificationKind kind) => kind switch
    {
        NotificationKind.CommitmentDueSoon or NotificationKind.CommitmentOverdue => NotificationKinds.Commitments,
        NotificationKind.ReportDueSoon or NotificationKind.ReportLate => NotificationKinds.Reports,
        NotificationKind.CheckInDue => NotificationKinds.CheckIns,
        NotificationKind.SignatureWaiting or NotificationKind.SignatureClosing => NotificationKinds.Signing,
        NotificationKind.ReviewComing => NotificationKinds.Reviews,
        _ => NotificationKinds.Invitations,
    };

    /// <summary>
    /// The digest period due at <paramref name="local"/> (the time in the mission time zone), or null when none is
    /// due yet: a daily digest's period is the day (<c>2026-12-01</c>), due from <paramref name="hour"/> o'clock; a
    /// weekly digest's is the ISO week (<c>2026-W49</c>), due from that week's <paramref name="weekday"/> at the hour.
    /// A period whose hour passed while nothing ran is still due until it ends, so a pause delays a digest but never
    /// skips it; each period is made once (<see cref="NotificationSettings.LastDigestPeriod"/>).
    /// </summary>
    public static string? DuePeriod(DigestFrequency frequency, int hour, DayOfWeek weekday, DateTime local)
    {
        switch (frequency)
        {
            case DigestFrequency.Daily:
                return local.Hour >= hour ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            case DigestFrequency.Weekly:
                // Days since Monday, for the local day and the chosen day (ISO weeks start on Monday).
                var today = ((int)local.DayOfWeek + 6) % 7;
                var chosen = ((int)weekday + 6) % 7;
                if (today < chosen || today == chosen && local.Hour < hour)
                    return null;
                return FormattableString.Invariant($"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}");
            default:
                return null;
        }
    }

    /// <summary>
    /// Refuses settings that cannot be kept, naming the field: a language that is not sv, en or da
    /// (<c>language</c>), an hour outside 0–23 (<c>hour</c>), an unknown kind (<c>kinds</c>). Throws a
    /// <see cref="Common.DomainException"/>; nothing is stored then.
    /// </summary>
    public static void Validate(string? language, int hour, NotificationKinds kinds)
    {
        var rules = new Common.Rules();
        if (language is not null && !Languages.Contains(language))
            rules.Add("language", "UnknownLanguage", "must be sv, en or da.");
        if (hour is < 0 or > 23)
            rules.Add("hour", "HourOutOfRange", "must be a whole hour from 0 to 23.");
        if ((kinds & ~NotificationKinds.All) != 0)
            rules.Add("kinds", "UnknownKind", "holds a kind Masten does not know.");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// The cause key of an indicator value: <c>report-soon:{indicator}:{due}</c> or <c>report-late:{indicator}:{due}</c>.
    /// A new value moves the due date and so makes a new cause.
    /// </summary>
    public static NotificationKind? Report(DateOnly dueOn, DateOnly today) =>
        dueOn < today ? NotificationKind.ReportLate : dueOn <= today.AddDays(ReportWindowDays) ? NotificationKind.ReportDueSoon : null;

    /// <summary>
    /// The reminder of an unsigned commitment in its mission's open round, closing on <paramref name="closesOn"/> (null:
    /// no closing date): <see cref="NotificationKind.SignatureClosing"/> from <see cref="RoundClosingWindowDays"/> days
    /// before the last day until that day; <see cref="NotificationKind.SignatureWaiting"/> before that (it states the last
    /// day, when there is one); none once the round is past its last day (<see cref="Tasks.TaskRules.IsRoundOpen"/>). Both
    /// cause keys hold the closing date, so a moved date is told again and the same date never twice.
    /// </summary>
    public static NotificationKind? Signature(DateOnly? closesOn, DateOnly today)
    {
        if (!Tasks.TaskRules.IsRoundOpen(closesOn, today))
            return null;
        return closesOn is { } closes && closes <= today.AddDays(RoundClosingWindowDays) ? NotificationKind.SignatureClosing : NotificationKind.SignatureWaiting;
    }

    public static string Key(NotificationKind kind, int id, DateOnly? date = null) => kind switch
    {
        NotificationKind.CommitmentDueSoon => Invariant("commitment-soon", id, null),
        NotificationKind.CommitmentOverdue => Invariant("commitment-overdue", id, null),
        NotificationKind.ReportDueSoon => Invariant("report-soon", id, date),
        NotificationKind.ReportLate => Invariant("report-late", id, date),
        NotificationKind.CheckInDue => Invariant("checkin", id, date),
        NotificationKind.SignatureWaiting => Invariant("sign", id, date),
        NotificationKind.SignatureClosing => Invariant("sign-closing", id, date),
        NotificationKind.ReviewComing => Invariant("review", id, date),
        _ => Invariant("invitation", id, null),
    };

    private static string Invariant(string prefix, int id, DateOnly? date) =>
        date is { } d ? FormattableString.Invariant($"{prefix}:{id}:{d:yyyy-MM-dd}") : FormattableString.Invariant($"{prefix}:{id}");

    /// <summary>The outbox cause key of one person's digest for one period: each is sent once.</summary>
    public static string DigestKey(int userId, string period) => FormattableString.Invariant($"digest:{userId}:{period}");
}
