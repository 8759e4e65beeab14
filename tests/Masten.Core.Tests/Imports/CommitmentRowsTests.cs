using Masten.Core.Actors;
using Masten.Core.Imports;

namespace Masten.Core.Tests.Importing;

public class CommitmentRowsTests
{
    private static readonly string[] Headers = ["id", "organisationsnummer", "omgång", "åtagande", "nivå", "mål", "belopp", "valuta", "personår", "klart senast", "status", "roller"];

    private static ImportedCommitment Stored(int id = 500, int actor = 1, string text = "Halverar utsläppen.", CommitmentStatus status = CommitmentStatus.Proposed) =>
        new(id, actor, 20, text, "leading", [10], 1000, Currency.SEK, null, null, status, null, null,
            status == CommitmentStatus.Signed ? "Anna Berg" : null, status == CommitmentStatus.Signed ? new DateOnly(2026, 2, 1) : null, 4);

    private static CommitmentRows Rows(string[]? headers = null, params ImportedCommitment[] commitments) => new(
        CommitmentRows.MapHeader(headers ?? Headers),
        [new ImportActor(1, "556036-0793", true), new ImportActor(2, "212000-0142", false), new ImportActor(3, "29403473", true)],
        [new ImportRound(20, "2026", true), new ImportRound(19, "2025", false)],
        [new ImportGoal(10, "Rent vatten"), new ImportGoal(11, "Levande kust")],
        commitments.Length == 0 ? [Stored()] : commitments);

    private static (CommitmentRow? Row, List<ImportError> Errors) Check(CommitmentRows rows, params object?[] cells)
    {
        var errors = new List<ImportError>();
        return (rows.Check(2, cells, errors), errors);
    }

    [Fact]
    public void AFullRowReadsTheActorByOrganisationNumberTheRoundByNameGoalsAndSwedishChoices()
    {
        var (row, errors) = Check(Rows(), "", "2120000142", "2025", "Bygger laddplatser.", "contributing", "Rent vatten; 11", "250 000", "sek", "1,5", "2027-12-31", "Pågår", "finansiär, partner");
        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Null(row.ExistingId);
        Assert.Equal((2, 19, "2025"), (row.ActorId, row.RoundId, row.RoundName));
        Assert.Equal([10, 11], row.GoalIds);
        Assert.Equal((250_000.0, Currency.SEK, 1.5, CommitmentStatus.InProgress), (row.PledgedMoney!.Value, row.Currency!.Value, row.PersonYears!.Value, row.Status!.Value));
        Assert.Equal(new DateOnly(2027, 12, 31), row.DueDate);
        // The actor takes no part in the mission yet: the row makes it a member with its roles.
        Assert.Equal([MissionRole.Funder, MissionRole.Partner], row.NewMembership);
    }

    [Fact]
    public void ARowWithoutRoundGoesIntoTheLatestRoundAndAMembersRowCreatesNoMembership()
    {
        var (row, errors) = Check(Rows(), "", "29403473", "", "Nytt åtagande.", "leading", "", "", "", "", "", "", "");
        Assert.Empty(errors);
        Assert.Equal((20, (IReadOnlyList<MissionRole>?)null), (row!.RoundId, row.NewMembership));
    }

    [Fact]
    public void AnActorOutsideTheMissionIsMadeAMemberOnceAsAPartnerWhenNoRoleIsGiven()
    {
        var rows = Rows();
        var first = Check(rows, "", "212000-0142", "2026", "Ett.", "leading", "", "", "", "", "", "", "").Row!;
        var second = Check(rows, "", "212000-0142", "2026", "Två.", "leading", "", "", "", "", "", "", "").Row!;
        Assert.Equal([MissionRole.Partner], first.NewMembership);
        Assert.Null(second.NewMembership);
    }

