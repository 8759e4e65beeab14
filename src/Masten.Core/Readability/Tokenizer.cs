using System.Buffers;
using System.Globalization;
using System.Text;

namespace Masten.Core.Readability;

/// <summary>The language a text is written in, or the language of the user interface that shows a result.</summary>
public enum TextLanguage
{
    /// <summary>Swedish (sv).</summary>
    Swedish,
    /// <summary>Danish (da).</summary>
    Danish,
    /// <summary>English (en).</summary>
    English,
}

/// <summary>What a token is; only <see cref="Word"/> tokens can be long words.</summary>
public enum TokenKind : byte
{
    /// <summary>Letters and digits, possibly joined by hyphens, apostrophes or a colon (<c>e-post</c>, <c>don't</c>, <c>FN:s</c>).</summary>
    Word,
    /// <summary>Digits with inner separators: <c>3,5</c>, <c>14.30</c>, <c>1.000.000</c>, <c>08:30</c>.</summary>
    Number,
    /// <summary>A known abbreviation with its periods (<c>t.ex.</c>, <c>f.eks.</c>); its period never ends a sentence.</summary>
    Abbreviation,
    /// <summary>A web address (<c>https://…</c>, <c>www.…</c>, <c>masten.se</c>).</summary>
    Url,
    /// <summary>An e-mail address.</summary>
    Email,
}

/// <summary>A span of UTF-16 code units in the text given to <see cref="Tokenizer"/> or <see cref="TextChecker"/>.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Index just past the span.</summary>
    public int End => Start + Length;
}

/// <summary>
/// One token. <see cref="Start"/> and <see cref="Length"/> are UTF-16 indices into the original text;
/// <see cref="Letters"/> counts Unicode letters (a surrogate pair is one letter, digits and hyphens are none).
/// </summary>
public readonly record struct TextToken(int Start, int Length, TokenKind Kind, int Letters);

/// <summary>The result of <see cref="Tokenizer.Tokenize"/>. All spans refer to the original text.</summary>
public sealed class TokenizedText
{
    internal TokenizedText(string normalizedText, IReadOnlyList<TextToken> tokens, IReadOnlyList<TextSpan> sentences, int periods)
    {
        NormalizedText = normalizedText;
        Tokens = tokens;
        Sentences = sentences;
        Periods = periods;
    }

    /// <summary>The text in Unicode normalisation form C; the same instance as the input when it already was NFC.</summary>
    public string NormalizedText { get; }

    public IReadOnlyList<TextToken> Tokens { get; }

    /// <summary>Sentences as spans from the first token to the end of the closing punctuation.</summary>
    public IReadOnlyList<TextSpan> Sentences { get; }

    /// <summary>
    /// Periods for LIX and RIX: sentences, plus one for every colon followed by white space that has words on
    /// both sides, when that option is on.
    /// </summary>
    public int Periods { get; }
}

/// <summary>A token in normalised-text coordinates, as the checker uses it.</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public int Letters;
    public int Sentence;
    public TokenKind Kind;
    /// <summary>Only white space (line breaks included) lies between the previous token and this one, in one sentence.</summary>
    public bool Joined;

    public readonly int End => Start + Length;
}

internal struct Sentence
{
    public int Start;
    public int End;
    public int FirstToken;
    public int TokenCount;
}

/// <summary>
/// Tokens and sentences of one text, in the coordinates of <see cref="Text"/> (NFC). The arrays are rented from
/// the shared pool (a check of a large text would otherwise put tens of megabytes on the large-object heap each
/// call); dispose the stream when done and do not let the arrays escape.
/// </summary>
internal sealed class TokenStream : IDisposable
{
    public required string Text { get; init; }
    /// <summary>
    /// <see cref="Text"/> lower-cased (invariant, one UTF-16 unit for one) inside tokens; undefined elsewhere.
    /// Filled while scanning, which is cheaper than a second pass over the whole text.
    /// </summary>
    public required char[] Lower { get; init; }
    /// <summary>Normalised index to original index, one longer than <see cref="Text"/>; null when the input was already NFC.</summary>
    public int[]? Map { get; init; }
    public required Token[] Tokens { get; init; }
    public required int TokenCount { get; init; }
    public required Sentence[] Sentences { get; init; }
    public required int SentenceCount { get; init; }
    public required int Periods { get; init; }

