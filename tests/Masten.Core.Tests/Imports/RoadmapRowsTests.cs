using Masten.Core.Imports;
using Masten.Core.Missions;

namespace Masten.Core.Tests.Importing;

public class RoadmapRowsTests
{
    private static readonly string[] Headers = ["delmål", "överordnat delmål", "kod", "indikator", "enhet", "riktning", "basår", "basvärde", "mål 2030", "2035"];

    /// <summary>A mission 2020–2035 with the goals Rent vatten (10) and Levande kust (11, under 10), and indicator 1.1 under Rent vatten.</summary>
    private static RoadmapRows Rows(string[]? headers = null) => new(
        RoadmapRows.MapHeader(headers ?? Headers), 2020, 2035,
        [new ImportedGoal(10, null, "Rent vatten"), new ImportedGoal(11, 10, "Levande kust")],
        [new ImportedIndicator(100, 10, "1.1", "Fosfor", null, "ton", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SMHI", new DateOnly(2020, 12, 31), 120,
            PathwayShape.Linear, 1, null, [new TargetInput(new DateOnly(2030, 12, 31), 60), new TargetInput(new DateOnly(2035, 12, 31), 10)])]);

    private static (RoadmapRow? Row, List<ImportError> Errors) Check(RoadmapRows rows, long row, params object?[] cells)
    {
        var errors = new List<ImportError>();
        return (rows.Check(row, cells, errors), errors);
    }

    [Fact]
    public void TargetColumnsAreTheHeadersThatNameAYearOrDateWithOrWithoutAWordBefore()
    {
        var header = RoadmapRows.MapHeader(["delmål", "mål 2030", "2035-06-30", "2040", "Kommentar"]);
        Assert.Equal([new DateOnly(2030, 12, 31), new DateOnly(2035, 6, 30), new DateOnly(2040, 12, 31)], header.Targets.Select(t => t.Date));
        Assert.Equal(["Kommentar"], header.Ignored);
        Assert.Equal("DuplicateColumn", Assert.Throws<ImportFileException>(() => RoadmapRows.MapHeader(["delmål", "2030", "mål 2030"])).Code);
        Assert.Equal("MissingRoadmapColumns", Assert.Throws<ImportFileException>(() => RoadmapRows.MapHeader(["kod", "2030"])).Code);
    }

    [Fact]
    public void TheStoredRoadmapReadBackChangesNothing()
    {
        var rows = Rows();
        var (row, errors) = Check(rows, 2, "Rent vatten", "", "1.1", "Fosfor", "ton", "lägre är bättre", "2020", "120", "60", "10");
        Assert.Empty(errors);
        Assert.Equal(ImportRowAction.Unchanged, row!.Action);
        var (goalRow, _) = Check(rows, 3, "Levande kust", "Rent vatten", "", "", "", "", "", "", "", "");
        Assert.Equal(ImportRowAction.Unchanged, goalRow!.Action);
        Assert.Empty(rows.GoalChanges);
        Assert.Empty(rows.IndicatorChanges);
    }

    [Fact]
    public void ANewGoalUnderANewGoalAndANewIndicatorAreCreatedParentsFirst()
    {
        var rows = Rows();
        Assert.Equal(ImportRowAction.Create, Check(rows, 2, "Friska sjöar", "", "", "", "", "", "", "", "", "").Row!.Action);
        var (row, errors) = Check(rows, 3, "Klart vatten", "Friska sjöar", "2.1", "Siktdjup", "m", "högre är bättre", "2021", "3,5", "4", "");
        Assert.Empty(errors);
        Assert.Equal(ImportRowAction.Create, row!.Action);
        Assert.Equal([new ImportedGoalWrite(-1, "Friska sjöar", null), new ImportedGoalWrite(-2, "Klart vatten", -1)], rows.GoalChanges);
        var indicator = Assert.Single(rows.IndicatorChanges);
        Assert.Equal((null, -2, "2.1", Direction.HigherIsBetter, 3.5), (indicator.Id, indicator.GoalKey, indicator.Input.Code, indicator.Input.Direction, indicator.Input.BaselineValue));
        Assert.Equal([new TargetInput(new DateOnly(2030, 12, 31), 4)], indicator.Input.Targets);
        Assert.Equal((ReportingFrequency.Yearly, PathwayShape.Linear), (indicator.Input.Frequency, indicator.Input.Shape));
    }

