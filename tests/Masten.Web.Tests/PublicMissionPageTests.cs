using System.Globalization;
using Masten.Core.Progress;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Core.Readability;
using Masten.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The mission page as the public meets it: where the mission stands, why, who takes part and what is happening, and
/// none of the editors' tools; an editor sees those tools. On SQLite and PostgreSQL.
/// </summary>
public abstract partial class PublicMissionPageTests(MastenAppFactory factory)
{
    private static readonly HtmlParser Parser = new();
    private static readonly int[] CountGroups = [1, 3, 4];

    protected MastenAppFactory Factory { get; } = factory;

    private string MissionUrl => $"/missions/{Factory.ExampleMissionId}";

    private static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private Task<IDocument> AsVisitorAsync(string url)
    {
        Factory.RequireDatabase();
        return GetAsync(Factory.CreateAnonymousClient(), url);
    }

    private static IElement MainOf(IDocument page) => page.QuerySelector("main")!;

    private static string Text(IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    /// <summary>The section of the main content under the second-level heading with this text.</summary>
    private static IElement Section(IDocument page, string heading) =>
        MainOf(page).QuerySelectorAll("section").First(s => s.QuerySelector("h2") is { } h && Text(h) == heading);

    [SkippableFact]
    public async Task ACountUnitReadsNaturallyAfterTheBaselineLatestAndNextTarget()
    {
        var page = await AsVisitorAsync(MissionUrl);
        var counted = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == Factory.ExampleMissionId && i.Unit.StartsWith("antal ")).Select(i => new { i.Id, i.Unit }).FirstAsync());
        var facts = Text(MainOf(page).QuerySelector($"#indicator-{counted.Id} dl.facts")!);

