namespace Masten.Core.Exports;

/// <summary>The type of a column in an open-data file, named in the data dictionary by its XML Schema datatype.</summary>
public enum OpenType
{
    WholeNumber,
    Number,
    Text,
    Date,
    DateTime,
    Boolean,
    /// <summary>A list of codes or ids, written as one cell with the items separated by commas.</summary>
    List,
}

/// <summary>One text in the three languages of Masten's pages.</summary>
public sealed record Trilingual(string Sv, string En, string Da)
{
    /// <summary>The text in <paramref name="language"/> (<c>sv</c>, <c>en</c>, <c>da</c>); Swedish for any other.</summary>
    public string In(string language) => language switch { "en" => En, "da" => Da, _ => Sv };
}

/// <summary>One column of an open-data table: its name in the file, what it means, its type and its unit (null when it has none).</summary>
public sealed record OpenColumn(string Name, OpenType Type, Trilingual Meaning, Trilingual? Unit = null)
{
    /// <summary>The XML Schema datatype the dictionary names for the column (<c>xsd:integer</c>, …).</summary>
    public string Datatype => Type switch
    {
        OpenType.WholeNumber => "xsd:integer",
        OpenType.Number => "xsd:decimal",
        OpenType.Date => "xsd:date",
        OpenType.DateTime => "xsd:dateTime",
        OpenType.Boolean => "xsd:boolean",
        OpenType.List => "list",
        _ => "xsd:string",
    };
}

/// <summary>One table of a mission's open data: the file name (without extension), its title and description, its columns in file order.</summary>
public sealed record OpenTable(string Name, Trilingual Title, Trilingual Description, IReadOnlyList<OpenColumn> Columns);

/// <summary>
/// The open data of a published mission, table by table, and the data dictionary that describes every column
/// (name, meaning, type, unit) in Swedish, English and Danish. Open data holds public records only: organisations
/// and what they promised or do, never people. Contact people, e-mail addresses, who entered or signed something
/// (user names, account ids, signatories), owners of operational goals, review participants and correction reasons
/// (an import's reason names the person who ran it) are left out by design; a test scans every cell for them.
/// </summary>
public static class OpenDataTables
{
    private static readonly Trilingual Id = new("Radens id i Masten; stabilt mellan nedladdningar.", "The row's id in Masten; stable between downloads.", "Rækkens id i Masten; stabilt mellem downloads.");
    private static readonly Trilingual Years = new("år", "years", "år");
    private static readonly Trilingual IndicatorUnit = new("indikatorns enhet (kolumnen unit)", "the indicator's unit (column unit)", "indikatorens enhed (kolonnen unit)");
    private static readonly Trilingual InCurrency = new("valutan i kolumnen currency", "the currency in column currency", "valutaen i kolonnen currency");

    private static OpenColumn C(string name, OpenType type, string sv, string en, string da, Trilingual? unit = null) => new(name, type, new(sv, en, da), unit);

    private static OpenColumn IdColumn() => new("id", OpenType.WholeNumber, Id);

    public static readonly OpenTable Mission = new("mission",
        new("Missionen", "The mission", "Missionen"),
        new("Missionen själv: titel, önskad framtid och tidsram.", "The mission itself: title, desired future and time frame.", "Missionen selv: titel, ønsket fremtid og tidsramme."),
        [
            IdColumn(),
            C("programme", OpenType.Text, "Programmet som missionen hör till.", "The programme the mission belongs to.", "Programmet, som missionen hører til."),
            C("programmeOffice", OpenType.Text, "Programkontoret som driver programmet (en organisation).", "The programme office that runs the programme (an organisation).", "Programkontoret, der driver programmet (en organisation)."),
            C("title", OpenType.Text, "Missionens titel.", "The mission's title.", "Missionens titel."),
            C("statement", OpenType.Text, "Den önskade framtiden i ord.", "The desired future, in words.", "Den ønskede fremtid i ord."),
            C("baselineYear", OpenType.WholeNumber, "Året som missionen mäts från.", "The year the mission is measured from.", "Året, missionen måles fra.", Years),
            C("horizonYear", OpenType.WholeNumber, "Året då målen ska vara nådda.", "The year by which the goals are to be reached.", "Året, hvor målene skal være nået.", Years),
            C("status", OpenType.Text, "Active (pågår) eller Closed (avslutad).", "Active or Closed.", "Active (i gang) eller Closed (afsluttet)."),
            C("language", OpenType.Text, "Språket som missionens texter är skrivna på (ISO 639-1).", "The language the mission's texts are written in (ISO 639-1).", "Sproget, missionens tekster er skrevet på (ISO 639-1)."),
            C("updatedAt", OpenType.DateTime, "När missionen senast ändrades (UTC).", "When the mission was last changed (UTC).", "Hvornår missionen sidst blev ændret (UTC)."),
        ]);

