using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Tasks;

namespace Masten.Core.Tests.Tasks;

public class TaskRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(ReportingFrequency.Monthly, "2026-11-01", true)]
    [InlineData(ReportingFrequency.Monthly, "2026-11-02", false)]
    [InlineData(ReportingFrequency.Quarterly, "2026-09-01", true)]
    [InlineData(ReportingFrequency.Quarterly, "2026-09-02", false)]
    [InlineData(ReportingFrequency.Yearly, "2025-12-01", true)]
    [InlineData(ReportingFrequency.Yearly, "2025-12-02", false)]
    public void AValueIsDueOneReportingIntervalAfterTheLastOne(ReportingFrequency frequency, string last, bool due)
    {
        var lastDate = DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(due, TaskRules.IsReportingDue(frequency, lastDate, new DateOnly(2020, 1, 1), Today));
        // The SQL cut-off says the same.
        Assert.Equal(due, lastDate <= TaskRules.ReportingCutoff(frequency, Today));
    }

    [Fact]
    public void WithoutAValueTheIntervalCountsFromTheBaseline()
    {
        Assert.Equal(new DateOnly(2021, 12, 31), TaskRules.ReportingDueOn(ReportingFrequency.Yearly, null, new DateOnly(2020, 12, 31)));
        Assert.False(TaskRules.IsReportingDue(ReportingFrequency.Yearly, null, new DateOnly(2026, 6, 30), Today));
    }

    [Theory]
    [InlineData(InitiativeStage.Testing, 91, true)]
    [InlineData(InitiativeStage.Testing, 90, false)]
    [InlineData(InitiativeStage.Idea, 400, false)]
    [InlineData(InitiativeStage.Ended, 400, false)]
    [InlineData(InitiativeStage.Scaling, 400, true)]
    public void AnActiveInitiativeIsDueForACheckInOnceStale(InitiativeStage stage, int daysSince, bool due) =>
        Assert.Equal(due, TaskRules.IsCheckInDue(stage, Today.AddDays(-daysSince), new DateOnly(2020, 1, 1), 90, Today));

    [Theory]
    [InlineData(CommitmentStatus.Proposed, false, true)]
    [InlineData(CommitmentStatus.InProgress, false, true)]
    [InlineData(CommitmentStatus.Proposed, true, false)]
    [InlineData(CommitmentStatus.Fulfilled, false, false)]
    [InlineData(CommitmentStatus.Withdrawn, false, false)]
    public void OnlyAnOpenUnsignedCommitmentWaitsForASignature(CommitmentStatus status, bool hasSignature, bool waits) =>
        Assert.Equal(waits, TaskRules.NeedsSignature(status, hasSignature ? Today : null));

    [Fact]
    public void TheOpenRoundIsTheLatestByDateThenTheLastOpened()
    {
        Assert.Equal(3, TaskRules.OpenRoundId([(1, new DateOnly(2025, 1, 1)), (3, new DateOnly(2026, 1, 1)), (2, new DateOnly(2026, 1, 1))]));
        Assert.Null(TaskRules.OpenRoundId([]));
    }

    [Fact]
    public void SigningIsRefusedForAnotherActorAndAClosedRoundNamingBothFields()
    {
        var ex = Assert.Throws<DomainException>(() => TaskRules.CheckSigning(new SigningFacts(false, "Kommunen", false, "2025", CommitmentStatus.Proposed, null)));
        Assert.Equal(DomainErrorKind.Validation, ex.Kind);
        Assert.Equal(["actorId", "roundId"], ex.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void ARoundTakesSignaturesUntilItsClosingDayIncluded(int? closesInDays, bool open) =>
        Assert.Equal(open, TaskRules.IsRoundOpen(closesInDays is { } d ? Today.AddDays(d) : null, Today));

    [Fact]
    public void SigningInTheOpenRoundAfterItsClosingDayIsRefusedNamingTheDate()
    {
        var closed = Today.AddDays(-1);
        var facts = SigningFacts.Of(true, "Kommunen", isLatest: true, "2026", closed, Today, CommitmentStatus.Proposed, null);
        Assert.False(facts.RoundIsOpen);
        var ex = Assert.Throws<DomainException>(() => TaskRules.CheckSigning(facts));
        Assert.Equal(DomainErrorKind.Validation, ex.Kind);
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("roundId", "RoundPastClosing"), (error.Field, error.Code));
        Assert.Contains("2026-11-30", error.Message, StringComparison.Ordinal);
        TaskRules.CheckSigning(SigningFacts.Of(true, "Kommunen", isLatest: true, "2026", Today, Today, CommitmentStatus.Proposed, null));
    }

    [Fact]
    public void AnEarlierRoundIsClosedWhateverItsClosingDate()
    {
        var ex = Assert.Throws<DomainException>(() => TaskRules.CheckSigning(
            SigningFacts.Of(true, "Kommunen", isLatest: false, "2025", Today.AddDays(30), Today, CommitmentStatus.Proposed, null)));
        Assert.Equal(("roundId", "RoundClosed"), (ex.Errors.Single().Field, ex.Errors.Single().Code));
    }

    [Fact]
    public void SigningTwiceIsAConflictAndAnOpenCommitmentOfTheOpenRoundSigns()
    {
        var twice = Assert.Throws<DomainException>(() => TaskRules.CheckSigning(new SigningFacts(true, "Kommunen", true, "2026", CommitmentStatus.Signed, Today)));
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        Assert.Equal("status", twice.Errors.Single().Field);
        TaskRules.CheckSigning(new SigningFacts(true, "Kommunen", true, "2026", CommitmentStatus.Proposed, null));
    }

    [Theory]
    [InlineData(0, 0, new[] { "goals", "indicators" })]
    [InlineData(1, 0, new[] { "indicators" })]
    [InlineData(0, 1, new[] { "goals" })]
    public void PublishingNamesWhatIsMissing(int goals, int indicators, string[] fields)
    {
        var ex = Assert.Throws<DomainException>(() => Publishing.Check(MissionStatus.Draft, goals, indicators));
        Assert.Equal(fields, ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void OnlyADraftIsPublished()
    {
        Publishing.Check(MissionStatus.Draft, 1, 1);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => Publishing.Check(MissionStatus.Active, 1, 1)).Kind);
    }
}
