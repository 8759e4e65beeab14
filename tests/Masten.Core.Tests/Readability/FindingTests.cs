using Masten.Core.Readability;

namespace Masten.Core.Tests.Readability;

public class FindingTests
{
    private static Finding[] Found(string text, TextLanguage language, string rule, TextCheckOptions? options = null) =>
        TextChecker.Check(text, language, options).Findings.Where(f => f.RuleId == rule).ToArray();

    private static Finding Single(string text, TextLanguage language, string rule)
    {
        var finding = Assert.Single(Found(text, language, rule));
        Assert.Equal(finding.Text, text.Substring(finding.Start, finding.Length));
        return finding;
    }

    private static string Sentence(int words) => string.Join(' ', Enumerable.Repeat("ord", words)) + ".";

    [Theory]
    [InlineData(TextLanguage.Swedish)]
    [InlineData(TextLanguage.Danish)]
    [InlineData(TextLanguage.English)]
    public void SentenceOf25WordsIsLong(TextLanguage language)
    {
        var text = "Kort. " + Sentence(25);

        var finding = Single(text, language, ReadabilityRules.SentenceLong);

        Assert.Equal((FindingSeverity.Warning, 25, 6, text.Length - 6), (finding.Severity, finding.Count, finding.Start, finding.Length));
        Assert.Empty(Found(text, language, ReadabilityRules.SentenceLongish));
    }

    [Theory]
    [InlineData(TextLanguage.Swedish, 15, 1)]
    [InlineData(TextLanguage.Danish, 24, 1)]
    [InlineData(TextLanguage.English, 14, 0)]
    public void SentenceFrom15WordsGetsAHint(TextLanguage language, int words, int expected)
    {
        var found = Found(Sentence(words), language, ReadabilityRules.SentenceLongish);

        Assert.Equal(expected, found.Length);
        Assert.All(found, f => Assert.Equal(FindingSeverity.Hint, f.Severity));
        Assert.Empty(Found(Sentence(words), language, ReadabilityRules.SentenceLong));
    }

    [Theory]
    [InlineData("Vi tar fram en kompetensförsörjningsstrategi.", TextLanguage.Swedish, "kompetensförsörjningsstrategi")]
    [InlineData("Vi laver en kompetenceudviklingsstrategi.", TextLanguage.Danish, "kompetenceudviklingsstrategi")]
    [InlineData("We value internationalisation.", TextLanguage.English, "internationalisation")]
    public void WordOfMoreThan15LettersIsLong(string text, TextLanguage language, string word)
    {
        var finding = Single(text, language, ReadabilityRules.WordLong);

        Assert.Equal((word, word.Length), (finding.Text, finding.Count));
    }

    [Theory]
    [InlineData("Vi bygger en sjukvårdsregion.", TextLanguage.Swedish)]
    [InlineData("Vi bygger et sundhedsområde.", TextLanguage.Danish)]
    [InlineData("We share understanding.", TextLanguage.English)]
    public void WordOf15LettersOrFewerIsNotLong(string text, TextLanguage language)
    {
        Assert.Empty(Found(text, language, ReadabilityRules.WordLong));
    }

    [Theory]
    [InlineData("Rapporten ska skrivas av styrelsen.", "ska skrivas")]
    [InlineData("Ansökan kommer att granskas i maj.", "kommer att granskas")]
    [InlineData("Planen kan inte ändras nu.", "kan inte ändras")]
    [InlineData("Projektet avslutades i maj.", "avslutades")]
    [InlineData("Målen har prioriterats.", "prioriterats")]
    [InlineData("Arbetet gjordes snabbt.", "gjordes")]
    [InlineData("Förslaget blev godkänt av alla.", "blev godkänt")]
    [InlineData("Rapporten blir skriven i maj.", "blir skriven")]
    [InlineData("Missionen genomförs i hela landet.", "genomförs")]
    [InlineData("Arbetet finansieras av staten.", "finansieras")]
    public void SwedishPassiveIsFound(string text, string expected)
    {
        Assert.Equal(expected, Single(text, TextLanguage.Swedish, ReadabilityRules.Passive).Text);
    }

    [Theory]
    [InlineData("Vi hoppas att det lyckas.")]
    [InlineData("Det finns skäl att vänta.")]
    [InlineData("Vi måste hoppas på det bästa.")]
    [InlineData("Alla får plats i salen.")]
    [InlineData("Det känns bra och verkar rimligt.")]
    [InlineData("Hon lyckades och trivdes.")]
    [InlineData("Det blev bättre i år.")]
    [InlineData("Vi skriver rapporten själva.")]
    [InlineData("Vår insats och vår ansats tar plats.")]
    public void SwedishDeponentsAndActiveVerbsAreNotPassive(string text)
    {
        Assert.Empty(Found(text, TextLanguage.Swedish, ReadabilityRules.Passive));
    }

