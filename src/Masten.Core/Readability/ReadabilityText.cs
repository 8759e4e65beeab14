using System.Globalization;

namespace Masten.Core.Readability;

/// <summary>
/// Reader-facing strings of the readability engine in Swedish, Danish and English: finding messages, band labels and
/// score names. The user-interface language may differ from the text's language (a Danish editor checking a Swedish
/// text). Kept in Core so that pages, API and CLI say the same thing; the web tier may still override a string
/// through its localizer, keyed on the rule id.
/// </summary>
public static class ReadabilityText
{
    // {0} the finding's text, {1} its suggestion, {2} its count.
    private static readonly Dictionary<string, string[]> Messages = new(StringComparer.Ordinal)
    {
        [ReadabilityRules.SentenceLong] =
        [
            "Lång mening ({2} ord). Dela upp den i kortare meningar.",
            "Lang sætning ({2} ord). Del den op i kortere sætninger.",
            "Long sentence ({2} words). Split it into shorter sentences.",
        ],
        [ReadabilityRules.SentenceLongish] =
        [
            "Meningen har {2} ord. Går den att korta?",
            "Sætningen har {2} ord. Kan den gøres kortere?",
            "This sentence has {2} words. Can you shorten it?",
        ],
        [ReadabilityRules.WordLong] =
        [
            "Långt ord ({2} bokstäver): \"{0}\". Går det att skriva enklare?",
            "Langt ord ({2} bogstaver): \"{0}\". Kan det skrives enklere?",
            "Long word ({2} letters): \"{0}\". Is there a simpler way to say it?",
        ],
        [ReadabilityRules.Passive] =
        [
            "Passiv form: \"{0}\". Skriv gärna ut vem som gör något.",
            "Passiv form: \"{0}\". Skriv gerne, hvem der gør noget.",
            "Passive voice: \"{0}\". Consider saying who does what.",
        ],
        [ReadabilityRules.Nominalisation] =
        [
            "\"{0}\" är ett substantiv bildat av ett verb eller adjektiv. Ett verb gör ofta texten tydligare.",
            "\"{0}\" er et navneord dannet af et udsagnsord eller tillægsord. Et udsagnsord gør ofte teksten klarere.",
            "\"{0}\" is a noun made from a verb or adjective. A verb is often clearer.",
        ],
        [ReadabilityRules.SupportVerb] =
        [
            "Skriv \"{1}\" i stället för \"{0}\".",
            "Skriv \"{1}\" i stedet for \"{0}\".",
            "Write \"{1}\" instead of \"{0}\".",
        ],
        [ReadabilityRules.Officialese] =
        [
            "\"{0}\" är ett stelt myndighetsord. Skriv hellre \"{1}\".",
            "\"{0}\" er et papirord. Skriv hellere \"{1}\".",
            "\"{0}\" is stiff, formal language. Prefer \"{1}\".",
        ],
        [ReadabilityRules.Jargon] =
        [
            "\"{0}\" är jargong. Säg konkret vad du menar, till exempel \"{1}\".",
            "\"{0}\" er jargon. Sig konkret, hvad du mener, for eksempel \"{1}\".",
            "\"{0}\" is jargon. Say plainly what you mean, for example \"{1}\".",
        ],
        [ReadabilityRules.GlossaryUnexplained] =
        [
            "\"{0}\" förklaras inte i texten. Ordlistans förklaring: {1}",
            "\"{0}\" bliver ikke forklaret i teksten. Ordlistens forklaring: {1}",
            "\"{0}\" is not explained in the text. Glossary explanation: {1}",
        ],
    };

    private static readonly Dictionary<Band, string[]> LixLabels = new()
    {
        [Band.VeryEasy] = ["mycket lättläst", "meget let", "very easy"],
        [Band.Easy] = ["lättläst", "let", "easy"],
        [Band.FairlyEasy] = ["ganska lättläst", "ret let", "fairly easy"],
        [Band.Medium] = ["medelsvår", "middel", "medium"],
        [Band.FairlyDifficult] = ["ganska svår", "ret svær", "fairly difficult"],
        [Band.Difficult] = ["svår (normalt för myndighetstexter)", "svær", "difficult (normal for official texts)"],
        [Band.VeryDifficult] = ["mycket svår (byråkratsvenska)", "meget svær", "very difficult (bureaucratic)"],
    };

    private static readonly Dictionary<Band, string[]> FleschLabels = new()
    {
        [Band.VeryEasy] = ["mycket lätt", "meget let", "very easy"],
        [Band.Easy] = ["lätt", "let", "easy"],
        [Band.FairlyEasy] = ["ganska lätt", "ret let", "fairly easy"],
        [Band.Medium] = ["normal", "normal", "standard"],
        [Band.FairlyDifficult] = ["ganska svår", "ret svær", "fairly difficult"],
        [Band.Difficult] = ["svår", "svær", "difficult"],
        [Band.VeryDifficult] = ["mycket förvirrande", "meget forvirrende", "very confusing"],
    };

