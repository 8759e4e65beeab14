using Masten.Core.Readability;

namespace Masten.Core.Tests.Readability;

public class TokenizerTests
{
    private static TokenizedText Sv(string text) => Tokenizer.Tokenize(text, TextLanguage.Swedish);

    private static TokenizedText Da(string text) => Tokenizer.Tokenize(text, TextLanguage.Danish);

    private static string[] Words(string text, TokenizedText tokens) =>
        tokens.Tokens.Select(t => text.Substring(t.Start, t.Length)).ToArray();

    [Theory]
    [InlineData("Vi äter t.ex. äpplen. Sedan går vi.")]
    [InlineData("Det gäller bl.a. skolor. Sedan går vi.")]
    [InlineData("Frukt, bär m.m. ingår. Sedan går vi.")]
    [InlineData("En s.k. testbädd finns. Sedan går vi.")]
    [InlineData("Äpplen, päron o.s.v. och sedan bär. Sedan går vi.")]
    [InlineData("Äpplen, päron osv. och sedan bär. Sedan går vi.")]
    [InlineData("Hon kom, dvs. hon var här. Sedan går vi.")]
    [InlineData("Det blev sent p.g.a. snön. Sedan går vi.")]
    [InlineData("Det kostar ca. 30 kronor. Sedan går vi.")]
    [InlineData("Se punkt nr. 4 i listan. Sedan går vi.")]
    [InlineData("Vi ses kl. 14.30 i dag. Sedan går vi.")]
    public void SwedishAbbreviationsDoNotEndSentences(string text)
    {
        Assert.Equal(2, Sv(text).Sentences.Count);
    }

    [Theory]
    [InlineData("Vi spiser f.eks. æbler. Så går vi.")]
    [InlineData("Vi spiser fx. æbler. Så går vi.")]
    [InlineData("Det gælder bl.a. skoler. Så går vi.")]
    [InlineData("Se jf. afsnit 3 nedenfor. Så går vi.")]
    [InlineData("Det koster ca. 30 kroner. Så går vi.")]
    [InlineData("Det steg 5 pct. i år. Så går vi.")]
    [InlineData("Æbler, pærer osv. og bær. Så går vi.")]
    [InlineData("Hun kom, dvs. hun var her. Så går vi.")]
    [InlineData("Se punkt nr. 4 i listen. Så går vi.")]
    [InlineData("Det koster 30 kr. om måneden. Så går vi.")]
    [InlineData("Mødet er den 5. juni i år. Så går vi.")]
    [InlineData("Mødet er den 13.4. kl. 10 i salen. Så går vi.")]
    public void DanishAbbreviationsOrdinalsAndDatesDoNotEndSentences(string text)
    {
        Assert.Equal(2, Da(text).Sentences.Count);
    }

    [Theory]
    [InlineData("We cut waste, e.g. in schools. Then we go.")]
    [InlineData("We cut waste, i.e. food waste. Then we go.")]
    [InlineData("Ask Dr. Smith about it. Then we go.")]
    [InlineData("Food, water etc. are covered. Then we go.")]
    public void EnglishAbbreviationsDoNotEndSentences(string text)
    {
        Assert.Equal(2, Tokenizer.Tokenize(text, TextLanguage.English).Sentences.Count);
    }

    [Fact]
    public void ListClosingAbbreviationEndsASentenceBeforeACapital()
    {
        Assert.Equal(2, Sv("Vi köper äpplen, päron osv. Sedan går vi hem.").Sentences.Count);
    }

    [Fact]
    public void NumberAtSentenceEndStillEndsTheSentence()
    {
        Assert.Equal(2, Sv("Mötet börjar kl. 14.30. Alla är välkomna.").Sentences.Count);
    }

    [Theory]
    [InlineData("FN:s mål gäller alla.", "FN:s")]
    [InlineData("Vi åker till S:t Eriksplan.", "S:t")]
    [InlineData("Utsläppen minskade med 3,5 procent.", "3,5")]
    [InlineData("Mötet börjar 14.30 i dag.", "14.30")]
    [InlineData("Läs mer på https://masten.se/uppdrag?id=3 i dag.", "https://masten.se/uppdrag?id=3")]
    [InlineData("Läs mer på www.masten.se.", "www.masten.se")]
    [InlineData("Skriv till anna.berg@masten.se om du undrar.", "anna.berg@masten.se")]
    [InlineData("Vi bor i hälso- och sjukvårdsregionen.", "hälso")]
    [InlineData("It's a don't-miss event.", "don't-miss")]
    public void TrapsAreOneToken(string text, string expected)
    {
        Assert.Contains(expected, Words(text, Sv(text)));
    }

    [Fact]
    public void FnColonSIsNotAPeriodBreak()
    {
        var tokens = Sv("FN:s mål: alla ska ha rent vatten.");

        Assert.Equal(7, tokens.Tokens.Count);
        Assert.Equal(2, tokens.Periods);
        Assert.Single(tokens.Sentences);
    }

