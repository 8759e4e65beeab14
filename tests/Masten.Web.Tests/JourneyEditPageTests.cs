using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The page that defines and revises a journey, posted as a browser without JavaScript would: steps are
/// added, moved and removed by submit buttons, reordered by their numbers, and saved as a version with a reason.
/// </summary>
public abstract class JourneyEditPageTests(MastenAppFactory factory)
{
    private static readonly HtmlParser Parser = new();

    protected MastenAppFactory Factory { get; } = factory;

    private async Task<(HttpClient Admin, int Mission)> MissionAsync()
    {
        Factory.RequireDatabase();
        var admin = Factory.CreateClient();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        return (admin, await PublishedMission.CreateAsync(admin, programmeId, "Omställning " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030));
    }

    private static async Task<int[]> DefineAsync(HttpClient admin, int mission)
    {
        var response = await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
    }

    private static async Task<JsonNode> JourneyAsync(HttpClient client, int mission) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/journey"))!;

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string url) => await Parser.ParseDocumentAsync(await client.GetStringAsync(url));

    private static Task<IHtmlDocument> SubmitAsync(HttpClient client, string url, IHtmlDocument page, string action, IDictionary<string, string>? set = null) =>
        PickerTests.SubmitAsync(client, url, page, "journey", set, ("Form.Action", action));

    private static List<string> Legends(IHtmlDocument page) =>
        page.QuerySelectorAll("form fieldset.journey-step legend").Select(l => l.TextContent.Trim()).ToList();

    private static string RadioFor(IHtmlDocument page, int row) => ((IHtmlInputElement)page.QuerySelector($"#steps-{row}-started")!).Value;

    private static string ErrorSummary(IHtmlDocument page) => page.QuerySelector(".error-summary")?.TextContent ?? "";

    [SkippableFact]
    public async Task TheOfficeDefinesTheJourneyOnThePageAddingAndMovingStepsWithButtons()
    {
        var (admin, mission) = await MissionAsync();
        var url = $"/missions/{mission}/journey/edit";
        var page = await GetAsync(admin, url);
        Assert.Equal(["Steg 1: nytt steg"], Legends(page));

        page = await SubmitAsync(admin, url, page, "add", new Dictionary<string, string> { ["Form.Steps[0].Name"] = "Första kontakt" });
        page = await SubmitAsync(admin, url, page, "add", new Dictionary<string, string> { ["Form.Steps[1].Name"] = "Kartlagd värdekedja", ["Form.Steps[1].NeedsConfirmation"] = "True" });
        page = await SubmitAsync(admin, url, page, "up:2", new Dictionary<string, string> { ["Form.Steps[2].Name"] = "Ny affärsmodell", ["Form.Started"] = RadioFor(page, 1) });
        Assert.Equal(["Steg 1: Första kontakt", "Steg 2: Ny affärsmodell", "Steg 3: Kartlagd värdekedja"], Legends(page));
        Assert.True(((IHtmlInputElement)page.QuerySelector("#steps-2-started")!).IsChecked, "the started mark moves with its step");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/missions/{mission}/journey")).StatusCode); // nothing is stored before Spara

        page = await SubmitAsync(admin, url, page, "save");
        Assert.Equal("", ErrorSummary(page));
        var journey = await JourneyAsync(admin, mission);
        var steps = journey["steps"]!.AsArray();
        Assert.Equal(["Första kontakt", "Ny affärsmodell", "Kartlagd värdekedja"], steps.Select(s => (string)s!["name"]!).ToArray());
        Assert.Equal([false, false, true], steps.Select(s => (bool)s!["isStarted"]!).ToArray());
        Assert.Equal([false, false, true], steps.Select(s => (bool)s!["needsConfirmation"]!).ToArray());
        var overview = await GetAsync(admin, $"/missions/{mission}/journey");
        Assert.Contains("Kartlagd värdekedja (räknas som i gång)", overview.QuerySelector("section[aria-labelledby=steps-heading]")!.TextContent);
    }

    [SkippableFact]
    public async Task AChangeNeedsAReasonAndEveryVersionStaysReadable()
    {
        var (admin, mission) = await MissionAsync();
        await DefineAsync(admin, mission);
        var url = $"/missions/{mission}/journey/edit";
        var page = await GetAsync(admin, url);
        // "Första kontakt" goes last by its number.
        page = await SubmitAsync(admin, url, page, "save", new Dictionary<string, string> { ["Form.Steps[0].Position"] = "9" });
        Assert.Contains("Skäl", ErrorSummary(page));
        Assert.Equal("Första kontakt", (string)(await JourneyAsync(admin, mission))["steps"]![0]!["name"]!);
        Assert.Equal(1, (int)(await JourneyAsync(admin, mission))["versionNumber"]!);

        page = await SubmitAsync(admin, url, page, "save", new Dictionary<string, string> { ["Form.Reason"] = "Kontakten kommer sist" });
        Assert.Equal("", ErrorSummary(page));
        var journey = await JourneyAsync(admin, mission);
        Assert.Equal(["Kartlagd värdekedja", "Ny affärsmodell", "Första kontakt"], journey["steps"]!.AsArray().Select(s => (string)s!["name"]!).ToArray());
        Assert.Equal(2, (int)journey["versionNumber"]!);

        var versions = await GetAsync(Factory.CreateAnonymousClient(), $"/missions/{mission}/journey/versions");
        var sections = versions.QuerySelectorAll("section.journey-version").ToList();
        Assert.Equal(["Version 2", "Version 1"], sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()).ToArray());
        Assert.Contains("Kontakten kommer sist", sections[0].TextContent);
        Assert.Equal("Första kontakt", sections[1].QuerySelector("ol li strong")!.TextContent);
        var latest = sections[0].QuerySelectorAll("ol li strong");
        Assert.Equal("Första kontakt", latest[latest.Length - 1].TextContent);
    }

    [SkippableFact]
    public async Task RemovingAStepWithEventsOnThePageAsksWhereTheEventsGo()
    {
        var (admin, mission) = await MissionAsync();
        var steps = await DefineAsync(admin, mission);
        var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name = "Bageri " + Guid.NewGuid().ToString("N")[..6], type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
        var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
        var participant = await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15" });
        var participantId = (int)JsonNode.Parse(await participant.Content.ReadAsStringAsync())!["id"]!;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/participants/{participantId}/events", new { stepId = steps[2], date = "2025-06-01" })).StatusCode);

        var url = $"/missions/{mission}/journey/edit";
        var page = await GetAsync(admin, url);
        page = await SubmitAsync(admin, url, page, "remove:2");
        Assert.Equal(["Steg 1: Första kontakt", "Steg 2: Kartlagd värdekedja", "Tas bort: Ny affärsmodell"], Legends(page));
        page = await SubmitAsync(admin, url, page, "save", new Dictionary<string, string> { ["Form.Reason"] = "Färre steg" });
        Assert.Contains("Borttaget steg 1", ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("#removed-0-moveTo-error"));
        Assert.Equal(3, (await JourneyAsync(admin, mission))["steps"]!.AsArray().Count);

        page = await SubmitAsync(admin, url, page, "save", new Dictionary<string, string> { ["Form.Reason"] = "Färre steg", ["Form.Steps[2].MoveTo"] = steps[1].ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal("", ErrorSummary(page));
        var funnel = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/missions/{mission}/journey/funnel"))!["funnel"]!.AsArray();
        Assert.Equal(2, funnel.Count);
        Assert.Equal(1, (int)funnel[1]!["at"]!);
    }

    [SkippableFact]
    public async Task OnlyThoseWhoMayEditTheMissionSeeTheEditLink()
    {
        var (admin, mission) = await MissionAsync();
        await DefineAsync(admin, mission);
        var asAdmin = await GetAsync(admin, $"/missions/{mission}/journey");
        Assert.Contains(asAdmin.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/missions/{mission}/journey/edit");
        var asVisitor = await GetAsync(Factory.CreateAnonymousClient(), $"/missions/{mission}/journey");
        Assert.DoesNotContain(asVisitor.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/missions/{mission}/journey/edit");
        Assert.Contains(asVisitor.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/missions/{mission}/journey/versions");
    }
}

public sealed class SqliteJourneyEditPageTests(SqliteAppFactory factory) : JourneyEditPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresJourneyEditPageTests(PostgresAppFactory factory) : JourneyEditPageTests(factory), IClassFixture<PostgresAppFactory>;