    [Theory]
    [InlineData("Ansøgningen skal behandles i maj.", "skal behandles")]
    [InlineData("Planen evalueres hvert år.", "evalueres")]
    [InlineData("Forslaget blev godkendt af alle.", "blev godkendt")]
    [InlineData("Rapporten bliver skrevet i maj.", "bliver skrevet")]
    [InlineData("Missionen gennemføres i hele landet.", "gennemføres")]
    public void DanishPassiveIsFound(string text, string expected)
    {
        Assert.Equal(expected, Single(text, TextLanguage.Danish, ReadabilityRules.Passive).Text);
    }

    [Theory]
    [InlineData("Vi synes, at det kan lykkes.")]
    [InlineData("Der findes en plan.")]
    [InlineData("Vi skal ses i morgen.")]
    [InlineData("Det blev bedre i år.")]
    [InlineData("Vi skriver rapporten selv.")]
    public void DanishDeponentsAndActiveVerbsAreNotPassive(string text)
    {
        Assert.Empty(Found(text, TextLanguage.Danish, ReadabilityRules.Passive));
    }

    [Theory]
    [InlineData("The report was written by the board.", "was written")]
    [InlineData("Decisions are made quickly.", "are made")]
    [InlineData("The plan is being reviewed.", "is being reviewed")]
    [InlineData("The targets have been missed.", "been missed")]
    public void EnglishPassiveIsFound(string text, string expected)
    {
        Assert.Equal(expected, Single(text, TextLanguage.English, ReadabilityRules.Passive).Text);
    }

    [Theory]
    [InlineData("The board writes the report.")]
    [InlineData("The door is red.")]
    [InlineData("We need more speed.")]
    [InlineData("It is a good plan.")]
    public void EnglishActiveIsNotPassive(string text)
    {
        Assert.Empty(Found(text, TextLanguage.English, ReadabilityRules.Passive));
    }

    [Theory]
    [InlineData("Kartläggningen tog tid.", TextLanguage.Swedish, "Kartläggningen")]
    [InlineData("Tillgängligheten är god.", TextLanguage.Swedish, "Tillgängligheten")]
    [InlineData("Vurderingen tog tid.", TextLanguage.Danish, "Vurderingen")]
    [InlineData("Tilgængeligheden er god.", TextLanguage.Danish, "Tilgængeligheden")]
    [InlineData("The assessment took time.", TextLanguage.English, "assessment")]
    [InlineData("Its effectiveness is clear.", TextLanguage.English, "effectiveness")]
    public void NominalisationGetsAHint(string text, TextLanguage language, string expected)
    {
        var finding = Single(text, language, ReadabilityRules.Nominalisation);

        Assert.Equal((expected, FindingSeverity.Hint), (finding.Text, finding.Severity));
    }

    [Theory]
    [InlineData("Tidningen och dagstidningen kom.", TextLanguage.Swedish)]
    [InlineData("Ökning och regeringen.", TextLanguage.Swedish)]
    [InlineData("Regningen kom fra regeringen.", TextLanguage.Danish)]
    [InlineData("The government met for a moment.", TextLanguage.English)]
    [InlineData("Forskning och innovation ger lösningar.", TextLanguage.Swedish)]
    public void CommonNounsAreNotNominalisations(string text, TextLanguage language)
    {
        Assert.Empty(Found(text, language, ReadabilityRules.Nominalisation));
    }

    [Theory]
    [InlineData("Vi ska göra en kartläggning av behoven.", TextLanguage.Swedish, "göra en kartläggning", "kartlägga")]
    [InlineData("Kommunen gjorde en kartläggning.", TextLanguage.Swedish, "gjorde en kartläggning", "kartlägga")]
    [InlineData("Kommunen är i behov av stöd.", TextLanguage.Swedish, "är i behov av", "behöva")]
    [InlineData("Styrelsen vidtog ändringar.", TextLanguage.Swedish, "vidtog ändringar", "ändra")]
    [InlineData("Kunden ska erlägga betalning.", TextLanguage.Swedish, "erlägga betalning", "betala")]
    [InlineData("Vi ska göra en\nkartläggning.", TextLanguage.Swedish, "göra en\nkartläggning", "kartlägga")]
    [InlineData("Vi skal foretage en ændring.", TextLanguage.Danish, "foretage en ændring", "ændre")]
    [InlineData("Vi traf en beslutning i går.", TextLanguage.Danish, "traf en beslutning", "beslutte")]
    [InlineData("We will make a decision.", TextLanguage.English, "make a decision", "decide")]
    [InlineData("We made decisions quickly.", TextLanguage.English, "made decisions", "decide")]
    [InlineData("The town is in need of support.", TextLanguage.English, "is in need of", "need")]
    public void SupportVerbPhraseSuggestsTheVerb(string text, TextLanguage language, string expected, string suggestion)
    {
        var finding = Single(text, language, ReadabilityRules.SupportVerb);

        Assert.Equal((expected, suggestion), (finding.Text, finding.Suggestion));
    }

