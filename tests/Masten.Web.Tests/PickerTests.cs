using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>
/// The searchable, paged pickers that replace selects of the whole register, over HTTP as a browser without
/// JavaScript uses them: the whole form is posted with the "Sök" or page button as submitter. Runs on SQLite
/// and PostgreSQL.
/// </summary>
public abstract class PickerTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    private HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers <paramref name="count"/> actors named "{prefix} 01" … in the register.</summary>
    private async Task AddActorsAsync(string prefix, int count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ActorStore>();
        for (var i = 1; i <= count; i++)
            await store.CreateActorAsync(new ActorInput($"{prefix} {i:00}", ActorType.Company, Country.Sweden, null, null, null));
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string url) => await ParseAsync(await client.GetAsync(url));

    /// <summary>
    /// Posts the form <paramref name="formName"/> as a browser would: every named field with its current value
    /// (ticked boxes and radios only), changed by <paramref name="set"/>, and the submitter's name and value.
    /// </summary>
    internal static async Task<IHtmlDocument> SubmitAsync(HttpClient client, string url, IHtmlDocument page, string formName,
        IDictionary<string, string>? set = null, (string Name, string Value)? submitter = null)
    {
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                case IHtmlInputElement { Type: "submit" }:
                    continue;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in set ?? new Dictionary<string, string>())
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        if (submitter is { } s)
            values.Add(new(s.Name, s.Value));
        return await ParseAsync(await client.PostAsync(url, new FormUrlEncodedContent(values)));
    }

    private static (string, string) Search(string field) => ("pick", field);

    /// <summary>The radio buttons or checkboxes a picker offers: their value and label.</summary>
    private static List<(string Value, string Label)> Offered(IHtmlDocument page, string field) =>
        page.QuerySelectorAll($"fieldset#{field} input[type=radio], fieldset#{field} input[type=checkbox]").Cast<IHtmlInputElement>()
            .Select(i => (i.Type == "checkbox" ? ((IHtmlInputElement)i.PreviousElementSibling!).Value : i.Value, page.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim()))
            .ToList();

    private static string Status(IHtmlDocument page, string field) => page.QuerySelector($"fieldset#{field} [role=status]")!.TextContent.Trim();

    [SkippableFact]
    public async Task ActorSearchShowsOnePageOfMatchesAndThenTheNext()
    {
        var client = Client();
        var prefix = Unique("Sökbolaget");
        await AddActorsAsync(prefix, 25);
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/commitments/new";

        var form = await GetAsync(client, url);
        var first = await SubmitAsync(client, url, form, "commitment", new Dictionary<string, string> { ["pick-q.actorId"] = prefix.ToUpperInvariant() }, Search("actorId"));
        Assert.Equal("25 träffar", Status(first, "actorId"));
        var page1 = Offered(first, "actorId");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"{prefix} {i:00}"), page1.Select(o => o.Label));
        Assert.Contains("Sida 1 av 2", first.QuerySelector("fieldset#actorId")!.TextContent);

        var next = first.QuerySelectorAll<IHtmlButtonElement>("fieldset#actorId button").Single(b => b.TextContent.Trim() == "Nästa sida");
        var second = await SubmitAsync(client, url, first, "commitment", submitter: (next.Name!, next.Value));
        Assert.Equal("25 träffar", Status(second, "actorId"));
        Assert.Equal(Enumerable.Range(21, 5).Select(i => $"{prefix} {i:00}"), Offered(second, "actorId").Select(o => o.Label));
        Assert.Equal(prefix.ToUpperInvariant(), second.QuerySelector<IHtmlInputElement>("#actorId-q")!.Value);
    }

    [SkippableFact]
    public async Task TypedFieldsSurviveASearchAndNothingIsSavedOrFlagged()
    {
        var client = Client();
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/commitments/new";
        var before = await Factory.WithDbAsync(db => db.Commitments.CountAsync());
        var form = await GetAsync(client, url);
        var searched = await SubmitAsync(client, url, form, "commitment", new Dictionary<string, string>
        {
            ["Form.Text"] = "Servera mer bönor", ["Form.PledgedMoney"] = "-5", ["pick-q.actorId"] = "kommun",
        }, Search("actorId"));

        Assert.Equal("Servera mer bönor", searched.QuerySelector<IHtmlTextAreaElement>("#text")!.Value);
        Assert.Equal("-5", searched.QuerySelector<IHtmlInputElement>("#pledgedMoney")!.Value);
        Assert.Null(searched.QuerySelector(".error-summary"));
        Assert.Contains(Offered(searched, "actorId"), o => o.Label == "Exempelby kommun (212000-4441)");
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.CountAsync()));
    }

    [SkippableFact]
    public async Task ChoosingAMatchAndSavingStoresIt()
    {
        var client = Client();
        var prefix = Unique("Valbara");
        await AddActorsAsync(prefix, 3);
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/commitments/new";
        var form = await GetAsync(client, url);
        var searched = await SubmitAsync(client, url, form, "commitment", new Dictionary<string, string> { ["pick-q.actorId"] = prefix, ["Form.Text"] = "Dela ut frön" }, Search("actorId"));
        var chosen = Offered(searched, "actorId").Single(o => o.Label == $"{prefix} 02");

        // Ticking the radio and pressing Save: the posted Form.ActorId is the match's id.
        var saved = await SubmitAsync(client, url, searched, "commitment", new Dictionary<string, string> { ["Form.ActorId"] = chosen.Value });
        Assert.Null(saved.QuerySelector(".error-summary"));
        var actorId = await Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == $"{prefix} 02").Select(a => a.Id).SingleAsync());
        Assert.Equal(actorId, await Factory.WithDbAsync(db => db.Commitments.Where(c => c.Text == "Dela ut frön").Select(c => c.ActorId).SingleAsync()));
    }

    [SkippableFact]
    public async Task ASearchMatchingNothingSaysSo()
    {
        var client = Client();
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/commitments/new";
        var form = await GetAsync(client, url);
        var searched = await SubmitAsync(client, url, form, "commitment", new Dictionary<string, string> { ["pick-q.actorId"] = "finns%inte_alls" }, Search("actorId"));
        Assert.Equal("Inga träffar för ”finns%inte_alls”.", Status(searched, "actorId"));
        Assert.Empty(Offered(searched, "actorId"));
    }

    [SkippableFact]
    public async Task TheLeadOfAnInitiativeIsSearchedAmongTheMissionsMembersOnly()
    {
        var client = Client();
        var outsider = Unique("Utanför");
        await AddActorsAsync(outsider, 1);
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/initiatives/new";
        var form = await GetAsync(client, url);
        var members = await SubmitAsync(client, url, form, "initiative", new Dictionary<string, string> { ["pick-q.leadActorId"] = "kommun" }, Search("leadActorId"));
        Assert.Equal(["Exempelby kommun (212000-4441)", "Åstads kommun (212000-5554)"], Offered(members, "leadActorId").Select(o => o.Label));
        // Typed in lower case, a name starting with Å is still found (SQLite lower-cases only ASCII).
        var lower = await SubmitAsync(client, url, members, "initiative", new Dictionary<string, string> { ["pick-q.leadActorId"] = "åstad" }, Search("leadActorId"));
        Assert.Equal(["Åstads kommun (212000-5554)"], Offered(lower, "leadActorId").Select(o => o.Label));
        // The new actor is in the register but not a member of the mission.
        var none = await SubmitAsync(client, url, members, "initiative", new Dictionary<string, string> { ["pick-q.leadActorId"] = outsider }, Search("leadActorId"));
        Assert.Equal($"Inga träffar för ”{outsider}”.", Status(none, "leadActorId"));
    }

    [SkippableFact]
    public async Task TickedParticipantsStayChosenAcrossSearchesAndAreSaved()
    {
        var client = Client();
        var url = $"/missions/{Id(Factory.ExampleMissionId)}/reviews/new";
        var form = await GetAsync(client, url);
        Assert.Equal("Inget valt ännu.", form.QuerySelector("fieldset#participantActorIds .meta")!.TextContent.Trim());
        var first = await SubmitAsync(client, url, form, "review", new Dictionary<string, string> { ["pick-q.participantActorIds"] = "Region", ["Form.Insights"] = "Bra möte" }, Search("participantActorIds"));
        var region = Offered(first, "participantActorIds").Single(o => o.Label == "Region Exempelland (232100-3333)");
        var index = first.QuerySelectorAll<IHtmlInputElement>("fieldset#participantActorIds input[type=hidden]").Single(i => i.Value == region.Value).Name![..^".Value".Length];

        var second = await SubmitAsync(client, url, first, "review", new Dictionary<string, string> { [index + ".Selected"] = "true", ["pick-q.participantActorIds"] = "kommun" }, Search("participantActorIds"));
        var chosen = second.QuerySelectorAll<IHtmlInputElement>("fieldset#participantActorIds input[type=checkbox]").Where(c => c.IsChecked).Select(c => ((IHtmlInputElement)c.PreviousElementSibling!).Value).ToList();
        Assert.Equal([region.Value], chosen);
        Assert.Contains(Offered(second, "participantActorIds"), o => o.Label == "Exempelby kommun (212000-4441)");
        Assert.Equal("Bra möte", second.QuerySelector<IHtmlTextAreaElement>("#insights")!.Value);

        await SubmitAsync(client, url, second, "review");
        var stored = await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == Factory.ExampleMissionId && r.Insights == "Bra möte").Select(r => r.ParticipantActorIds).SingleAsync());
        Assert.Equal([int.Parse(region.Value, CultureInfo.InvariantCulture)], stored);
    }

    [SkippableFact]
    public async Task TheApiSearchesActorsMembersGoalsAndInitiativesByText()
    {
        var client = Client();
        var prefix = Unique("Apisök");
        await AddActorsAsync(prefix, 23);
        var mission = Id(Factory.ExampleMissionId);

        var page2 = await client.GetFromJsonAsync<JsonObject>($"/api/v1/actors?q={Uri.EscapeDataString(prefix)}&page=2&pageSize=20");
        Assert.Equal(23, (int)page2!["totalCount"]!);
        Assert.Equal(Enumerable.Range(21, 3).Select(i => $"{prefix} {i:00}"), page2["items"]!.AsArray().Select(a => (string)a!["name"]!));

        var members = await client.GetFromJsonAsync<JsonObject>($"/api/v1/actors?missionId={mission}&q=kommun");
        Assert.Equal(["Exempelby kommun", "Åstads kommun"], members!["items"]!.AsArray().Select(a => (string)a!["name"]!));
        var notMembers = await client.GetFromJsonAsync<JsonObject>($"/api/v1/actors?missionId={mission}&q={Uri.EscapeDataString(prefix)}");
        Assert.Equal(0, (int)notMembers!["totalCount"]!);

        var goals = await client.GetFromJsonAsync<JsonArray>($"/api/v1/missions/{mission}/goals?q=SVINN");
        Assert.NotEmpty(goals!);
        Assert.All(goals!, g => Assert.Contains("svinn", (string)g!["title"]!, StringComparison.OrdinalIgnoreCase));

        var initiatives = await client.GetFromJsonAsync<JsonObject>($"/api/v1/missions/{mission}/initiatives?q=spillvärme");
        Assert.Equal(["Spillvärme till växthus"], initiatives!["items"]!.AsArray().Select(i => (string)i!["title"]!));
        var none = await client.GetFromJsonAsync<JsonObject>($"/api/v1/missions/{mission}/initiatives?q=zzz-inget");
        Assert.Equal(0, (int)none!["totalCount"]!);
    }

    [SkippableTheory]
    [InlineData("/api/v1/actors", "missionId")]
    [InlineData("/api/v1/actors", "q")]
    [InlineData("/api/v1/missions/{id}/goals", "q")]
    [InlineData("/api/v1/missions/{id}/initiatives", "q")]
    public async Task TheOpenApiDocumentNamesTheSearchParameters(string path, string parameter)
    {
        var document = await Client().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var parameters = document!["paths"]![path]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!);
        Assert.Contains(parameter, parameters);
    }
}

public sealed class SqlitePickerTests(SqliteAppFactory factory) : PickerTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPickerTests(PostgresAppFactory factory) : PickerTests(factory), IClassFixture<PostgresAppFactory>;