    public void Dispose()
    {
        ArrayPool<Token>.Shared.Return(Tokens);
        ArrayPool<Sentence>.Shared.Return(Sentences);
        ArrayPool<char>.Shared.Return(Lower);
    }

    public TextSpan ToOriginal(int start, int length)
    {
        if (Map is null)
            return new TextSpan(start, length);
        var s = Map[start];
        return new TextSpan(s, Map[start + length] - s);
    }
}

/// <summary>
/// Splits Swedish, Danish and English text into words and sentences in one pass, without regular expressions.
/// </summary>
/// <remarks>
/// <para>The text is first brought to Unicode NFC so that a decomposed "a + ring" is the letter å; every span the
/// tokenizer returns is mapped back to the original text's UTF-16 indices.</para>
/// <para>Words are letters and digits joined by a hyphen, an apostrophe or a colon followed by a letter
/// (<c>FN:s</c>, <c>S:t</c>). Numbers (<c>3,5</c>, <c>14.30</c>), URLs and e-mail addresses are one token each.</para>
/// <para>A sentence ends at <c>.</c> <c>!</c> <c>?</c> <c>…</c>, at a blank line, at the end of a heading line and before
/// a line that starts a heading (<c>#</c>) or a list item (<c>-</c>, <c>*</c>, <c>•</c>, <c>1.</c>, <c>1)</c>). A period does
/// not end a sentence after a known abbreviation (<c>t.ex.</c>, <c>f.eks.</c>, …), nor after a number when the next
/// word starts with a lower-case letter or a digit (<c>5. juni</c>, <c>13.4. kl. 10</c>). List-closing abbreviations
/// (<c>osv.</c>, <c>m.m.</c>, <c>etc.</c>) end the sentence when the next word starts with a capital.</para>
/// </remarks>
public static class Tokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>; spans refer to <paramref name="text"/>, not to its normalised form.</summary>
    /// <param name="text">Any text; null is not allowed, empty gives no tokens.</param>
    /// <param name="language">Selects the abbreviation list.</param>
    /// <param name="colonEndsPeriod">Count a colon followed by white space as the end of a LIX period.</param>
    public static TokenizedText Tokenize(string text, TextLanguage language, bool colonEndsPeriod = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = Scan(text, language, colonEndsPeriod);
        var tokens = new TextToken[stream.TokenCount];
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = stream.Tokens[i];
            var span = stream.ToOriginal(t.Start, t.Length);
            tokens[i] = new TextToken(span.Start, span.Length, t.Kind, t.Letters);
        }
        var sentences = new TextSpan[stream.SentenceCount];
        for (var i = 0; i < sentences.Length; i++)
        {
            var s = stream.Sentences[i];
            sentences[i] = stream.ToOriginal(s.Start, s.End - s.Start);
        }
        return new TokenizedText(stream.Text, tokens, sentences, stream.Periods);
    }

    internal static TokenStream Scan(string original, TextLanguage language, bool colonEndsPeriod)
    {
        var (text, map) = Normalize(original);
        var scanner = new Scanner(text, Abbreviations.For(language), colonEndsPeriod);
        scanner.Run();
        return new TokenStream
        {
            Text = text,
            Lower = scanner.Lower,
            Map = map,
            Tokens = scanner.Tokens,
            TokenCount = scanner.TokenCount,
            Sentences = scanner.Sentences,
            SentenceCount = scanner.SentenceCount,
            Periods = scanner.Periods,
        };
    }

    /// <summary>
    /// NFC with a map back to the original. Composition only joins a character with the combining marks that follow
    /// it, so each base character and its marks are normalised on their own and every resulting character maps to
    /// the base's original index. (Hangul jamo sequences are left decomposed; they do not occur in sv, da or en.)
    /// </summary>
    private static (string Text, int[]? Map) Normalize(string text)
    {
        // Below U+0300 (Latin, no combining marks) every text is NFC; that vectorised scan spares ICU most calls.
        if (!text.AsSpan().ContainsAnyInRange('\u0300', '\uffff') || text.IsNormalized(NormalizationForm.FormC))
            return (text, null);
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        var i = 0;
        while (i < text.Length)
        {
            var j = i + (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1);
            while (j < text.Length && IsMark(text, j, out var width))
                j += width;
            var segment = text.Substring(i, j - i);
            if (segment.Length == 1 || segment.IsNormalized(NormalizationForm.FormC))
            {
                sb.Append(segment);
                for (var k = i; k < j; k++)
                    map.Add(k);
            }
            else
            {
                var composed = segment.Normalize(NormalizationForm.FormC);
                sb.Append(composed);
                for (var k = 0; k < composed.Length; k++)
                    map.Add(i);
            }
            i = j;
        }
        map.Add(text.Length);
        return (sb.ToString(), map.ToArray());
    }

    private static bool IsMark(string text, int i, out int width)
    {
        width = 1;
        UnicodeCategory category;
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]));
        }
        else
        {
            category = CharUnicodeInfo.GetUnicodeCategory(text[i]);
        }
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    /// <summary>Width in UTF-16 units of the letter at <paramref name="i"/>, or 0 when it is not a letter.</summary>
    internal static int LetterWidth(string text, int i)
    {
        var c = text[i];
        if (c < 128)
            return char.IsAsciiLetter(c) ? 1 : 0;
        if (char.IsHighSurrogate(c))
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && Rune.IsLetter(new Rune(c, text[i + 1])) ? 2 : 0;
        return char.IsLetter(c) ? 1 : 0;
    }

    private static bool IsLetterOrDigitAt(string text, int i) =>
        i < text.Length && (char.IsAsciiDigit(text[i]) || LetterWidth(text, i) > 0);

    /// <summary>
    /// Invariant lower case; Latin-1 capitals (À–Þ, so Å Ä Ö Æ Ø) directly, because char.ToLowerInvariant goes
    /// through ICU for every non-ASCII character and that showed in the benchmark.
    /// </summary>
    private static char ToLower(char c) => c is >= 'À' and <= 'Þ' and not '×' ? (char)(c + 32) : c < 'ß' + 1 ? c : char.ToLowerInvariant(c);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v' || (c > 127 && char.IsWhiteSpace(c));

    /// <summary>One pass over the text; state is the current sentence and period.</summary>
    private sealed class Scanner(string text, Abbreviations abbreviations, bool colonEndsPeriod)
    {
        // Swedish prose averages about 7 characters a token, spaces included.
        public Token[] Tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, text.Length / 6));
        public char[] Lower = ArrayPool<char>.Shared.Rent(text.Length);
        public int TokenCount;
        public Sentence[] Sentences = ArrayPool<Sentence>.Shared.Rent(Math.Max(4, text.Length / 60));
        public int SentenceCount;
        public int Periods;

        // Index of the next '@' at or after the last e-mail candidate (int.MaxValue: none left), so that text
        // without addresses is searched for one once, not at every underscore.
        private int nextAt = -1;
        private int firstToken;
        private int wordsInPeriod;
        private int lastTokenEnd = -1;
        private TokenKind lastKind;
        private bool joined;
        private bool inHeading;

        public void Run()
        {
            var n = text.Length;
            var i = LineStart(SkipSpaces(0));
            while (i < n)
            {
                var c = text[i];
                if (c == '\n')
                {
                    i = NewLines(i);
                    continue;
                }
                if (c == ' ' || IsSpace(c))
                {
                    i++;
                    continue;
                }
                if (char.IsAsciiDigit(c) || LetterWidth(text, i) > 0)
                {
                    i = ScanToken(i);
                    continue;
                }
                switch (c)
                {
                    case '.':
                        i = Period(i);
                        break;
                    case '!' or '?' or '…':
                        var j = i + 1;
                        while (j < n && text[j] is '!' or '?' or '…' or '.')
                            j++;
                        EndSentence(j);
                        i = j;
                        break;
                    case ':':
                        if (colonEndsPeriod && (i + 1 == n || IsSpace(text[i + 1])) && wordsInPeriod > 0)
                        {
                            Periods++;
                            wordsInPeriod = 0;
                        }
                        joined = false;
                        i++;
                        break;
                    default:
                        joined = false;
                        i++;
                        break;
                }
            }
            EndSentence(n);
        }

        private int SkipSpaces(int i)
        {
            while (i < text.Length && text[i] != '\n' && IsSpace(text[i]))
                i++;
            return i;
        }

        /// <summary>A run of white space with a line break: blank lines, headings and list items end sentences.</summary>
        private int NewLines(int i)
        {
            if (inHeading)
            {
                EndSentence(lastTokenEnd);
                inHeading = false;
            }
            var breaks = 0;
            var lineStart = i;
            while (i < text.Length && IsSpace(text[i]))
            {
                if (text[i] == '\n')
                {
                    breaks++;
                    lineStart = i + 1;
                }
                i++;
            }
            if (breaks >= 2)
                EndSentence(lastTokenEnd);
            return LineStart(SkipSpaces(lineStart));
        }

        /// <summary>At the first non-blank character of a line: skips a heading or list marker and ends the sentence before it.</summary>
        private int LineStart(int i)
        {
            var n = text.Length;
            if (i >= n)
                return i;
            var c = text[i];
            var end = -1;
            if (c == '#')
            {
                var j = i;
                while (j < n && text[j] == '#')
                    j++;
                if (j == n || IsSpace(text[j]))
                {
                    end = j;
                    inHeading = true;
                }
            }
            else if (c is '-' or '*' or '•' or '–' or '+')
            {
                if (i + 1 < n && text[i + 1] is ' ' or '\t')
                    end = i + 1;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < n && j - i < 3 && char.IsAsciiDigit(text[j]))
                    j++;
                if (j + 1 < n && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t')
                    end = j + 1;
            }
            if (end < 0)
                return i;
            EndSentence(lastTokenEnd);
            return end;
        }

        private int Period(int i)
        {
            var n = text.Length;
            var j = i;
            while (j < n && text[j] == '.')
                j++;
            // "5. juni", "13.4. kl. 10": a period right after a number, followed by a lower-case word or a number, is an ordinal or a date.
            var ends = !(lastTokenEnd == i && lastKind == TokenKind.Number && j - i == 1 && NextWordStartsLowerOrDigit(j));
            joined = false;
            if (ends)
                EndSentence(j);
            return j;
        }

        private bool NextWordStartsLowerOrDigit(int i)
        {
            var c = NextWordChar(i);
            return c != '\0' && (char.IsLower(c) || char.IsAsciiDigit(c));
        }

        private bool NextWordStartsUpper(int i) => char.IsUpper(NextWordChar(i));

        /// <summary>The first letter or digit after <paramref name="i"/>, skipping white space and quotes, within 8 characters.</summary>
        private char NextWordChar(int i)
        {
            for (var k = i; k < text.Length && k < i + 8; k++)
            {
                var c = text[k];
                if (char.IsLetterOrDigit(c))
                    return c;
                if (char.IsHighSurrogate(c))
                    return '\0';
                if (!(IsSpace(c) || c is '"' or '\'' or '(' or '«' or '»' or '“' or '”' or '‘' or '’' or '–' or '-'))
                    return '\0';
            }
            return '\0';
        }

        /// <summary>
        /// Scans the token at <paramref name="start"/>: a URL, or a run of letters and digits (<see cref="ScanRun"/>) that is an
        /// e-mail address, a number, a dotted run (<see cref="ScanDotted"/>), an abbreviation or a word.
        /// </summary>
        private int ScanToken(int start)
        {
            var n = text.Length;
            if ((text[start] | 0x20) is 'h' or 'w' && IsUrlStart(start))
                return ScanUrl(start);

            var (j, letters, hasDot) = ScanRun(start);
            if (j < n && text[j] is '@' or '_' or '+' or '%')
            {
                var emailEnd = ScanEmail(start);
                if (emailEnd > 0)
                {
                    Add(start, emailEnd - start, TokenKind.Email, 0);
                    text.AsSpan(start, emailEnd - start).ToLowerInvariant(Lower.AsSpan(start));
                    return emailEnd;
                }
            }

            if (letters == 0)
            {
                Add(start, j - start, TokenKind.Number, 0);
                return j;
            }
            if (hasDot)
                return ScanDotted(start, j, letters);
            if (j < n && text[j] == '.' && IsAbbreviation(start, j, out var abbreviationEnd))
                return AddAbbreviation(start, abbreviationEnd, letters);

            Add(start, j - start, TokenKind.Word, letters);
            return j;
        }

        /// <summary>
        /// The run of letters, digits and joining marks from <paramref name="start"/>, lower-cased into <see cref="Lower"/>:
        /// where it ends, how many letters it has, and whether a dot joins it.
        /// </summary>
        private (int End, int Letters, bool HasDot) ScanRun(int start)
        {
            var letters = 0;
            var hasDot = false;
            var j = start;
            while (j < text.Length)
            {
                var ch = text[j];
                if (char.IsAsciiLetter(ch))
                {
                    Lower[j++] = (char)(ch | 0x20);
                    letters++;
                    continue;
                }
                if (char.IsAsciiDigit(ch))
                {
                    Lower[j++] = ch;
                    continue;
                }
                if (ch < 128)
                {
                    if (!Joins(j))
                        break;
                    hasDot |= ch == '.';
                    Lower[j++] = ch;
                    continue;
                }
                var width = ScanNonAscii(j, ref letters);
                if (width == 0)
                    break;
                j += width;
            }
            return (j, letters, hasDot);
        }

        /// <summary>Whether the ASCII punctuation at <paramref name="j"/> joins the letters or digits on its two sides into one token.</summary>
        private bool Joins(int j)
        {
            var ch = text[j];
            if (ch is '-' or '\'' or '.' or ':' && IsLetterOrDigitAt(text, j + 1))
            {
                // A colon joins only digits (08:30) or a letter to letters (FN:s, S:t).
                return !(ch == ':' && char.IsAsciiDigit(text[j - 1]) != char.IsAsciiDigit(text[j + 1]));
            }
            // A decimal comma: 3,5.
            return ch == ',' && char.IsAsciiDigit(text[j - 1]) && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]);
        }

        /// <summary>
        /// The width of the letter, mark or joining apostrophe outside ASCII at <paramref name="j"/>, copied into <see cref="Lower"/>
        /// (a letter counted in <paramref name="letters"/>); 0 when the character ends the token.
        /// </summary>
        private int ScanNonAscii(int j, ref int letters)
        {
            var ch = text[j];
            var width = LetterWidth(text, j);
            if (width == 1)
            {
                Lower[j] = ToLower(ch);
                letters++;
                return 1;
            }
            if (width == 2)
            {
                // A letter outside the BMP: counted, left as it is.
                letters++;
            }
            else if (!(ch == '’' && IsLetterOrDigitAt(text, j + 1)) && !IsMark(text, j, out width))
            {
                return 0;
            }
            width = Math.Max(width, 1);
            text.AsSpan(j, width).CopyTo(Lower.AsSpan(j));
            return width;
        }

        /// <summary>A run from <paramref name="start"/> to <paramref name="end"/> with a dot in it: an abbreviation, a domain, or words run together.</summary>
        private int ScanDotted(int start, int end, int letters)
        {
            if (IsAbbreviation(start, end, out var abbreviationEnd))
                return AddAbbreviation(start, abbreviationEnd, letters);
            if (IsDomain(start, end))
            {
                Add(start, end - start, TokenKind.Url, 0);
                return end;
            }
            // "slut.Nästa": a missing space. Each part is a word of its own; all parts are emitted here, so a long
            // dotted run is scanned once, not once per part.
            var part = start;
            for (var dot = text.IndexOf('.', start, end - start); dot >= 0; dot = text.IndexOf('.', part, end - part))
            {
                var partLetters = CountLetters(part, dot);
                Add(part, dot - part, partLetters > 0 ? TokenKind.Word : TokenKind.Number, partLetters);
                part = dot + 1;
            }
            Add(part, end - part, TokenKind.Word, CountLetters(part, end));
            return end;
        }

        private int AddAbbreviation(int start, int end, int letters)
        {
            Lower[end - 1] = text[end - 1];
            Add(start, end - start, TokenKind.Abbreviation, letters);
            if (abbreviations.ClosesList(text.AsSpan(start, end - start)) && NextWordStartsUpper(end))
                EndSentence(end);
            return end;
        }

        private int CountLetters(int start, int end)
        {
            var letters = 0;
            for (var k = start; k < end;)
            {
                var w = LetterWidth(text, k);
                letters += w > 0 ? 1 : 0;
                k += Math.Max(w, 1);
            }
            return letters;
        }

        /// <summary>The word in [start, end), with the period after it when there is one, is a known abbreviation.</summary>
        private bool IsAbbreviation(int start, int end, out int abbreviationEnd)
        {
            abbreviationEnd = end;
            var length = end - start;
            if (length > 12)
                return false;
            Span<char> buffer = stackalloc char[length + 1];
            text.AsSpan(start, length).ToLowerInvariant(buffer);
            if (end < text.Length && text[end] == '.')
            {
                buffer[length] = '.';
                if (abbreviations.Contains(buffer))
                {
                    abbreviationEnd = end + 1;
                    return true;
                }
            }
            // "t.ex" and "bl.a" are often written without their last period.
            return buffer[..length].Contains('.') && abbreviations.Contains(buffer[..length]);
        }

        /// <summary>"masten.se", "vinnova.se": ASCII labels joined by periods, ending in a lower-case top-level domain.</summary>
        private bool IsDomain(int start, int end)
        {
            var lastDot = text.LastIndexOf('.', end - 1, end - start);
            var tld = text.AsSpan(lastDot + 1, end - lastDot - 1);
            if (tld.Length is < 2 or > 6)
                return false;
            foreach (var ch in tld)
            {
                if (!char.IsAsciiLetterLower(ch))
                    return false;
            }
            foreach (var ch in text.AsSpan(start, end - start))
            {
                if (!(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-'))
                    return false;
            }
            return true;
        }

        private bool IsUrlStart(int i)
        {
            var rest = text.AsSpan(i);
            return rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && IsLetterOrDigitAt(text, i + 4));
        }

        private int ScanUrl(int start)
        {
            var j = start;
            while (j < text.Length && !IsSpace(text[j]) && text[j] is not ('<' or '>' or '"' or '«' or '»' or '”'))
                j++;
            // Trailing punctuation belongs to the sentence, not to the address.
            while (j > start && text[j - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '\'' or '’')
                j--;
            Add(start, j - start, TokenKind.Url, 0);
            text.AsSpan(start, j - start).ToLowerInvariant(Lower.AsSpan(start));
            return j;
        }

        /// <summary>End of the e-mail address starting at <paramref name="start"/>, or 0 when there is none.</summary>
        private int ScanEmail(int start)
        {
            // An address has at most 254 characters (RFC 5321); the cap also keeps "a_a_a_…" from being rescanned
            // from every underscore.
            var n = Math.Min(text.Length, start + 254);
            if (nextAt < start && nextAt != int.MaxValue)
            {
                nextAt = text.IndexOf('@', start);
                if (nextAt < 0)
                    nextAt = int.MaxValue;
            }
            if (nextAt >= n)
                return 0;
            var j = start;
            while (j < n && (char.IsLetterOrDigit(text[j]) || text[j] is '.' or '_' or '%' or '+' or '-'))
                j++;
            if (j == start || j >= n || text[j] != '@')
                return 0;
            j++;
            var domainStart = j;
            var dots = 0;
            while (j < n && (char.IsLetterOrDigit(text[j]) || text[j] is '.' or '-'))
            {
                dots += text[j] == '.' ? 1 : 0;
                j++;
            }
            while (j > domainStart && text[j - 1] is '.' or '-')
            {
                dots -= text[j - 1] == '.' ? 1 : 0;
                j--;
            }
            return dots > 0 && j > domainStart ? j : 0;
        }

        private void Add(int start, int length, TokenKind kind, int letters)
        {
            if (TokenCount == Tokens.Length)
                Tokens = Grow(Tokens);
            Tokens[TokenCount++] = new Token
            {
                Start = start,
                Length = length,
                Kind = kind,
                Letters = letters,
                Sentence = SentenceCount,
                Joined = joined && TokenCount > firstToken,
            };
            joined = true;
            wordsInPeriod++;
            lastTokenEnd = start + length;
            lastKind = kind;
        }

        private static T[] Grow<T>(T[] array)
        {
            var bigger = ArrayPool<T>.Shared.Rent(array.Length * 2);
            array.CopyTo(bigger, 0);
            ArrayPool<T>.Shared.Return(array);
            return bigger;
        }

        private void EndSentence(int end)
        {
            joined = false;
            if (TokenCount == firstToken)
                return;
            if (SentenceCount == Sentences.Length)
                Sentences = Grow(Sentences);
            Sentences[SentenceCount++] = new Sentence
            {
                Start = Tokens[firstToken].Start,
                End = Math.Max(end, lastTokenEnd),
                FirstToken = firstToken,
                TokenCount = TokenCount - firstToken,
            };
            firstToken = TokenCount;
            if (wordsInPeriod > 0)
                Periods++;
            wordsInPeriod = 0;
        }
    }
}

