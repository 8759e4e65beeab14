using System.Globalization;

namespace Masten.Core.Readability;

/// <summary>What a lexicon entry flags; each kind has its own finding rule.</summary>
public enum LexiconKind
{
    /// <summary>Stiff official words ("erhålla", "påbegynde", "commence"); rule <c>officialese</c>.</summary>
    Officialese,
    /// <summary>Innovation and management jargon ("samverkan", "skalerbar", "leverage"); rule <c>jargon</c>.</summary>
    Jargon,
    /// <summary>A weak verb carrying a noun where one verb would do ("göra en kartläggning"); rule <c>support-verb</c>.</summary>
    SupportVerb,
}

/// <summary>
/// One entry of the plain-language word list. <see cref="Phrase"/> is one or more words in lower case (the base form);
/// inflected forms match too. <see cref="Suggestion"/> is the plainer alternative in the same language.
/// </summary>
public sealed record LexiconEntry(LexiconKind Kind, string Phrase, string Suggestion, string? Note);

/// <summary>
/// The project's own word lists of officialese, jargon and support-verb phrases, embedded in Core as
/// <c>Readability/Lexicon/{sv,da,en}.tsv</c> (columns: kind, phrase, suggestion, note; <c>#</c> starts a comment).
/// A phrase's words are separated by spaces; one word may list irregular forms after <c>|</c>
/// (<c>möjliggöra|möjliggjorde</c>). Each list is parsed once per process, on first use.
/// </summary>
/// <remarks>
/// Matching is case-insensitive and inflection-tolerant: every word of a phrase is expanded once, at load time,
/// into its likely inflected forms (<see cref="Inflections"/>), and the forms of the first word key a dictionary.
/// So a word of the text costs one hash lookup; only a hit looks at the following tokens. Tokens of a phrase must
/// be separated by white space only (spaces or line breaks, not punctuation), and an article (en/ett, en/et,
/// a/an/the) may be present in the text or the phrase without the other.
/// </remarks>
public sealed class Lexicon
{
    private static readonly Lazy<Lexicon>[] Loaded =
    [
        new(() => Load(TextLanguage.Swedish)),
        new(() => Load(TextLanguage.Danish)),
        new(() => Load(TextLanguage.English)),
    ];

