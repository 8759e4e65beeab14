using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Tasks;

namespace Masten.Core.Tests.Tasks;

public class EditGuardTests
{
    [Theory]
    [InlineData(MissionStatus.Active, 0, 0, 2)]
    [InlineData(MissionStatus.Closed, 1, 0, 1)]
    [InlineData(MissionStatus.Active, 0, 1, 1)]
    public void LeavingDraftByAnEditNamesStatusAndWhatIsMissing(MissionStatus to, int goals, int indicators, int errors)
    {
        var ex = Assert.Throws<DomainException>(() => Publishing.CheckStatusChange(MissionStatus.Draft, to, goals, indicators));
        Assert.Equal(errors, ex.Errors.Count);
        Assert.All(ex.Errors, e => Assert.Equal("status", e.Field));
        Assert.All(ex.Errors, e => Assert.Contains("Publicera", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MissionStatus.Draft, MissionStatus.Active, 1, 1)]
    [InlineData(MissionStatus.Draft, MissionStatus.Draft, 0, 0)]
    [InlineData(MissionStatus.Active, MissionStatus.Closed, 0, 0)]
    [InlineData(MissionStatus.Active, MissionStatus.Draft, 0, 0)]
    public void OtherStatusChangesPass(MissionStatus from, MissionStatus to, int goals, int indicators) =>
        Publishing.CheckStatusChange(from, to, goals, indicators);

    [Theory]
    [InlineData(MissionStatus.Active)]
    [InlineData(MissionStatus.Closed)]
    public void ANewMissionAskingForAPublishedStatusIsRefusedNamingStatusAndPointingToPublicera(MissionStatus status)
    {
        var ex = Assert.Throws<DomainException>(() => Publishing.CheckNewMission(status));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("status", "NewMissionIsDraft"), (error.Field, error.Code));
        Assert.Equal(DomainErrorKind.Validation, ex.Kind);
        Assert.Contains("Publicera", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewDraftPasses() => Publishing.CheckNewMission(MissionStatus.Draft);

    private static readonly DateOnly Signed = new(2026, 3, 1);

    [Fact]
    public void AnEditCannotSignAndNamesEachFieldThatWould()
    {
        var ex = Assert.Throws<DomainException>(() => TaskRules.CheckEditKeepsSignature(CommitmentStatus.Proposed, null, null, CommitmentStatus.Signed, Signed, "Anna"));
        Assert.Equal(["status", "signedOn", "signatory"], ex.Errors.Select(e => e.Field));
        var changed = Assert.Throws<DomainException>(() => TaskRules.CheckEditKeepsSignature(CommitmentStatus.Signed, Signed, "Anna", CommitmentStatus.Signed, Signed.AddDays(1), "Bertil"));
        Assert.Equal(["signedOn", "signatory"], changed.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(CommitmentStatus.Signed, true, CommitmentStatus.Signed, true)]
    [InlineData(CommitmentStatus.Signed, true, CommitmentStatus.InProgress, true)]
    [InlineData(CommitmentStatus.Signed, true, CommitmentStatus.Withdrawn, false)]
    [InlineData(CommitmentStatus.Proposed, false, CommitmentStatus.InProgress, false)]
    public void AnEditMayKeepOrTakeAwayASignature(CommitmentStatus stored, bool wasSigned, CommitmentStatus status, bool keeps) =>
        TaskRules.CheckEditKeepsSignature(stored, wasSigned ? Signed : null, wasSigned ? "Anna" : null, status, keeps ? Signed : null, keeps ? " Anna " : null);
}
