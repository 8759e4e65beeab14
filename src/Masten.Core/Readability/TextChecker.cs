using System.Buffers;
using System.Globalization;
using System.Text;

namespace Masten.Core.Readability;

/// <summary>A term of a mission's glossary, with the explanation readers need, for texts in <see cref="Language"/>.</summary>
public sealed record GlossaryTerm(TextLanguage Language, string Term, string Explanation);

/// <summary>Where a glossary term occurs in the checked text (UTF-16 indices into the original text), for mark-up.</summary>
public sealed record GlossaryOccurrence(GlossaryTerm Term, int Start, int Length);

/// <summary>Options of <see cref="TextChecker.Check"/>; <see cref="Default"/> suits mission texts.</summary>
public sealed record TextCheckOptions
{
    public static TextCheckOptions Default { get; } = new();

    /// <summary>
    /// Count a colon followed by white space as the end of a period for LIX and RIX, as Björnsson did ("Her er et
    /// eksempel: onomatopoetikon." is two periods). Default true. Sentence-length findings and Flesch use sentences
    /// and are not affected.
    /// </summary>
    public bool ColonEndsPeriod { get; init; } = true;

    /// <summary>Words from which a sentence is long (<c>sentence.long</c>, warning). Default 25.</summary>
    public int LongSentenceWords { get; init; } = 25;

    /// <summary>Words from which a sentence gets a softer hint (<c>sentence.longish</c>). Default 15.</summary>
    public int LongishSentenceWords { get; init; } = 15;

    /// <summary>A word with more letters than this is long (<c>word.long</c>). Default 15.</summary>
    public int LongWordLetters { get; init; } = 15;

    /// <summary>Glossary terms; those whose <see cref="GlossaryTerm.Language"/> is the text's language are used.</summary>
    public IReadOnlyList<GlossaryTerm> Glossary { get; init; } = [];
}

/// <summary>
/// Counts behind the scores. <see cref="Words"/> counts every token (words, numbers, abbreviations, URLs, e-mail
/// addresses); <see cref="LongWords"/> those words with more than six letters (never numbers, URLs, e-mail
/// addresses or abbreviations); <see cref="Periods"/> the LIX periods (see <see cref="TextCheckOptions.ColonEndsPeriod"/>);
/// <see cref="DistinctWords"/> distinct tokens ignoring case (OVIX's T); <see cref="Syllables"/> is counted for
/// English only (0 otherwise).
/// </summary>
public sealed record TextStatistics(int Words, int Sentences, int Periods, int LongWords, int Letters, int DistinctWords, int Syllables);

/// <summary>What <see cref="TextChecker.Check"/> found. Scores are null when they do not apply or the text has no words.</summary>
public sealed class TextCheckResult
{
    internal TextCheckResult(TextLanguage language, TextStatistics statistics, IReadOnlyList<ReadabilityScore> scores,
        IReadOnlyList<TextSpan> sentences, IReadOnlyList<Finding> findings, IReadOnlyList<GlossaryOccurrence> glossaryOccurrences)
    {
        Language = language;
        Statistics = statistics;
        Scores = scores;
        Sentences = sentences;
        Findings = findings;
        GlossaryOccurrences = glossaryOccurrences;
    }

    public TextLanguage Language { get; }

    public TextStatistics Statistics { get; }

    /// <summary>The scores that apply to the language: LIX, RIX, OVIX (sv, da) or Flesch Reading Ease and Flesch–Kincaid grade (en).</summary>
    public IReadOnlyList<ReadabilityScore> Scores { get; }

    /// <summary>
    /// True for a text with words but fewer than <see cref="ReadabilityFormulas.MinWordsForScore"/>: too short for a
    /// LIX (or Flesch) value that means anything. Its scores are still computed; readers are shown <see cref="Headline"/>.
    /// </summary>
    public bool TooShortForScore => Statistics.Words is > 0 and < ReadabilityFormulas.MinWordsForScore;

    /// <summary>
    /// The score to show a reader: LIX for Swedish and Danish, Flesch Reading Ease for English; null for an empty
    /// text and for one <see cref="TooShortForScore"/>.
    /// </summary>
    public ReadabilityScore? Headline => TooShortForScore ? null : Language == TextLanguage.English ? FleschReadingEase : Lix;

    /// <summary>LIX; null for English texts and texts without words.</summary>
    public ReadabilityScore? Lix => Score(ScoreKind.Lix);

    public ReadabilityScore? Rix => Score(ScoreKind.Rix);