    private Lexicon(TextLanguage language, IReadOnlyList<LexiconEntry> entries, PhraseIndex<LexiconEntry> index)
    {
        Language = language;
        Entries = entries;
        Index = index;
        if (language == TextLanguage.English)
            return;
        // Swedish and Danish glue words together: "samverkansprojekt", "innovationsekosystemet". Forms of one-word
        // jargon entries of at least CompoundPartMin characters may start or end such a compound.
        var parts = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Kind != LexiconKind.Jargon || entry.Phrase.Contains(' ', StringComparison.Ordinal) || entry.Phrase.Length < CompoundPartMin)
                continue;
            foreach (var form in Inflections.Forms(entry.Phrase, language))
                parts.TryAdd(form, entry);
        }
        compoundParts = parts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Shortest jargon word, in characters, looked for inside compounds; shorter ones ("agil") hide in too many words.</summary>
    internal const int CompoundPartMin = 7;

    private readonly Dictionary<string, LexiconEntry>.AlternateLookup<ReadOnlySpan<char>> compoundParts;

    public TextLanguage Language { get; }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    internal PhraseIndex<LexiconEntry> Index { get; }

    /// <summary>
    /// The jargon entry that a Swedish or Danish compound starts or ends with ("samverkans|projekt",
    /// "innovations|ekosystem"), leaving at least three characters for the other part; null when none. Tries every
    /// split point, which is cheap because the checker asks once per distinct word.
    /// </summary>
    internal LexiconEntry? CompoundPart(ReadOnlySpan<char> lower)
    {
        // Real compounds are short; the cap keeps a megabyte "a-a-a-…" token from costing a hash per split point.
        if (compoundParts.Dictionary is null || lower.Length < CompoundPartMin + 3 || lower.Length > 60)
            return null;
        for (var split = 3; split <= lower.Length - CompoundPartMin; split++)
        {
            if (compoundParts.TryGetValue(lower[split..], out var entry))
                return entry;
        }
        for (var split = lower.Length - 3; split >= CompoundPartMin; split--)
        {
            if (compoundParts.TryGetValue(lower[..split], out var entry))
                return entry;
        }
        return null;
    }

    /// <summary>The embedded lexicon of <paramref name="language"/>, loaded on first use.</summary>
    public static Lexicon For(TextLanguage language) => Loaded[(int)language].Value;

    private static Lexicon Load(TextLanguage language)
    {
        var name = $"Masten.Core.Readability.Lexicon.{Inflections.Code(language)}.tsv";
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded lexicon {name} is missing; see Masten.Core.csproj.");
        using var reader = new StreamReader(stream);
        return Parse(reader, language);
    }

    /// <summary>Reads a lexicon in the TSV format above; a malformed line throws with its line number.</summary>
    internal static Lexicon Parse(TextReader reader, TextLanguage language)
    {
        var entries = new List<LexiconEntry>();
        var index = new PhraseIndex<LexiconEntry>(language);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("kind\t", StringComparison.Ordinal))
                continue;
            var columns = line.Split('\t');
            if (columns.Length < 3 || columns[1].Length == 0 || columns[2].Length == 0)
                throw new FormatException($"Lexicon {Inflections.Code(language)}.tsv line {lineNumber}: expected kind, phrase, suggestion[, note].");
            var kind = columns[0] switch
            {
                "officialese" => LexiconKind.Officialese,
                "jargon" => LexiconKind.Jargon,
                "support-verb" => LexiconKind.SupportVerb,
                _ => throw new FormatException($"Lexicon {Inflections.Code(language)}.tsv line {lineNumber}: unknown kind '{columns[0]}'."),
            };
            var raw = columns[1].Trim().ToLower(CultureInfo.InvariantCulture);
            var phrase = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Split('|')[0]));
            var entry = new LexiconEntry(kind, phrase, columns[2].Trim(), columns.Length > 3 && columns[3].Length > 0 ? columns[3].Trim() : null);
            entries.Add(entry);
            index.Add(raw, entry);
        }
        index.Freeze();
        return new Lexicon(language, entries, index);
    }
}

/// <summary>The set of forms one word of a phrase may take.</summary>
internal sealed class WordSlot
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> forms;

    // Bit n is set when some form has n characters: frequent heads ("i", "är", "make") try several phrases, and
    // most following words fail on length before they are hashed.
    private readonly ulong lengths;

    public WordSlot(IEnumerable<string> forms, bool optional)
    {
        var set = new HashSet<string>(forms, StringComparer.Ordinal);
        this.forms = set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var form in set)
            lengths |= 1UL << Math.Min(form.Length, 63);
        Optional = optional;
    }

    /// <summary>An article the text may leave out.</summary>
    public bool Optional { get; }

    public bool Contains(ReadOnlySpan<char> lower) =>
        (lengths >> Math.Min(lower.Length, 63) & 1) != 0 && forms.Contains(lower);
}

/// <summary>
/// Phrases keyed by every form of their first word; the rest of a phrase is checked token by token.
/// Used for the lexicon and for a caller's glossary.
/// </summary>
internal sealed class PhraseIndex<T>(TextLanguage language) where T : class
{
    private readonly Dictionary<string, List<(T Value, WordSlot[] Tail)>> building = new(StringComparer.Ordinal);
    private readonly WordSlot articles = new(Inflections.Articles(language), optional: true);
    private Dictionary<string, (T Value, WordSlot[] Tail)[]>.AlternateLookup<ReadOnlySpan<char>> heads;

