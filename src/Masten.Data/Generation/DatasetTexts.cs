using System.Globalization;
using System.Text;

namespace Masten.Data.Generation;

/// <summary>
/// Word pools for generated data: plain Swedish, the language of the demo. Names are made from parts,
/// so they repeat as little as real registers do. None of it names a real organisation's number.
/// </summary>
internal static class DatasetTexts
{
    public static readonly string[] Programmes =
    [
        "Nollutsläpp i industrin", "Vattensmarta samhällen", "Hållbara städer", "Cirkulär ekonomi", "Friska hav",
    ];

    public static readonly string[] MissionThemes =
    [
        "fossilfri stålproduktion", "klimatneutrala städer", "rena sjöar och vattendrag", "en giftfri vardag", "hållbara transporter",
        "energieffektiva bostäder", "cirkulära byggmaterial", "en levande landsbygd", "hållbar livsmedelsproduktion", "friska hav och kuster",
        "förnybar energi i hela landet", "cirkulär textil", "klimatsmart skogsbruk", "hållbart resande i vardagen", "giftfria förskolor",
        "fossilfria arbetsmaskiner", "ren luft i städerna", "hållbar turism", "mindre matsvinn", "laddinfrastruktur för alla",
        "klimatneutral cementproduktion", "hållbar vattenförsörjning", "biologisk mångfald i jordbruket", "återbruk av elektronik", "hälsosam skolmat",
        "fossilfri sjöfart", "klimatanpassade kommuner", "hållbar gruvnäring", "grön vätgas", "cykelvänliga orter",
    ];

    public static readonly string[] GoalTopics =
    [
        "Minskade utsläpp", "Mer förnybar energi", "Effektivare resursanvändning", "Fler hållbara val", "Bättre samverkan",
        "Ny kunskap och kompetens", "Hållbar upphandling", "Ren miljö", "Rättvis omställning", "Fler cirkulära affärer",
        "Stärkt innovation", "Trygg försörjning",
    ];

    public static readonly string[] Areas =
    [
        "i industrin", "i kommunerna", "i transportsektorn", "i bostäder", "i offentlig sektor", "i jordbruket", "i regionen", "i hela landet",
    ];

    public static readonly string[] Sources =
    [
        "SCB", "Energimyndigheten", "Naturvårdsverket", "Jordbruksverket", "Trafikverket", "Kolada", "Egen mätning", "Havs- och vattenmyndigheten",
    ];

    public static readonly string[] PlaceStarts =
    [
        "Lind", "Sjö", "Berg", "Ek", "Björk", "Ås", "Sand", "Hög", "Mal", "Norr", "Sö", "Väs", "Öst", "Stor", "Lill",
        "Gran", "Al", "Bro", "Dal", "Fors", "Ham", "Hol", "Kvarn", "Mo", "Näs", "Rön", "Sten", "Torp", "Vik", "Åker",
    ];

    public static readonly string[] PlaceEnds =
    [
        "köping", "by", "vik", "ström", "holm", "berga", "fors", "hamn", "ås", "sund", "tuna", "stad", "dal", "hult", "näs",
        "lunda", "mark", "borg", "sjö", "ö",
    ];

    public static readonly string[] Industries =
    [
        "Energi", "Bygg", "Logistik", "Livsmedel", "Teknik", "Återvinning", "Stål", "Skog", "Textil", "Fastigheter", "Data", "Transport",
    ];

    public static readonly string[] Causes =
    [
        "för natur och miljö", "för hållbar vardag", "för cykling", "för rent vatten", "mot matsvinn", "för levande landsbygd",
    ];

    public static readonly string[] AgencyTopics =
    [
        "energi", "miljö", "vatten", "transporter", "boende", "jordbruk", "innovation", "hav", "skog", "bygg",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Eva", "Per", "Lena", "Mikael", "Emma", "Ali", "Fatima",
        "Nils", "Ida", "Oskar", "Elin", "Jonas", "Sofia", "Ahmed", "Linnea", "Magnus", "Hanna",
    ];

