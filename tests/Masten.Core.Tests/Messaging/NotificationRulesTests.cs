using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Messaging;

namespace Masten.Core.Tests.Messaging;

public class NotificationRulesTests
{
    private static DateTime At(string local) => DateTime.Parse(local, CultureInfo.InvariantCulture);

    [Theory]
    // Daily at 7: due from 07:00 that day, the period is the day.
    [InlineData(DigestFrequency.Daily, 7, DayOfWeek.Monday, "2026-12-01 06:59", null)]
    [InlineData(DigestFrequency.Daily, 7, DayOfWeek.Monday, "2026-12-01 07:00", "2026-12-01")]
    [InlineData(DigestFrequency.Daily, 7, DayOfWeek.Monday, "2026-12-01 23:30", "2026-12-01")]
    [InlineData(DigestFrequency.Daily, 0, DayOfWeek.Monday, "2026-12-02 00:00", "2026-12-02")]
    // Weekly on Friday at 9 (1 December 2026 is a Tuesday, ISO week 49): not before Friday 09:00, then all week.
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Friday, "2026-12-01 10:00", null)]
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Friday, "2026-12-04 08:59", null)]
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Friday, "2026-12-04 09:00", "2026-W49")]
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Friday, "2026-12-06 22:00", "2026-W49")]
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Sunday, "2026-12-05 22:00", null)]
    [InlineData(DigestFrequency.Weekly, 9, DayOfWeek.Monday, "2026-12-07 09:00", "2026-W50")]
    // Week 53 of 2026 ends on 3 January 2027.
    [InlineData(DigestFrequency.Weekly, 7, DayOfWeek.Monday, "2027-01-03 08:00", "2026-W53")]
    [InlineData(DigestFrequency.Off, 0, DayOfWeek.Monday, "2026-12-01 12:00", null)]
    public void ADigestIsDueFromItsHourOnceAPeriod(DigestFrequency frequency, int hour, DayOfWeek weekday, string local, string? period) =>
        Assert.Equal(period, NotificationRules.DuePeriod(frequency, hour, weekday, At(local)));

    [Theory]
    [InlineData("en", "da", "en")]
    [InlineData(null, "da", "da")]
    [InlineData(null, null, "sv")]
    [InlineData("fi", "xx", "sv")]
    public void MessagesAreInTheChosenLanguageElseTheLastUsedElseSwedish(string? chosen, string? used, string expected) =>
        Assert.Equal(expected, NotificationRules.LanguageOf(chosen, used));

    [Theory]
    [InlineData(-8, NotificationKind.ReportLate)]
    [InlineData(-1, NotificationKind.ReportLate)]
    [InlineData(0, NotificationKind.ReportDueSoon)]
    [InlineData(7, NotificationKind.ReportDueSoon)]
    [InlineData(8, null)]
    public void AValueIsRemindedOfAWeekAheadAndAgainOnceLate(int daysFromToday, NotificationKind? expected)
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.Equal(expected, NotificationRules.Report(today.AddDays(daysFromToday), today));
    }

    [Fact]
    public void ANewDueDateIsANewCauseAndTheSameDateTheSameCause()
    {
        var first = NotificationRules.Key(NotificationKind.ReportLate, 12, new DateOnly(2026, 10, 1));
        Assert.Equal("report-late:12:2026-10-01", first);
        Assert.Equal(first, NotificationRules.Key(NotificationKind.ReportLate, 12, new DateOnly(2026, 10, 1)));
        Assert.NotEqual(first, NotificationRules.Key(NotificationKind.ReportLate, 12, new DateOnly(2026, 11, 1)));
        Assert.NotEqual(first, NotificationRules.Key(NotificationKind.ReportDueSoon, 12, new DateOnly(2026, 10, 1)));
        Assert.Equal("digest:5:2026-W49", NotificationRules.DigestKey(5, "2026-W49"));
    }

    [Theory]
    [InlineData("fi", 7, "language")]
    [InlineData(null, 24, "hour")]
    [InlineData(null, -1, "hour")]
    public void SettingsThatCannotBeKeptAreRefusedNamingTheField(string? language, int hour, string field)
    {
        var error = Assert.Throws<DomainException>(() => NotificationRules.Validate(language, hour, NotificationKinds.All));
        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void AnUnknownKindIsRefusedAndNoKindIsAllowed()
    {
        Assert.Equal("kinds", Assert.Single(Assert.Throws<DomainException>(() => NotificationRules.Validate(null, 7, (NotificationKinds)128)).Errors).Field);
        NotificationRules.Validate("da", 23, NotificationKinds.None);
    }

    [Fact]
    public void EveryKindOfNotificationBelongsToAKindAPersonCanChoose()
    {
        foreach (var kind in Enum.GetValues<NotificationKind>())
            Assert.True(NotificationKinds.All.HasFlag(NotificationRules.KindsOf(kind)) && NotificationRules.KindsOf(kind) != NotificationKinds.None, kind.ToString());
        Assert.Equal(NotificationKinds.Invitations, NotificationRules.KindsOf(NotificationKind.InvitationUnused));
    }

    [Theory]
    // No closing date: waiting, until the next round opens.
    [InlineData(null, NotificationKind.SignatureWaiting)]
    // Closing later than the window: waiting (the line states the last day); within seven days and on the day: closing soon.
    [InlineData(8, NotificationKind.SignatureWaiting)]
    [InlineData(7, NotificationKind.SignatureClosing)]
    [InlineData(0, NotificationKind.SignatureClosing)]
    // Past its last day: the round takes no signatures, nothing is reminded of.
    [InlineData(-1, null)]
    public void AnUnsignedCommitmentIsRemindedOfAgainWhenItsRoundClosesWithinSevenDays(int? closesInDays, NotificationKind? kind)
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.Equal(kind, NotificationRules.Signature(closesInDays is { } d ? today.AddDays(d) : null, today));
    }

    [Fact]
    public void TheTwoSignatureRemindersHaveTheirOwnCausesAndAMovedClosingDateIsANewCause()
    {
        var closes = new DateOnly(2026, 12, 20);
        Assert.Equal("sign:5:2026-12-20", NotificationRules.Key(NotificationKind.SignatureWaiting, 5, closes));
        Assert.Equal("sign-closing:5:2026-12-20", NotificationRules.Key(NotificationKind.SignatureClosing, 5, closes));
        Assert.NotEqual(NotificationRules.Key(NotificationKind.SignatureClosing, 5, closes), NotificationRules.Key(NotificationKind.SignatureClosing, 5, closes.AddDays(7)));
        Assert.Equal(NotificationKinds.Signing, NotificationRules.KindsOf(NotificationKind.SignatureClosing));
    }
}
