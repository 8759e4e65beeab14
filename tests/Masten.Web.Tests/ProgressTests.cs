using System.Net;
using System.Globalization;
using System.Text.Json.Nodes;
using Masten.Core.Progress;
using Masten.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Progress over HTTP on the example mission, on SQLite and PostgreSQL.</summary>
public abstract class ProgressTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private Task<int> IndicatorIdAsync(string name) =>
        Factory.WithDbAsync(db => db.Indicators.Where(i => i.Name == name).Select(i => i.Id).FirstAsync());

    [SkippableFact]
    public async Task IndicatorProgressGivesPathAssessmentExplanationAndInputs()
    {
        var id = await IndicatorIdAsync("Utsläpp från arbetsmaskiner i jordbruket");
        var response = await Client().GetAsync($"/api/v1/indicators/{id}/progress?asOf=2026-06-30&languages=sv,en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var segments = body["trajectory"]!["segments"]!.AsArray();
        Assert.Equal(2, segments.Count);
        Assert.Equal("ConstantRate", (string)segments[0]!["shape"]!);
        Assert.Equal(1050, (double)body["trajectory"]!["baseline"]!["value"]!);
        Assert.Equal(150, (double)body["trajectory"]!["finalTarget"]!["value"]!);
        Assert.Equal("OffTrack", (string)body["assessment"]!["status"]!);
        Assert.Equal(918, (double)body["assessment"]!["latest"]!["value"]!);
        Assert.StartsWith("Utsläpp från arbetsmaskiner i jordbruket behöver minska med", (string)body["explanation"]!["sv"]!);
        Assert.Contains("must fall by", (string)body["explanation"]!["en"]!);
        Assert.NotEmpty(body["inputs"]!.AsArray());
    }

    [SkippableFact]
    public async Task MissionProgressRollsUpEveryGoalAndIndicator()
    {
        var response = await Client().GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/progress?asOf=2026-06-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var root = body["rollup"]!;
        Assert.Equal("Mission", (string)root["kind"]!);
        Assert.Equal("WeakestLink", (string)root["rule"]!);
        Assert.Equal(4, root["children"]!.AsArray().Count);
        Assert.Equal(9, body["indicators"]!.AsArray().Count);
        // Weakest link: the mission's status is the worst of its goals'.
        var statuses = root["children"]!.AsArray().Select(c => (string)c!["status"]!).ToList();
        Assert.Contains((string)root["status"]!, statuses);
        Assert.NotNull((string?)root["decidedBy"]);
    }

    [SkippableFact]
    public async Task ProgressExplainsInTheRequestsLanguageUnlessLanguagesAreAskedFor()
    {
        var client = Client();
        var url = $"/api/v1/missions/{Factory.ExampleMissionId}/progress?asOf=2026-06-30";
        static List<string> Languages(JsonNode body) => body["rollup"]!["explanation"]!.AsObject().Select(p => p.Key).Order().ToList();
        static IEnumerable<List<string>> IndicatorLanguages(JsonNode body) =>
            body["indicators"]!.AsArray().Select(i => i!["explanation"]!.AsObject().Select(p => p.Key).Order().ToList());

        var swedish = await ReadAsync(await client.GetAsync(url));
        Assert.Equal(["sv"], Languages(swedish));
        Assert.All(IndicatorLanguages(swedish), l => Assert.Equal(["sv"], l));

        using var english = new HttpRequestMessage(HttpMethod.Get, url);
        english.Headers.AcceptLanguage.ParseAdd("en-GB");
        Assert.Equal(["en"], Languages(await ReadAsync(await client.SendAsync(english))));

        var two = await ReadAsync(await client.GetAsync(url + "&languages=da, EN"));
        Assert.Equal(["da", "en"], Languages(two));
        Assert.All(IndicatorLanguages(two), l => Assert.Equal(["da", "en"], l));
        Assert.Equal(["da", "en", "sv"], Languages(await ReadAsync(await client.GetAsync(url + "&languages=all"))));
        // The answer with one language is smaller than the one with three.
        var one = (await client.GetStringAsync(url)).Length;
        var all = (await client.GetStringAsync(url + "&languages=all")).Length;
        Assert.True(one < all, $"{one} bytes with one language, {all} with all");

        var indicator = await IndicatorIdAsync("Matsvinn i hushållen");
        Assert.Equal(["da"], (await ReadAsync(await client.GetAsync($"/api/v1/indicators/{indicator}/progress?languages=da")))["explanation"]!.AsObject().Select(p => p.Key));
    }

    [SkippableTheory]
    [InlineData("xx")]
    [InlineData("sv,fr")]
    [InlineData(",")]
    public async Task UnknownLanguagesAreA400NamingTheParameter(string languages)
    {
        var client = Client();
        var indicator = await IndicatorIdAsync("Matsvinn i hushållen");
        foreach (var url in new[] { $"/api/v1/missions/{Factory.ExampleMissionId}/progress", $"/api/v1/indicators/{indicator}/progress" })
        {
            var response = await client.GetAsync($"{url}?languages={Uri.EscapeDataString(languages)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await ReadAsync(response))["errors"]!["languages"]);
        }
    }

    [SkippableFact]
    public async Task OpenApiDocumentDescribesTheLanguagesOfProgress()
    {
        var document = await ReadAsync(await Client().GetAsync("/openapi/v1.json"));
        foreach (var path in new[] { "/api/v1/missions/{id}/progress", "/api/v1/indicators/{id}/progress" })
        {
            var get = document["paths"]![path]!["get"]!;
            var parameter = get["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "languages")!;
            Assert.Equal("query", (string)parameter["in"]!);
            Assert.Contains("sv, en, da", (string)parameter["description"]!);
            Assert.NotNull(get["responses"]!["400"]);
        }
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [SkippableFact]
    public async Task UnknownIndicatorOrMissionProgressIsA404()
    {
        var client = Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/indicators/999999/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/missions/999999/progress")).StatusCode);
    }

    [SkippableFact]
    public async Task IndicatorPageShowsStatusExplanationChartAndTable()
    {
        var id = await IndicatorIdAsync("Matsvinn i hushållen");
        var raw = await Client().GetStringAsync($"/indicators/{id}");
        var html = WebUtility.HtmlDecode(raw);
        var page = Html.Parse(raw);
        var sv = CultureInfo.GetCultureInfo("sv-SE");
        // The status stands on its own in words, besides the explanation that ends with it.
        var statuses = Enum.GetValues<ProgressStatus>().Select(s => ExplanationWords.StatusText(s, sv)).ToHashSet();
        Assert.Contains(page.QuerySelectorAll("span"), e => statuses.Contains(Html.Text(e)));
        Assert.Contains("Matsvinn i hushållen behöver minska med", html);
        // The chart is an image named by its caption, which names the indicator.
        var chart = page.QuerySelectorAll("[role=img]").Single(e => e.QuerySelector("svg") is not null);
        var caption = page.GetElementById(chart.GetAttribute("aria-labelledby") ?? "");
        Assert.NotNull(caption);
        Assert.StartsWith("Matsvinn i hushållen i kg per person och år", Html.Text(caption!), StringComparison.Ordinal);
        // The corrected 2023 value (76, not 71) is what the table shows as observed; 2023 has no target.
        var texts = JsonStringLocalizer.TextsOf("sv");
        var table = Html.Table(page, "Värden vid varje årsskifte (kg per person och år)");
        Assert.Equal("76", Html.Cell(table, "2023", texts["Progress.Observed"]));
        Assert.Equal("", Html.Cell(table, "2023", texts["Progress.Target"]));
    }

    [SkippableFact]
    public async Task MissionPageShowsRollupAndLinksToHowItIsComputed()
    {
        var client = Client();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/missions/{Factory.ExampleMissionId}"));
        Assert.Contains("får samma bedömning som sin svagaste del", html);
        // Each indicator's status opens to its explanation.
        Assert.Contains("Matsvinn i hushållen behöver minska med", html);
        Assert.Contains($"href=\"/missions/{Factory.ExampleMissionId}/progress\"", html);
        var how = WebUtility.HtmlDecode(await client.GetStringAsync($"/missions/{Factory.ExampleMissionId}/progress"));
        Assert.Contains("Missionen vägs samman enligt svagaste länken", how);
        Assert.Contains("Underlag för Mindre matsvinn", how);
    }
}

public sealed class SqliteProgressTests(SqliteAppFactory factory) : ProgressTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresProgressTests(PostgresAppFactory factory) : ProgressTests(factory), IClassFixture<PostgresAppFactory>;
