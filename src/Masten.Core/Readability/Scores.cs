namespace Masten.Core.Readability;

/// <summary>Which readability measure a <see cref="ReadabilityScore"/> holds.</summary>
public enum ScoreKind
{
    /// <summary>Läsbarhetsindex (Björnsson): W/S + 100·L/W. Swedish and Danish.</summary>
    Lix,
    /// <summary>Anderson's RIX: long words per period (L/S). Swedish and Danish.</summary>
    Rix,
    /// <summary>Ordvariationsindex: log N / log(2 − log T / log N). Swedish and Danish.</summary>
    Ovix,
    /// <summary>Flesch Reading Ease: 206.835 − 1.015·W/S − 84.6·Sy/W. English.</summary>
    FleschReadingEase,
    /// <summary>Flesch–Kincaid grade level: 0.39·W/S + 11.8·Sy/W − 15.59 (US school grade). English.</summary>
    FleschKincaidGrade,
}

/// <summary>
/// How hard a score says the text is, from easiest to hardest. LIX uses the five bands of its language's scale
/// (<see cref="VeryEasy"/>, <see cref="Easy"/>, <see cref="Medium"/>, <see cref="Difficult"/>, <see cref="VeryDifficult"/>);
/// Flesch Reading Ease uses seven (adding <see cref="FairlyEasy"/> and <see cref="FairlyDifficult"/>, with
/// <see cref="Medium"/> as "standard").
/// </summary>
public enum Band
{
    VeryEasy,
    Easy,
    FairlyEasy,
    Medium,
    FairlyDifficult,
    Difficult,
    VeryDifficult,
}

/// <summary>
/// One score. <see cref="Value"/> is unrounded; <see cref="Band"/> is null for measures without an agreed scale
/// (RIX, OVIX, Flesch–Kincaid grade). Use <see cref="Label"/> to show the band in the reader's language.
/// </summary>
public sealed record ReadabilityScore(ScoreKind Kind, double Value, Band? Band)
{
    /// <summary>The band's label in <paramref name="uiLanguage"/> (e.g. "medelsvår", "middel", "fairly difficult"), or null without a band.</summary>
    public string? Label(TextLanguage uiLanguage) => Band is { } band ? ReadabilityText.BandLabel(Kind, band, uiLanguage) : null;
}

/// <summary>
/// The readability formulas on plain counts, so they can be checked apart from the tokenizer. Each returns null
/// when the measure is not defined for the counts (no words, no sentences, or OVIX with no repeated token).
/// </summary>
public static class ReadabilityFormulas
{
    /// <summary>Letters a word needs, more than, to be a long word for LIX and RIX.</summary>
    public const int LixLongWordLetters = 6;

    /// <summary>
    /// Words a text needs before its headline score (LIX, or Flesch for English) means anything: 30. The scores
    /// average over sentences and words, so one short sentence or a title swings them wildly ("Renare luft" has a
    /// LIX of 52). Shorter texts keep their word-level findings but show no score (<see cref="TextCheckResult.TooShortForScore"/>).
    /// </summary>
    public const int MinWordsForScore = 30;

    /// <summary>
    /// LIX = W/S + 100·L/W, where W is words, S periods (sentences) and L words of more than six letters.
    /// Typical range 15–70: under 30 very easy, over 60 very hard.
    /// </summary>
    public static double? Lix(int words, int sentences, int longWords) =>
        words > 0 && sentences > 0 ? (double)words / sentences + 100.0 * longWords / words : null;

    /// <summary>RIX = L/S: words of more than six letters per period. Typical range 0.5–7.</summary>
    public static double? Rix(int longWords, int sentences) =>
        sentences > 0 ? (double)longWords / sentences : null;

    /// <summary>
    /// OVIX = log N / log(2 − log T / log N), N tokens and T distinct tokens (case-insensitive). Higher means more
    /// varied vocabulary; typical prose lies between 40 and 70. Not defined (null) when N &lt; 2 or T = N: the
    /// denominator is log 1 = 0. The base of the logarithm cancels out.
    /// </summary>
    public static double? Ovix(int tokens, int distinctTokens)
    {
        if (tokens < 2 || distinctTokens <= 0 || distinctTokens >= tokens)
            return null;
        var value = Math.Log(tokens) / Math.Log(2 - Math.Log(distinctTokens) / Math.Log(tokens));
        return double.IsFinite(value) ? value : null;
    }

    /// <summary>
    /// Flesch Reading Ease = 206.835 − 1.015·W/S − 84.6·Sy/W. Nominally 0–100 (higher is easier) but not clamped:
    /// a text of one-syllable one-word sentences scores above 100 and dense prose below 0.
    /// </summary>
    public static double? FleschReadingEase(int words, int sentences, int syllables) =>
        words > 0 && sentences > 0 ? 206.835 - 1.015 * words / sentences - 84.6 * syllables / words : null;