    [Theory]
    [InlineData("Vi ska göra en plan.", TextLanguage.Swedish)]
    [InlineData("Vi ska göra en. Kartläggning kommer sen.", TextLanguage.Swedish)]
    [InlineData("Vi skal foretage en rejse.", TextLanguage.Danish)]
    [InlineData("We will make a cake.", TextLanguage.English)]
    public void OtherPhrasesAreNotSupportVerbs(string text, TextLanguage language)
    {
        Assert.Empty(Found(text, language, ReadabilityRules.SupportVerb));
    }

    [Theory]
    [InlineData("Du kan erhålla stöd.", TextLanguage.Swedish, "erhålla", "få")]
    [InlineData("Hon erhöll stöd.", TextLanguage.Swedish, "erhöll", "få")]
    [InlineData("Kommunen tillser att det blir rätt.", TextLanguage.Swedish, "tillser", "se till")]
    [InlineData("Det är icke tillåtet.", TextLanguage.Swedish, "icke", "inte")]
    [InlineData("Vi gör detta i syfte att spara.", TextLanguage.Swedish, "i syfte att", "för att")]
    [InlineData("Vi sender en skrivelse.", TextLanguage.Danish, "skrivelse", "brev")]
    [InlineData("Vi mødes med henblik på at lære.", TextLanguage.Danish, "med henblik på", "for at")]
    [InlineData("Arbejdet påbegyndtes i maj.", TextLanguage.Danish, "påbegyndtes", "begynde")]
    [InlineData("We will commence work.", TextLanguage.English, "commence", "start")]
    [InlineData("We met in order to plan.", TextLanguage.English, "in order to", "to")]
    [InlineData("Read it prior to the meeting.", TextLanguage.English, "prior to", "before")]
    public void OfficialeseIsAWarningWithAPlainWord(string text, TextLanguage language, string expected, string suggestion)
    {
        var finding = Single(text, language, ReadabilityRules.Officialese);

        Assert.Equal((expected, suggestion, FindingSeverity.Warning), (finding.Text, finding.Suggestion, finding.Severity));
    }

    [Theory]
    [InlineData("Du kan få stöd.", TextLanguage.Swedish)]
    [InlineData("Vi sender et brev.", TextLanguage.Danish)]
    [InlineData("We will start work.", TextLanguage.English)]
    public void PlainWordsAreNotOfficialese(string text, TextLanguage language)
    {
        Assert.Empty(Found(text, language, ReadabilityRules.Officialese));
    }

    [Theory]
    [InlineData("Vi stärker samverkan i regionen.", TextLanguage.Swedish, "samverkan", "samarbete")]
    [InlineData("Vi bygger et økosystem.", TextLanguage.Danish, "økosystem", "netværk")]
    [InlineData("We leverage our strengths.", TextLanguage.English, "leverage", "use")]
    [InlineData("Our stakeholders agree.", TextLanguage.English, "stakeholders", "people involved")]
    public void JargonGetsAHint(string text, TextLanguage language, string expected, string suggestion)
    {
        var finding = Single(text, language, ReadabilityRules.Jargon);
        Assert.Equal((expected, suggestion, FindingSeverity.Hint), (finding.Text, finding.Suggestion, finding.Severity));
    }

    [Theory]
    [InlineData("Vi samarbetar i regionen.", TextLanguage.Swedish)]
    [InlineData("Vi arbejder sammen.", TextLanguage.Danish)]
    [InlineData("We use our strengths.", TextLanguage.English)]
    public void PlainWordsAreNotJargon(string text, TextLanguage language)
    {
        Assert.Empty(Found(text, language, ReadabilityRules.Jargon));
    }