    /// <summary>OVIX; also null when not defined (every token distinct, or fewer than two tokens).</summary>
    public ReadabilityScore? Ovix => Score(ScoreKind.Ovix);

    public ReadabilityScore? FleschReadingEase => Score(ScoreKind.FleschReadingEase);

    public ReadabilityScore? FleschKincaidGrade => Score(ScoreKind.FleschKincaidGrade);

    /// <summary>Sentence spans in the original text.</summary>
    public IReadOnlyList<TextSpan> Sentences { get; }

    /// <summary>Findings ordered by start.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every occurrence of a glossary term, ordered by start.</summary>
    public IReadOnlyList<GlossaryOccurrence> GlossaryOccurrences { get; }

    private ReadabilityScore? Score(ScoreKind kind)
    {
        foreach (var score in Scores)
        {
            if (score.Kind == kind)
                return score;
        }
        return null;
    }
}

/// <summary>
/// The plain-language (klarspråk) check of Swedish, Danish and English texts: readability scores and findings on
/// long sentences and words, passive voice, nominalisations, support verbs, officialese, jargon and glossary terms.
/// Pure and thread-safe; linear in the text's length (one tokenizer pass and one pass over the tokens).
/// </summary>
public static class TextChecker
{
    /// <summary>
    /// Checks <paramref name="text"/>. Every span in the result refers to <paramref name="text"/> itself (UTF-16
    /// indices), even when NFC normalisation changed its length. Empty or white-space text gives no scores.
    /// </summary>
    public static TextCheckResult Check(string text, TextLanguage language, TextCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= TextCheckOptions.Default;
        using var stream = Tokenizer.Scan(text, language, options.ColonEndsPeriod);
        return new Run(text, stream, language, options).Execute();
    }

    /// <summary>The state of one check.</summary>
    private sealed class Run(string original, TokenStream stream, TextLanguage language, TextCheckOptions options)
    {
        // Case-insensitive matching reads the tokenizer's lower-cased copy, so every lookup is an ordinal hash of a span.
        private readonly char[] lower = stream.Lower;
        private readonly List<Finding> findings = [];
        private readonly List<GlossaryOccurrence> occurrences = [];

        public TextCheckResult Execute()
        {
            var count = stream.TokenCount;
            var lexicon = Lexicon.For(language);
            var glossary = BuildGlossary();
            var vocabulary = new Dictionary<string, WordInfo>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            var infos = ArrayPool<WordInfo>.Shared.Rent(count);
            var flags = ArrayPool<WordFlags>.Shared.Rent(count);
            Classify(vocabulary, infos, flags, lexicon, glossary);
            var (longWords, letters, syllables) = FindInTextOrder(infos, flags, lexicon, glossary);
            // Cleared so the pool does not keep this text's words alive.
            Array.Clear(infos, 0, count);
            ArrayPool<WordInfo>.Shared.Return(infos);
            ArrayPool<WordFlags>.Shared.Return(flags);
            if (glossary is not null)
                GlossaryFindings();

            var statistics = new TextStatistics(count, stream.SentenceCount, stream.Periods, longWords, letters, vocabulary.Dictionary.Count, syllables);
            var sentences = new TextSpan[stream.SentenceCount];
            for (var s = 0; s < sentences.Length; s++)
                sentences[s] = stream.ToOriginal(stream.Sentences[s].Start, stream.Sentences[s].End - stream.Sentences[s].Start);
            return new TextCheckResult(language, statistics, Scores(statistics), sentences, findings, occurrences);
        }

        /// <summary>Pass 1: classifies each distinct word once. Recurring words, most of any text, then cost one lookup.</summary>
        private void Classify(Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> vocabulary, WordInfo[] infos, WordFlags[] flags,
            Lexicon lexicon, PhraseIndex<GlossaryTerm>? glossary)
        {
            var tokens = stream.Tokens;
            var count = stream.TokenCount;
            var grammar = GrammarRules.For(language);
            var english = language == TextLanguage.English;
            for (var i = 0; i < count; i++)
            {
                var t = tokens[i];
                var word = lower.AsSpan(t.Start, t.Length);
                if (!vocabulary.TryGetValue(word, out var info))
                {
                    var isWord = t.Kind == TokenKind.Word;
                    info = new WordInfo
                    {
                        Flags = grammar.Classify(word, t.Kind, t.Letters),
                        Lexicon = isWord ? lexicon.Index.Candidates(word) : null,
                        Glossary = isWord ? glossary?.Candidates(word) : null,
                        Syllables = !english ? 0
                            : t.Kind == TokenKind.Number ? Math.Clamp(Digits(word), 1, 4)
                            : Math.Max(1, ReadabilityFormulas.CountSyllables(word)),
                    };
                    if (isWord && info.Lexicon is null)
                        info.CompoundJargon = lexicon.CompoundPart(word);
                    vocabulary[word] = info;
                }
                infos[i] = info;
                flags[i] = info.Flags;
            }
        }

