using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Masten.Core.Readability;

namespace Masten.Benchmarks;

// dotnet run -c Release --project bench/Masten.Benchmarks -- --filter '*Readability*' [--job short]
// Target: at least 20 MB of Swedish prose per second on one core (the MB/s column; 1 MB = 10^6 bytes of UTF-8).

/// <summary>
/// <see cref="TextChecker.Check"/> on about 1 MB and 10 MB of generated Swedish mission prose: tokenizing, all
/// scores and every finding rule, with the lexicon already loaded (BenchmarkDotNet's warm-up does that).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ReadabilityBenchmarks
{
    private string text = "";

    /// <summary>Size of the text in megabytes (10^6 bytes) of UTF-8.</summary>
    [Params(1, 10)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        text = SwedishProse.Generate(Megabytes * 1_000_000, seed: 2026);
        var result = TextChecker.Check(text, TextLanguage.Swedish);
        Console.WriteLine(
            $"// {Megabytes} MB: {Encoding.UTF8.GetByteCount(text):N0} bytes, {text.Length:N0} chars, {result.Statistics.Words:N0} words, " +
            $"{result.Statistics.Sentences:N0} sentences, {result.Findings.Count:N0} findings, LIX {result.Lix?.Value:0.0}");
    }

    [Benchmark]
    public int CheckSwedishProse() => TextChecker.Check(text, TextLanguage.Swedish).Findings.Count;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }
}

/// <summary>Megabytes (10^6 bytes of UTF-8) checked per second: the <c>Megabytes</c> parameter divided by the mean time.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6 bytes of UTF-8) of text checked per second, from the mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["Megabytes"] is not int megabytes)
            return "-";
        return (megabytes / (statistics.Mean / 1e9)).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>
/// Swedish mission prose from templates and word pools: varied sentence lengths, abbreviations, numbers, times,
/// URLs, jargon, officialese, passives and long compounds, with paragraphs, headings and list items.
/// </summary>
public static class SwedishProse
{
    private static readonly string[] Templates =
    [
        "{Actor} ska {verb} {goal} till {year}.",
        "Målet är att {verb} {goal} i hela {region}.",
        "Under {year} ska {actor} och {actor2} genomföra en kartläggning av {thing}.",
        "Vi behöver {adverb} {verb} {goal}, t.ex. genom {measure}.",
        "Samverkan mellan {actor} och {actor2} ska stärkas för att möjliggöra {measure}.",
        "Det finns ett stort behov av {measure} i {region}.",
        "Arbetet följs upp varje kvartal och resultaten publiceras på https://masten.se/uppdrag/{year}.",
        "Frågor om {thing} besvaras av {person} på {person}@{region}.se.",
        "Andelen {thing} ska öka från {number} procent till {number2} procent.",
        "Utsläppen minskade med {decimal} procent under {year}, bl.a. tack vare {measure}.",
        "{Actor} har beslutat att {verb} {goal}.",
        "Insatserna ska vara skalbara och bidra till omställningen av {region}.",
        "Mötet hålls kl. 14.30 i {region} och är öppet för alla.",
        "Ansökningar som inkommer efter den {day} maj kommer inte att behandlas.",
        "Vi tror på ett missionsorienterat arbetssätt där {actor} tar ett gemensamt ansvar.",
        "För att lyckas måste vi {verb} {goal} och samtidigt {verb2} {goal2}.",
        "Projektet implementerades under {year} och utvärderades året efter.",
        "Ekosystemet kring {thing} växer snabbt.",
        "Resultaten redovisas i en rapport som ska lämnas senast den {day} juni.",
        "Erforderliga underlag ska tillhandahållas av {actor} i god tid.",
        "Hur kan vi {verb} {goal} utan att {verb2} {goal2}?",
        "Det här är ett viktigt steg!",
        "{Actor} hoppas att fler ska vilja vara med.",
        "Kompetensförsörjningsstrategin tas fram tillsammans med {actor}.",
        "Vår uppgift: att {verb} {goal} och {verb2} {goal2}.",
        "Det är icke tillåtet att {verb} {goal} utan tillstånd.",
        "Systeminnovation kräver att många delar förändras samtidigt, dvs. att {actor}, {actor2} och {actor3} arbetar tillsammans.",
        "Ingen kan göra allt, men alla kan göra något.",
        "Vi ska accelerera {measure} och skala upp det som fungerar i {region} m.m.",
        "Kostnaden beräknas till ca. {number} miljoner kronor per år.",
    ];