    private static readonly Dictionary<ScoreKind, string[]> ScoreNames = new()
    {
        [ScoreKind.Lix] = ["LIX (läsbarhetsindex)", "LIX (læsbarhedsindeks)", "LIX (readability index)"],
        [ScoreKind.Rix] = ["RIX (långa ord per mening)", "RIX (lange ord pr. sætning)", "RIX (long words per sentence)"],
        [ScoreKind.Ovix] = ["OVIX (ordvariation)", "OVIX (ordvariation)", "OVIX (word variation)"],
        [ScoreKind.FleschReadingEase] = ["Flesch läsbarhet", "Flesch læsbarhed", "Flesch Reading Ease"],
        [ScoreKind.FleschKincaidGrade] = ["Flesch–Kincaid skolår", "Flesch–Kincaid klassetrin", "Flesch–Kincaid grade"],
    };

    /// <summary>The message of <paramref name="finding"/> in <paramref name="uiLanguage"/>.</summary>
    public static string Message(Finding finding, TextLanguage uiLanguage)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var template = Messages.TryGetValue(finding.RuleId, out var texts) ? texts[(int)uiLanguage] : finding.RuleId;
        return string.Format(CultureInfo.InvariantCulture, template, Excerpt(finding.Text), finding.Suggestion ?? "", finding.Count);
    }

    /// <summary>The label of <paramref name="band"/> for a score of <paramref name="kind"/>, in <paramref name="uiLanguage"/>.</summary>
    public static string BandLabel(ScoreKind kind, Band band, TextLanguage uiLanguage) =>
        (kind is ScoreKind.FleschReadingEase or ScoreKind.FleschKincaidGrade ? FleschLabels : LixLabels)[band][(int)uiLanguage];

    /// <summary>
    /// The LIX scale of texts in <paramref name="scale"/> as one sentence in <paramref name="uiLanguage"/>, made from
    /// <see cref="ReadabilityFormulas.LixBand"/> itself so that it always agrees with the labels shown on a score, for
    /// Swedish: "Under 30 är mycket lättläst, under 40 lättläst, under 50 medelsvår, till och med 60 svår (normalt för
    /// myndighetstexter) och över 60 mycket svår (byråkratsvenska)."
    /// </summary>
    public static string LixScale(TextLanguage scale, TextLanguage uiLanguage)
    {
        // Probe the scale in half steps: a band that ends before a whole number N reads "under N"; one that still holds N, "up to N".
        var bands = new List<(Band Band, double First, double Last)>();
        for (var v = 0.0; v <= 100; v += 0.5)
        {
            var band = ReadabilityFormulas.LixBand(v, scale);
            if (bands.Count > 0 && bands[^1].Band == band)
                bands[^1] = (band, bands[^1].First, v);
            else
                bands.Add((band, v, v));
        }
        var (under, upTo, over, andOver, be, and) = uiLanguage switch
        {
            TextLanguage.Danish => ("under {0}", "til og med {0}", "over {0}", "{0} og derover", "er", "og"),
            TextLanguage.English => ("under {0}", "up to {0}", "over {0}", "{0} and over", "is", "and"),
            _ => ("under {0}", "till och med {0}", "över {0}", "{0} och över", "är", "och"),
        };
        var parts = new List<string>(bands.Count);
        for (var i = 0; i < bands.Count; i++)
        {
            var (band, first, last) = bands[i];
            var range = i < bands.Count - 1
                ? string.Format(CultureInfo.InvariantCulture, bands[i + 1].First % 1 == 0 ? under : upTo, bands[i + 1].First % 1 == 0 ? bands[i + 1].First : last)
                : string.Format(CultureInfo.InvariantCulture, first % 1 == 0 ? andOver : over, first % 1 == 0 ? first : Math.Floor(first));
            parts.Add($"{range}{(i == 0 ? $" {be}" : "")} {LixLabels[band][(int)uiLanguage]}");
        }
        var sentence = string.Join(", ", parts.Take(parts.Count - 1)) + $" {and} " + parts[^1] + ".";
        return char.ToUpper(sentence[0], CultureInfo.InvariantCulture) + sentence[1..];
    }

    /// <summary>A short name of the measure, such as "LIX (läsbarhetsindex)".</summary>
    public static string ScoreName(ScoreKind kind, TextLanguage uiLanguage) => ScoreNames[kind][(int)uiLanguage];

    /// <summary>What to show for a score that is null: "ej definierat", "ikke defineret", "not defined".</summary>
    public static string NotDefined(TextLanguage uiLanguage) => uiLanguage switch
    {
        TextLanguage.Danish => "ikke defineret",
        TextLanguage.English => "not defined",
        _ => "ej definierat",
    };

    /// <summary>The language of a culture name such as "sv-SE", "da" or "en-GB"; null for any other language.</summary>
    public static TextLanguage? LanguageOf(string cultureName)
    {
        ArgumentNullException.ThrowIfNull(cultureName);
        var code = cultureName.Split('-', '_')[0];
        return code.ToUpperInvariant() switch
        {
            "SV" => TextLanguage.Swedish,
            "DA" => TextLanguage.Danish,
            "EN" => TextLanguage.English,
            _ => null,
        };
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");
}