    /// <summary>Adds a lower-case phrase; words are separated by spaces, irregular forms of a word by '|'.</summary>
    public void Add(string phrase, T value)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return;
        var articleSet = Inflections.Articles(language);
        var rest = words.Skip(1)
            .Select(w => new WordSlot(w.Split('|').SelectMany(f => Inflections.Forms(f, language)), articleSet.Contains(w)))
            .ToArray();
        foreach (var form in words[0].Split('|').SelectMany(f => Inflections.Forms(f, language)).Distinct())
        {
            if (!building.TryGetValue(form, out var list))
                building[form] = list = [];
            list.Add((value, rest));
        }
    }

    public void Freeze()
    {
        // Longest phrases first, so "vara i behov av" wins over a shorter phrase on the same first word.
        heads = building.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.OrderByDescending(c => c.Tail.Length).ToArray(),
                StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The phrases whose first word may be <paramref name="lower"/>, longest first; null when none.</summary>
    public (T Value, WordSlot[] Tail)[]? Candidates(ReadOnlySpan<char> lower) =>
        heads.Dictionary is not null && heads.TryGetValue(lower, out var candidates) ? candidates : null;

    /// <summary>
    /// Whether one of <paramref name="candidates"/> (from <see cref="Candidates"/> for token <paramref name="i"/>)
    /// matches from token <paramref name="i"/>; <paramref name="lower"/> is the lower-cased text the tokens index
    /// into. <paramref name="last"/> is the phrase's last token.
    /// </summary>
    public bool TryMatch((T Value, WordSlot[] Tail)[] candidates, Token[] tokens, int count, char[] lower, int i, out T? value, out int last)
    {
        value = null;
        last = i;
        foreach (var (candidate, rest) in candidates)
        {
            var k = i;
            var ok = true;
            foreach (var slot in rest)
            {
                if (Fits(tokens, count, lower, k + 1, slot))
                    k++;
                else if (slot.Optional)
                    continue;
                else if (Fits(tokens, count, lower, k + 1, articles) && Fits(tokens, count, lower, k + 2, slot))
                    k += 2;
                else
                {
                    ok = false;
                    break;
                }
            }
            if (ok)
            {
                value = candidate;
                last = k;
                return true;
            }
        }
        return false;
    }

    private static bool Fits(Token[] tokens, int count, char[] lower, int j, WordSlot slot)
    {
        if (j >= count)
            return false;
        var t = tokens[j];
        return t.Joined && t.Kind == TokenKind.Word && slot.Contains(lower.AsSpan(t.Start, t.Length));
    }
}

/// <summary>
/// Likely inflected forms of a base word, generated once when a word list loads. The rules over-generate on
/// purpose: a non-word form costs a dictionary entry and never matches, while a missed form is a missed finding.
/// </summary>
internal static class Inflections
{
    private static readonly Dictionary<string, string[]> SwedishIrregular = new(StringComparer.Ordinal)
    {
        ["vara"] = ["är", "var", "varit", "vore"],
        ["göra"] = ["gör", "gjorde", "gjort", "görs", "gjordes", "gjorts", "gjord", "gjorda"],
        ["ta"] = ["tar", "tog", "tagit", "tas", "togs", "tagits", "tagen", "taget", "tagna", "tagande"],
        ["ge"] = ["ger", "gav", "gett", "givit", "ges", "gavs", "getts", "givits", "given", "givet", "givna", "givande"],
        ["giva"] = ["ger", "gav", "givit", "ges", "gavs", "givits", "given", "givet", "givna"],
        ["få"] = ["får", "fick", "fått", "fås"],
        ["ha"] = ["har", "hade", "haft"],
        ["bli"] = ["blir", "blev", "blivit"],
        ["komma"] = ["kommer", "kom", "kommit"],
        ["hålla"] = ["håller", "höll", "hållit", "hålls", "hölls", "hållits", "hållen", "hållet", "hållna"],
        ["se"] = ["ser", "såg", "sett", "ses", "sågs", "setts"],
        ["dra"] = ["drar", "drog", "dragit", "dras", "drogs"],
        ["gå"] = ["går", "gick", "gått"],
        ["stå"] = ["står", "stod", "stått"],
        ["lägga"] = ["lägger", "lade", "la", "lagt", "läggs", "lades", "lagd", "lagda"],
        ["sätta"] = ["sätter", "satte", "satt", "sätts", "sattes", "satts"],
        ["bära"] = ["bär", "bar", "burit", "bärs", "bars"],
        ["finna"] = ["finner", "fann", "funnit"],
    };