    [Theory]
    [InlineData("Samverkans")]
    [InlineData("implementera")]
    [InlineData("implementerar")]
    [InlineData("implementerade")]
    [InlineData("implementering")]
    [InlineData("implementeringen")]
    [InlineData("möjliggör")]
    [InlineData("möjliggöra")]
    [InlineData("möjliggjorde")]
    [InlineData("möjliggörs")]
    [InlineData("accelererar")]
    [InlineData("skalbara")]
    [InlineData("ekosystemet")]
    [InlineData("omställningen")]
    [InlineData("systeminnovationer")]
    [InlineData("missionsorienterade")]
    public void InflectedSwedishJargonMatches(string word)
    {
        var finding = Single($"Det {word} oss.", TextLanguage.Swedish, ReadabilityRules.Jargon);

        Assert.Equal(word, finding.Text);
    }

    [Theory]
    [InlineData(TextLanguage.Danish, "samskabelsen")]
    [InlineData(TextLanguage.Danish, "accelererer")]
    [InlineData(TextLanguage.Danish, "skalerbare")]
    [InlineData(TextLanguage.Danish, "økosystemer")]
    [InlineData(TextLanguage.Danish, "omstillingen")]
    [InlineData(TextLanguage.Danish, "systeminnovation")]
    [InlineData(TextLanguage.Danish, "missionsdrevne")]
    [InlineData(TextLanguage.Danish, "implementerede")]
    [InlineData(TextLanguage.Danish, "muliggør")]
    [InlineData(TextLanguage.Danish, "muliggjorde")]
    [InlineData(TextLanguage.English, "leveraging")]
    [InlineData(TextLanguage.English, "ecosystems")]
    [InlineData(TextLanguage.English, "enabled")]
    [InlineData(TextLanguage.English, "implementing")]
    [InlineData(TextLanguage.English, "facilitates")]
    [InlineData(TextLanguage.English, "drove")]
    [InlineData(TextLanguage.English, "synergies")]
    public void InflectedDanishAndEnglishJargonMatches(TextLanguage language, string word)
    {
        var finding = Single($"Det {word} os.", language, ReadabilityRules.Jargon);

        Assert.Equal(word, finding.Text);
    }

    [Theory]
    [InlineData(TextLanguage.Swedish, "samverkansprojektet", "samarbete")]
    [InlineData(TextLanguage.Swedish, "innovationsekosystemet", "nätverk för innovation")]
    [InlineData(TextLanguage.Swedish, "omställningsarbete", "förändring")]
    [InlineData(TextLanguage.Swedish, "implementeringsplanen", "införa")]
    [InlineData(TextLanguage.Danish, "omstillingsprocessen", "forandring")]
    [InlineData(TextLanguage.Danish, "fødevareøkosystemet", "netværk")]
    public void JargonInsideACompoundIsFound(TextLanguage language, string word, string suggestion)
    {
        var finding = Single($"Vi har {word} nu.", language, ReadabilityRules.Jargon);

        Assert.Equal((word, suggestion), (finding.Text, finding.Suggestion));
    }

    [Theory]
    [InlineData(TextLanguage.Swedish, "samhällsbyggnaden")]
    [InlineData(TextLanguage.Danish, "kommunalbestyrelsen")]
    [InlineData(TextLanguage.English, "ecosystemservices")]
    public void CompoundWithoutJargonIsNotFlagged(TextLanguage language, string word)
    {
        Assert.Empty(Found($"Vi har {word} nu.", language, ReadabilityRules.Jargon));
    }

    [Fact]
    public void MultiWordPhraseMatchesAcrossALineBreakIgnoringCase()
    {
        var finding = Single("Vi gör det I SYFTE\natt spara.", TextLanguage.Swedish, ReadabilityRules.Officialese);

        Assert.Equal("I SYFTE\natt", finding.Text);
    }

    [Theory]
    [InlineData("Är det så att vi måste erhålla stöd?", "erhålla")]
    [InlineData("Åtgärden: vi ska erhålla stöd och öka takten.", "erhålla")]
    [InlineData("🌍 Vi ska 🌍 erhålla stöd.", "erhålla")]
    [InlineData("Kære læser, vi fremsender en skrivelse.", "skrivelse")]
    public void SpansPointAtTheRightCharacters(string text, string word)
    {
        var language = text.Contains("skrivelse", StringComparison.Ordinal) ? TextLanguage.Danish : TextLanguage.Swedish;

        var finding = TextChecker.Check(text, language).Findings.First(f => f.RuleId == ReadabilityRules.Officialese && f.Text == word);

        Assert.Equal(text.IndexOf(word, StringComparison.Ordinal), finding.Start);
        Assert.Equal(word.Length, finding.Length);
    }

    [Fact]
    public void SpansSurviveDecomposedLetters()
    {
        // "Åtgärden" with a decomposed Å and ä: NFC changes the length, spans must not shift.
        const string text = "A\u030Atga\u0308rden: vi ska erha\u030Alla stöd.";

        var finding = Single(text, TextLanguage.Swedish, ReadabilityRules.Officialese);

        Assert.Equal("erha\u030Alla", finding.Text);
        Assert.Equal(text.IndexOf("erha", StringComparison.Ordinal), finding.Start);
    }