        /// <summary>Pass 2: the findings in text order, and the counts the scores need.</summary>
        private (int LongWords, int Letters, int Syllables) FindInTextOrder(WordInfo[] infos, WordFlags[] flags, Lexicon lexicon, PhraseIndex<GlossaryTerm>? glossary)
        {
            var tokens = stream.Tokens;
            var count = stream.TokenCount;
            int longWords = 0, letters = 0, syllables = 0;
            int lexiconUntil = -1, passiveUntil = -1, glossaryUntil = -1, sentence = -1;
            for (var i = 0; i < count; i++)
            {
                var t = tokens[i];
                var info = infos[i];
                letters += t.Letters;
                syllables += info.Syllables;
                if (t.Sentence != sentence)
                {
                    sentence = t.Sentence;
                    SentenceFinding(stream.Sentences[sentence]);
                }
                if (t.Kind != TokenKind.Word)
                    continue;
                if (t.Letters > ReadabilityFormulas.LixLongWordLetters)
                    longWords++;
                if (t.Letters > options.LongWordLetters)
                    Add(ReadabilityRules.WordLong, FindingSeverity.Hint, t.Start, t.End, null, t.Letters);
                if (i > lexiconUntil && info.Lexicon is { } candidates && lexicon.Index.TryMatch(candidates, tokens, count, lower, i, out var entry, out var last))
                {
                    lexiconUntil = last;
                    var (rule, severity) = entry!.Kind switch
                    {
                        LexiconKind.Officialese => (ReadabilityRules.Officialese, FindingSeverity.Warning),
                        LexiconKind.SupportVerb => (ReadabilityRules.SupportVerb, FindingSeverity.Hint),
                        _ => (ReadabilityRules.Jargon, FindingSeverity.Hint),
                    };
                    Add(rule, severity, t.Start, tokens[last].End, entry.Suggestion, 0);
                }
                else if (i > lexiconUntil && info.CompoundJargon is { } part)
                {
                    lexiconUntil = i;
                    Add(ReadabilityRules.Jargon, FindingSeverity.Hint, t.Start, t.End, part.Suggestion, 0);
                }
                if (i > passiveUntil && GrammarRules.IsPassive(tokens, flags, count, i, out last))
                {
                    passiveUntil = last;
                    Add(ReadabilityRules.Passive, FindingSeverity.Hint, t.Start, tokens[last].End, null, 0);
                }
                if (i > lexiconUntil && (info.Flags & WordFlags.Nominalisation) != 0)
                    Add(ReadabilityRules.Nominalisation, FindingSeverity.Hint, t.Start, t.End, null, 0);
                if (i > glossaryUntil && info.Glossary is { } terms && glossary!.TryMatch(terms, tokens, count, lower, i, out var term, out last))
                {
                    glossaryUntil = last;
                    var span = stream.ToOriginal(t.Start, tokens[last].End - t.Start);
                    occurrences.Add(new GlossaryOccurrence(term!, span.Start, span.Length));
                }
            }
            return (longWords, letters, syllables);
        }

        private List<ReadabilityScore> Scores(TextStatistics s)
        {
            var scores = new List<ReadabilityScore>(3);
            if (language == TextLanguage.English)
            {
                if (ReadabilityFormulas.FleschReadingEase(s.Words, s.Sentences, s.Syllables) is { } fre)
                    scores.Add(new ReadabilityScore(ScoreKind.FleschReadingEase, fre, ReadabilityFormulas.FleschBand(fre)));
                if (ReadabilityFormulas.FleschKincaidGrade(s.Words, s.Sentences, s.Syllables) is { } grade)
                    scores.Add(new ReadabilityScore(ScoreKind.FleschKincaidGrade, grade, null));
                return scores;
            }
            if (ReadabilityFormulas.Lix(s.Words, s.Periods, s.LongWords) is { } lix)
                scores.Add(new ReadabilityScore(ScoreKind.Lix, lix, ReadabilityFormulas.LixBand(lix, language)));
            if (s.Words > 0 && ReadabilityFormulas.Rix(s.LongWords, s.Periods) is { } rix)
                scores.Add(new ReadabilityScore(ScoreKind.Rix, rix, null));
            if (ReadabilityFormulas.Ovix(s.Words, s.DistinctWords) is { } ovix)
                scores.Add(new ReadabilityScore(ScoreKind.Ovix, ovix, null));
            return scores;
        }