/// <summary>Abbreviations whose periods do not end a sentence, per language (lower case, with their periods).</summary>
internal sealed class Abbreviations
{
    private static readonly Abbreviations Swedish = new(
        ["t.ex.", "bl.a.", "m.m.", "s.k.", "o.s.v.", "osv.", "dvs.", "d.v.s.", "p.g.a.", "pga.", "ca.", "c:a", "nr.", "kl.",
         "m.fl.", "mfl.", "fr.o.m.", "t.o.m.", "etc.", "jfr.", "resp.", "inkl.", "exkl.", "kap.", "f.d.", "o.d.", "o.dyl.",
         "tel.", "ang.", "enl.", "ev.", "obs.", "prof.", "dr.", "avd.", "bl.a", "t.ex", "e.d.", "fig.", "ff.", "f.ö.", "s.a.s.",
         "t.v.", "t.h.", "u.s.", "vard.", "äv.", "övers.", "ung."],
        ["osv.", "o.s.v.", "m.m.", "m.fl.", "mfl.", "etc.", "o.d.", "o.dyl.", "e.d."]);

    private static readonly Abbreviations Danish = new(
        ["f.eks.", "fx.", "bl.a.", "jf.", "ca.", "pct.", "osv.", "o.s.v.", "dvs.", "d.v.s.", "nr.", "kr.", "m.m.", "mv.", "m.v.",
         "evt.", "ifm.", "iht.", "inkl.", "ekskl.", "kl.", "vedr.", "hhv.", "o.l.", "mht.", "pga.", "p.g.a.", "ang.", "tlf.",
         "stk.", "ift.", "etc.", "bl.a", "f.eks", "dr.", "prof.", "jvf.", "sml.", "afd.", "gl.", "ekskl.", "hr.", "fr.", "årh."],
        ["osv.", "o.s.v.", "m.m.", "mv.", "m.v.", "etc.", "o.l."]);

    private static readonly Abbreviations English = new(
        ["e.g.", "i.e.", "etc.", "vs.", "approx.", "mr.", "mrs.", "ms.", "dr.", "prof.", "fig.", "cf.", "incl.", "dept.",
         "est.", "al.", "jr.", "sr.", "e.g", "i.e", "a.m.", "p.m.", "u.k.", "u.s.", "ibid."],
        ["etc."]);

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> all;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> closing;

    private Abbreviations(string[] all, string[] closing)
    {
        this.all = new HashSet<string>(all, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        this.closing = new HashSet<string>(closing, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Abbreviations For(TextLanguage language) => language switch
    {
        TextLanguage.Danish => Danish,
        TextLanguage.English => English,
        _ => Swedish,
    };

    /// <summary><paramref name="lower"/> is lower case.</summary>
    public bool Contains(ReadOnlySpan<char> lower) => all.Contains(lower);

    /// <summary>"osv.", "etc.": abbreviations that close a list and so may close a sentence.</summary>
    public bool ClosesList(ReadOnlySpan<char> abbreviation) => closing.Contains(abbreviation);
}