    [Theory]
    [InlineData("https://www.regeringen.se/uppdrag/mission-fossilfritt-livsmedelssystem", TokenKind.Url)]
    [InlineData("registrator.kommunstyrelsen@stockholmsregionen.se", TokenKind.Email)]
    [InlineData("1.000.000,50", TokenKind.Number)]
    public void UrlsEmailsAndNumbersAreNeverLongWords(string token, TokenKind kind)
    {
        var result = TextChecker.Check($"Se {token} nu.", TextLanguage.Swedish);
        var tokens = Sv($"Se {token} nu.");

        Assert.Equal(kind, tokens.Tokens[1].Kind);
        Assert.Equal(token.Length, tokens.Tokens[1].Length);
        Assert.Equal(0, result.Statistics.LongWords);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == ReadabilityRules.WordLong);
    }

    [Fact]
    public void LettersAreCountedNotBytes()
    {
        var tokens = Sv("Vxyzåäö och sjukvård.");

        Assert.Equal([7, 3, 8], tokens.Tokens.Select(t => t.Letters));
    }

    [Fact]
    public void HyphenAndDigitsAreNotLetters()
    {
        var tokens = Sv("2030-talets e-post");

        Assert.Equal([6, 5], tokens.Tokens.Select(t => t.Letters));
    }

    [Theory]
    [InlineData("Vi börjar nu. Åtgärder krävs. Ändå går det. Önskan finns.", TextLanguage.Swedish, "Åtgärder krävs.")]
    [InlineData("Vi starter nu. Æbler er gode. Øen ligger der. Åen løber.", TextLanguage.Danish, "Æbler er gode.")]
    public void SentencesMayStartWithNordicCapitals(string text, TextLanguage language, string second)
    {
        var tokens = Tokenizer.Tokenize(text, language);

        Assert.Equal(4, tokens.Sentences.Count);
        Assert.Equal(second, text.Substring(tokens.Sentences[1].Start, tokens.Sentences[1].Length));
    }

    [Fact]
    public void BlankLineEndsASentence()
    {
        var tokens = Sv("Vårt mål\n\nAlla ska ha rent vatten");

        Assert.Equal(2, tokens.Sentences.Count);
        Assert.Equal(2, tokens.Periods);
    }

    [Fact]
    public void SingleLineBreakDoesNotEndASentence()
    {
        Assert.Single(Sv("Alla ska ha\nrent vatten.").Sentences);
    }

    [Fact]
    public void HeadingsAndListItemsEndSentences()
    {
        const string text = "# Vårt uppdrag\nVi ska minska utsläppen\n- i transporter\n* i industrin\n1. i jordbruket\n2) i byggandet";

        var tokens = Sv(text);

        Assert.Equal(6, tokens.Sentences.Count);
        Assert.Equal(["Vårt", "uppdrag"], Words(text, tokens).Take(2));
        Assert.DoesNotContain("1", Words(text, tokens));
        Assert.Equal("i transporter", text.Substring(tokens.Sentences[2].Start, tokens.Sentences[2].Length));
    }

    [Fact]
    public void SpansReferToTheOriginalTextAfterNormalisation()
    {
        // "å" and "ö" written decomposed (a + ring, o + diaeresis): NFC shortens the text by two units.
        const string text = "Sa\u030Ant o\u0308ka\u0308r. Kompetensförsörjningsstrategin gäller.";
        var tokens = Sv(text);

        var longWord = tokens.Tokens.Single(t => t.Letters > 15);
        Assert.Equal("Kompetensförsörjningsstrategin", text.Substring(longWord.Start, longWord.Length));
        Assert.Equal("Sa\u030Ant", text.Substring(tokens.Tokens[0].Start, tokens.Tokens[0].Length));
        Assert.Equal(4, tokens.Tokens[0].Letters);
        Assert.NotEqual(text, tokens.NormalizedText);
    }

    [Fact]
    public void EmojiIsNotAWordAndSpansStayInUtf16()
    {
        const string text = "🌍 Vår planet 🌍 behöver kompetensförsörjningsstrategier.";
        var tokens = Sv(text);

        Assert.Equal(["Vår", "planet", "behöver", "kompetensförsörjningsstrategier"], Words(text, tokens));
    }

    [Fact]
    public void EmptyTextHasNoTokensAndNoSentences()
    {
        var tokens = Sv("");

        Assert.Empty(tokens.Tokens);
        Assert.Empty(tokens.Sentences);
        Assert.Equal(0, tokens.Periods);
    }

    [Fact]
    public void QuestionAndExclamationMarksEndSentences()
    {
        Assert.Equal(3, Sv("Varför? Därför! Så är det.").Sentences.Count);
    }

    [Fact]
    public void MissingSpaceAfterAPeriodSplitsTheWords()
    {
        const string text = "Vi slutar.Sedan börjar vi kl.14.30.";

        Assert.Equal(["Vi", "slutar", "Sedan", "börjar", "vi", "kl", "14", "30"], Words(text, Sv(text)));
    }

    [Theory]
    [InlineData("a.")]
    [InlineData("a_")]
    [InlineData("a-")]
    [InlineData("ab.Cd.")]
    [InlineData("x\u0301")]
    [InlineData("FN:")]
    [InlineData("🌍")]
    public void PathologicalMegabyteInputsStayLinear(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(System.Text.RegularExpressions.Regex.Unescape(unit), 1_000_000 / unit.Length));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = TextChecker.Check(text, TextLanguage.Swedish);

        // Linear work takes tens of milliseconds here; a quadratic path would take hours.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed} for {unit}");
        Assert.True(result.Statistics.Words <= text.Length);
    }
}