    [Fact]
    public void ARowIsKeyedByItsIdElseByActorRoundAndTextIgnoringCaseAndSpaces()
    {
        Assert.Equal(500, Check(Rows(), "500", "556036-0793", "", "Ny text.", "", "", "", "", "", "", "", "").Row!.ExistingId);
        Assert.Equal(500, Check(Rows(), "", "5560360793", "2026", "  halverar   UTSLÄPPEN. ", "", "", "", "", "", "", "", "").Row!.ExistingId);
        // The same text in another round is another commitment.
        Assert.Null(Check(Rows(), "", "556036-0793", "2025", "Halverar utsläppen.", "leading", "", "", "", "", "", "", "").Row!.ExistingId);
    }

    [Theory]
    [InlineData(0, "999", "UnknownCommitment", "id")]
    [InlineData(1, "999999-9999", "UnknownOrganisationNumber", "organisationsnummer")]
    [InlineData(1, "", "OrganisationNumberRequired", "organisationsnummer")]
    [InlineData(2, "2019", "UnknownRound", "omgång")]
    [InlineData(3, "", "CommitmentTextRequired", "åtagande")]
    [InlineData(4, "", "TierRequired", "nivå")]
    [InlineData(5, "Okänt mål", "UnknownGoal", "mål")]
    [InlineData(6, "mycket", "InvalidNumber", "belopp")]
    [InlineData(6, "-5", "Negative", "belopp")]
    [InlineData(7, "EUR", "UnknownValue", "valuta")]
    [InlineData(8, "-1", "Negative", "personår")]
    [InlineData(9, "snart", "InvalidDate", "klart senast")]
    [InlineData(10, "halvvägs", "UnknownValue", "status")]
    [InlineData(11, "kung", "UnknownRole", "roller")]
    public void ABadCellIsNamedByItsRowColumnAndValue(int index, string value, string code, string column)
    {
        object?[] cells = ["", "556036-0793", "2026", "Bygger laddplatser.", "leading", "", "100", "SEK", "", "", "", ""];
        cells[index] = value;
        var (row, errors) = Check(Rows(), cells);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((2L, column, code), (error.Row, error.Column, error.Code));
        if (value.Length > 0)
            Assert.Equal(value, error.Value);
    }

    [Fact]
    public void AnIdOfAnotherActorsCommitmentAndTheSameCommitmentTwiceAreErrors()
    {
        var rows = Rows();
        var other = Assert.Single(Check(rows, "500", "29403473", "", "Halverar utsläppen.", "", "", "", "", "", "", "", "").Errors);
        Assert.Equal(("OtherActorsCommitment", "organisationsnummer"), (other.Code, other.Column));
        Assert.Empty(Check(rows, "", "556036-0793", "", "Halverar utsläppen.", "", "", "", "", "", "", "", "").Errors);
        var again = Assert.Single(Check(rows, "500", "556036-0793", "", "Halverar utsläppen.", "", "", "", "", "", "", "", "").Errors);
        Assert.Equal(("DuplicateCommitment", "id"), (again.Code, again.Column));
        Assert.Empty(Check(rows, "", "556036-0793", "", "Nytt.", "leading", "", "", "", "", "", "", "").Errors);
        Assert.Equal("DuplicateCommitment", Assert.Single(Check(rows, "", "556036-0793", "", "NYTT.", "leading", "", "", "", "", "", "", "").Errors).Code);
    }

    [Fact]
    public void ARowWithoutRoundInAMissionWithoutRoundsSaysSo()
    {
        var rows = new CommitmentRows(CommitmentRows.MapHeader(["organisationsnummer", "åtagande", "nivå"]), [new ImportActor(1, "556036-0793", true)], [], [], []);
        var error = Assert.Single(Check(rows, "556036-0793", "Ett.", "leading").Errors);
        // The file has no round column: the error names the column it lacks.
        Assert.Equal(("NoRound", "round"), (error.Code, error.Column));
    }