    private static readonly Dictionary<string, string[]> DanishIrregular = new(StringComparer.Ordinal)
    {
        ["være"] = ["er", "var", "været"],
        ["gøre"] = ["gør", "gjorde", "gjort", "gøres", "gjordes"],
        ["tage"] = ["tager", "tog", "taget", "tages", "toges"],
        ["give"] = ["giver", "gav", "givet", "gives"],
        ["få"] = ["får", "fik", "fået", "fås"],
        ["have"] = ["har", "havde", "haft"],
        ["blive"] = ["bliver", "blev", "blevet"],
        ["komme"] = ["kommer", "kom", "kommet"],
        ["gå"] = ["går", "gik", "gået"],
        ["stå"] = ["står", "stod", "stået"],
        ["se"] = ["ser", "så", "set", "ses", "sås"],
        ["sætte"] = ["sætter", "satte", "sat", "sættes"],
        ["lægge"] = ["lægger", "lagde", "lagt", "lægges"],
        ["holde"] = ["holder", "holdt", "holdes"],
        ["drage"] = ["drager", "drog", "draget", "drages"],
        ["bringe"] = ["bringer", "bragte", "bragt", "bringes"],
        ["yde"] = ["yder", "ydede", "ydet", "ydes"],
        ["træffe"] = ["træffer", "traf", "truffet", "træffes"],
        ["føre"] = ["fører", "førte", "ført", "føres"],
    };

    private static readonly Dictionary<string, string[]> EnglishIrregular = new(StringComparer.Ordinal)
    {
        ["be"] = ["am", "is", "are", "was", "were", "been", "being"],
        ["make"] = ["makes", "made", "making"],
        ["take"] = ["takes", "took", "taken", "taking"],
        ["give"] = ["gives", "gave", "given", "giving"],
        ["have"] = ["has", "had", "having"],
        ["do"] = ["does", "did", "done", "doing"],
        ["drive"] = ["drives", "drove", "driven", "driving"],
        ["go"] = ["goes", "went", "gone", "going"],
        ["get"] = ["gets", "got", "gotten", "getting"],
        ["put"] = ["puts", "putting"],
        ["bring"] = ["brings", "brought", "bringing"],
        ["run"] = ["runs", "ran", "running"],
        ["set"] = ["sets", "setting"],
        ["hold"] = ["holds", "held", "holding"],
        ["seek"] = ["seeks", "sought", "seeking"],
    };

    public static string Code(TextLanguage language) => language switch
    {
        TextLanguage.Danish => "da",
        TextLanguage.English => "en",
        _ => "sv",
    };

    public static IReadOnlySet<string> Articles(TextLanguage language) => language switch
    {
        TextLanguage.Danish => DanishArticles,
        TextLanguage.English => EnglishArticles,
        _ => SwedishArticles,
    };

    private static readonly HashSet<string> SwedishArticles = new(["en", "ett"], StringComparer.Ordinal);
    private static readonly HashSet<string> DanishArticles = new(["en", "et"], StringComparer.Ordinal);
    private static readonly HashSet<string> EnglishArticles = new(["a", "an", "the"], StringComparer.Ordinal);