        Assert.DoesNotContain(counted.Unit, facts, StringComparison.Ordinal);
        Assert.Contains(" " + Explanation.CountedUnit(counted.Unit) + " (", facts, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AVisitorSeesASummaryOfHowManyIndicatorsFollowThePlan()
    {
        var page = await AsVisitorAsync(MissionUrl);
        var indicators = await Factory.WithDbAsync(db => db.Indicators.CountAsync(i => i.Goal!.MissionId == Factory.ExampleMissionId));
        var summary = Text(MainOf(page).QuerySelector("p.summary")!);
        var match = Regex.Match(summary, @"^(\d+) av (\d+) indikatorer följer planen(?:, (\d+) ligger efter)?(?:, (\d+) saknar nya värden)?\.$");
        Assert.True(match.Success, summary);
        Assert.Equal(indicators, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var parts = CountGroups.Sum(g => match.Groups[g].Success ? int.Parse(match.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        Assert.Equal(indicators, parts);
        Assert.Contains("Senast ändrad", Text(MainOf(page).QuerySelector("dl.facts")!));
        Assert.Contains("År 2035 produceras maten", Text(MainOf(page).QuerySelector("blockquote.statement")!));
    }

    [SkippableTheory]
    [InlineData("sv", "Missionens status", "Läge")]
    [InlineData("en", "Mission status", "Progress")]
    [InlineData("da", "Missionens status", "Fremdrift")]
    public async Task TheMissionFactsNameTheMissionsStatusAndItsProgressInWordsOfTheirOwn(string language, string statusLabel, string progressLabel)
    {
        Factory.RequireDatabase();
        var client = Factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        var page = await GetAsync(client, MissionUrl);
        var facts = MainOf(page).QuerySelector("dl.facts")!.QuerySelectorAll("div")
            .Select(d => (Label: Text(d.QuerySelector("dt")!), Value: Text(d.QuerySelector("dd")!))).ToList();
        var status = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.Status).FirstAsync());

        Assert.Equal(facts.Count, facts.Select(f => f.Label).Distinct().Count());
        Assert.Equal(JsonStringLocalizer.TextsOf(language)[$"Enum.MissionStatus.{status}"], facts.Single(f => f.Label == statusLabel).Value);
        var progressWords = Enum.GetValues<ProgressStatus>().Select(s => ExplanationWords.StatusText(s, CultureInfo.GetCultureInfo(language)));
        Assert.Contains(facts.Single(f => f.Label == progressLabel).Value, progressWords);
    }

    [SkippableFact]
    public async Task TheLastChangeShownIsTheLatestChangeOfTheMissionItsGoalsItsIndicatorsAndTheirCurrentValues()
    {
        var page = await AsVisitorAsync(MissionUrl);
        var id = Factory.ExampleMissionId;
        // Recomputed here the plain way: every current observation of the mission, not one seek per indicator.
        var latest = await Factory.WithDbAsync(async db => new[]
        {
            await db.Missions.Where(m => m.Id == id).Select(m => (DateTime?)m.UpdatedAt).FirstAsync(),
            await db.Goals.Where(g => g.MissionId == id).MaxAsync(g => (DateTime?)g.UpdatedAt),
            await db.Indicators.Where(i => i.Goal!.MissionId == id).MaxAsync(i => (DateTime?)i.UpdatedAt),
            await db.Observations.Where(o => o.IsCurrent && db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == id)).MaxAsync(o => (DateTime?)o.EnteredAt),
        }.Max());
        Assert.NotNull(latest);
        var shown = MainOf(page).QuerySelectorAll("dl.facts div").Single(d => Text(d.QuerySelector("dt")!) == "Senast ändrad");
        Assert.Equal(latest.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), shown.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [SkippableFact]
    public async Task AVisitorSeesEachIndicatorWithItsReasonAChartAndItsFiguresInText()
    {
        var page = await AsVisitorAsync(MissionUrl);
        var goals = Section(page, "Delmål och indikatorer");
        var indicator = goals.QuerySelectorAll("li.indicator").First(li => Text(li).Contains("Matsvinn i hushållen", StringComparison.Ordinal));
        // The reason is text on the page, not hidden behind a control.
        var why = indicator.QuerySelector("p.why")!;
        Assert.Null(why.Closest("details"));
        Assert.Matches("Bedömning: .+\\.", Text(why));
        // A chart named by its caption, and the same figures as a table.
        var chart = indicator.QuerySelector("figure [role=img]")!;
        var svg = chart.QuerySelector("svg")!;
        Assert.NotNull(svg);
        Assert.Contains("Matsvinn i hushållen", Text(page.GetElementById(chart.GetAttribute("aria-labelledby")!)!));
        var rows = indicator.QuerySelectorAll("table tbody tr");
        Assert.NotEmpty(rows);
        // The small chart scales with its box (a viewBox), obeys the style policy (no style attributes), draws the
        // path and the observed values as lines, and each observed year of the table as a point.
        Assert.NotNull(svg.GetAttribute("viewBox"));
        Assert.Empty(svg.QuerySelectorAll("[style]"));
        Assert.True(svg.QuerySelectorAll("polyline").Length >= 2);
        var observedYears = rows.Count(r => Text(r.QuerySelectorAll("td")[2]).Length > 0);
        Assert.True(observedYears > 0);
        Assert.True(svg.QuerySelectorAll("circle").Length >= observedYears, $"{svg.QuerySelectorAll("circle").Length} points for {observedYears} observed years");
        Assert.Contains(rows, r => Text(r).Contains("70", StringComparison.Ordinal));
        Assert.Matches(@"Utgångsläge\s*81 kg per person och år[\s\S]*Senaste värde\s*70 kg per person och år[\s\S]*Nästa mål\s*40 kg per person och år", Text(indicator.QuerySelector("dl")!));
        // Each goal says why it has its status.
        var statuses = Enum.GetValues<ProgressStatus>().Select(s => ExplanationWords.StatusText(s, CultureInfo.GetCultureInfo("sv-SE"))).ToList();
        Assert.All(goals.QuerySelectorAll("li.goal"), g => Assert.Contains(g.Children, c => c.LocalName == "p" && statuses.Any(s => Text(c).Contains(s, StringComparison.Ordinal))));
    }

    [SkippableFact]
    public async Task AVisitorSeesWhoTakesPartAndWhatTheyPromised()
    {
        var page = await AsVisitorAsync(MissionUrl);
        var actors = Section(page, "Vilka är med");
        var members = await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.MissionId == Factory.ExampleMissionId && m.LeftOn == null));
        Assert.Contains($"{members} organisationer är med i missionen.", Text(actors));
        var byType = actors.QuerySelectorAll("table tbody tr").Select(r => int.Parse(Text(r.QuerySelector("td")!), System.Globalization.CultureInfo.InvariantCulture)).Sum();
        Assert.Equal(members, byType);
        Assert.Contains("Kommun", actors.QuerySelectorAll("table tbody th").Select(Text));
        var region = actors.QuerySelectorAll("ul.public-actors > li").First(li => Text(li).StartsWith("Region Exempelland", StringComparison.Ordinal));
        Assert.Contains("Servera 40 procent ekologisk mat i vården senast 2027.", Text(region));
        Assert.Contains("SEK", Text(region));

        var happening = Section(page, "Vad som händer");
        var initiatives = await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == Factory.ExampleMissionId));
        Assert.Contains($"Insatser efter skede, {initiatives} i alla", Text(happening.QuerySelector("caption")!));
        Assert.Contains("Skala upp: Baljväxter i skolmaten.", Text(happening));
    }

    [SkippableFact]
    public async Task TheActorsTakingPartArePagedByQueryString()
    {
        var page = await AsVisitorAsync(MissionUrl + "?actors=2");
        var actors = Section(page, "Vilka är med");
        // The example has fewer actors than one page holds: the second page is empty, the counts stay.
        Assert.Empty(actors.QuerySelectorAll("ul.public-actors > li"));
        Assert.NotEmpty(actors.QuerySelectorAll("table tbody tr"));
    }

    /// <summary>What only editors have: klarspråk panels, edit and correction links, the roadmap version, the language page.</summary>
    private static List<string> EditorTools(IDocument page) =>
    [
        .. page.QuerySelectorAll("details.klarsprak").Select(_ => "klarspråk panel"),
        .. page.QuerySelectorAll("a[href$='/edit'], a[href*='/goals/new'], a[href*='/indicators/new'], a[href*='/correct'], a[href$='/language'], a[href$='/members'], a[href*='/observations/new']")
            .Select(a => "link " + a.GetAttribute("href")),
        .. page.QuerySelectorAll(".roadmap-version").Select(_ => "roadmap version"),
        .. page.QuerySelectorAll("a[href='/programmes/new'], a[href*='/missions/new']").Select(a => "link " + a.GetAttribute("href")),
    ];

    [SkippableTheory]
    [InlineData("/missions/{mission}")]
    [InlineData("/missions/{mission}/progress")]
    [InlineData("/indicators/{indicator}")]
    [InlineData("/")]
    public async Task AVisitorSeesNoEditorTools(string path)
    {
        Factory.RequireDatabase();
        var url = await UrlAsync(path);
        Assert.Empty(EditorTools(await AsVisitorAsync(url)));
    }

    [SkippableTheory]
    [InlineData("/missions/{mission}")]
    [InlineData("/indicators/{indicator}")]
    public async Task AViewerWithoutEditRightsSeesNoEditorToolsEither(string path)
    {
        Factory.RequireDatabase();
        var (_, token) = await Factory.CreateUserAsync($"viewer-{Guid.NewGuid():N}@masten.test", [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Viewer }]);
        Assert.Empty(EditorTools(await GetAsync(Factory.CreateClientWithToken(token), await UrlAsync(path))));
    }

    [SkippableFact]
    public async Task AnEditorSeesTheEditorTools()
    {
        Factory.RequireDatabase();
        var (_, token) = await Factory.CreateUserAsync($"editor-{Guid.NewGuid():N}@masten.test", [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Editor }]);
        var client = Factory.CreateClientWithToken(token);
        var tools = EditorTools(await GetAsync(client, MissionUrl));
        Assert.Contains("klarspråk panel", tools);
        Assert.Contains($"link {MissionUrl}/edit", tools);
        Assert.Contains($"link {MissionUrl}/language", tools);
        Assert.Contains("roadmap version", tools);
        Assert.Contains(EditorTools(await GetAsync(client, await UrlAsync("/indicators/{indicator}"))), t => t.EndsWith("/correct", StringComparison.Ordinal));
        // The programme office creates missions from the start page; the administrator also programmes.
        Assert.Contains(EditorTools(await GetAsync(Factory.CreateClient(), "/")), t => t == "link /programmes/new");
    }

    [SkippableFact]
    public async Task TheFixedTextOfThePublicPagesIsPlainSwedishAtLix40OrBelow()
    {
        Factory.RequireDatabase();
        var texts = JsonStringLocalizer.TextsOf("sv").Values.Distinct().ToList();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/missions/{mission}", "/missions/{mission}/progress", "/missions/{mission}/actors", "/missions/{mission}/portfolio", "/missions/{mission}/glossary", "/missions/{mission}/roadmap", "/indicators/{indicator}", "/" })
        {
            var page = await AsVisitorAsync(await UrlAsync(path));
            var visible = Text(page.Body!);
            foreach (var text in texts)
            {
                // A text is on the page when every fixed part of it (between its placeholders) is.
                var parts = Placeholder().Split(text).Select(p => p.Trim(' ', ',', '.', ':', '(', ')')).Where(p => p.Length > 0).ToList();
                if (parts.Count > 0 && parts.All(p => visible.Contains(p, StringComparison.Ordinal)) && parts.Sum(p => p.Length) >= 4)
                    used.Add(text);
            }
        }
        Assert.True(used.Count > 40, $"found the page's fixed texts: {used.Count}");
        // Each text as a sentence of its own, placeholders read as a short word.
        var prose = string.Join(" ", used.Select(t => Placeholder().Replace(t, "det").TrimEnd('.', ':', ' ') + "."));
        var lix = TextChecker.Check(prose, TextLanguage.Swedish).Lix;
        Assert.NotNull(lix);
        Assert.True(lix!.Value <= 40, $"LIX {lix.Value:0.0} of the public pages' fixed text:\n{string.Join("\n", used)}");
    }

    private async Task<string> UrlAsync(string path)
    {
        var mission = Factory.ExampleMissionId;
        var indicator = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == mission).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        return path.Replace("{mission}", mission.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{indicator}", indicator.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}

public sealed class SqlitePublicMissionPageTests(SqliteAppFactory factory) : PublicMissionPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPublicMissionPageTests(PostgresAppFactory factory) : PublicMissionPageTests(factory), IClassFixture<PostgresAppFactory>;