    [Fact]
    public void FindingsAreOrderedByStart()
    {
        var result = TextChecker.Check(
            "Vi ska erhålla stöd i syfte att implementera en kompetensförsörjningsstrategi. Samverkan ska utvecklas.",
            TextLanguage.Swedish);

        Assert.Equal(result.Findings.OrderBy(f => f.Start).Select(f => f.Start), result.Findings.Select(f => f.Start));
        Assert.Contains(result.Findings, f => f.RuleId == ReadabilityRules.Passive && f.Text == "ska utvecklas");
    }

    [Fact]
    public void MessagesComeInTheInterfaceLanguage()
    {
        var finding = Single("Du kan erhålla stöd.", TextLanguage.Swedish, ReadabilityRules.Officialese);

        Assert.Equal("\"erhålla\" är ett stelt myndighetsord. Skriv hellre \"få\".", finding.Message(TextLanguage.Swedish));
        Assert.Equal("\"erhålla\" er et papirord. Skriv hellere \"få\".", finding.Message(TextLanguage.Danish));
        Assert.Equal("\"erhålla\" is stiff, formal language. Prefer \"få\".", finding.Message(TextLanguage.English));
    }

    [Fact]
    public void EveryRuleHasAMessageInEveryLanguage()
    {
        foreach (var rule in ReadabilityRules.All)
        {
            foreach (var ui in Enum.GetValues<TextLanguage>())
            {
                var message = new Finding(rule, FindingSeverity.Hint, 0, 1, "x", "y", 3).Message(ui);
                Assert.NotEqual(rule, message);
                Assert.DoesNotContain("{", message, StringComparison.Ordinal);
            }
        }
    }

    private static readonly GlossaryTerm Systeminnovation =
        new(TextLanguage.Swedish, "systeminnovation", "förändring av flera delar samtidigt");

    private static TextCheckOptions WithGlossary(params GlossaryTerm[] terms) => new() { Glossary = terms };

    [Fact]
    public void GlossaryTermWithoutExplanationIsFlagged()
    {
        const string text = "Vi satsar på systeminnovation. Systeminnovationer tar tid.";

        var result = TextChecker.Check(text, TextLanguage.Swedish, WithGlossary(Systeminnovation));

        var finding = Assert.Single(result.Findings, f => f.RuleId == ReadabilityRules.GlossaryUnexplained);
        Assert.Equal((13, "systeminnovation", "förändring av flera delar samtidigt"), (finding.Start, finding.Text, finding.Suggestion));
        Assert.Equal([13, 31], result.GlossaryOccurrences.Select(o => o.Start));
        Assert.Equal(["systeminnovation", "Systeminnovationer"], result.GlossaryOccurrences.Select(o => text.Substring(o.Start, o.Length)));
    }

    [Theory]
    [InlineData("Vi satsar på systeminnovation (förändring av många delar).")]
    [InlineData("Vi satsar på systeminnovation, det vill säga stora förändringar.")]
    [InlineData("Vi satsar på förändring av flera delar samtidigt. Det kallas systeminnovation.")]
    [InlineData("Vi ändrar allt på en gång (systeminnovation).")]
    public void ExplainedGlossaryTermIsNotFlagged(string text)
    {
        var result = TextChecker.Check(text, TextLanguage.Swedish, WithGlossary(Systeminnovation));

        Assert.DoesNotContain(result.Findings, f => f.RuleId == ReadabilityRules.GlossaryUnexplained);
        Assert.Single(result.GlossaryOccurrences);
    }

    [Fact]
    public void GlossaryOfAnotherLanguageIsIgnored()
    {
        var danish = new GlossaryTerm(TextLanguage.Danish, "systeminnovation", "forandring af mange dele");

        var result = TextChecker.Check("Vi satsar på systeminnovation.", TextLanguage.Swedish, WithGlossary(danish));

        Assert.Empty(result.GlossaryOccurrences);
    }

    [Fact]
    public void MultiWordGlossaryTermIsFound()
    {
        var term = new GlossaryTerm(TextLanguage.English, "mission portfolio", "a set of projects steered together");

        var result = TextChecker.Check("Our mission portfolios grow. The mission is clear.", TextLanguage.English, WithGlossary(term));

        var occurrence = Assert.Single(result.GlossaryOccurrences);
        Assert.Equal((4, "mission portfolios".Length), (occurrence.Start, occurrence.Length));
    }
}