    /// <summary>The word itself and its likely inflected forms, all lower case.</summary>
    public static IEnumerable<string> Forms(string word, TextLanguage language)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal) { word };
        AddIrregular(forms, word, language switch
        {
            TextLanguage.Danish => DanishIrregular,
            TextLanguage.English => EnglishIrregular,
            _ => SwedishIrregular,
        });
        // Short function words ("ej", "i", "av") would collide with other words if inflected.
        if (word.Length <= 3)
        {
            if (language == TextLanguage.English && word.Length == 3)
                forms.Add(word + "s");
            return forms;
        }
        switch (language)
        {
            case TextLanguage.Swedish:
                Swedish(forms, word);
                break;
            case TextLanguage.Danish:
                Danish(forms, word);
                break;
            default:
                English(forms, word);
                break;
        }
        return forms;
    }

    /// <summary>Irregular verbs and their compounds: "vidta" takes the forms of "ta", "möjliggöra" those of "göra".</summary>
    private static void AddIrregular(HashSet<string> forms, string word, Dictionary<string, string[]> irregular)
    {
        foreach (var (lemma, lemmaForms) in irregular)
        {
            if (!word.EndsWith(lemma, StringComparison.Ordinal))
                continue;
            var prefix = word[..^lemma.Length];
            if (prefix.Length is 1)
                continue;
            foreach (var form in lemmaForms)
                forms.Add(prefix + form);
        }
    }

    private static void Swedish(HashSet<string> forms, string w)
    {
        string[] always = ["s", "a", "n", "ns", "en", "ens", "et", "ets", "er", "erna", "ernas", "ar", "arna", "arnas", "na", "t", "e", "are", "ast", "aste", "het", "heten"];
        foreach (var suffix in always)
            forms.Add(w + suffix);
        if (w.EndsWith('a'))
        {
            // Verbs in -a (first and second conjugation, strong participles) and nouns like "skola".
            var stem = w[..^1];
            string[] verb = ["ar", "ade", "ades", "at", "ats", "ad", "ande", "andet", "as", "or", "orna", "er", "de", "des", "t", "ts", "te", "tes", "d", "da", "s", "es", "it", "its", "en", "et", "na", "ing", "ingen", "ingar", "ingarna", "ingens", "ings", "ning", "ningen", "ningar", "ningarna"];
            foreach (var suffix in verb)
                forms.Add(stem + suffix);
            if (w.EndsWith("ra", StringComparison.Ordinal))
                forms.Add(stem);
        }
        else if (w.EndsWith('e'))
        {
            forms.Add(w + "r");
            forms.Add(w + "rna");
            forms.Add(w + "tt");
        }
        else if (w.EndsWith("el", StringComparison.Ordinal) || w.EndsWith("er", StringComparison.Ordinal))
        {
            // "regel" → "regler", "enkel" → "enkla".
            var stem = w[..^2] + w[^1];
            forms.Add(stem + "er");
            forms.Add(stem + "erna");
            forms.Add(stem + "a");
        }
    }

    private static void Danish(HashSet<string> forms, string w)
    {
        string[] always = ["s", "en", "ens", "et", "ets", "er", "erne", "ernes", "e", "t", "ne", "es", "hed", "heden"];
        foreach (var suffix in always)
            forms.Add(w + suffix);
        if (w.EndsWith('e'))
        {
            var stem = w[..^1];
            string[] verb = ["er", "ede", "edes", "et", "es", "en", "ende", "ing", "ingen", "inger", "ingerne", "ings", "t", "te", "tes", "r", "rne", "n", "ns", "s", "de", "des", "else", "elsen", "elser"];
            foreach (var suffix in verb)
                forms.Add(stem + suffix);
            forms.Add(w + "r");
            forms.Add(w + "n");
            forms.Add(w + "rne");
            forms.Add(w + "nde");
        }
        else if (w.EndsWith("et", StringComparison.Ordinal))
        {
            // Participles used as adjectives: "missionsdrevet" → "missionsdrevne".
            forms.Add(w[..^2] + "ne");
        }
    }

    private static void English(HashSet<string> forms, string w)
    {
        if (w.EndsWith('e'))
        {
            var stem = w[..^1];
            forms.Add(stem + "ing");
            forms.Add(stem + "ed");
            forms.Add(w + "d");
            forms.Add(w + "s");
            return;
        }
        if (w.EndsWith('y') && !"aeiou".Contains(w[^2], StringComparison.Ordinal))
        {
            var stem = w[..^1];
            forms.Add(stem + "ies");
            forms.Add(stem + "ied");
            forms.Add(w + "ing");
            return;
        }
        forms.Add(w + "s");
        forms.Add(w + "es");
        forms.Add(w + "ed");
        forms.Add(w + "ing");
        // "commit" → "committed": doubled final consonant.
        forms.Add(w + w[^1] + "ed");
        forms.Add(w + w[^1] + "ing");
    }
}
