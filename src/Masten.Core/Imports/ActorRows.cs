using Masten.Core.Actors;

namespace Masten.Core.Imports;

/// <summary>The columns of an actor import: one row per actor, or per actor and contact person.</summary>
public enum ActorColumn
{
    OrganisationNumber,
    Country,
    Type,
    Name,
    Contact,
    Email,
    Role,
}

/// <summary>Which column of an actor file holds which field; <see cref="ColumnMap{TColumn}.Ignored"/> lists headers Masten does not read.</summary>
public sealed class ActorHeader(ColumnMap<ActorColumn> map) : ColumnMap<ActorColumn>(map);

/// <summary>A contact person an actor row names: a name, and optionally an e-mail address and a role.</summary>
public sealed record ActorContactRow(string Name, string? Email, string? Role)
{
    /// <summary>How a contact is found again among the actor's: by e-mail address (ignoring case), else by name.</summary>
    public string Key => string.IsNullOrWhiteSpace(Email) ? "n:" + Name.ToUpperInvariant() : "e:" + Email.ToUpperInvariant();
}

/// <summary>One valid row of an actor import. <see cref="OrganisationNumber"/> is normalised (NNNNNN-NNNN, or the 8 CVR digits).</summary>
public sealed record ActorRow(long Row, string OrganisationNumber, Country Country, ActorType Type, string Name, ActorContactRow? Contact)
{
    /// <summary>The key of the row in a file: the actor, and the contact it names, if any.</summary>
    public string Key => OrganisationNumber + "|" + Contact?.Key;
}

