using Masten.Core.Readability;

namespace Masten.Core.Tests.Readability;

public class LexiconTests
{
    [Theory]
    [InlineData(TextLanguage.Swedish, 150)]
    [InlineData(TextLanguage.Danish, 80)]
    [InlineData(TextLanguage.English, 100)]
    public void LexiconMeetsItsMinimumSize(TextLanguage language, int minimum)
    {
        Assert.True(Lexicon.For(language).Entries.Count >= minimum, $"{language}: {Lexicon.For(language).Entries.Count} entries");
    }

    [Theory]
    [InlineData(TextLanguage.Swedish)]
    [InlineData(TextLanguage.Danish)]
    [InlineData(TextLanguage.English)]
    public void EveryKindIsPresentAndEveryEntryHasASuggestion(TextLanguage language)
    {
        var entries = Lexicon.For(language).Entries;

        Assert.Equal(Enum.GetValues<LexiconKind>(), entries.Select(e => e.Kind).Distinct().Order());
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Suggestion)));
        Assert.All(entries, e => Assert.Equal(e.Phrase.ToLowerInvariant(), e.Phrase));
    }

    [Theory]
    [InlineData(TextLanguage.Swedish, "samverkan,accelerera,skalbar,ekosystem,omställning,systeminnovation,missionsorienterad,implementera,möjliggöra,erforderlig,tillse,icke,ej,därvidlag,erhålla,tillhandahålla,delgiva")]
    [InlineData(TextLanguage.Danish, "samskabelse,accelerere,skalerbar,økosystem,omstilling,systeminnovation,missionsdrevet,implementere,muliggøre,skrivelse,med henblik på,påbegynde,fremsende")]
    [InlineData(TextLanguage.English, "leverage,scalable,ecosystem,transition,enable,implement,facilitate,empower,deliver,deploy,drive,key,stakeholder,synergy,commence,utilise,in order to,prior to,make a decision")]
    public void LexiconHoldsTheRequiredWords(TextLanguage language, string words)
    {
        var phrases = Lexicon.For(language).Entries.Select(e => e.Phrase).ToHashSet();

        Assert.All(words.Split(','), w => Assert.Contains(w, phrases));
    }

    [Fact]
    public void LexiconIsLoadedOnce()
    {
        Assert.Same(Lexicon.For(TextLanguage.Swedish), Lexicon.For(TextLanguage.Swedish));
    }

    [Fact]
    public void IrregularFormsAreNotPartOfThePhrase()
    {
        Assert.Contains(Lexicon.For(TextLanguage.Swedish).Entries, e => e.Phrase == "möjliggöra" && e.Kind == LexiconKind.Jargon);
    }
}
