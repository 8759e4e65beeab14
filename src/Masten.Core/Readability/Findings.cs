namespace Masten.Core.Readability;

/// <summary>How strongly a finding asks for a change.</summary>
public enum FindingSeverity
{
    /// <summary>Worth a look; often fine as it is.</summary>
    Hint,
    /// <summary>Usually makes the text harder to read; change it unless there is a reason.</summary>
    Warning,
}

/// <summary>The stable rule ids of <see cref="Finding.RuleId"/>; the web tier may key messages, filters and CSS on them.</summary>
public static class ReadabilityRules
{
    /// <summary>A sentence of <see cref="TextCheckOptions.LongSentenceWords"/> words or more (warning).</summary>
    public const string SentenceLong = "sentence.long";
    /// <summary>A sentence of <see cref="TextCheckOptions.LongishSentenceWords"/> words or more, below the long limit (hint).</summary>
    public const string SentenceLongish = "sentence.longish";
    /// <summary>A word of more than <see cref="TextCheckOptions.LongWordLetters"/> letters; never a URL, e-mail or number (hint).</summary>
    public const string WordLong = "word.long";
    /// <summary>A passive verb phrase (hint).</summary>
    public const string Passive = "passive";
    /// <summary>A noun made from a verb or adjective (-ning, -het, -tion, -ment, …) (hint).</summary>
    public const string Nominalisation = "nominalisation";
    /// <summary>A support-verb phrase with a plainer verb (hint); <see cref="Finding.Suggestion"/> holds the verb.</summary>
    public const string SupportVerb = "support-verb";
    /// <summary>An officialese word or phrase (warning); <see cref="Finding.Suggestion"/> holds the plain word.</summary>
    public const string Officialese = "officialese";
    /// <summary>Innovation or management jargon (hint); <see cref="Finding.Suggestion"/> holds a plainer word.</summary>
    public const string Jargon = "jargon";
    /// <summary>A glossary term used without its explanation in the text (warning); <see cref="Finding.Suggestion"/> holds the explanation.</summary>
    public const string GlossaryUnexplained = "glossary.unexplained";

    public static IReadOnlyList<string> All { get; } =
        [SentenceLong, SentenceLongish, WordLong, Passive, Nominalisation, SupportVerb, Officialese, Jargon, GlossaryUnexplained];
}

/// <summary>
/// One finding. <see cref="Start"/> and <see cref="Length"/> are UTF-16 indices into the text given to
/// <see cref="TextChecker.Check"/>; <see cref="Text"/> is that excerpt. <see cref="Suggestion"/> is a plainer
/// alternative in the text's language, when the rule has one. <see cref="Count"/> is the number of words
/// (sentence rules) or letters (<c>word.long</c>), otherwise 0.
/// </summary>
public sealed record Finding(string RuleId, FindingSeverity Severity, int Start, int Length, string Text, string? Suggestion, int Count)
{
    /// <summary>The message in the reader's language; see <see cref="ReadabilityText.Message"/>.</summary>
    public string Message(TextLanguage uiLanguage) => ReadabilityText.Message(this, uiLanguage);
}

/// <summary>What the word-level rules found about one distinct word (see <see cref="GrammarRules.Classify"/>).</summary>
[Flags]
internal enum WordFlags
{
    None = 0,
    Modal = 1,
    Auxiliary = 2,
    Adverb = 4,
    PassiveAfterModal = 8,
    PassiveAlone = 16,
    Participle = 32,
    Nominalisation = 64,
}