        private void SentenceFinding(Sentence s)
        {
            if (s.TokenCount >= options.LongSentenceWords)
                Add(ReadabilityRules.SentenceLong, FindingSeverity.Warning, s.Start, s.End, null, s.TokenCount);
            else if (s.TokenCount >= options.LongishSentenceWords)
                Add(ReadabilityRules.SentenceLongish, FindingSeverity.Hint, s.Start, s.End, null, s.TokenCount);
        }

        /// <summary>Adds a finding over [start, end) of the normalised text, mapped to the original.</summary>
        private void Add(string rule, FindingSeverity severity, int start, int end, string? suggestion, int count)
        {
            var span = stream.ToOriginal(start, end - start);
            findings.Add(new Finding(rule, severity, span.Start, span.Length, original.Substring(span.Start, span.Length), suggestion, count));
        }

        private PhraseIndex<GlossaryTerm>? BuildGlossary()
        {
            PhraseIndex<GlossaryTerm>? index = null;
            foreach (var term in options.Glossary)
            {
                if (term.Language != language || string.IsNullOrWhiteSpace(term.Term))
                    continue;
                index ??= new PhraseIndex<GlossaryTerm>(language);
                index.Add(term.Term.Trim().Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture), term);
            }
            index?.Freeze();
            return index;
        }

        /// <summary>
        /// A term counts as explained when its explanation appears anywhere in the text (ignoring case), or when
        /// one occurrence is followed by a parenthesis, a colon, a dash or "dvs."/"det vil sige"/"i.e." and the like,
        /// or stands in parentheses itself. Otherwise its first occurrence gets <c>glossary.unexplained</c>.
        /// </summary>
        private void GlossaryFindings()
        {
            foreach (var group in occurrences.GroupBy(o => o.Term))
            {
                var term = group.Key;
                var explanation = term.Explanation.Trim().Normalize(NormalizationForm.FormC);
                if (explanation.Length > 0 && stream.Text.Contains(explanation, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (group.Any(IsExplainedHere))
                    continue;
                var first = group.First();
                var finding = new Finding(ReadabilityRules.GlossaryUnexplained, FindingSeverity.Warning, first.Start, first.Length,
                    original.Substring(first.Start, first.Length), term.Explanation, 0);
                var at = findings.FindIndex(f => f.Start > first.Start);
                findings.Insert(at < 0 ? findings.Count : at, finding);
            }
        }

        private static readonly string[] ExplanationLeads =
            [", dvs", ", d.v.s", ", det vill säga", ", alltså", ", det vil sige", ", altså", ", i.e.", ", that is", ", meaning"];

        private bool IsExplainedHere(GlossaryOccurrence occurrence)
        {
            // Occurrences are in original coordinates; the explanation check reads the original text.
            var after = occurrence.Start + occurrence.Length;
            var next = after;
            while (next < original.Length && original[next] is ' ' or '\t' or '\n' or '\r')
                next++;
            if (next < original.Length && original[next] is '(' or ':' or '–' or '—')
                return true;
            var rest = original.AsSpan(after);
            foreach (var lead in ExplanationLeads)
            {
                if (rest.StartsWith(lead, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            var before = occurrence.Start - 1;
            while (before >= 0 && original[before] == ' ')
                before--;
            return before >= 0 && original[before] == '(' && next < original.Length && original[next] == ')';
        }

        /// <summary>One distinct word of the text and what the rules know about it.</summary>
        private sealed class WordInfo
        {
            public WordFlags Flags;
            public (LexiconEntry Value, WordSlot[] Tail)[]? Lexicon;
            public (GlossaryTerm Value, WordSlot[] Tail)[]? Glossary;
            /// <summary>A jargon word this compound starts or ends with (sv, da).</summary>
            public LexiconEntry? CompoundJargon;
            public int Syllables;
        }

        private static int Digits(ReadOnlySpan<char> number)
        {
            var digits = 0;
            foreach (var c in number)
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            return digits;
        }
    }
}