    public static readonly OpenTable Goals = new("goals",
        new("Delmål", "Goals", "Delmål"),
        new("Missionens målträd: delmål och deras underordnade mål.", "The mission's goal tree: goals and the goals below them.", "Missionens måltræ: delmål og målene under dem."),
        [
            IdColumn(),
            C("parentId", OpenType.WholeNumber, "Id för målet ovanför; tomt för ett mål högst upp.", "Id of the goal above; empty for a top goal.", "Id for målet ovenover; tomt for et mål øverst."),
            C("order", OpenType.WholeNumber, "Plats bland syskonen, från 0.", "Position among siblings, from 0.", "Plads blandt søskende, fra 0."),
            C("title", OpenType.Text, "Målets titel.", "The goal's title.", "Målets titel."),
            C("description", OpenType.Text, "Beskrivning av målet.", "Description of the goal.", "Beskrivelse af målet."),
            C("weight", OpenType.Number, "Vikt i en viktad sammanvägning av målet ovanför.", "Weight in a weighted roll-up of the goal above.", "Vægt i en vægtet sammenvejning af målet ovenover."),
        ]);

    public static readonly OpenTable Indicators = new("indicators",
        new("Indikatorer", "Indicators", "Indikatorer"),
        new("Det som mäts för varje delmål, med utgångsvärde.", "What is measured for each goal, with its baseline.", "Det, der måles for hvert delmål, med udgangsværdi."),
        [
            IdColumn(),
            C("goalId", OpenType.WholeNumber, "Id för delmålet som indikatorn mäter (goals.id).", "Id of the goal the indicator measures (goals.id).", "Id for delmålet, indikatoren måler (goals.id)."),
            C("code", OpenType.Text, "Indikatorns kod, unik inom missionen (till exempel ett Kolada-id).", "The indicator's code, unique within the mission (for example a Kolada id).", "Indikatorens kode, unik inden for missionen (for eksempel et Kolada-id)."),
            C("name", OpenType.Text, "Indikatorns namn.", "The indicator's name.", "Indikatorens navn."),
            C("description", OpenType.Text, "Beskrivning av indikatorn.", "Description of the indicator.", "Beskrivelse af indikatoren."),
            C("unit", OpenType.Text, "Enheten som värdena anges i.", "The unit the values are given in.", "Enheden, værdierne angives i."),
            C("direction", OpenType.Text, "HigherIsBetter (högre är bättre) eller LowerIsBetter (lägre är bättre).", "HigherIsBetter or LowerIsBetter.", "HigherIsBetter (højere er bedre) eller LowerIsBetter (lavere er bedre)."),
            C("frequency", OpenType.Text, "Hur ofta värden rapporteras: Monthly, Quarterly eller Yearly.", "How often values are reported: Monthly, Quarterly or Yearly.", "Hvor ofte værdier rapporteres: Monthly, Quarterly eller Yearly."),
            C("source", OpenType.Text, "Var värdena kommer ifrån.", "Where the values come from.", "Hvor værdierne kommer fra."),
            C("baselineDate", OpenType.Date, "Datum för utgångsvärdet.", "Date of the baseline value.", "Dato for udgangsværdien."),
            C("baselineValue", OpenType.Number, "Utgångsvärdet.", "The baseline value.", "Udgangsværdien.", IndicatorUnit),
            C("shape", OpenType.Text, "Formen på den väg som krävs mot målet: Linear, ConstantRate eller SCurve.", "The shape of the required path to the target: Linear, ConstantRate or SCurve.", "Formen på den nødvendige vej mod målet: Linear, ConstantRate eller SCurve."),
            C("weight", OpenType.Number, "Vikt i en viktad sammanvägning av delmålet.", "Weight in a weighted roll-up of the goal.", "Vægt i en vægtet sammenvejning af delmålet."),
            C("reportingActorId", OpenType.WholeNumber, "Id för organisationen som rapporterar värdena (actors.id).", "Id of the organisation that reports the values (actors.id).", "Id for organisationen, der rapporterer værdierne (actors.id)."),
        ]);