/// <summary>
/// Word-level rules of one language: passive voice and nominalisations. Heuristics over lower-case tokens; they
/// aim to be right most of the time and gentle when wrong (hints, not errors).
/// </summary>
internal sealed class GrammarRules
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> modals;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> adverbs;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> notPassive;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> participleAuxiliaries;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> notParticiples;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> irregularParticiples;
    private readonly string modalPassiveEnding;
    private readonly string[] passiveEndings;
    private readonly string[] participleEndings;
    private readonly (string Ending, string Base)[] nominalEndings;
    private readonly string[] notNominalisations;

    private GrammarRules(
        string[] modals, string[] adverbs, string[] notPassive, string modalPassiveEnding, string[] passiveEndings,
        string[] participleAuxiliaries, string[] participleEndings, string[] irregularParticiples, string[] notParticiples,
        (string Base, string[] Endings)[] nominalFamilies, string[] notNominalisations)
    {
        this.modals = Set(modals);
        this.adverbs = Set(adverbs);
        this.notPassive = Set(notPassive);
        this.modalPassiveEnding = modalPassiveEnding;
        this.passiveEndings = passiveEndings;
        this.participleAuxiliaries = Set(participleAuxiliaries);
        this.participleEndings = participleEndings;
        this.irregularParticiples = Set(irregularParticiples);
        this.notParticiples = Set(notParticiples);
        nominalEndings = nominalFamilies
            .SelectMany(f => f.Endings.Select(e => (Ending: e, f.Base)))
            .OrderByDescending(e => e.Ending.Length)
            .ToArray();
        this.notNominalisations = notNominalisations;
    }

    /// <summary>Shortest word, in letters, that the nominalisation hint considers.</summary>
    public const int NominalisationMinLetters = 8;

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(string[] words) =>
        new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static GrammarRules For(TextLanguage language) => language switch
    {
        TextLanguage.Danish => Danish,
        TextLanguage.English => English,
        _ => Swedish,
    };

    // Swedish: "ska genomföras", "kommer att beslutas", "ändrades", "har prioriterats", "blev godkänd".
    // Deponent verbs end in -s without being passive ("hoppas", "finns", "lyckades") and are listed with
    // common non-verbs in -s that can follow a modal ("får plats").
    private static readonly GrammarRules Swedish = new(
        modals: ["ska", "skall", "kan", "kunde", "måste", "bör", "borde", "får", "fick", "skulle", "behöver", "behövde", "torde", "lär", "vill", "ville", "brukar", "kommer"],
        adverbs: ["inte", "också", "även", "alltid", "därför", "sedan", "nu", "snart", "då", "ofta", "redan", "aldrig", "ej", "icke", "helst", "gärna", "bara", "endast", "först", "dock", "nog", "troligen", "sannolikt", "att", "heller", "fortfarande", "ytterligare"],
        notPassive: ["hoppas", "hoppades", "hoppats", "finnas", "finns", "fanns", "funnits", "lyckas", "lyckades", "lyckats",
            "trivas", "trivs", "trivdes", "trivts", "minnas", "minns", "mindes", "mints", "andas", "andades", "andats",
            "synas", "syns", "syntes", "synts", "umgås", "umgicks", "umgåtts", "kännas", "känns", "kändes", "känts",
            "låtsas", "låtsades", "brottas", "hämnas", "kräkas", "slåss", "svettas", "åldras", "åldrades", "envisas",
            "skämmas", "skäms", "skämdes", "saknas", "saknades", "saknats", "behövas", "behövs", "behövdes",
            "tyckas", "tycks", "tycktes", "vistas", "vistades", "samsas", "enas", "enades", "träffas", "träffades",
            "mötas", "möts", "möttes", "märkas", "märks", "märktes", "kramas", "väsnas", "nöjas", "nöjdes", "töras",
            "plats", "hans", "hennes", "dess", "deras", "vars", "oss", "hos", "plus", "minus", "status", "process",
            "fokus", "kurs", "mars", "ens", "alls", "annars", "längs", "tills", "genus", "campus", "virus", "bonus",
            "buss", "kongress", "stress", "adress", "press", "ingens", "allas", "mellanrum", "uppdrags", "hälsans"],
        modalPassiveEnding: "s",
        passiveEndings: ["ades", "ats", "des", "eras", "förs", "görs"],
        participleAuxiliaries: ["bli", "blir", "blev", "blivit", "bliva", "blivande"],
        participleEndings: ["ad", "ade", "at", "ats", "d", "da", "dd", "dda", "t", "tt", "en", "et", "na"],
        irregularParticiples: [],
        notParticiples: ["bättre", "sämre", "större", "mindre", "färre", "fler", "mer", "klart", "klar", "kvar", "stort", "svårt",
            "lätt", "bra", "glad", "rädd", "trött", "mätt", "sjuk", "arg", "hemma", "borta", "kvitt", "sant", "fast", "dyrt",
            "kallt", "varmt", "hett", "mörkt", "ljust", "tyst", "rätt", "fel", "slut", "färdig", "en", "ett", "den", "det",
            "de", "av", "till", "att", "med", "så", "mycket", "bäst", "sist", "först", "vuxen", "vuxna", "öppen", "öppet",
            "öppna", "mogen", "moget", "egen", "eget", "sen", "sent", "ren", "rent", "liten", "litet", "nöjd", "nöjda",
            "ensam", "kvitt", "vän", "vänner", "del", "utan", "just", "helt", "lite", "mest", "allt", "något", "inget",
            "ledsen", "trygg", "tryggt", "trygga", "svag", "stark", "starkt", "hållbart", "effektivt", "tydligt", "mindre"],
        nominalFamilies:
        [
            ("ning", ["ning", "ningen", "ningens", "ningar", "ningarna", "ningars", "nings"]),
            ("ering", ["ering", "eringen", "eringens", "eringar", "eringarna", "erings"]),
            ("else", ["else", "elsen", "elsens", "elser", "elserna", "elses"]),
            ("het", ["het", "heten", "hetens", "heter", "heterna", "hets"]),
            ("tion", ["tion", "tionen", "tionens", "tioner", "tionerna", "tions"]),
        ],
        notNominalisations: ["tidning", "ledning", "mening", "regering", "ordning", "utbildning", "sanning", "näring", "enhet",
            "frihet", "nation", "station", "tradition", "lektion", "funktion", "information", "organisation", "styrelse",
            "händelse", "rörelse", "varelse", "verksamhet", "myndighet", "möjlighet", "kommunikation", "position",
            "portion", "generation", "region", "avdelning", "förening", "byggnation", "kvinna", "mission", "kommission",
            "forskning", "innovation", "lösning", "omgivning", "tävling"]);

    // Danish: "skal behandles", "kan ses", "implementeres", "blev godkendt". "Synes", "findes", "lykkes" are deponents.
    private static readonly GrammarRules Danish = new(
        modals: ["skal", "kan", "må", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville", "behøver"],
        adverbs: ["ikke", "også", "altid", "derfor", "nu", "snart", "ofte", "allerede", "aldrig", "gerne", "kun", "først", "dog", "nok", "sandsynligvis", "heller", "stadig", "yderligere"],
        notPassive: ["synes", "syntes", "findes", "fandtes", "lykkes", "lykkedes", "mødes", "mødtes", "trives", "trivedes",
            "længes", "længtes", "mindes", "mindedes", "enes", "skændes", "slås", "færdes", "følges", "omgås", "samles",
            "skilles", "gives", "kædes", "hendes", "deres", "jeres", "des", "mens", "tres", "halvtres", "alles", "ingens",
            "nogens", "andres", "ens", "hinandens", "hos", "status", "proces", "fokus", "kursus", "ses"],
        modalPassiveEnding: "es",
        passiveEndings: ["eres", "føres", "gøres"],
        participleAuxiliaries: ["blive", "bliver", "blev", "blevet"],
        participleEndings: ["et", "t", "en", "ede"],
        irregularParticiples: [],
        notParticiples: ["bedre", "værre", "større", "mindre", "flere", "mere", "klar", "klart", "let", "svært", "stort", "godt",
            "glad", "træt", "syg", "vred", "færdig", "voksen", "voksent", "åben", "åbent", "egen", "eget", "sent", "rent",
            "lille", "nødt", "til", "en", "et", "den", "det", "af", "at", "med", "så", "meget", "bedst", "sidst", "først",
            "ved", "stille", "helt", "ondt", "tryg", "trygt", "stærkt", "bæredygtigt", "effektivt", "tydeligt", "mest", "alt"],
        nominalFamilies:
        [
            ("ning", ["ning", "ningen", "ningens", "ninger", "ningerne", "nings"]),
            ("ering", ["ering", "eringen", "eringens", "eringer", "eringerne"]),
            ("else", ["else", "elsen", "elsens", "elser", "elserne", "elses"]),
            ("hed", ["hed", "heden", "hedens", "heder", "hederne", "heds"]),
            ("tion", ["tion", "tionen", "tionens", "tioner", "tionerne"]),
        ],
        notNominalisations: ["regning", "mening", "ledning", "regering", "ordning", "uddannelse", "enhed", "frihed", "nation",
            "station", "tradition", "information", "organisation", "virksomhed", "myndighed", "mulighed", "sandhed",
            "bevægelse", "begivenhed", "hændelse", "bestyrelse", "generation", "region", "funktion", "position", "afdeling",
            "forening", "mission", "kommission", "forskning", "innovation", "løsning"]);

    // English: a form of "be" + past participle ("is decided", "was being reviewed", "has been made").
    private static readonly GrammarRules English = new(
        modals: [],
        adverbs: ["not", "also", "often", "always", "already", "never", "usually", "then", "now", "still", "being", "just", "only",
            "fully", "currently", "widely", "generally", "typically", "rarely", "sometimes", "been", "be", "further", "jointly"],
        notPassive: [],
        modalPassiveEnding: "",
        passiveEndings: [],
        participleAuxiliaries: ["am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"],
        participleEndings: ["ed"],
        irregularParticiples: ["done", "made", "given", "taken", "seen", "written", "known", "shown", "built", "sent", "held",
            "kept", "found", "brought", "bought", "thought", "told", "sold", "paid", "put", "set", "begun", "chosen",
            "driven", "drawn", "grown", "spoken", "stolen", "broken", "forgotten", "hidden", "led", "left", "lost", "meant",
            "met", "said", "spent", "understood", "won", "cut", "hit", "hurt", "shut", "spread", "undertaken", "withdrawn",
            "overseen", "eaten", "forgiven", "frozen", "gotten", "laid", "lent", "proven", "shaken", "sworn", "thrown",
            "torn", "worn", "bound", "caught", "dealt", "fed", "fought", "heard", "taught", "sought", "struck", "run", "read"],
        notParticiples: ["need", "speed", "seed", "feed", "bed", "red", "shed", "indeed", "hundred", "naked", "wicked", "sacred",
            "kindred", "rugged", "ragged", "beloved", "aged", "embed", "proceed", "succeed", "exceed", "breed", "greed", "weed",
            "deed", "steed", "shred", "sled", "wed", "fled", "bled", "led"],
        nominalFamilies:
        [
            ("tion", ["tion", "tions"]),
            ("sion", ["sion", "sions"]),
            ("ment", ["ment", "ments"]),
            ("ness", ["ness", "nesses"]),
            ("ance", ["ance", "ances"]),
        ],
        notNominalisations: ["nation", "station", "question", "mention", "position", "portion", "tradition", "information",
            "organisation", "organization", "government", "moment", "comment", "environment", "department", "element",
            "document", "apartment", "business", "attention", "condition", "section", "fiction", "version", "session",
            "mission", "commission", "vision", "television", "division", "pension", "tension", "dimension", "occasion",
            "balance", "distance", "finance", "instance", "chance", "substance", "generation", "region", "function",
            "parliament", "instrument", "percent", "equipment", "population", "institution", "education", "foundation",
            "innovation", "solution"]);

    /// <summary>
    /// What the word-level rules need to know about one distinct word; computed once per word per check, so a
    /// word that recurs costs one dictionary lookup.
    /// </summary>
    public WordFlags Classify(ReadOnlySpan<char> word, TokenKind kind, int letters)
    {
        if (kind != TokenKind.Word)
            return WordFlags.None;
        var flags = WordFlags.None;
        if (modals.Contains(word))
            flags |= WordFlags.Modal;
        if (participleAuxiliaries.Contains(word))
            flags |= WordFlags.Auxiliary;
        if (adverbs.Contains(word))
            flags |= WordFlags.Adverb;
        var notPassiveWord = notPassive.Contains(word);
        if (modalPassiveEnding.Length > 0 && word.Length > modalPassiveEnding.Length + 1 && word.EndsWith(modalPassiveEnding, StringComparison.Ordinal) && !notPassiveWord)
            flags |= WordFlags.PassiveAfterModal;
        // "plats", "insats", "ansats" end in -ats without being verbs.
        if (letters >= 6 && !notPassiveWord && !word.EndsWith("plats", StringComparison.Ordinal) && !word.EndsWith("sats", StringComparison.Ordinal))
        {
            foreach (var ending in passiveEndings)
            {
                if (word.EndsWith(ending, StringComparison.Ordinal) && (ending != "des" || (letters >= 7 && !IsVowel(word[^4]))))
                {
                    flags |= WordFlags.PassiveAlone;
                    break;
                }
            }
        }
        if (IsParticiple(word))
            flags |= WordFlags.Participle;
        if (IsNominalisation(word, letters))
            flags |= WordFlags.Nominalisation;
        return flags;
    }

    /// <summary>
    /// Whether a passive phrase starts at token <paramref name="i"/>; <paramref name="last"/> is its last token.
    /// Three patterns: modal (+ adverbs) + verb in the passive ending (sv -s, da -es); a word with a passive
    /// ending on its own (sv -ades/-ats/-des, da -eres); an auxiliary (bli, blive, be) + participle.
    /// </summary>
    public static bool IsPassive(Token[] tokens, WordFlags[] flags, int count, int i, out int last)
    {
        last = i;
        var f = flags[i];
        if ((f & WordFlags.Modal) != 0)
        {
            var k = NextContentWord(tokens, flags, count, i);
            if (k > 0 && (flags[k] & WordFlags.PassiveAfterModal) != 0)
            {
                last = k;
                return true;
            }
            return false;
        }
        if ((f & WordFlags.Auxiliary) != 0)
        {
            var k = NextContentWord(tokens, flags, count, i);
            if (k > 0 && (flags[k] & WordFlags.Participle) != 0)
            {
                last = k;
                return true;
            }
            return false;
        }
        return (f & WordFlags.PassiveAlone) != 0;
    }

    private bool IsParticiple(ReadOnlySpan<char> word)
    {
        if (irregularParticiples.Contains(word))
            return true;
        if (word.Length < 4 || notParticiples.Contains(word) || word.EndsWith("igt", StringComparison.Ordinal) || word.EndsWith("re", StringComparison.Ordinal))
            return false;
        foreach (var ending in participleEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>The next word in the same sentence after skipping up to two adverbs (and "att" after "kommer"), or -1.</summary>
    private static int NextContentWord(Token[] tokens, WordFlags[] flags, int count, int i)
    {
        for (var k = i + 1; k < count && k <= i + 3; k++)
        {
            if (!tokens[k].Joined || tokens[k].Kind != TokenKind.Word)
                return -1;
            if ((flags[k] & WordFlags.Adverb) == 0)
                return k;
        }
        return -1;
    }

    /// <summary>
    /// Whether the word is a nominalisation: at least <see cref="NominalisationMinLetters"/> letters, a
    /// nominal ending, and not a common noun on the stop list (compounds such as "dagstidning" included).
    /// </summary>
    public bool IsNominalisation(ReadOnlySpan<char> word, int letters)
    {
        // The base form is built on the stack; no real word is longer than 100 characters.
        if (letters < NominalisationMinLetters || word.Length > 100)
            return false;
        foreach (var (ending, stem) in nominalEndings)
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal))
                continue;
            Span<char> baseForm = stackalloc char[word.Length - ending.Length + stem.Length];
            word[..^ending.Length].CopyTo(baseForm);
            stem.CopyTo(baseForm[(word.Length - ending.Length)..]);
            foreach (var stop in notNominalisations)
            {
                if (((ReadOnlySpan<char>)baseForm).EndsWith(stop, StringComparison.Ordinal))
                    return false;
            }
            return true;
        }
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'å' or 'ä' or 'ö';
}
