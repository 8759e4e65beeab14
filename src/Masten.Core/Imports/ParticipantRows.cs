using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Journeys;

namespace Masten.Core.Imports;

/// <summary>The columns of a participant import: one row per company taking part in a mission's journey.</summary>
public enum ParticipantColumn
{
    /// <summary>The key: a Swedish organisation number or a Danish CVR number.</summary>
    OrganisationNumber,
    /// <summary>The company's name; needed only when the register has no actor with the number.</summary>
    Name,
    Country,
    Cohort,
    MunicipalityCode,
    RegionCode,
    /// <summary>SNI/NACE code.</summary>
    Sector,
    /// <summary>An EU SME size class, or a number of employees.</summary>
    SizeClass,
    /// <summary>The e-mail address (or the unique name) of a person with the navigator role in the mission.</summary>
    Navigator,
    JoinedOn,
    LeftOn,
    LeftReason,
}

/// <summary>
/// Which column of the file holds which field (a column the file lacks is named by <see cref="ParticipantRows.EnglishName"/>);
/// <see cref="ColumnMap{TColumn}.Ignored"/> lists headers Masten does not read.
/// </summary>
public sealed class ParticipantHeader(ColumnMap<ParticipantColumn> map) : ColumnMap<ParticipantColumn>(map);

/// <summary>A person a participant row may name as its navigator: a user with the navigator role in the mission.</summary>
public sealed record ImportNavigator(int UserId, string? Email, string? Name);

/// <summary>What a participant is: the fields an import sets and compares. Equal values mean the row is unchanged.</summary>
public sealed record ParticipantValues(
    string Cohort, string? MunicipalityCode, string? RegionCode, string? Sector, SizeClass SizeClass, int? NavigatorId,
    DateOnly JoinedOn, DateOnly? LeftOn, string? LeftReason);

/// <summary>
/// A participant already in the mission's journey, as an import compares with it. <see cref="FirstRecordedOn"/> is
/// the date of its first step event or activity, if any: a join date after it is refused.
/// </summary>
public sealed record ExistingParticipant(int Id, ParticipantValues Values, DateOnly? FirstRecordedOn);

/// <summary>
/// What an import compares its rows with: the register's actors by normalised organisation number, the mission's
/// participants by actor, and its navigators.
/// </summary>
public sealed class ParticipantImportContext
{
    private readonly Dictionary<string, ImportNavigator> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ImportNavigator?> byName = new(StringComparer.OrdinalIgnoreCase);

    public ParticipantImportContext(IReadOnlyDictionary<string, int> actorsByNumber, IReadOnlyDictionary<int, ExistingParticipant> participantsByActor, IEnumerable<ImportNavigator> navigators)
    {
        ActorsByNumber = actorsByNumber;
        ParticipantsByActor = participantsByActor;
        foreach (var n in navigators)
        {
            if (!string.IsNullOrWhiteSpace(n.Email))
                byEmail[n.Email.Trim()] = n;
            if (!string.IsNullOrWhiteSpace(n.Name))
            {
                var name = n.Name.Trim();
                // Two navigators with one name: the name is ambiguous (null), the e-mail address must be used.
                byName[name] = byName.ContainsKey(name) ? null : n;
            }
        }
    }

    /// <summary>Actor ids by normalised organisation number (NNNNNN-NNNN) or CVR number (eight digits).</summary>
    public IReadOnlyDictionary<string, int> ActorsByNumber { get; }

    public IReadOnlyDictionary<int, ExistingParticipant> ParticipantsByActor { get; }

    /// <summary>The navigator a cell names: by e-mail address (ignoring case), else by a name only one navigator has.</summary>
    public ImportNavigator? Navigator(string cell, out bool ambiguous)
    {
        ambiguous = false;
        if (byEmail.TryGetValue(cell, out var n))
            return n;
        if (byName.TryGetValue(cell, out var named))
        {
            ambiguous = named is null;
            return named;
        }
        return null;
    }
}

/// <summary>
/// One valid row of a participant import, with what applying it does. <see cref="ActorId"/> is the actor the number
/// names, or null when it is created (with <see cref="Name"/>); <see cref="ParticipantId"/> the participant it updates
/// or leaves unchanged, or null when it is added.
/// </summary>
public sealed record ParticipantImportRow(long Row, Country Country, string OrganisationNumber, string? Name, int? ActorId, int? ParticipantId, ParticipantValues Values, ImportRowAction Action);

