using Masten.Core.Actors;
using Masten.Core.Imports;

namespace Masten.Core.Tests.Importing;

public class ActorRowsTests
{
    private static readonly ActorHeader Header = ActorRows.MapHeader(["organisationsnummer", "land", "typ", "namn", "kontaktperson", "e-post", "roll", "anteckning"]);

    private static (ActorRow? Row, List<ImportError> Errors) Check(params string[] cells)
    {
        var errors = new List<ImportError>();
        return (ActorRows.Check(5, cells, Header, errors), errors);
    }

    [Fact]
    public void ARowGivesTheActorWithItsNormalisedNumberTypeNameAndContact()
    {
        var (row, errors) = Check("2120000142", "Sverige", "Kommun", "Exempelstads kommun", "Anna Andersson", "anna@exempel.se", "Miljöstrateg", "x");
        Assert.Empty(errors);
        Assert.Equal(new ActorRow(5, "212000-0142", Country.Sweden, ActorType.Municipality, "Exempelstads kommun", new ActorContactRow("Anna Andersson", "anna@exempel.se", "Miljöstrateg")), row);
        Assert.Equal(["anteckning"], Header.Ignored);
    }

    [Fact]
    public void AnEightDigitNumberWithoutACountryIsADanishCvrNumber()
    {
        var header = ActorRows.MapHeader(["cvr", "type", "name"]);
        var errors = new List<ImportError>();
        var row = ActorRows.Check(2, ["10 15 08 17", "Company", "Novo"], header, errors);
        Assert.Empty(errors);
        Assert.Equal(("10150817", Country.Denmark, ActorType.Company, null), (row!.OrganisationNumber, row.Country, row.Type, row.Contact));
    }

    [Fact]
    public void EveryBadCellIsAnErrorNamedByItsRowAndColumn()
    {
        var (row, errors) = Check("212000-0143", "Norge", "Kooperativ", "", "", "inte-en-adress", "", "");
        Assert.Null(row);
        Assert.Equal(
            [(5L, "land", "UnknownCountry"), (5L, "organisationsnummer", "OrganisationNumberCheckDigit"), (5L, "typ", "UnknownActorType"), (5L, "namn", "NameRequired"),
             (5L, "e-post", "NotAnEmail"), (5L, "kontaktperson", "ContactNameRequired")],
            errors.Select(e => (e.Row, e.Column!, e.Code)));
    }

    [Fact]
    public void AnEmptyOrganisationNumberIsAnError()
    {
        var (_, errors) = Check("", "", "Region", "Region Exempel", "", "", "", "");
        Assert.Equal(("organisationsnummer", "OrganisationNumberRequired"), (Assert.Single(errors).Column, errors[0].Code));
    }

    [Fact]
    public void ARaggedRowIsOneErrorForTheWholeRow()
    {
        var (row, errors) = Check("212000-0142", "Sverige", "Kommun");
        Assert.Null(row);
        Assert.Equal((5L, null, "RaggedRow"), (Assert.Single(errors).Row, errors[0].Column, errors[0].Code));
    }

    [Theory]
    [InlineData(new[] { "namn", "typ" }, "MissingColumns")]
    [InlineData(new[] { "orgnr", "typ", "namn", "e-post" }, "MissingColumns")]
    [InlineData(new[] { "orgnr", "cvr", "typ", "namn" }, "DuplicateColumn")]
    public void AHeaderRowWithoutTheKeyColumnsOrWithAColumnTwiceIsAFileError(string[] headers, string code) =>
        Assert.Equal(code, Assert.Throws<ImportFileException>(() => ActorRows.MapHeader(headers)).Code);

    [Fact]
    public void AContactIsFoundAgainByEmailIgnoringCaseElseByName()
    {
        Assert.Equal(new ActorContactRow("Anna", "ANNA@exempel.se", null).Key, new ActorContactRow("Anna A", "anna@exempel.se", "chef").Key);
        Assert.NotEqual(new ActorContactRow("Anna", null, null).Key, new ActorContactRow("Bo", null, null).Key);
        Assert.Equal(new ActorContactRow("Anna", "", null).Key, new ActorContactRow("anna", null, null).Key);
    }

    [Fact]
    public void TheTemplateIsReadByTheImportWithoutErrors()
    {
        var template = ImportCatalog.Template(ImportKind.Actors)!;
        var header = ActorRows.MapHeader(template.Header);
        var errors = new List<ImportError>();
        Assert.NotNull(ActorRows.Check(2, template.Example.Cast<object?>().ToList(), header, errors));
        Assert.Empty(errors);
    }
}