    private static readonly string[] Actors = ["kommunen", "regionen", "länsstyrelsen", "Vinnova", "Energimyndigheten", "näringslivet", "civilsamhället", "universitetet", "skolorna", "lantbrukarna", "byggföretagen", "Trafikverket", "FN:s organ", "hushållen", "föreningarna"];
    private static readonly string[] Verbs = ["minska", "halvera", "fördubbla", "förbättra", "stärka", "utveckla", "bygga ut", "följa upp", "mäta", "förenkla", "ersätta", "främja"];
    private static readonly string[] Goals = ["utsläppen från transporter", "matsvinnet i skolorna", "energianvändningen i bostäder", "andelen förnybar energi", "antalet resor med kollektivtrafik", "den biologiska mångfalden", "tillgången till rent vatten", "cirkulära affärsmodeller", "hälso- och sjukvårdens klimatavtryck", "lokal livsmedelsproduktion", "cykelvägarna", "barns tillgång till grönområden"];
    private static readonly string[] Regions = ["Västra Götaland", "Skåne", "Norrbotten", "Stockholmsregionen", "Jämtland", "Gotland", "Örebro län", "Ångermanland", "Östergötland", "Dalarna"];
    private static readonly string[] Things = ["laddinfrastruktur", "återbruk", "solceller", "kollektivtrafik", "livsmedelskedjan", "byggmaterial", "vattenrening", "skogsbruk", "avfallshantering", "energilagring"];
    private static readonly string[] Measures = ["nya upphandlingskrav", "bättre samordning", "lokala energigemenskaper", "utbildning för lärare", "stöd till små företag", "testbäddar för ny teknik", "öppna data", "gemensamma mål", "digitala verktyg", "delade resurser"];
    private static readonly string[] Adverbs = ["snabbt", "tydligt", "gemensamt", "stegvis", "kraftigt", "också"];
    private static readonly string[] People = ["anna.berg", "erik.lind", "sara.nilsson", "omar.haddad", "maria.ek"];
    private static readonly string[] Headings = ["# Bakgrund", "# Mål och delmål", "## Så följer vi upp", "## Vilka är med?", "# Budget"];
    private static readonly string[] Items = ["- fler laddstolpar", "- mindre matsvinn", "- säkrare cykelvägar", "1. kartlägg nuläget", "2. sätt mål", "3. följ upp varje år"];

    public static string Generate(int utf8Bytes, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(utf8Bytes + 1024);
        var bytes = 0;
        var sentencesInParagraph = 0;
        while (bytes < utf8Bytes)
        {
            string piece;
            if (sentencesInParagraph > 4 + random.Next(6))
            {
                sentencesInParagraph = 0;
                piece = random.Next(4) switch
                {
                    0 => "\n\n" + Pick(random, Headings) + "\n",
                    1 => "\n" + Pick(random, Items) + "\n" + Pick(random, Items) + "\n\n",
                    _ => "\n\n",
                };
            }
            else
            {
                sentencesInParagraph++;
                piece = Fill(random, Pick(random, Templates)) + " ";
            }
            sb.Append(piece);
            bytes += Encoding.UTF8.GetByteCount(piece);
        }
        return sb.ToString();
    }

    private static string Fill(Random random, string template)
    {
        var sb = new StringBuilder(template.Length * 2);
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] != '{')
            {
                sb.Append(template[i++]);
                continue;
            }
            var end = template.IndexOf('}', i);
            var slot = template[(i + 1)..end];
            var value = slot.TrimEnd('2', '3') switch
            {
                "Actor" => Capitalise(Pick(random, Actors)),
                "actor" => Pick(random, Actors),
                "verb" => Pick(random, Verbs),
                "goal" => Pick(random, Goals),
                "region" => Pick(random, Regions),
                "thing" => Pick(random, Things),
                "measure" => Pick(random, Measures),
                "adverb" => Pick(random, Adverbs),
                "person" => Pick(random, People),
                "year" => (2024 + random.Next(12)).ToString(CultureInfo.InvariantCulture),
                "number" => random.Next(5, 95).ToString(CultureInfo.InvariantCulture),
                "decimal" => (random.Next(1, 200) / 10.0).ToString("0.0", CultureInfo.GetCultureInfo("sv-SE")),
                "day" => random.Next(1, 29).ToString(CultureInfo.InvariantCulture),
                _ => slot,
            };
            // Region e-mail domains and URLs want plain ASCII labels.
            if (slot == "region" && i > 0 && template[i - 1] == '@')
                value = "region" + random.Next(1, 22).ToString(CultureInfo.InvariantCulture);
            sb.Append(value);
            i = end + 1;
        }
        return sb.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Capitalise(string value) => char.IsUpper(value[0]) ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
