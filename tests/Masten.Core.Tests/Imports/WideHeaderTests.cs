using Masten.Core.Imports;

namespace Masten.Core.Tests.Importing;

public class WideHeaderTests
{
    [Theory]
    [InlineData(new[] { "indikator", "2022", "2023" }, true)]
    [InlineData(new[] { "Kod", "Enhet", "2024K1", "2024K2" }, true)]
    [InlineData(new[] { "indicator", "2024M05" }, true)]
    [InlineData(new[] { "indikator", "datum", "värde" }, false)]
    [InlineData(new[] { "indikator", "värde", "2023" }, false)]
    [InlineData(new[] { "namn", "2022", "2023" }, false)]
    [InlineData(new[] { "indikator", "källa" }, false)]
    public void AHeaderRowIsWideWhenItHasAnIndicatorColumnPeriodsAndNoDateOrValueColumn(string[] headers, bool wide) =>
        Assert.Equal(wide, WideHeader.Matches(headers));

    [Fact]
    public void EachFilledPeriodCellBecomesALongRowNamedByItsPeriodsHeader()
    {
        var wide = WideHeader.Map(["indikator", "enhet", "2022", "2023", "2024-Q2", "källa"]);
        Assert.Equal(["enhet"], wide.Ignored);
        Assert.Equal(3, wide.PeriodCount);
        var expanded = wide.Expand(2, ["1.2", "t", "44", "..", "41,5", "SCB"], []).ToList();
        Assert.Equal([["1.2", "2022", "44", "SCB"], ["1.2", "2024-Q2", "41,5", "SCB"]], expanded.Select(e => e.Cells.Select(c => (string)c!).ToArray()).ToArray());
        Assert.Equal(["2022", "2024-Q2"], expanded.Select(e => e.Header.NameOf(ObservationColumn.Value)));
        Assert.Equal("källa", expanded[0].Header.NameOf(ObservationColumn.Source));
    }

    [Fact]
    public void ARaggedWideRowIsOneErrorAndGivesNothing()
    {
        var wide = WideHeader.Map(["indikator", "2022", "2023"]);
        var errors = new List<ImportError>();
        Assert.Empty(wide.Expand(7, ["1.2", "44"], errors));
        Assert.Equal((7, "RaggedRow"), (Assert.Single(errors).Row, errors[0].Code));
    }

    [Theory]
    [InlineData(new[] { "namn", "2022" }, "MissingColumns")]
    [InlineData(new[] { "indikator", "enhet" }, "MissingColumns")]
    [InlineData(new[] { "indikator", "2022", "2022-12-31" }, "DuplicateColumn")]
    [InlineData(new[] { "indikator", "kod", "2022" }, "DuplicateColumn")]
    [InlineData(new[] { "indikator", "värde", "2022" }, "WideWithDate")]
    public void AWideHeaderWithoutIndicatorOrPeriodsOrWithADuplicateIsAFileError(string[] headers, string code) =>
        Assert.Equal(code, Assert.Throws<ImportFileException>(() => WideHeader.Map(headers)).Code);
}
