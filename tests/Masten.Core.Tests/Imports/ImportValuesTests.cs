using Masten.Core.Imports;

namespace Masten.Core.Tests.Importing;

public class ImportValuesTests
{
    [Theory]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1\u00A0234,5", 1234.5)] // no-break space, as Swedish Excel writes thousands
    [InlineData("1\u202F234,5", 1234.5)] // narrow no-break space
    [InlineData("1\u2009234\u2009567", 1234567)] // thin space
    [InlineData("1 234 567,25", 1234567.25)]
    [InlineData("-12,5", -12.5)]
    [InlineData("\u221212,5", -12.5)] // the minus sign
    [InlineData(" 42 ", 42)]
    [InlineData("1,234", 1.234)] // a comma is always decimal
    [InlineData("1E+06", 1e6)]
    [InlineData("0", 0)]
    public void SwedishAndPlainNumbersAreRead(string text, double expected)
    {
        Assert.True(ImportValues.TryParseNumber(text, out var value, out var error), error);
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "not a number")]
    [InlineData("12 kr", "not a number")]
    [InlineData("1.234,5", "mixes")]
    [InlineData("1,234.5", "mixes")]
    [InlineData("12 34", "thousands separator")]
    [InlineData("1234 567", "thousands separator")]
    [InlineData("1 2345", "thousands separator")]
    [InlineData("1 234 56,5", "thousands separator")]
    [InlineData("5%", "not a number")]
    [InlineData("1e999", "out of range")]
    public void TextAndMisplacedSeparatorsAreRefusedWithAReason(string text, string reason)
    {
        Assert.False(ImportValues.TryParseNumber(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-17", 2024, 5, 17, DatePrecision.Day)]
    [InlineData("2024-05-17 00:00:00", 2024, 5, 17, DatePrecision.Day)]
    [InlineData("17/5/2024", 2024, 5, 17, DatePrecision.Day)]
    [InlineData("07/05/2024", 2024, 5, 7, DatePrecision.Day)]
    [InlineData("2024", 2024, 12, 31, DatePrecision.Year)]
    [InlineData("2024-Q3", 2024, 9, 30, DatePrecision.Quarter)]
    [InlineData("2024Q1", 2024, 3, 31, DatePrecision.Quarter)]
    [InlineData("2024K4", 2024, 12, 31, DatePrecision.Quarter)]
    [InlineData("2024-05", 2024, 5, 31, DatePrecision.Month)]
    [InlineData("2024M02", 2024, 2, 29, DatePrecision.Month)]
    public void DatesAndPeriodsAreReadAsTheirLastDay(string text, int year, int month, int day, DatePrecision precision)
    {
        Assert.True(ImportValues.TryParseDate(text, out var date, out var p, out var error), error);
        Assert.Equal((new DateOnly(year, month, day), precision), (date, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData("maj 2024")]
    [InlineData("2024-13")]
    [InlineData("2024-Q5")]
    [InlineData("31/2/2024")]
    [InlineData("2024-02-30")]
    [InlineData("1850")]
    public void WhatIsNoDateIsRefused(string text) =>
        Assert.False(ImportValues.TryParseDate(text, out _, out _, out _));

    [Fact]
    public void ExcelCellsKeepTheirTypes()
    {
        Assert.True(ImportValues.TryNumberFromCell(1234.5, out var n, out _));
        Assert.Equal(1234.5, n);
        Assert.True(ImportValues.TryDateFromCell(new DateTime(2024, 5, 31), out var d, out _, out _));
        Assert.Equal(new DateOnly(2024, 5, 31), d);
        Assert.True(ImportValues.TryDateFromCell(2024d, out var y, out var p, out _));
        Assert.Equal((new DateOnly(2024, 12, 31), DatePrecision.Year), (y, p));
    }
}

public class ObservationRowsTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly IndicatorResolver Indicators = new([
        new ImportIndicator(7, "1.2", "Utsläpp", new DateOnly(1990, 1, 1)),
        new ImportIndicator(8, "42", "Andel förnybart", new DateOnly(1990, 1, 1)),
        new ImportIndicator(9, null, "Andel förnybart", new DateOnly(1990, 1, 1)),
        new ImportIndicator(42, null, "Cyklister", new DateOnly(1990, 1, 1)),
    ]);

    private static readonly ObservationHeader Header = ObservationRows.MapHeader(["Indikator", "datum", "VÄRDE", "källa", "anteckning"]);

    private static (ObservationRow? Row, List<ImportError> Errors) Check(params object?[] cells)
    {
        var errors = new List<ImportError>();
        return (ObservationRows.Check(5, cells, Header, Indicators, Today, errors), errors);
    }

    [Fact]
    public void SwedishHeadersMapToTheColumnsWhateverTheirCase()
    {
        Assert.Equal([0, 1, 2, 3, 4], Enum.GetValues<ObservationColumn>().Select(c => Header.Columns[c]));
        var english = ObservationRows.MapHeader(["\uFEFFindicator", " date ", "value", "unit"]);
        Assert.Equal(["unit"], english.Ignored);
        Assert.False(english.Has(ObservationColumn.Source));
    }

    [Fact]
    public void AHeaderWithoutValueIsAFileError() =>
        Assert.Equal("MissingColumns", Assert.Throws<ImportFileException>(() => ObservationRows.MapHeader(["indikator", "datum"])).Code);

    [Fact]
    public void AColumnNamedTwiceIsAFileError() =>
        Assert.Equal("DuplicateColumn", Assert.Throws<ImportFileException>(() => ObservationRows.MapHeader(["indikator", "datum", "värde", "value"])).Code);

    [Fact]
    public void AValidRowIsReadWithItsIndicatorByCode()
    {
        var (row, errors) = Check("1.2", "2024", "1\u00A0234,5", "SCB", "");
        Assert.Empty(errors);
        Assert.Equal(new ObservationRow(5, 7, new DateOnly(2024, 12, 31), DatePrecision.Year, 1234.5, "SCB", null), row);
    }

    [Theory]
    [InlineData("42", 8)] // a code wins over the id 42
    [InlineData("9", 9)] // an id
    [InlineData("Cyklister", 42)] // an exact name
    public void TheIndicatorIsFoundByCodeThenIdThenName(string cell, int expected) =>
        Assert.Equal(expected, Check(cell, "2024", "1", null, null).Row?.IndicatorId);

    [Theory]
    [InlineData("9.9", "UnknownIndicator")]
    [InlineData("cyklister", "UnknownIndicator")] // names are exact
    [InlineData("Andel förnybart", "AmbiguousIndicator")]
    [InlineData("", "Required")]
    public void AnUnknownOrAmbiguousIndicatorIsAnErrorInItsColumn(string cell, string code)
    {
        var (row, errors) = Check(cell, "2024", "1", null, null);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((5L, "Indikator", cell, code), (error.Row, error.Column, error.Value, error.Code));
    }

    [Fact]
    public void TextInTheValueColumnIsAnErrorWithRowColumnAndValue()
    {
        var error = Assert.Single(Check("1.2", "2024", "ungefär 5", null, null).Errors);
        Assert.Equal((5L, "VÄRDE", "ungefär 5", "InvalidNumber"), (error.Row, error.Column, error.Value, error.Code));
    }

    [Theory]
    [InlineData("2027", "DateInFuture")]
    [InlineData("1959-12-31", "DateOutOfRange")]
    [InlineData("snart", "InvalidDate")]
    public void ADateOutsideTheIndicatorsRangeIsAnError(string date, string code)
    {
        var indicators = new IndicatorResolver([new ImportIndicator(7, "1.2", "Utsläpp", ObservationRows.Earliest(new DateOnly(1990, 12, 31)))]);
        var errors = new List<ImportError>();
        Assert.Null(ObservationRows.Check(5, ["1.2", date, "1", null, null], Header, indicators, Today, errors));
        Assert.Equal(code, Assert.Single(errors).Code);
    }

    [Fact]
    public void EveryProblemOfARowIsReported() =>
        Assert.Equal(["UnknownIndicator", "InvalidDate", "InvalidNumber"], Check("x", "y", "z", null, null).Errors.Select(e => e.Code));

    [Fact]
    public void ARowWithTooFewCellsIsRagged() =>
        Assert.Equal("RaggedRow", Assert.Single(Check("1.2", "2024", "1").Errors).Code);

    [Fact]
    public void ARowWithExtraFilledCellsIsRaggedButTrailingEmptyCellsAreNot()
    {
        Assert.Equal("RaggedRow", Assert.Single(Check("1.2", "2024", "1", null, null, "extra").Errors).Code);
        Assert.Empty(Check("1.2", "2024", "1", null, null, "").Errors);
    }

    private sealed class Cells(params string[] cells) : ICellSpans
    {
        public int Count => cells.Length;

        public ReadOnlySpan<char> Span(int index) => cells[index];
    }

    [Theory]
    [InlineData("1.2", "2024-05-31", "1234,5", "SCB", "")]
    [InlineData(" 1.2 ", "2024-05-31", "-0.25", " SCB ", "en not")]
    [InlineData("1.2", "2026-06-01", "7", "", "")]
    public void TheQuickReadOfAPlainRowEqualsTheFullCheck(string indicator, string date, string value, string source, string note)
    {
        var full = Check(indicator, date, value, source, note).Row;
        Assert.NotNull(full);
        var quick = new QuickObservationCheck(Header, Indicators, Today);
        Assert.True(quick.TryRead(5, new Cells(indicator, date, value, source, note), out var row));
        Assert.Equal(full, row);
    }

    [Theory]
    [InlineData("1.2", "2024", "1", "", "")] // a period: read the full way
    [InlineData("1.2", "2024-05-31", "1 234,5", "", "")] // thousands separator
    [InlineData("1.2", "2026-06-02", "1", "", "")] // in the future
    [InlineData("1.2", "1989-12-31", "1", "", "")] // before the indicator's earliest date
    [InlineData("x", "2024-05-31", "1", "", "")] // unknown
    [InlineData("Andel förnybart", "2024-05-31", "1", "", "")] // ambiguous
    [InlineData("1.2", "2024-02-30", "1", "", "")] // no such day
    [InlineData("1.2", "2024-05-31", "1,", "", "")] // not a number
    public void TheQuickReadLeavesEveryOtherRowToTheFullCheck(string indicator, string date, string value, string source, string note)
    {
        _ = Check(indicator, date, value, source, note); // the full check has met the indicator cell, as in an import
        var quick = new QuickObservationCheck(Header, Indicators, Today);
        Assert.False(quick.TryRead(5, new Cells(indicator, date, value, source, note), out _));
    }

    [Fact]
    public void TheQuickReadLeavesARowOfAnotherWidthOrAnUnmetIndicatorToTheFullCheck()
    {
        var quick = new QuickObservationCheck(Header, new IndicatorResolver([new ImportIndicator(7, "1.2", "Utsläpp", new DateOnly(1990, 1, 1))]), Today);
        Assert.False(quick.TryRead(5, new Cells("1.2", "2024-05-31", "1", "", ""), out _)); // not resolved before
        Assert.False(quick.TryRead(5, new Cells("1.2", "2024-05-31", "1", "", "", ""), out _));
        Assert.False(quick.TryRead(5, new Cells("1.2", "2024-05-31", "1", ""), out _));
        Assert.False(quick.TryRead(5, new Cells("1.2", "2024-05-31", "1", new string('x', 201), ""), out _));
    }
}