    [Theory]
    [InlineData("undertecknare", "Anna Berg")]
    [InlineData("undertecknad", "2026-02-01")]
    public void ASignatureInTheFileIsRefused(string column, string value)
    {
        var rows = new CommitmentRows(CommitmentRows.MapHeader(["organisationsnummer", "åtagande", "nivå", column]), [new ImportActor(1, "556036-0793", true)],
            [new ImportRound(20, "2026", true)], [], []);
        var error = Assert.Single(Check(rows, "556036-0793", "Ett.", "leading", value).Errors);
        Assert.Equal(("NoSignatureOnImport", column, value), (error.Code, error.Column, error.Value));
        Assert.Empty(Check(rows, "556036-0793", "Två.", "leading", "").Errors);
    }

    [Fact]
    public void ANewCommitmentIsProposedAndCarriesNoSignature()
    {
        var header = CommitmentRows.MapHeader(["organisationsnummer", "åtagande", "nivå"]);
        var rows = new CommitmentRows(header, [new ImportActor(1, "556036-0793", true)], [new ImportRound(20, "2026", true)], [], []);
        var (action, input) = CommitmentRows.Merge(7, rows.Check(2, ["556036-0793", "Ett.", "leading"], [])!, header, null);
        Assert.Equal((ImportRowAction.Create, CommitmentStatus.Proposed, (string?)null, (DateOnly?)null, (int?)null), (action, input.Status, input.Signatory, input.SignedOn, input.Version));
        Assert.Equal((7, 1, 20), (input.MissionId, input.ActorId, input.RoundId));
    }

    [Fact]
    public void AMergedRowThatSaysWhatIsStoredIsUnchangedAndKeepsTheSignatureAndColumnsTheFileLacks()
    {
        var header = CommitmentRows.MapHeader(["organisationsnummer", "åtagande", "nivå", "mål"]);
        var signed = Stored(status: CommitmentStatus.Signed);
        var rows = Rows(["organisationsnummer", "åtagande", "nivå", "mål"], signed);
        var (action, input) = CommitmentRows.Merge(7, rows.Check(2, ["556036-0793", "Halverar utsläppen.", "leading", "Rent vatten"], [])!, header, signed);
        Assert.Equal(ImportRowAction.Unchanged, action);
        Assert.Equal((CommitmentStatus.Signed, "Anna Berg", 1000.0, 4), (input.Status, input.Signatory, input.PledgedMoney!.Value, input.Version!.Value));
    }

    [Fact]
    public void AChangedTierOrGoalIsAnUpdateNamedByItsColumns()
    {
        var header = CommitmentRows.MapHeader(["organisationsnummer", "åtagande", "nivå", "mål"]);
        var rows = Rows(["organisationsnummer", "åtagande", "nivå", "mål"]);
        var (action, input) = CommitmentRows.Merge(7, rows.Check(2, ["556036-0793", "Halverar utsläppen.", "supporting", "Levande kust"], [])!, header, Stored());
        Assert.Equal(ImportRowAction.Update, action);
        Assert.Equal(["tier", "goals"], CommitmentRows.Changes(Stored(), input));
    }

    [Theory]
    [InlineData(new[] { "organisationsnummer", "nivå" }, "MissingCommitmentColumns")]
    [InlineData(new[] { "organisationsnummer", "åtagande", "text" }, "DuplicateColumn")]
    public void AHeaderWithoutActorAndTextOrWithAColumnTwiceIsAFileError(string[] headers, string code) =>
        Assert.Equal(code, Assert.Throws<ImportFileException>(() => CommitmentRows.MapHeader(headers)).Code);

    [Fact]
    public void TheTemplateIsReadByItsOwnHeader()
    {
        var template = ImportCatalog.Template(ImportKind.Commitments)!;
        var header = CommitmentRows.MapHeader(template.Header);
        Assert.Empty(header.Ignored);
        var rows = new CommitmentRows(header, [new ImportActor(1, "556036-0793", false)], [new ImportRound(20, "2026", true)], [new ImportGoal(10, "Rent vatten")], []);
        var errors = new List<ImportError>();
        Assert.NotNull(rows.Check(2, [.. template.Example], errors));
        Assert.Empty(errors);
    }
}