    public static readonly string[] LastNames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
        "Lindberg", "Holm", "Berg", "Lund", "Sandberg", "Ek", "Öberg", "Åström", "Hassan", "Nguyen",
    ];

    public static readonly string[] ContactRoles =
    [
        "Verksamhetschef", "Hållbarhetschef", "Projektledare", "Handläggare", "Strateg", "Förvaltningschef", "Utvecklare", "Samordnare",
    ];

    public static readonly string[] CommitmentTexts =
    [
        "Vi ställer om vår fordonsflotta till fossilfria fordon", "Vi halverar vårt matsvinn i skolor och vård", "Vi bygger nya laddpunkter vid våra fastigheter",
        "Vi ställer klimatkrav i alla större upphandlingar", "Vi delar data om energianvändning med andra aktörer", "Vi utbildar all personal i cirkulära arbetssätt",
        "Vi testar återbrukat byggmaterial i två projekt", "Vi finansierar förstudier hos små företag", "Vi minskar utsläppen från vår produktion",
        "Vi öppnar våra lokaler för lokala initiativ",
    ];

    public static readonly string[] DriverTexts =
    [
        "Vi vill bidra till ett samhälle som håller för våra barn", "Uppdraget från regeringen kräver det", "Vi ser nya affärer i omställningen",
        "Vi lär oss mycket av att arbeta med andra", "Våra kunder förväntar sig det", "Politikerna har gjort det till en prioritet",
        "Vi vill vara först med nya lösningar", "Många av oss brinner för frågan",
    ];

    public static readonly string[] OperationalGoalTitles =
    [
        "Hålla budgeten i balans", "Korta handläggningstiderna", "Öka antalet nya bostäder", "Sänka driftskostnaderna", "Öka produktionen",
        "Fler besökare till regionen", "Snabbare utbyggnad av vägar", "Fler nöjda kunder", "Öka exporten", "Minska sjukfrånvaron",
    ];

    public static readonly string[] ConflictExplanations =
    [
        "Målet att bygga fler vägar ökar trafiken och därmed utsläppen.", "Sparkraven gör det svårt att investera i ny teknik.",
        "Ökad produktion ger mer avfall på kort sikt.", "Fler besökare betyder fler flygresor.",
    ];

    public static readonly string[] InitiativeWords =
    [
        "Pilot", "Testbädd", "Förstudie", "Samverkansprojekt", "Innovationstävling", "Demonstrator", "Utbildningssatsning", "Policylabb",
    ];

    public static readonly string[] CheckInHappened =
    [
        "Vi har genomfört två workshoppar med berörda aktörer.", "Första testet är klart och resultaten ser lovande ut.",
        "Upphandlingen är avslutad och leverantören är på plats.", "Vi har samlat in data från tio platser.",
        "Arbetet gick långsammare än planerat under sommaren.", "Vi har fått med två nya partner.",
    ];

    public static readonly string[] CheckInNext =
    [
        "Nästa steg är att skala upp testet.", "Vi ska analysera resultaten och skriva en rapport.", "Vi planerar en ny mätning i höst.",
        "Vi ska söka mer finansiering.", "Vi bjuder in fler kommuner.",
    ];

    public static readonly string[] CheckInBlockers =
    [
        "Det saknas personal med rätt kompetens.", "Regelverket tillåter inte lösningen ännu.", "Finansieringen är osäker.", "Leveranserna är försenade.",
    ];

    public static readonly string[] Beliefs =
    [
        "Om vi ger hushållen bättre information minskar de sin energianvändning.", "Små företag ställer om snabbare med stöd av en rådgivare.",
        "Delade cyklar minskar bilresorna i centrum.", "Återbrukat material håller samma kvalitet som nytt.", "Gemensam upphandling sänker priset på fossilfria fordon.",
    ];

    public static readonly string[] Learnings =
    [
        "Det fungerade bättre än vi trodde när fler aktörer var med.", "Effekten var mindre än väntat; vi behöver en annan metod.",
        "Det behövs mer tid för att bygga förtroende.", "Tekniken fungerar, men affärsmodellen saknas.",
    ];

    public static readonly string[] CorrectionReasons =
    [
        "Källan har reviderat siffran.", "Fel enhet i den första rapporten.", "Inmatningsfel rättat.", "Ny beräkningsmetod från källan.",
    ];

    public static readonly string[] ReviewInsights =
    [
        "Många insatser arbetar med teknik, få med beteenden och kultur.", "Flera insatser saknar incheckning sedan i våras.",
        "Kommunerna leder de flesta insatserna; företagen behöver komma in mer.", "Insatserna mot utsläppsmålen räcker inte för takten som krävs.",
    ];

    public static readonly string[] DecisionRationales =
    [
        "Resultaten är goda och fler vill vara med.", "Testet visade att idén inte håller.", "Vi behöver pröva en annan väg till samma mål.",
        "Insatsen går enligt plan.", "Vi ser ett behov som ingen insats täcker.",
    ];

    /// <summary>Lower-case ASCII for addresses: å ä → a, ö → o, spaces and other signs dropped.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