    public static readonly OpenTable Targets = new("targets",
        new("Målvärden", "Targets", "Målværdier"),
        new("Daterade målvärden för varje indikator.", "Dated target values of each indicator.", "Daterede målværdier for hver indikator."),
        [
            IdColumn(),
            C("indicatorId", OpenType.WholeNumber, "Id för indikatorn (indicators.id).", "Id of the indicator (indicators.id).", "Id for indikatoren (indicators.id)."),
            C("indicatorCode", OpenType.Text, "Indikatorns kod.", "The indicator's code.", "Indikatorens kode."),
            C("date", OpenType.Date, "Datum då målvärdet ska vara nått.", "Date by which the target is to be reached.", "Dato, hvor målværdien skal være nået."),
            C("value", OpenType.Number, "Målvärdet.", "The target value.", "Målværdien.", IndicatorUnit),
            C("unit", OpenType.Text, "Indikatorns enhet.", "The indicator's unit.", "Indikatorens enhed."),
        ]);

    public static readonly OpenTable Observations = new("observations",
        new("Mätvärden med historik", "Observations with their history", "Måleværdier med historik"),
        new("Varje uppmätt värde, även de som senare rättats: en rättelse är en ny rad som pekar på raden den ersätter.", "Every measured value, including those corrected later: a correction is a new row pointing at the row it replaces.", "Hver målt værdi, også dem, der senere er rettet: en rettelse er en ny række, der peger på rækken, den erstatter."),
        [
            IdColumn(),
            C("indicatorId", OpenType.WholeNumber, "Id för indikatorn (indicators.id).", "Id of the indicator (indicators.id).", "Id for indikatoren (indicators.id)."),
            C("indicatorCode", OpenType.Text, "Indikatorns kod.", "The indicator's code.", "Indikatorens kode."),
            C("date", OpenType.Date, "Datum som värdet gäller.", "Date the value applies to.", "Dato, værdien gælder."),
            C("value", OpenType.Number, "Det uppmätta värdet.", "The measured value.", "Den målte værdi.", IndicatorUnit),
            C("unit", OpenType.Text, "Indikatorns enhet.", "The indicator's unit.", "Indikatorens enhed."),
            C("source", OpenType.Text, "Källan till värdet.", "The value's source.", "Kilden til værdien."),
            C("note", OpenType.Text, "Anteckning om värdet.", "Note on the value.", "Note om værdien."),
            C("enteredAt", OpenType.DateTime, "När värdet fördes in i Masten (UTC).", "When the value was entered into Masten (UTC).", "Hvornår værdien blev ført ind i Masten (UTC)."),
            C("supersedesId", OpenType.WholeNumber, "Id för värdet som denna rad rättar; tomt om raden inte är en rättelse.", "Id of the value this row corrects; empty when the row is no correction.", "Id for værdien, denne række retter; tomt, hvis rækken ikke er en rettelse."),
            C("isCurrent", OpenType.Boolean, "true om värdet gäller i dag, false om det har rättats.", "true when the value stands today, false when it has been corrected.", "true, hvis værdien gælder i dag, false, hvis den er rettet."),
        ]);

