using Masten.Core.Actors;
using Masten.Core.Imports;
using Masten.Core.Journeys;

namespace Masten.Core.Tests.Importing;

public class ParticipantRowsTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly string[] Headers = ["organisationsnummer", "namn", "kohort", "kommunkod", "länskod", "sni", "storleksklass", "navigatör", "startdatum", "slutdatum", "orsak"];

    private static ParticipantImportContext Context(Dictionary<string, int>? actors = null, Dictionary<int, ExistingParticipant>? participants = null) =>
        new(actors ?? [], participants ?? [], [new ImportNavigator(7, "anna@exempel.se", "Anna Berg"), new ImportNavigator(8, "bo@exempel.se", "Bo Ek"), new ImportNavigator(9, "bo2@exempel.se", "Bo Ek")]);

    private static (ParticipantImportRow? Row, List<ImportError> Errors) Check(object?[] cells, ParticipantImportContext? context = null, string[]? headers = null, Dictionary<string, long>? seen = null)
    {
        var errors = new List<ImportError>();
        var row = ParticipantRows.Check(2, cells, ParticipantRows.MapHeader(headers ?? Headers), context ?? Context(), Today, seen ?? [], errors);
        return (row, errors);
    }

    private static object?[] Row(string number = "556016-0680", string name = "Kvarnen AB", string cohort = "2025", string municipality = "0180", string region = "01",
        string sector = "10.71", string size = "små", string navigator = "anna@exempel.se", string joined = "2025-02-03", string left = "", string reason = "") =>
        [number, name, cohort, municipality, region, sector, size, navigator, joined, left, reason];

    [Fact]
    public void ARowForACompanyTheRegisterLacksCreatesItWithEveryField()
    {
        var (row, errors) = Check(Row());
        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Equal(ImportRowAction.Create, row.Action);
        Assert.Equal((Country.Sweden, "556016-0680", "Kvarnen AB", (int?)null), (row.Country, row.OrganisationNumber, row.Name, row.ActorId));
        Assert.Equal(new ParticipantValues("2025", "0180", "01", "10.71", SizeClass.Small, 7, new DateOnly(2025, 2, 3), null, null), row.Values);
    }

    [Fact]
    public void SwedishEnglishAndDanishHeadersNameTheSameColumns()
    {
        var header = ParticipantRows.MapHeader(["CVR", "Navn", "Hold", "Kommunenummer", "Regionskode", "Branche", "Størrelse", "Navigatør", "Tilmeldt", "Udtrådt", "Årsag", "Kontaktperson"]);
        Assert.Equal(11, header.Columns.Count);
        Assert.Equal(["Kontaktperson"], header.Ignored);
        var english = ParticipantRows.MapHeader(["organisation number", "name", "cohort", "size class", "joined on"]);
        Assert.Equal(5, english.Columns.Count);
    }

    [Theory]
    [InlineData(new[] { "namn", "kohort", "storleksklass", "startdatum" }, "MissingParticipantColumns")]
    [InlineData(new[] { "organisationsnummer", "kohort", "startdatum" }, "MissingParticipantColumns")]
    [InlineData(new[] { "orgnr", "cvr", "kohort", "storlek", "startdatum" }, "DuplicateColumn")]
    public void AHeaderRowWithoutTheRequiredColumnsOrWithAColumnTwiceIsAFileError(string[] headers, string code) =>
        Assert.Equal(code, Assert.Throws<ImportFileException>(() => ParticipantRows.MapHeader(headers)).Code);

    [Fact]
    public void ADanishCvrNumberIsCheckedAsCvrAndItsCodesHaveDanishLengths()
    {
        var (row, errors) = Check(["10000009", "Møllen ApS", "2025", "101", "1084", "10.71", "lille", "", "2025-02-03", "", ""]);
        Assert.Empty(errors);
        Assert.Equal((Country.Denmark, "10000009", "101", "1084"), (row!.Country, row.OrganisationNumber, row.Values.MunicipalityCode, row.Values.RegionCode));
        var (_, wrong) = Check(["10000008", "Møllen ApS", "2025", "101", "1084", "10.71", "lille", "", "2025-02-03", "", ""]);
        Assert.Equal(("organisationsnummer", "CvrCheckDigit"), (Assert.Single(wrong).Column, wrong[0].Code));
    }

    [Fact]
    public void ACompanyAlreadyTakingPartWithTheSameValuesIsUnchangedSoAReimportChangesNothing()
    {
        var values = new ParticipantValues("2025", "0180", "01", "10.71", SizeClass.Small, 7, new DateOnly(2025, 2, 3), null, null);
        var context = Context(new() { ["556016-0680"] = 40 }, new() { [40] = new ExistingParticipant(3, values, new DateOnly(2025, 3, 1)) });
        var (row, errors) = Check(Row(number: "5560160680", name: "Another name"), context);
        Assert.Empty(errors);
        Assert.Equal((ImportRowAction.Unchanged, (int?)40, (int?)3, (string?)null), (row!.Action, row.ActorId, row.ParticipantId, row.Name));
        var (changed, _) = Check(Row(navigator: "bo@exempel.se"), context);
        Assert.Equal(ImportRowAction.Update, changed!.Action);
        Assert.Equal(8, changed.Values.NavigatorId);
    }

    [Fact]
    public void ColumnsTheFileLacksKeepAnExistingParticipantsValues()
    {
        var values = new ParticipantValues("2025", "0180", "01", "10.71", SizeClass.Small, 7, new DateOnly(2025, 2, 3), null, null);
        var context = Context(new() { ["556016-0680"] = 40 }, new() { [40] = new ExistingParticipant(3, values, null) });
        var (row, errors) = Check(["556016-0680", "2025", "small", "2025-02-03"], context, ["orgnr", "kohort", "storlek", "startdatum"]);
        Assert.Empty(errors);
        Assert.Equal(ImportRowAction.Unchanged, row!.Action);
    }

    [Fact]
    public void AnActorInTheRegisterThatDoesNotTakePartIsAddedWithoutAName()
    {
        var (row, errors) = Check(Row(name: ""), Context(new() { ["556016-0680"] = 40 }));
        Assert.Empty(errors);
        Assert.Equal((ImportRowAction.Create, (int?)40), (row!.Action, row.ActorId));
    }

    [Theory]
    [InlineData("navigatör", "UnknownNavigator", "ingen@exempel.se")]
    [InlineData("navigatör", "AmbiguousNavigator", "Bo Ek")]
    [InlineData("sni", "NotANaceCode", "1A.71")]
    [InlineData("storleksklass", "UnknownSizeClass", "jättestor")]
    [InlineData("storleksklass", "SizeClassRequired", "")]
    [InlineData("kommunkod", "InvalidCode", "180A")]
    [InlineData("länskod", "InvalidCode", "123")]
    [InlineData("startdatum", "InvalidDay", "3 feb")]
    [InlineData("startdatum", "DateNotADay", "2025")]
    [InlineData("startdatum", "DateInFuture", "2027-01-01")]
    [InlineData("kohort", "CohortRequired", "")]
    [InlineData("organisationsnummer", "OrganisationNumberCheckDigit", "556016-0681")]
    [InlineData("organisationsnummer", "NumberRequired", "")]
    public void BadInputIsNamedByRowAndColumn(string column, string code, string value)
    {
        var i = Array.IndexOf(Headers, column);
        var cells = Row();
        cells[i] = value;
        var (row, errors) = Check(cells);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((2L, column, code), (error.Row, error.Column, error.Code));
    }

    [Fact]
    public void LeavingBeforeJoiningIsAnErrorOnTheLeftColumnAndLeavingNeedsAReason()
    {
        var (_, errors) = Check(Row(joined: "2025-05-01", left: "2025-04-01", reason: "Lade ner"));
        Assert.Equal(("slutdatum", "ParticipantLeftBeforeJoined"), (Assert.Single(errors).Column, errors[0].Code));
        var (_, noReason) = Check(Row(left: "2025-04-01"));
        Assert.Equal(("orsak", "LeftReasonRequired"), (Assert.Single(noReason).Column, noReason[0].Code));
        var (_, noDate) = Check(Row(reason: "Lade ner"));
        Assert.Equal(("orsak", "LeftReasonWithoutDate"), (Assert.Single(noDate).Column, noDate[0].Code));
        var (left, none) = Check(Row(left: "2025-04-01", reason: "Lade ner"));
        Assert.Empty(none);
        Assert.Equal((new DateOnly(2025, 4, 1), "Lade ner"), (left!.Values.LeftOn!.Value, left.Values.LeftReason));
    }

    [Fact]
    public void ACompanyOnTwoRowsIsAnErrorOnTheSecond()
    {
        var seen = new Dictionary<string, long>();
        var errors = new List<ImportError>();
        var header = ParticipantRows.MapHeader(Headers);
        Assert.NotNull(ParticipantRows.Check(2, Row(), header, Context(), Today, seen, errors));
        Assert.Null(ParticipantRows.Check(3, Row(number: "5560160680"), header, Context(), Today, seen, errors));
        var error = Assert.Single(errors);
        Assert.Equal((3L, "DuplicateParticipant"), (error.Row, error.Code));
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJoinDateAfterTheFirstRecordedStepIsRefused()
    {
        var values = new ParticipantValues("2025", "0180", "01", "10.71", SizeClass.Small, 7, new DateOnly(2025, 2, 3), null, null);
        var context = Context(new() { ["556016-0680"] = 40 }, new() { [40] = new ExistingParticipant(3, values, new DateOnly(2025, 3, 1)) });
        var (_, errors) = Check(Row(joined: "2025-04-01"), context);
        Assert.Equal(("startdatum", "AfterRecordedEvents"), (Assert.Single(errors).Column, errors[0].Code));
    }

    [Fact]
    public void SpreadsheetNumbersGetTheirLeadingZerosBackAndSniWithoutADotIsRead()
    {
        var (row, errors) = Check([5560160680d, "Kvarnen AB", 2025d, 180d, 1d, "10710", 12d, "Anna Berg", new DateTime(2025, 2, 3), null, null]);
        Assert.Empty(errors);
        Assert.Equal(("556016-0680", "2025", "0180", "01", "10.710", SizeClass.Small, (int?)7), (row!.OrganisationNumber, row.Values.Cohort, row.Values.MunicipalityCode, row.Values.RegionCode, row.Values.Sector, row.Values.SizeClass, row.Values.NavigatorId));
    }

    [Theory]
    [InlineData("micro", SizeClass.Micro)]
    [InlineData("Mikro", SizeClass.Micro)]
    [InlineData("9", SizeClass.Micro)]
    [InlineData("10", SizeClass.Small)]
    [InlineData("medelstora", SizeClass.Medium)]
    [InlineData("249", SizeClass.Medium)]
    [InlineData("mellemstore", SizeClass.Medium)]
    [InlineData("250", SizeClass.Large)]
    [InlineData("stora", SizeClass.Large)]
    public void ASizeClassIsAClassNameInThreeLanguagesOrANumberOfEmployees(string text, SizeClass expected) =>
        Assert.Equal(expected, ParticipantRows.SizeClassOf(text));

    [Fact]
    public void ARaggedRowIsOneError()
    {
        var (row, errors) = Check(["556016-0680", "Kvarnen AB"]);
        Assert.Null(row);
        Assert.Equal("RaggedRow", Assert.Single(errors).Code);
    }
}