    [Fact]
    public void AnIndicatorIsKeyedByItsCodeAndAnEmptyTargetCellRemovesThatTarget()
    {
        var rows = Rows(["delmål", "kod", "2030", "2035"]);
        var (row, errors) = Check(rows, 2, "Levande kust", "1.1", "55", "");
        Assert.Empty(errors);
        Assert.Equal((ImportRowAction.Update, "goal, targets"), (row!.Action, row.Changes));
        var change = Assert.Single(rows.IndicatorChanges);
        Assert.Equal((100, 11, "Fosfor", "ton"), (change.Id!.Value, change.Input.GoalId, change.Input.Name, change.Input.Unit));
        Assert.Equal([new TargetInput(new DateOnly(2030, 12, 31), 55)], change.Input.Targets);
    }

    [Fact]
    public void WithoutACodeAnIndicatorIsFoundByItsNameUnderItsGoal()
    {
        var rows = Rows(["delmål", "indikator", "enhet"]);
        var (row, _) = Check(rows, 2, "rent vatten", "FOSFOR", "kg");
        Assert.Equal((ImportRowAction.Update, "indicator, unit"), (row!.Action, row.Changes));
        Assert.Equal(100, rows.IndicatorChanges.Single().Id);
    }

    [Theory]
    [InlineData(new[] { "", "", "", "", "", "", "", "", "", "" }, "delmål", "GoalRequired")]
    [InlineData(new[] { "Ny", "Finns inte", "", "", "", "", "", "", "", "" }, "överordnat delmål", "UnknownParentGoal")]
    [InlineData(new[] { "Rent vatten", "Levande kust", "", "", "", "", "", "", "", "" }, "överordnat delmål", "ParentCycle")]
    [InlineData(new[] { "Rent vatten", "", "", "", "", "", "", "", "", "7" }, "indikator", "IndicatorRequired")]
    [InlineData(new[] { "Rent vatten", "", "9.9", "Ny", "st", "", "", "1", "", "" }, "basår", "BaselineRequired")]
    [InlineData(new[] { "Rent vatten", "", "9.9", "Ny", "st", "åt sidan", "2020", "1", "2", "" }, "riktning", "UnknownValue")]
    [InlineData(new[] { "Rent vatten", "", "9.9", "Ny", "st", "", "2020", "1", "tre", "" }, "mål 2030", "InvalidNumber")]
    [InlineData(new[] { "Rent vatten", "", "9.9", "Ny", "", "", "2020", "1", "2", "" }, "enhet", "CellRequired")]
    [InlineData(new[] { "Rent vatten", "", "9.9", "Ny", "st", "", "2031", "1", "2", "" }, "mål 2030", "TargetNotAfterBaseline")]
    public void ABadCellIsNamedByItsColumnAndTheRowChangesNothing(string[] cells, string column, string code)
    {
        var rows = Rows();
        var (row, errors) = Check(rows, 4, [.. cells]);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((4L, column, code), (error.Row, error.Column, error.Code));
        Assert.Empty(rows.GoalChanges);
        Assert.Empty(rows.IndicatorChanges);
    }

    [Fact]
    public void AGoalNamedAgainMustKeepTheParentItsFirstRowGaveAndAnIndicatorComesOnce()
    {
        var rows = Rows();
        Check(rows, 2, "Ny", "Rent vatten", "", "", "", "", "", "", "", "");
        Assert.Empty(Check(rows, 3, "Ny", "", "", "", "", "", "", "", "", "").Errors);
        Assert.Equal("ConflictingParent", Assert.Single(Check(rows, 4, "Ny", "Levande kust", "", "", "", "", "", "", "", "").Errors).Code);
        Check(rows, 5, "Rent vatten", "", "1.1", "", "", "", "", "", "50", "");
        var twice = Assert.Single(Check(rows, 6, "Rent vatten", "", "1.1", "", "", "", "", "", "40", "").Errors);
        Assert.Equal(("kod", "DuplicateIndicator"), (twice.Column, twice.Code));
    }
}