    public static readonly OpenTable Actors = new("actors",
        new("Aktörer", "Actors", "Aktører"),
        new("Organisationerna som deltar i missionen. Bara organisationer, aldrig personer.", "The organisations taking part in the mission. Organisations only, never people.", "Organisationerne, der deltager i missionen. Kun organisationer, aldrig personer."),
        [
            IdColumn(),
            C("name", OpenType.Text, "Organisationens namn.", "The organisation's name.", "Organisationens navn."),
            C("type", OpenType.Text, "Slag av organisation (NationalAgency, Region, Municipality, CivilSociety, Company, University, ResearchInstitute, Funder, Other).", "Kind of organisation (NationalAgency, Region, Municipality, CivilSociety, Company, University, ResearchInstitute, Funder, Other).", "Slags organisation (NationalAgency, Region, Municipality, CivilSociety, Company, University, ResearchInstitute, Funder, Other)."),
            C("country", OpenType.Text, "Landet där organisationen är registrerad.", "The country the organisation is registered in.", "Landet, hvor organisationen er registreret."),
            C("organisationNumber", OpenType.Text, "Organisationsnummer (Sverige) eller CVR-nummer (Danmark).", "Organisation number (Sweden) or CVR number (Denmark).", "Organisationsnummer (Sverige) eller CVR-nummer (Danmark)."),
            C("website", OpenType.Text, "Organisationens webbplats.", "The organisation's website.", "Organisationens websted."),
        ]);

    public static readonly OpenTable Memberships = new("memberships",
        new("Medlemskap", "Memberships", "Medlemskaber"),
        new("Vilka organisationer som är med i missionen, i vilka roller och sedan när.", "Which organisations take part in the mission, in which roles and since when.", "Hvilke organisationer der er med i missionen, i hvilke roller og siden hvornår."),
        [
            IdColumn(),
            C("actorId", OpenType.WholeNumber, "Id för organisationen (actors.id).", "Id of the organisation (actors.id).", "Id for organisationen (actors.id)."),
            C("roles", OpenType.List, "Roller i missionen (ProgrammeOffice, NeedOwner, Funder, Partner, Navigator).", "Roles in the mission (ProgrammeOffice, NeedOwner, Funder, Partner, Navigator).", "Roller i missionen (ProgrammeOffice, NeedOwner, Funder, Partner, Navigator)."),
            C("joinedOn", OpenType.Date, "Datum då organisationen gick med.", "Date the organisation joined.", "Dato, hvor organisationen trådte ind."),
            C("leftOn", OpenType.Date, "Datum då organisationen lämnade; tomt om den är kvar.", "Date the organisation left; empty when it stays.", "Dato, hvor organisationen trådte ud; tomt, hvis den er med endnu."),
        ]);

    public static readonly OpenTable Commitments = new("commitments",
        new("Åtaganden", "Commitments", "Tilsagn"),
        new("Vad varje organisation har lovat, per signeringsomgång. Vem som skrev under anges inte.", "What each organisation has promised, by signing round. Who signed is not given.", "Hvad hver organisation har lovet, pr. underskriftsrunde. Hvem der skrev under, oplyses ikke."),
        [
            IdColumn(),
            C("actorId", OpenType.WholeNumber, "Id för organisationen (actors.id).", "Id of the organisation (actors.id).", "Id for organisationen (actors.id)."),
            C("round", OpenType.Text, "Signeringsomgångens namn.", "The signing round's name.", "Underskriftsrundens navn."),
            C("roundDate", OpenType.Date, "Signeringsomgångens datum.", "The signing round's date.", "Underskriftsrundens dato."),
            C("text", OpenType.Text, "Vad organisationen lovar.", "What the organisation promises.", "Hvad organisationen lover."),
            C("tier", OpenType.Text, "Åtagandets nivå.", "The commitment's tier.", "Tilsagnets niveau."),
            C("goalIds", OpenType.List, "Id för delmålen som åtagandet gäller (goals.id).", "Ids of the goals the commitment concerns (goals.id).", "Id for delmålene, tilsagnet gælder (goals.id)."),
            C("pledgedMoney", OpenType.Number, "Utlovade pengar.", "Money pledged.", "Lovede penge.", InCurrency),
            C("currency", OpenType.Text, "Valuta (SEK, DKK).", "Currency (SEK, DKK).", "Valuta (SEK, DKK)."),
            C("personYears", OpenType.Number, "Utlovad arbetstid.", "Working time pledged.", "Lovet arbejdstid.", new("årsverken", "person-years", "årsværk")),
            C("dueDate", OpenType.Date, "När åtagandet ska vara uppfyllt.", "When the commitment is due.", "Hvornår tilsagnet skal være opfyldt."),
            C("status", OpenType.Text, "Proposed, Signed, InProgress, Fulfilled eller Withdrawn.", "Proposed, Signed, InProgress, Fulfilled or Withdrawn.", "Proposed, Signed, InProgress, Fulfilled eller Withdrawn."),
            C("signedOn", OpenType.Date, "Datum då åtagandet skrevs under.", "Date the commitment was signed.", "Dato, hvor tilsagnet blev underskrevet."),
            C("carriedFromId", OpenType.WholeNumber, "Id för åtagandet i en tidigare omgång som detta fortsätter.", "Id of the commitment of an earlier round this one continues.", "Id for tilsagnet i en tidligere runde, som dette fortsætter."),
        ]);