/// <summary>
/// The rules of an actor import, independent of file format and storage. Actors are keyed by organisation number:
/// Swedish organisationsnummer, or Danish CVR when the country is Denmark (or, with no country column, when the number
/// has 8 digits). Type and name are required; a row may name one contact person (name, e-mail, role), so an actor with
/// several contacts takes one row each, with the same actor fields.
/// </summary>
public static class ActorRows
{
    private static readonly Dictionary<string, ActorColumn> HeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisationsnummer"] = ActorColumn.OrganisationNumber, ["orgnr"] = ActorColumn.OrganisationNumber, ["org.nr"] = ActorColumn.OrganisationNumber,
        ["organisation number"] = ActorColumn.OrganisationNumber, ["organisationnumber"] = ActorColumn.OrganisationNumber,
        ["cvr"] = ActorColumn.OrganisationNumber, ["cvr-nummer"] = ActorColumn.OrganisationNumber, ["cvr-nr"] = ActorColumn.OrganisationNumber,
        ["land"] = ActorColumn.Country, ["country"] = ActorColumn.Country,
        ["typ"] = ActorColumn.Type, ["aktörstyp"] = ActorColumn.Type, ["type"] = ActorColumn.Type, ["aktørtype"] = ActorColumn.Type,
        ["namn"] = ActorColumn.Name, ["name"] = ActorColumn.Name, ["navn"] = ActorColumn.Name,
        ["kontaktperson"] = ActorColumn.Contact, ["kontakt"] = ActorColumn.Contact, ["contact"] = ActorColumn.Contact, ["contact person"] = ActorColumn.Contact,
        ["e-post"] = ActorColumn.Email, ["epost"] = ActorColumn.Email, ["e-mail"] = ActorColumn.Email, ["email"] = ActorColumn.Email, ["mail"] = ActorColumn.Email,
        ["roll"] = ActorColumn.Role, ["role"] = ActorColumn.Role, ["rolle"] = ActorColumn.Role,
    };

    private static readonly Dictionary<string, ActorType> TypeNames = BuildTypes();

    private static readonly Dictionary<string, Country> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sweden"] = Country.Sweden, ["sverige"] = Country.Sweden, ["se"] = Country.Sweden, ["sverige (se)"] = Country.Sweden,
        ["denmark"] = Country.Denmark, ["danmark"] = Country.Denmark, ["dk"] = Country.Denmark,
        ["other"] = Country.Other, ["annat"] = Country.Other, ["annat land"] = Country.Other, ["andet"] = Country.Other, ["andet land"] = Country.Other,
    };

    /// <summary>The template: the header row and one example row.</summary>
    public static ImportTemplate Template { get; } = new(
        ["organisationsnummer", "land", "typ", "namn", "kontaktperson", "e-post", "roll"],
        ["212000-0142", "Sverige", "Kommun", "Exempelstads kommun", "Anna Andersson", "anna.andersson@exempel.se", "Miljöstrateg"]);

    private static Dictionary<string, ActorType> BuildTypes()
    {
        var types = new Dictionary<string, ActorType>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in Enum.GetValues<ActorType>())
            types[t.ToString()] = t;
        // The Swedish labels of the actor form, and short forms a sheet may use.
        (string, ActorType)[] words =
        [
            ("statlig myndighet", ActorType.NationalAgency), ("myndighet", ActorType.NationalAgency), ("national agency", ActorType.NationalAgency),
            ("region", ActorType.Region), ("kommun", ActorType.Municipality), ("kommune", ActorType.Municipality), ("municipality", ActorType.Municipality),
            ("civilsamhällesorganisation", ActorType.CivilSociety), ("civilsamhälle", ActorType.CivilSociety), ("civil society", ActorType.CivilSociety),
            ("företag", ActorType.Company), ("virksomhed", ActorType.Company), ("company", ActorType.Company),
            ("universitet eller högskola", ActorType.University), ("universitet", ActorType.University), ("högskola", ActorType.University), ("lärosäte", ActorType.University),
            ("forskningsinstitut", ActorType.ResearchInstitute), ("research institute", ActorType.ResearchInstitute),
            ("finansiär", ActorType.Funder), ("funder", ActorType.Funder),
            ("annan", ActorType.Other), ("annat", ActorType.Other), ("övrigt", ActorType.Other), ("andet", ActorType.Other), ("other", ActorType.Other),
        ];
        foreach (var (word, type) in words)
            types[word] = type;
        return types;
    }

    /// <summary>
    /// Maps the header row. Headers are matched without regard to case or surrounding spaces; unknown ones are ignored
    /// (and listed); a missing organisation number, type or name column, or a column named twice, is a file error.
    /// </summary>
    public static ActorHeader MapHeader(IReadOnlyList<string> headers)
    {
        var map = ColumnMap.Map(headers, HeaderNames, [ActorColumn.OrganisationNumber, ActorColumn.Type, ActorColumn.Name],
            "The first row must name the columns: organisationsnummer, typ, namn, and optionally land, kontaktperson, e-post and roll.");
        if ((map.Has(ActorColumn.Email) || map.Has(ActorColumn.Role)) && !map.Has(ActorColumn.Contact))
            throw new ImportFileException("MissingColumns", "The header row has an e-mail or role column but no kontaktperson column: name the contact person.");
        return new ActorHeader(map);
    }

    /// <summary>Validates one data row. Adds every problem to <paramref name="errors"/> and returns null if there was any.</summary>
    public static ActorRow? Check(long row, IReadOnlyList<object?> cells, ActorHeader header, List<ImportError> errors)
    {
        var before = errors.Count;
        if (!header.FitsWidth(cells))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {header.Names.Count}."));
            return null;
        }
        string Text(ActorColumn c) => header.Text(cells, c);
        void Fail(ActorColumn c, string value, string code, string message) => errors.Add(new ImportError(row, header.NameOf(c), value, code, message));

        var numberText = Text(ActorColumn.OrganisationNumber);
        var countryText = Text(ActorColumn.Country);
        Country country;
        if (countryText.Length == 0)
            country = numberText.Replace(" ", "", StringComparison.Ordinal).Length == 8 ? Country.Denmark : Country.Sweden;
        else if (!CountryNames.TryGetValue(countryText, out country))
            Fail(ActorColumn.Country, countryText, "UnknownCountry", "is not a known country: write Sverige, Danmark or Annat.");
        string? number = null;
        if (numberText.Length == 0)
            Fail(ActorColumn.OrganisationNumber, numberText, "OrganisationNumberRequired", "is empty; every actor is found by its organisation number.");
        else
        {
            var checkedNumber = OrganisationNumber.Check(country, numberText);
            if (checkedNumber.IsValid)
                number = checkedNumber.Normalised;
            else
                Fail(ActorColumn.OrganisationNumber, numberText, checkedNumber.ErrorCode!, checkedNumber.ErrorMessage!);
        }
        var typeText = Text(ActorColumn.Type);
        if (!TypeNames.TryGetValue(typeText, out var type))
            Fail(ActorColumn.Type, typeText, typeText.Length == 0 ? "ActorTypeRequired" : "UnknownActorType",
                "is not a known actor type: write for example Kommun, Region, Statlig myndighet, Företag, Universitet eller högskola, Forskningsinstitut, Finansiär, Civilsamhällesorganisation or Annan.");
        var name = Limited(ActorColumn.Name, Common.Rules.ShortText);
        if (name.Length == 0)
            Fail(ActorColumn.Name, name, "NameRequired", "is empty; every actor needs a name.");

        ActorContactRow? contact = null;
        var contactName = Limited(ActorColumn.Contact, Common.Rules.ShortText);
        var email = Limited(ActorColumn.Email, Common.Rules.ShortText);
        var role = Limited(ActorColumn.Role, Common.Rules.ShortText);
        if (email.Length > 0 && !ActorRules.IsEmail(email))
            Fail(ActorColumn.Email, email, "NotAnEmail", "must be an e-mail address such as namn@exempel.se.");
        if (contactName.Length > 0)
            contact = new ActorContactRow(contactName, email.Length == 0 ? null : email, role.Length == 0 ? null : role);
        else if (email.Length > 0 || role.Length > 0)
            Fail(ActorColumn.Contact, contactName, "ContactNameRequired", "is empty, but the row has the contact's e-mail or role; name the contact person.");
        return errors.Count > before ? null : new ActorRow(row, number!, country, type, name, contact);

        string Limited(ActorColumn c, int max)
        {
            var text = Text(c);
            if (text.Length > max)
            {
                Fail(c, text[..Math.Min(40, text.Length)] + "…", "TooLong", $"is longer than {max} characters.");
                return "";
            }
            return text;
        }
    }
}