/// <summary>
/// The rules of a participant import, independent of file format and storage. Rows are keyed by organisation
/// number or CVR number: a row whose actor already takes part updates it (columns missing from the file keep their
/// value), or leaves it unchanged, so re-importing a file changes nothing; a number the register lacks creates a
/// company actor, which needs a name. Headers may be English, Swedish or Danish.
/// </summary>
public static class ParticipantRows
{
    private static readonly Dictionary<string, ParticipantColumn> HeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisation number"] = ParticipantColumn.OrganisationNumber, ["organization number"] = ParticipantColumn.OrganisationNumber,
        ["organisationnumber"] = ParticipantColumn.OrganisationNumber, ["org number"] = ParticipantColumn.OrganisationNumber,
        ["organisationsnummer"] = ParticipantColumn.OrganisationNumber, ["orgnr"] = ParticipantColumn.OrganisationNumber,
        ["org.nr"] = ParticipantColumn.OrganisationNumber, ["org nr"] = ParticipantColumn.OrganisationNumber,
        ["cvr"] = ParticipantColumn.OrganisationNumber, ["cvr-nummer"] = ParticipantColumn.OrganisationNumber,
        ["cvr nummer"] = ParticipantColumn.OrganisationNumber, ["cvr number"] = ParticipantColumn.OrganisationNumber,
        ["name"] = ParticipantColumn.Name, ["namn"] = ParticipantColumn.Name, ["navn"] = ParticipantColumn.Name,
        ["company"] = ParticipantColumn.Name, ["företag"] = ParticipantColumn.Name, ["virksomhed"] = ParticipantColumn.Name,
        ["country"] = ParticipantColumn.Country, ["land"] = ParticipantColumn.Country,
        ["cohort"] = ParticipantColumn.Cohort, ["kohort"] = ParticipantColumn.Cohort, ["intag"] = ParticipantColumn.Cohort,
        ["årgång"] = ParticipantColumn.Cohort, ["hold"] = ParticipantColumn.Cohort,
        ["municipality"] = ParticipantColumn.MunicipalityCode, ["municipality code"] = ParticipantColumn.MunicipalityCode,
        ["municipalitycode"] = ParticipantColumn.MunicipalityCode, ["kommun"] = ParticipantColumn.MunicipalityCode,
        ["kommunkod"] = ParticipantColumn.MunicipalityCode, ["kommune"] = ParticipantColumn.MunicipalityCode,
        ["kommunenummer"] = ParticipantColumn.MunicipalityCode, ["kommunekode"] = ParticipantColumn.MunicipalityCode,
        ["region"] = ParticipantColumn.RegionCode, ["region code"] = ParticipantColumn.RegionCode, ["regioncode"] = ParticipantColumn.RegionCode,
        ["län"] = ParticipantColumn.RegionCode, ["länskod"] = ParticipantColumn.RegionCode, ["regionskod"] = ParticipantColumn.RegionCode,
        ["regionskode"] = ParticipantColumn.RegionCode,
        ["sector"] = ParticipantColumn.Sector, ["sni"] = ParticipantColumn.Sector, ["nace"] = ParticipantColumn.Sector,
        ["sni-kod"] = ParticipantColumn.Sector, ["sni kod"] = ParticipantColumn.Sector, ["sektor"] = ParticipantColumn.Sector,
        ["bransch"] = ParticipantColumn.Sector, ["branche"] = ParticipantColumn.Sector, ["branchekode"] = ParticipantColumn.Sector,
        ["size"] = ParticipantColumn.SizeClass, ["size class"] = ParticipantColumn.SizeClass, ["sizeclass"] = ParticipantColumn.SizeClass,
        ["storlek"] = ParticipantColumn.SizeClass, ["storleksklass"] = ParticipantColumn.SizeClass, ["størrelse"] = ParticipantColumn.SizeClass,
        ["employees"] = ParticipantColumn.SizeClass, ["anställda"] = ParticipantColumn.SizeClass, ["ansatte"] = ParticipantColumn.SizeClass,
        ["navigator"] = ParticipantColumn.Navigator, ["navigatör"] = ParticipantColumn.Navigator, ["navigatør"] = ParticipantColumn.Navigator,
        ["joined"] = ParticipantColumn.JoinedOn, ["joined on"] = ParticipantColumn.JoinedOn, ["joinedon"] = ParticipantColumn.JoinedOn,
        ["anslöt"] = ParticipantColumn.JoinedOn, ["startdatum"] = ParticipantColumn.JoinedOn, ["gick med"] = ParticipantColumn.JoinedOn,
        ["tilmeldt"] = ParticipantColumn.JoinedOn, ["startdato"] = ParticipantColumn.JoinedOn,
        ["left"] = ParticipantColumn.LeftOn, ["left on"] = ParticipantColumn.LeftOn, ["lefton"] = ParticipantColumn.LeftOn,
        ["lämnade"] = ParticipantColumn.LeftOn, ["slutdatum"] = ParticipantColumn.LeftOn, ["udtrådt"] = ParticipantColumn.LeftOn,
        ["slutdato"] = ParticipantColumn.LeftOn,
        ["left reason"] = ParticipantColumn.LeftReason, ["leftreason"] = ParticipantColumn.LeftReason, ["reason"] = ParticipantColumn.LeftReason,
        ["orsak"] = ParticipantColumn.LeftReason, ["skäl"] = ParticipantColumn.LeftReason, ["årsag"] = ParticipantColumn.LeftReason,
    };

    private static readonly ParticipantColumn[] Required = [ParticipantColumn.OrganisationNumber, ParticipantColumn.Cohort, ParticipantColumn.SizeClass, ParticipantColumn.JoinedOn];

    /// <summary>The English header of a column, as the template writes it.</summary>
    public static string EnglishName(ParticipantColumn column) => column switch
    {
        ParticipantColumn.OrganisationNumber => "organisation number",
        ParticipantColumn.MunicipalityCode => "municipality code",
        ParticipantColumn.RegionCode => "region code",
        ParticipantColumn.SizeClass => "size class",
        ParticipantColumn.JoinedOn => "joined on",
        ParticipantColumn.LeftOn => "left on",
        ParticipantColumn.LeftReason => "left reason",
        _ => column.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Maps the header row. Unknown headers are ignored (and listed); a missing organisation number, cohort, size
    /// class or join date column, or a column named twice, is a file error.
    /// </summary>
    public static ParticipantHeader MapHeader(IReadOnlyList<string> headers) =>
        new(ColumnMap.Map(headers, HeaderNames, Required,
            "The first row must name the columns: organisation number (organisationsnummer, or cvr), cohort (kohort), size class (storleksklass), joined on (startdatum), and optionally name (namn), country (land), municipality code (kommunkod), region code (länskod), sector (sni), navigator (navigatör), left on (slutdatum) and left reason (orsak).",
            "MissingParticipantColumns", EnglishName));

    /// <summary>
    /// Validates one data row against the context and says what it does. Adds every problem to
    /// <paramref name="errors"/> and returns null if there was any. <paramref name="seen"/> holds the numbers of
    /// earlier rows (a number on two rows is an error on the second).
    /// </summary>
    public static ParticipantImportRow? Check(long row, IReadOnlyList<object?> cells, ParticipantHeader header, ParticipantImportContext context, DateOnly today, Dictionary<string, long> seen, List<ImportError> errors)
    {
        var before = errors.Count;
        if (!header.FitsWidth(cells))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {header.Names.Count}."));
            return null;
        }
        object? Cell(ParticipantColumn c) => header.Cell(cells, c);
        string Text(ParticipantColumn c) => header.Text(cells, c);
        void Fail(ParticipantColumn c, string code, string message) =>
            errors.Add(new ImportError(row, header.NameOf(c), Shorten(ImportValues.CellText(Cell(c))), code, message));

        var country = CountryOf(header, Text(ParticipantColumn.Country), Text(ParticipantColumn.OrganisationNumber), out var countryError);
        if (countryError is not null)
            Fail(ParticipantColumn.Country, "UnknownCountry", countryError);
        var numberCell = NumberText(Cell(ParticipantColumn.OrganisationNumber), country);
        string? number = null;
        if (numberCell.Length == 0)
        {
            Fail(ParticipantColumn.OrganisationNumber, "NumberRequired", "is empty; participants are matched by organisation number or CVR number.");
        }
        else if (countryError is null)
        {
            var check = OrganisationNumber.Check(country, numberCell);
            if (check.IsValid)
                number = check.Normalised;
            else
                Fail(ParticipantColumn.OrganisationNumber, check.ErrorCode!, check.ErrorMessage!);
        }
        if (number is not null && !seen.TryAdd(number, row))
        {
            Fail(ParticipantColumn.OrganisationNumber, "DuplicateParticipant", $"appears on row {seen[number]} too; each company takes part once.");
            number = null;
        }
        int? actorId = number is not null && context.ActorsByNumber.TryGetValue(number, out var a) ? a : null;
        var existing = actorId is { } known && context.ParticipantsByActor.TryGetValue(known, out var p) ? p : null;
        var name = Text(ParticipantColumn.Name);
        if (number is not null && actorId is null && name.Length == 0)
            Fail(ParticipantColumn.Name, "NameRequired", "is empty; a name is needed for a company not yet in the register.");
        else if (name.Length > Common.Rules.ShortText)
            Fail(ParticipantColumn.Name, "TooLong", $"is longer than {Common.Rules.ShortText} characters.");

        var cohort = Given(ParticipantColumn.Cohort, 50) ?? "";
        if (cohort.Length == 0 && !errors.Skip(before).Any(e => e.Column == header.NameOf(ParticipantColumn.Cohort)))
            Fail(ParticipantColumn.Cohort, "CohortRequired", "is empty; write the intake year or call, for example 2025.");
        var municipality = Code(ParticipantColumn.MunicipalityCode, country == Country.Denmark ? 3 : 4, existing?.Values.MunicipalityCode);
        var region = Code(ParticipantColumn.RegionCode, country == Country.Denmark ? 4 : 2, existing?.Values.RegionCode);
        var sector = header.Has(ParticipantColumn.Sector) ? Sector() : existing?.Values.Sector;
        var size = Size();
        var navigator = header.Has(ParticipantColumn.Navigator) ? Navigator() : existing?.Values.NavigatorId;
        var joined = Date(ParticipantColumn.JoinedOn, required: true);
        var left = header.Has(ParticipantColumn.LeftOn) ? Date(ParticipantColumn.LeftOn, required: false) : existing?.Values.LeftOn;
        var reason = header.Has(ParticipantColumn.LeftReason) ? Given(ParticipantColumn.LeftReason, Common.Rules.LongText) : existing?.Values.LeftReason;
        if (joined is { } j && left is { } l && l < j)
            Fail(ParticipantColumn.LeftOn, "ParticipantLeftBeforeJoined", $"is {l:yyyy-MM-dd}, before the participant joined ({j:yyyy-MM-dd}).");
        if (left is not null && reason is null)
            Fail(ParticipantColumn.LeftReason, "LeftReasonRequired", "is empty; say why the participant left.");
        if (left is null && reason is not null && header.Has(ParticipantColumn.LeftReason))
            Fail(ParticipantColumn.LeftReason, "LeftReasonWithoutDate", "is given, but the participant has not left: add the date it left, or clear the reason.");
        if (joined is { } jo && existing?.FirstRecordedOn is { } first && jo > first)
            Fail(ParticipantColumn.JoinedOn, "AfterRecordedEvents", $"is {jo:yyyy-MM-dd}, after the participant's first recorded step or activity ({first:yyyy-MM-dd}).");

        if (errors.Count > before)
            return null;
        var values = new ParticipantValues(cohort, municipality, region, sector, size!.Value, navigator, joined!.Value, left, left is null ? null : reason);
        var action = existing is null ? ImportRowAction.Create : existing.Values == values ? ImportRowAction.Unchanged : ImportRowAction.Update;
        return new ParticipantImportRow(row, country, number!, actorId is null ? name : null, actorId, existing?.Id, values, action);

        string? Given(ParticipantColumn c, int max)
        {
            var text = Text(c);
            if (text.Length > max)
                Fail(c, "TooLong", $"is longer than {max} characters.");
            return text.Length == 0 ? null : text;
        }

        string? Code(ParticipantColumn c, int digits, string? kept)
        {
            if (!header.Has(c))
                return kept;
            var cell = Cell(c);
            var text = Text(c);
            // A spreadsheet stores 0180 as the number 180: put the leading zeros back.
            if (cell is double or int or long && text.All(char.IsAsciiDigit) && text.Length < digits)
                text = text.PadLeft(digits, '0');
            if (text.Length == 0)
                return null;
            if (text.Length != digits || !text.All(char.IsAsciiDigit))
            {
                Fail(c, "InvalidCode", c == ParticipantColumn.MunicipalityCode
                    ? $"must be a municipality code of {digits} digits ({(country == Country.Denmark ? "kommunenummer, for example 101" : "kommunkod, for example 0180")})."
                    : $"must be a region code of {digits} digits ({(country == Country.Denmark ? "regionskode, for example 1084" : "länskod, for example 01")}).");
                return null;
            }
            return text;
        }

        string? Sector()
        {
            var text = Text(ParticipantColumn.Sector);
            if (text.Length == 0)
                return null;
            // SNI written without its dot, as registers export it: 10710 is 10.710.
            if (text.Length is >= 3 and <= 5 && text.All(char.IsAsciiDigit))
                text = text[..2] + "." + text[2..];
            if (!JourneyRules.IsNaceCode(text))
            {
                Fail(ParticipantColumn.Sector, "NotANaceCode", "must be an SNI/NACE code such as 10.71 or 62.");
                return null;
            }
            return text;
        }

        SizeClass? Size()
        {
            var text = Text(ParticipantColumn.SizeClass);
            if (text.Length == 0)
            {
                Fail(ParticipantColumn.SizeClass, "SizeClassRequired", "is empty; write an EU size class (micro, small, medium, large) or the number of employees.");
                return null;
            }
            if (SizeClassOf(text) is { } s)
                return s;
            Fail(ParticipantColumn.SizeClass, "UnknownSizeClass", "is not an EU size class: write micro, small, medium or large (mikro, små, medelstora, stora), or the number of employees.");
            return null;
        }

        int? Navigator()
        {
            var text = Text(ParticipantColumn.Navigator);
            if (text.Length == 0)
                return null;
            if (context.Navigator(text, out var ambiguous) is { } n)
                return n.UserId;
            Fail(ParticipantColumn.Navigator, ambiguous ? "AmbiguousNavigator" : "UnknownNavigator", ambiguous
                ? "is the name of more than one navigator of this mission; use the e-mail address."
                : "is not a person with the navigator role in this mission; name them by the e-mail address of their account.");
            return null;
        }

        DateOnly? Date(ParticipantColumn c, bool required)
        {
            var cell = Cell(c);
            if (!required && Text(c).Length == 0)
                return null;
            if (!ImportValues.TryDateFromCell(cell, out var date, out var precision, out var error))
            {
                Fail(c, "InvalidDay", error!);
                return null;
            }
            if (precision != DatePrecision.Day)
            {
                Fail(c, "DateNotADay", "must be a day, for example 2025-03-14, not a year, quarter or month.");
                return null;
            }
            if (date > today)
            {
                Fail(c, "DateInFuture", $"is {date:yyyy-MM-dd}, in the future.");
                return null;
            }
            return date;
        }
    }

    /// <summary>
    /// The size class a cell names: the class in English, Swedish or Danish (micro, small, medium, large; mikro,
    /// små, medelstora, stora; mikro, små, mellemstore, store), or a whole number of employees (0–9 micro, 10–49
    /// small, 50–249 medium, 250 or more large).
    /// </summary>
    public static SizeClass? SizeClassOf(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s.Length > 0 && s.All(char.IsAsciiDigit) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var employees))
            return employees switch { < 10 => SizeClass.Micro, < 50 => SizeClass.Small, < 250 => SizeClass.Medium, _ => SizeClass.Large };
        return s switch
        {
            "micro" or "mikro" or "mikroföretag" or "mikrovirksomhed" or "0-9" or "0–9" => SizeClass.Micro,
            "small" or "små" or "liten" or "litet" or "småföretag" or "lille" or "10-49" or "10–49" => SizeClass.Small,
            "medium" or "medelstor" or "medelstort" or "medelstora" or "mellemstor" or "mellemstore" or "50-249" or "50–249" => SizeClass.Medium,
            "large" or "stor" or "stort" or "stora" or "store" or "250+" or "250-" => SizeClass.Large,
            _ => null,
        };
    }

    /// <summary>
    /// The country of a row: the country column if the file has one (Sverige, Sweden, SE; Danmark, Denmark, DK);
    /// else Denmark when the key column is named CVR or the number is eight digits, otherwise Sweden.
    /// </summary>
    private static Country CountryOf(ParticipantHeader header, string countryCell, string numberCell, out string? error)
    {
        error = null;
        if (header.Has(ParticipantColumn.Country) && countryCell.Length > 0)
        {
            switch (countryCell.ToLowerInvariant())
            {
                case "se" or "sverige" or "sweden" or "swe":
                    return Country.Sweden;
                case "dk" or "danmark" or "denmark" or "dnk":
                    return Country.Denmark;
                default:
                    error = "is not a country Masten checks numbers for: write Sverige (SE) or Danmark (DK).";
                    return Country.Other;
            }
        }
        var key = header.NameOf(ParticipantColumn.OrganisationNumber);
        var digits = numberCell.Replace(" ", "", StringComparison.Ordinal);
        return key.StartsWith("cvr", StringComparison.OrdinalIgnoreCase) || (digits.Length == 8 && digits.All(char.IsAsciiDigit)) ? Country.Denmark : Country.Sweden;
    }

    /// <summary>The number as text; a numeric cell (a spreadsheet that read 5560000001 as a number) is written without decimals.</summary>
    private static string NumberText(object? cell, Country country) => cell switch
    {
        double d when d == Math.Floor(d) && d >= 0 => ((long)d).ToString(CultureInfo.InvariantCulture).PadLeft(country == Country.Denmark ? 8 : 10, '0'),
        _ => ImportValues.CellText(cell).Trim(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
