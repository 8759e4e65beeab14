using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Data.Missions;
using Masten.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Pages over HTTP: GET the HTML, POST the form with its antiforgery token. Runs on SQLite and PostgreSQL.</summary>
public abstract partial class PageTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>GETs the form page, then posts <paramref name="fields"/> (by their names without the "Form." prefix) with the page's hidden fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IDictionary<string, string> fields, string? action = null)
    {
        var values = Html.HiddenFields(await client.GetStringAsync(url));
        Assert.True(values.ContainsKey("__RequestVerificationToken"), "the form carries an antiforgery token");
        foreach (var (name, value) in fields)
            values[action is null && !name.StartsWith('_') ? "Form." + name : name] = value;
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// An antiforgery token of the client's own session, for posting a form a page does not show: from the start
    /// page's sign-out form, or for a visitor (whose pages carry no form) from the sign-in form.
    /// </summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        foreach (var url in new[] { "/", "/account/login" })
        {
            var page = await Parser.ParseDocumentAsync(await client.GetStringAsync(url));
            if (page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]") is { } token)
                return token.Value;
        }
        throw new InvalidOperationException("no page carries an antiforgery token");
    }

    [SkippableFact]
    public async Task TheFaviconIsServedToAVisitorAsAnIcon()
    {
        Factory.RequireDatabase();
        using var response = await Factory.CreateAnonymousClient().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task StartPageListsTheExampleProgrammeInSwedish()
    {
        var raw = await Client().GetStringAsync("/");
        var html = WebUtility.HtmlDecode(raw);
        Assert.Equal("sv", Html.Parse(raw).DocumentElement.GetAttribute("lang"));
        Assert.Contains("Program och missioner", html);
        Assert.Contains(DemoSeeder.MissionTitle, html);
    }

    [SkippableFact]
    public async Task UnknownMissionShowsTheNotFoundPageInSwedish()
    {
        var response = await Client().GetAsync("/missions/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sidan finns inte", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [SkippableFact]
    public async Task LanguageSwitchShowsEnglishAndIsRemembered()
    {
        var client = Client();
        // The switch is a GET form on every page: no antiforgery token, so the page itself can be reused for every visitor.
        var start = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var form = start.QuerySelectorAll("form").Single(f => f.QuerySelector("select[name=culture]") is not null);
        Assert.Equal(("get", "/language"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var response = await client.GetAsync("/language?culture=en&returnUrl=/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await client.GetStringAsync("/");
        Assert.Equal("en", Html.Parse(html).DocumentElement.GetAttribute("lang"));
        Assert.Contains("Programmes and missions", html);
    }

    [SkippableFact]
    public async Task MissionPageShowsStatementGoalsAndIndicators()
    {
        var page = Html.Parse(await Client().GetStringAsync($"/missions/{Factory.ExampleMissionId}"));
        var text = Html.Text(page.Body!);
        Assert.Contains("År 2035 produceras maten", text);
        Assert.Contains("Mindre matsvinn", text);
        // The indicator's entry: baseline 81, then the latest current value of the corrected series, 70 (2025), then the next target, 40.
        var entry = page.QuerySelectorAll("[id^=indicator-]").Single(e => Html.Text(e).Contains("Matsvinn i hushållen", StringComparison.Ordinal));
        var said = Html.Text(entry);
        var baseline = said.IndexOf("81 kg per person och år", StringComparison.Ordinal);
        var latest = said.IndexOf("70 kg per person och år", Math.Max(baseline, 0), StringComparison.Ordinal);
        var next = said.IndexOf("40 kg per person och år", Math.Max(latest, 0), StringComparison.Ordinal);
        Assert.True(baseline >= 0 && latest > baseline && next > latest, $"the entry reads baseline 81, latest 70, next target 40: {said}");
    }

    [SkippableFact]
    public async Task AddingAGoalThroughTheFormStoresItUnderItsParent()
    {
        var client = Client();
        var missionId = Factory.ExampleMissionId;
        var parentId = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == missionId && g.Title == "Mindre matsvinn").Select(g => g.Id).FirstAsync());
        var response = await PostFormAsync(client, $"/missions/{missionId}/goals/new?parent={parentId}",
            new Dictionary<string, string> { ["Title"] = "Mindre svinn i butiker", ["Description"] = "Butikerna slänger mindre.", ["ParentId"] = parentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Weight"] = "2,5",
                ["Reason"] = "Butikernas svinn saknades i färdplanen." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mindre svinn i butiker", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var stored = await Factory.WithDbAsync(db => db.Goals.SingleAsync(g => g.Title == "Mindre svinn i butiker"));
        Assert.Equal(parentId, stored.ParentId);
        Assert.Equal(2.5, stored.Weight);
    }

    [SkippableFact]
    public async Task InvalidMissionFormShowsErrorsByFieldAndStoresNothing()
    {
        var client = Client();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var before = await Factory.WithDbAsync(db => db.Missions.CountAsync());
        var response = await PostFormAsync(client, $"/programmes/{programmeId}/missions/new", new Dictionary<string, string>
        {
            ["Title"] = new string('x', 1_000_000),
            ["Statement"] = "",
            ["BaselineYear"] = "tjugo",
            ["HorizonYear"] = "2019",
            ["Status"] = "Draft",
            ["RollupRule"] = "WeakestLink",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        var page = Html.Parse(raw);
        Html.AssertErrorOnField(page, "baselineYear", "Basår: måste vara ett heltal.");
        Html.AssertErrorOnField(page, "title", "Titel: får vara högst 200 tecken");
        Html.AssertErrorOnField(page, "statement", "Önskat framtida läge: måste fyllas i.");
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Missions.CountAsync()));
    }

    [SkippableFact]
    public async Task IndicatorFormWithATargetBeforeTheBaselineNamesThatRow()
    {
        var client = Client();
        var goalId = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId).Select(g => g.Id).FirstAsync());
        var before = await Factory.WithDbAsync(db => db.Indicators.CountAsync());
        var response = await PostFormAsync(client, $"/goals/{goalId}/indicators/new", new Dictionary<string, string>
        {
            ["Name"] = "Biogas",
            ["Unit"] = "GWh",
            ["Direction"] = "HigherIsBetter",
            ["Frequency"] = "Yearly",
            ["Shape"] = "Linear",
            ["BaselineDate"] = "2020-12-31",
            ["BaselineValue"] = "10",
            ["Targets[0].Date"] = "2030-12-31",
            ["Targets[0].Value"] = "50",
            ["Targets[1].Date"] = "",
            ["Targets[1].Value"] = "",
            ["Targets[2].Date"] = "2018-12-31",
            ["Targets[2].Value"] = "5",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Mål 3: datum: måste vara efter utgångsläget (2020-12-31).", html);
        // The summary links to the third target's date, which shows its own error text.
        var page = Html.Parse(html);
        Html.AssertSummaryLinksTo(page, "targets-2-date", "Mål 3: datum: måste vara efter utgångsläget (2020-12-31).");
        Assert.NotEmpty(Html.Text(page.GetElementById("targets-2-date-error")!));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Indicators.CountAsync()));
    }

    [SkippableFact]
    public async Task CorrectingAnObservationThroughTheFormKeepsBothInHistory()
    {
        var client = Client();
        var indicatorId = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Name == "Andel förnybar energi i växthusodling").Select(i => i.Id).FirstAsync());
        var observationId = await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == indicatorId && o.Date == new DateOnly(2024, 12, 31)).Select(o => o.Id).FirstAsync());
        var response = await PostFormAsync(client, $"/observations/{observationId}/correct", new Dictionary<string, string>
        {
            ["Date"] = "2024-12-31",
            ["Value"] = "84,5",
            ["Reason"] = "Slutlig siffra från källan.",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("Slutlig siffra från källan.", html);
        // The corrected value's row says it is superseded and links to the row of the correction, which holds it.
        var page = Html.Parse(raw);
        var corrected = page.GetElementById($"observation-{observationId}");
        Assert.NotNull(corrected);
        Assert.Contains(JsonStringLocalizer.TextsOf("sv")["Observation.SupersededBy"], Html.Text(corrected!), StringComparison.Ordinal);
        var link = corrected!.QuerySelectorAll("a").Single(a => a.GetAttribute("href")?.StartsWith("#observation-", StringComparison.Ordinal) == true);
        var correction = page.GetElementById(link.GetAttribute("href")![1..]);
        Assert.NotNull(correction);
        Assert.Contains("84,5", Html.Text(correction!), StringComparison.Ordinal);
        Assert.Contains("Slutlig siffra från källan.", Html.Text(correction!), StringComparison.Ordinal);
        var log = await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == indicatorId && o.Date == new DateOnly(2024, 12, 31)).ToListAsync());
        Assert.Equal([84.0, 84.5], log.Select(o => o.Value).Order());
        // Pages take only the session cookie, so a page's change is signed with the person alone.
        Assert.Equal(MastenAppFactory.AdminEmail, log.Single(o => o.Value == 84.5).EnteredBy);
    }

    [SkippableFact]
    public async Task EditingWithAStaleVersionShowsAConflictAndKeepsTheNewerChange()
    {
        var client = Client();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var version = await Factory.WithDbAsync(db => db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Version).FirstAsync());
        var first = await PostFormAsync(client, $"/programmes/{programmeId}/edit", new Dictionary<string, string> { ["Name"] = "Nytt namn", ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await PostFormAsync(client, $"/programmes/{programmeId}/edit", new Dictionary<string, string> { ["Name"] = "Gammalt namn", ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("någon annan har sparat en nyare version", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal("Nytt namn", await Factory.WithDbAsync(db => db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Name).FirstAsync()));
        var history = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Programme" && c.EntityId == programmeId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(["Created", "Updated"], history.Select(c => c.Action));
        Assert.Contains("Nytt namn", history[1].After);
        Assert.Contains(DemoSeeder.ProgrammeName, history[1].Before);
    }
}

public sealed class SqlitePageTests(SqliteAppFactory factory) : PageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPageTests(PostgresAppFactory factory) : PageTests(factory), IClassFixture<PostgresAppFactory>;