    public static readonly OpenTable Initiatives = new("initiatives",
        new("Insatser", "Initiatives", "Indsatser"),
        new("Missionens portfölj av insatser med ledande organisation, partner och budget.", "The mission's portfolio of initiatives with their lead organisation, partners and budget.", "Missionens portefølje af indsatser med ledende organisation, partnere og budget."),
        [
            IdColumn(),
            C("title", OpenType.Text, "Insatsens titel.", "The initiative's title.", "Indsatsens titel."),
            C("description", OpenType.Text, "Beskrivning av insatsen.", "Description of the initiative.", "Beskrivelse af indsatsen."),
            C("type", OpenType.Text, "Slag av insats (Experiment, Demonstration, Lab, Research, Investment, PolicyChange, CapacityBuilding).", "Kind of initiative (Experiment, Demonstration, Lab, Research, Investment, PolicyChange, CapacityBuilding).", "Slags indsats (Experiment, Demonstration, Lab, Research, Investment, PolicyChange, CapacityBuilding)."),
            C("stage", OpenType.Text, "Hur långt insatsen har kommit (Idea, Exploring, Testing, Scaling, Ended).", "How far the initiative has come (Idea, Exploring, Testing, Scaling, Ended).", "Hvor langt indsatsen er nået (Idea, Exploring, Testing, Scaling, Ended)."),
            C("leadActorId", OpenType.WholeNumber, "Id för organisationen som leder insatsen (actors.id).", "Id of the organisation leading the initiative (actors.id).", "Id for organisationen, der leder indsatsen (actors.id)."),
            C("partnerActorIds", OpenType.List, "Id för partnerorganisationerna (actors.id).", "Ids of the partner organisations (actors.id).", "Id for partnerorganisationerne (actors.id)."),
            C("budget", OpenType.Number, "Insatsens budget.", "The initiative's budget.", "Indsatsens budget.", InCurrency),
            C("currency", OpenType.Text, "Valuta (SEK, DKK).", "Currency (SEK, DKK).", "Valuta (SEK, DKK)."),
            C("startDate", OpenType.Date, "Startdatum.", "Start date.", "Startdato."),
            C("endDate", OpenType.Date, "Slutdatum.", "End date.", "Slutdato."),
            C("levers", OpenType.List, "Systemhävstänger som insatsen trycker på.", "System levers the initiative pushes on.", "Systemløftestænger, indsatsen trykker på."),
        ]);

