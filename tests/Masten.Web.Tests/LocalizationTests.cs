using System.Text.RegularExpressions;
using Masten.Web.Localization;

namespace Masten.Web.Tests;

public partial class LocalizationTests
{
    private static readonly string WebProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Masten.Web"));

    [GeneratedRegex("""T\["(?<key>[A-Za-z][\w.]*)"[\],]""")]
    private static partial Regex LiteralKey();

    public static TheoryData<string> Languages => new(JsonStringLocalizer.SupportedCultures);

    /// <summary>The web project's pages and code, without what the build generates.</summary>
    private static IEnumerable<string> WebSources() => Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryTextKeyUsedInTheWebProjectExistsInEveryLanguage(string language)
    {
        var texts = JsonStringLocalizer.TextsOf(language);
        var used = WebSources()
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Equal(Array.Empty<string>(), used.Where(k => !texts.ContainsKey(k)).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguageHasTheSameKeysAsSwedish(string language)
    {
        var swedish = JsonStringLocalizer.TextsOf("sv").Keys.ToHashSet();
        Assert.Equal(swedish.Order(), JsonStringLocalizer.TextsOf(language).Keys.Order());
    }

    [GeneratedRegex("""\.Count\("(?<key>[A-Za-z][\w.]*)",""")]
    private static partial Regex CountKey();

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryCountTextHasItsSingularAndPluralInEveryLanguage(string language)
    {
        var texts = JsonStringLocalizer.TextsOf(language);
        var used = WebSources()
            .SelectMany(f => CountKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        Assert.Contains("Import.Applied.New", used);
        Assert.Equal(Array.Empty<string>(), used.SelectMany(k => new[] { k, k + ".One" }).Where(k => !texts.ContainsKey(k)).Order().ToArray());
    }

    [Fact]
    public void EveryEnumValueShownOnPagesHasALabel()
    {
        var texts = JsonStringLocalizer.TextsOf("sv");
        var enums = new[] { typeof(Masten.Core.Missions.MissionStatus), typeof(Masten.Core.Missions.Direction), typeof(Masten.Core.Missions.ReportingFrequency), typeof(Masten.Core.Missions.PathwayShape), typeof(Masten.Core.Missions.RollupRule) };
        var missing = enums.SelectMany(e => Enum.GetNames(e).Select(n => $"Enum.{e.Name}.{n}")).Where(k => !texts.ContainsKey(k));
        Assert.Equal(Array.Empty<string>(), missing.ToArray());
    }

    [Fact]
    public void EveryErrorCodeOfTheDomainRulesHasAMessage()
    {
        var texts = JsonStringLocalizer.TextsOf("sv");
        var sources = Directory.EnumerateFiles(Path.Combine(WebProject, ".."), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains("Migrations", StringComparison.Ordinal));
        var codes = sources.SelectMany(f => ErrorCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value)).ToHashSet();
        Assert.Contains("HorizonNotAfterBaseline", codes);
        Assert.Equal(Array.Empty<string>(), codes.Where(c => !texts.ContainsKey($"Error.{c}")).Order().ToArray());
    }

    [GeneratedRegex("""(?:Add|FieldError|Invalid|Conflict)\("[\w\[\]\.]+", "(?<code>[A-Z]\w+)", """)]
    private static partial Regex ErrorCode();
}
