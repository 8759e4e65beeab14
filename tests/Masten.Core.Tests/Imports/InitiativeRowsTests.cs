using Masten.Core.Actors;
using Masten.Core.Imports;
using Masten.Core.Portfolio;

namespace Masten.Core.Tests.Importing;

public class InitiativeRowsTests
{
    private static readonly string[] Headers = ["id", "titel", "ansvarig", "partner", "mål", "hävstänger", "budget", "valuta", "fas", "start", "slut"];

    private static InitiativeRows Rows(string[]? headers = null) => new(
        InitiativeRows.MapHeader(headers ?? Headers),
        [new ImportActor(1, "556036-0793", true), new ImportActor(2, "212000-0142", true), new ImportActor(3, "202100-5489", false), new ImportActor(4, "29403473", true)],
        [new ImportGoal(10, "Rent vatten"), new ImportGoal(11, "Levande kust"), new ImportGoal(12, "Dubbel"), new ImportGoal(13, "dubbel")],
        [(100, "Fosforfällan"), (101, "Musselodling")]);

    private static (InitiativeRow? Row, List<ImportError> Errors) Check(InitiativeRows rows, params object?[] cells)
    {
        var errors = new List<ImportError>();
        return (rows.Check(2, cells, errors), errors);
    }

    [Fact]
    public void AFullRowReadsActorsByOrganisationNumberGoalsByTitleOrIdAndSwedishChoices()
    {
        var (row, errors) = Check(Rows(), "", "Ny insats", "5560360793", "212000-0142, 29403473", "Rent vatten; 11", "Teknik, policy and regulation", "1 250 000", "SEK", "Testar", "2025-01-01", "31/12/2027");
        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Null(row.ExistingId);
        Assert.Equal(1, row.LeadActorId);
        Assert.Equal([2, 4], row.PartnerActorIds);
        Assert.Equal([10, 11], row.GoalIds);
        Assert.Equal([SystemLever.Technology, SystemLever.PolicyAndRegulation], row.Levers);
        Assert.Equal((1_250_000.0, Currency.SEK, InitiativeStage.Testing), (row.Budget, row.Currency, row.Stage));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31)), (row.StartDate!.Value, row.EndDate!.Value));
    }

    [Fact]
    public void ARowIsKeyedByItsIdElseByItsTitleIgnoringCase()
    {
        var rows = Rows();
        Assert.Equal(101, Check(rows, "101", "Nytt namn", "556036-0793", "", "", "", "", "", "", "", "").Row!.ExistingId);
        Assert.Equal(100, Check(rows, "", "FOSFORFÄLLAN", "556036-0793", "", "", "", "", "", "", "", "").Row!.ExistingId);
    }

    [Theory]
    [InlineData(0, "999", "UnknownInitiative", "id")]
    [InlineData(2, "999999-9999", "UnknownOrganisationNumber", "ansvarig")]
    [InlineData(2, "202100-5489", "NotAMember", "ansvarig")]
    [InlineData(2, "", "LeadRequired", "ansvarig")]
    [InlineData(1, "", "TitleRequired", "titel")]
    [InlineData(3, "556036-0793", "DuplicatePartner", "partner")]
    [InlineData(4, "Okänt mål", "UnknownGoal", "mål")]
    [InlineData(4, "dubbel", "AmbiguousGoal", "mål")]
    [InlineData(5, "Trolldom", "UnknownLever", "hävstänger")]
    [InlineData(6, "mycket", "InvalidNumber", "budget")]
    [InlineData(6, "-5", "Negative", "budget")]
    [InlineData(7, "EUR", "UnknownValue", "valuta")]
    [InlineData(8, "Halvvägs", "UnknownValue", "fas")]
    [InlineData(9, "igår", "InvalidDate", "start")]
    [InlineData(10, "2024-01-01", "EndBeforeStart", "slut")]
    public void ABadCellIsNamedByItsRowColumnAndValue(int index, string value, string code, string column)
    {
        object?[] cells = ["", "Ny insats", "556036-0793", "", "", "", "100", "SEK", "", "2025-01-01", ""];
        cells[index] = value;
        var (row, errors) = Check(Rows(), cells);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((2L, column, code), (error.Row, error.Column, error.Code));
        if (value.Length > 0)
            Assert.Equal(value, error.Value);
    }

    [Fact]
    public void ABudgetWithoutCurrencyAndTheSameInitiativeTwiceAreErrors()
    {
        var rows = Rows();
        Assert.Equal("CurrencyRequired", Assert.Single(Check(rows, "", "Ny", "556036-0793", "", "", "", "100", "", "", "", "").Errors).Code);
        Assert.Empty(Check(rows, "", "Fosforfällan", "556036-0793", "", "", "", "", "", "", "", "").Errors);
        var again = Assert.Single(Check(rows, "100", "Fosforfällan", "556036-0793", "", "", "", "", "", "", "", "").Errors);
        Assert.Equal(("DuplicateInitiative", "id"), (again.Code, again.Column));
    }

    [Theory]
    [InlineData(new[] { "titel", "budget" }, "MissingInitiativeColumns")]
    [InlineData(new[] { "titel", "ansvarig", "lead" }, "DuplicateColumn")]
    public void AHeaderWithoutTitleAndLeadOrWithAColumnTwiceIsAFileError(string[] headers, string code) =>
        Assert.Equal(code, Assert.Throws<ImportFileException>(() => InitiativeRows.MapHeader(headers)).Code);

    private static ImportedInitiative Stored() => new(100, "Fosforfällan", "Fångar fosfor.", InitiativeType.Experiment, 1, [2], InitiativeStage.Testing,
        5000, Currency.SEK, new DateOnly(2025, 1, 1), null, [SystemLever.Technology],
        [new ContributionInput(10, 7, ContributionDirection.Improves, 3, null, Level.High)], [new FundingInput(4, 1000, Currency.SEK)], 3);

    [Fact]
    public void AMergedRowThatSaysWhatIsStoredIsUnchangedAndColumnsTheFileLacksAreKept()
    {
        var header = InitiativeRows.MapHeader(["titel", "ansvarig", "partner", "mål", "fas"]);
        var rows = new InitiativeRows(header, [new ImportActor(1, "556036-0793", true), new ImportActor(2, "212000-0142", true)], [new ImportGoal(10, "Rent vatten")], [(100, "Fosforfällan")]);
        var row = rows.Check(2, ["Fosforfällan", "556036-0793", "212000-0142", "Rent vatten", "testing"], [])!;
        var (action, input) = InitiativeRows.Merge(7, row, header, Stored());
        Assert.Equal(ImportRowAction.Unchanged, action);
        Assert.Equal(("Fångar fosfor.", 5000.0, 3), (input.Description, input.Budget!.Value, input.Version!.Value));
        // The contribution of a goal kept stays as it was (its indicator and size), and funding is kept.
        Assert.Equal(7, Assert.Single(input.Contributions!).IndicatorId);
        Assert.Single(input.Funding!);
    }

    [Fact]
    public void AChangedStageOrANewGoalIsAnUpdateAndANewGoalGetsAMediumContribution()
    {
        var header = InitiativeRows.MapHeader(["titel", "ansvarig", "mål", "fas"]);
        var rows = new InitiativeRows(header, [new ImportActor(1, "556036-0793", true)], [new ImportGoal(10, "Rent vatten"), new ImportGoal(11, "Kust")], [(100, "Fosforfällan")]);
        var row = rows.Check(2, ["Fosforfällan", "556036-0793", "Kust", "skalar upp"], [])!;
        var (action, input) = InitiativeRows.Merge(7, row, header, Stored());
        Assert.Equal((ImportRowAction.Update, InitiativeStage.Scaling), (action, input.Stage));
        var contribution = Assert.Single(input.Contributions!);
        Assert.Equal((11, Level.Medium, ContributionDirection.Improves), (contribution.GoalId, contribution.Size!.Value, contribution.Direction));
    }

    [Fact]
    public void ANewInitiativeWithoutTypeOrStageIsAnExperimentAtTheIdeaStage()
    {
        var header = InitiativeRows.MapHeader(["title", "lead"]);
        var rows = new InitiativeRows(header, [new ImportActor(1, "556036-0793", true)], [], []);
        var (action, input) = InitiativeRows.Merge(7, rows.Check(2, ["Ny", "556036-0793"], [])!, header, null);
        Assert.Equal((ImportRowAction.Create, InitiativeType.Experiment, InitiativeStage.Idea, (int?)null), (action, input.Type, input.Stage, input.Version));
    }

    [Theory]
    [InlineData("5560360793", "556036-0793")]
    [InlineData(" 556036-0793 ", "556036-0793")]
    [InlineData("29 40 34 73", "29403473")]
    [InlineData("GB123", "GB123")]
    public void OrganisationNumbersAreReadAsTheyAreStored(string text, string stored) =>
        Assert.Equal(stored, InitiativeRows.NormaliseNumber(text));
}