    public static readonly OpenTable Contributions = new("contributions",
        new("Insatsernas bidrag", "Contributions of initiatives", "Indsatsernes bidrag"),
        new("Vilka delmål och indikatorer varje insats väntas påverka, och åt vilket håll.", "Which goals and indicators each initiative is expected to move, and which way.", "Hvilke delmål og indikatorer hver indsats forventes at påvirke, og i hvilken retning."),
        [
            IdColumn(),
            C("initiativeId", OpenType.WholeNumber, "Id för insatsen (initiatives.id).", "Id of the initiative (initiatives.id).", "Id for indsatsen (initiatives.id)."),
            C("goalId", OpenType.WholeNumber, "Id för delmålet (goals.id).", "Id of the goal (goals.id).", "Id for delmålet (goals.id)."),
            C("indicatorId", OpenType.WholeNumber, "Id för indikatorn (indicators.id), om en är angiven.", "Id of the indicator (indicators.id), when one is named.", "Id for indikatoren (indicators.id), hvis en er angivet."),
            C("direction", OpenType.Text, "Improves (förbättrar) eller Worsens (försämrar).", "Improves or Worsens.", "Improves (forbedrer) eller Worsens (forværrer)."),
            C("sizePerYear", OpenType.Number, "Väntad effekt per år.", "Expected effect per year.", "Forventet effekt pr. år.", new("indikatorns enhet per år", "the indicator's unit per year", "indikatorens enhed pr. år")),
            C("confidence", OpenType.Text, "Hur säker bedömningen är (Low, Medium, High).", "How confident the estimate is (Low, Medium, High).", "Hvor sikker vurderingen er (Low, Medium, High)."),
        ]);

    /// <summary>Every table, in the order the open-data page and the catalogue list them.</summary>
    public static IReadOnlyList<OpenTable> Tables { get; } = [Mission, Goals, Indicators, Targets, Observations, Actors, Memberships, Commitments, Initiatives, Contributions];

    /// <summary>The table with file name <paramref name="name"/>, or null.</summary>
    public static OpenTable? Find(string name) => Tables.FirstOrDefault(t => t.Name == name);

    /// <summary>The dictionary itself as a table: one row per column of every table.</summary>
    public static readonly OpenTable Dictionary = new("dictionary",
        new("Datakatalog (beskrivning av varje kolumn)", "Data dictionary (every column described)", "Datakatalog (beskrivelse af hver kolonne)"),
        new("Varje kolumn i varje fil: namn, betydelse, typ och enhet på svenska, engelska och danska.", "Every column of every file: name, meaning, type and unit in Swedish, English and Danish.", "Hver kolonne i hver fil: navn, betydning, type og enhed på svensk, engelsk og dansk."),
        [
            C("table", OpenType.Text, "Filen (tabellen) som kolumnen finns i.", "The file (table) the column is in.", "Filen (tabellen), kolonnen er i."),
            C("column", OpenType.Text, "Kolumnens namn i filen.", "The column's name in the file.", "Kolonnens navn i filen."),
            C("type", OpenType.Text, "Datatyp (XML Schema).", "Datatype (XML Schema).", "Datatype (XML Schema)."),
            C("meaningSv", OpenType.Text, "Betydelse på svenska.", "Meaning in Swedish.", "Betydning på svensk."),
            C("meaningEn", OpenType.Text, "Betydelse på engelska.", "Meaning in English.", "Betydning på engelsk."),
            C("meaningDa", OpenType.Text, "Betydelse på danska.", "Meaning in Danish.", "Betydning på dansk."),
            C("unitSv", OpenType.Text, "Enhet på svenska.", "Unit in Swedish.", "Enhed på svensk."),
            C("unitEn", OpenType.Text, "Enhet på engelska.", "Unit in English.", "Enhed på engelsk."),
            C("unitDa", OpenType.Text, "Enhet på danska.", "Unit in Danish.", "Enhed på dansk."),
        ]);

    /// <summary>The rows of <see cref="Dictionary"/>, in table and column order.</summary>
    public static IEnumerable<object?[]> DictionaryRows() =>
        from table in Tables.Append(Dictionary)
        from column in table.Columns
        select new object?[] { table.Name, column.Name, column.Datatype, column.Meaning.Sv, column.Meaning.En, column.Meaning.Da, column.Unit?.Sv, column.Unit?.En, column.Unit?.Da };
}