    /// <summary>Flesch–Kincaid grade = 0.39·W/S + 11.8·Sy/W − 15.59, a US school grade; below 0 for very simple text.</summary>
    public static double? FleschKincaidGrade(int words, int sentences, int syllables) =>
        words > 0 && sentences > 0 ? 0.39 * words / sentences + 11.8 * syllables / words - 15.59 : null;

    /// <summary>
    /// The LIX band. Swedish scale (lix.se): under 30 very easy, 30–40 easy, 40–50 medium, 50–60 difficult (normal
    /// for official texts), over 60 very difficult; a value on a boundary goes to the upper band except 60, which is
    /// still "difficult". Danish scale: up to 24 very easy, 25–34 easy, 35–44 medium, 45–54 difficult, 55 and over
    /// very difficult; fractions round down (24.9 is very easy). English texts use the Swedish scale.
    /// </summary>
    public static Band LixBand(double lix, TextLanguage language)
    {
        if (language == TextLanguage.Danish)
        {
            return lix switch
            {
                < 25 => Band.VeryEasy,
                < 35 => Band.Easy,
                < 45 => Band.Medium,
                < 55 => Band.Difficult,
                _ => Band.VeryDifficult,
            };
        }
        return lix switch
        {
            < 30 => Band.VeryEasy,
            < 40 => Band.Easy,
            < 50 => Band.Medium,
            <= 60 => Band.Difficult,
            _ => Band.VeryDifficult,
        };
    }

    /// <summary>
    /// The Flesch Reading Ease band: 90 and over very easy, 80–89 easy, 70–79 fairly easy, 60–69 standard
    /// (<see cref="Band.Medium"/>), 50–59 fairly difficult, 30–49 difficult, under 30 very confusing
    /// (<see cref="Band.VeryDifficult"/>).
    /// </summary>
    public static Band FleschBand(double readingEase) => readingEase switch
    {
        >= 90 => Band.VeryEasy,
        >= 80 => Band.Easy,
        >= 70 => Band.FairlyEasy,
        >= 60 => Band.Medium,
        >= 50 => Band.FairlyDifficult,
        >= 30 => Band.Difficult,
        _ => Band.VeryDifficult,
    };

    /// <summary>
    /// English syllables by a spelling heuristic, at least 1 for any word with a letter:
    /// count groups of vowels (a e i o u, and y when not first); then drop a silent final <c>e</c> (<c>time</c>,
    /// <c>sentence</c>) unless it follows a vowel or ends a consonant + <c>le</c> (<c>table</c>); drop the <c>e</c> of
    /// a final <c>-ed</c> unless after <c>t</c>/<c>d</c> (<c>jumped</c> 1, <c>complicated</c> 4); drop the <c>e</c> of
    /// a final <c>-es</c> unless after s, x, z, c, g or h (<c>makes</c> 1, <c>places</c> 2). Non-letters split groups.
    /// Exact for common words; about 90 % of dictionary words.
    /// </summary>
    public static int CountSyllables(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[Math.Min(word.Length, 64)];
        var length = 0;
        var hasLetter = false;
        foreach (var ch in word)
        {
            if (length == buffer.Length)
                break;
            if (char.IsLetter(ch))
            {
                buffer[length++] = char.ToLowerInvariant(ch);
                hasLetter = true;
            }
            else
            {
                buffer[length++] = ' ';
            }
        }
        if (!hasLetter)
            return 0;
        var w = buffer[..length].Trim(' ');
        var groups = 0;
        var inGroup = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowel(w[i]) || (w[i] == 'y' && i > 0 && w[i - 1] != ' ');
            if (vowel && !inGroup)
                groups++;
            inGroup = vowel;
        }
        var n = w.Length;
        if (groups > 1 && n >= 3 && w[n - 1] == 'e' && !IsVowel(w[n - 2]) && !(w[n - 2] == 'l' && !IsVowel(w[n - 3])))
            groups--;
        else if (groups > 1 && n >= 4 && w[n - 1] == 'd' && w[n - 2] == 'e' && !IsVowel(w[n - 3]) && w[n - 3] is not ('t' or 'd'))
            groups--;
        else if (groups > 1 && n >= 4 && w[n - 1] == 's' && w[n - 2] == 'e' && !IsVowel(w[n - 3]) && w[n - 3] is not ('s' or 'x' or 'z' or 'c' or 'g' or 'h'))
            groups--;
        return Math.Max(groups, 1);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'é' or 'æ' or 'ø' or 'å' or 'ä' or 'ö';
}
