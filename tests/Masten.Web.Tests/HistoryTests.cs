using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Masten.Data.History;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>The audit log's read side over HTTP: entity history, the audit filter, and no way to write. Runs on SQLite and PostgreSQL.</summary>
public abstract class HistoryTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonNode> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>An actor created and then renamed through the API; returns its id.</summary>
    private static async Task<int> RenamedActorAsync(HttpClient client, string before, string after)
    {
        var number = ActorsApiTests.NewSwedishNumber();
        var created = await ReadJson(await client.PostAsJsonAsync("/api/v1/actors", new { name = before, type = "Municipality", country = "Sweden", organisationNumber = number }));
        var id = (int)created["id"]!;
        var updated = await client.PutAsJsonAsync($"/api/v1/actors/{id}", new { name = after, type = "Region", country = "Sweden", organisationNumber = number, website = "https://example.se", version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        return id;
    }

    private static JsonObject Field(JsonNode entry, string field) =>
        entry["changes"]!.AsArray().Single(c => (string)c!["field"]! == field)!.AsObject();

    [SkippableFact]
    public async Task UpdatingAnActorShowsItsValuesBeforeAndAfterWithTheAuthor()
    {
        var client = Client();
        var id = await RenamedActorAsync(client, "Historiska kommunen", "Historiska regionen");

        var history = await ReadJson(await client.GetAsync($"/api/v1/history/actor/{id}"));

        Assert.Equal(2, (int)history["totalCount"]!);
        var (update, create) = (history["items"]![0]!, history["items"]![1]!);
        Assert.Equal(("Updated", MastenAppFactory.AdminEmail + " (token: test)", "Actor", id), ((string)update["action"]!, (string)update["changedBy"]!, (string)update["entityType"]!, (int)update["entityId"]!));
        Assert.Equal("Historiska regionen", (string)update["entityTitle"]!);
        var name = Field(update, "Name");
        Assert.Equal(("Historiska kommunen", "Historiska regionen"), ((string?)name["before"], (string?)name["after"]));
        // Enums are shown by name, not by their stored number.
        var type = Field(update, "Type");
        Assert.Equal(("Municipality", "Region"), ((string?)type["before"], (string?)type["after"]));
        Assert.Null((string?)Field(update, "Website")["before"]);
        Assert.True((bool)Field(update, "Version")["isBookkeeping"]!);
        Assert.DoesNotContain(update["changes"]!.AsArray(), c => (string)c!["field"]! == "Country");
        Assert.Equal("Created", (string)create["action"]!);
        Assert.Equal("Historiska kommunen", (string?)Field(create, "Name")["after"]);
        Assert.Equal("Sweden", (string?)update["after"]!["Country"]);

        var raw = await client.GetStringAsync($"/history/Actor/{id}");
        var page = WebUtility.HtmlDecode(raw);
        Assert.Equal("Historik: Aktör Historiska regionen", Html.Text(Html.Parse(raw).QuerySelector("h1")!));
        Assert.Contains("Av: " + MastenAppFactory.AdminEmail + " (token: test)", page);
        // A change's table shows the name before and after, side by side.
        var texts = JsonStringLocalizer.TextsOf("sv");
        Assert.Contains(Html.Parse(raw).QuerySelectorAll("table").SelectMany(Html.Rows),
            r => r.GetValueOrDefault(texts["History.Before"]) == "Historiska kommunen" && r.GetValueOrDefault(texts["History.After"]) == "Historiska regionen");
        Assert.Contains($"href=\"/actors/{id}\"", page);
        // A stored choice shows by its label in the reader's language, not by its stored name.
        var rows = Html.Parse(raw).QuerySelectorAll("table").SelectMany(Html.Rows).ToList();
        Assert.Contains(rows, r => r.GetValueOrDefault(texts["History.Before"]) == texts["Enum.ActorType.Municipality"] && r.GetValueOrDefault(texts["History.After"]) == texts["Enum.ActorType.Region"]);
        Assert.DoesNotContain(rows, r => r.Values.Contains("Municipality"));

        var actorPage = await client.GetStringAsync($"/actors/{id}");
        Assert.Contains($"href=\"/history/Actor/{id}\"", actorPage);
    }

    [SkippableFact]
    public async Task UpdatingAGoalIsInItsHistoryAndTheMissionPageLinksToIt()
    {
        var client = Client();
        var goal = await ReadJson(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = Factory.ExampleMissionId, title = "Fler ätbara parker", reason = "Nytt delmål efter avstämningen" }));
        var id = (int)goal["id"]!;
        var put = await client.PutAsJsonAsync($"/api/v1/goals/{id}", new { missionId = Factory.ExampleMissionId, title = "Fler ätbara parker och torg", version = 1, reason = "Torgen hör till" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var history = await ReadJson(await client.GetAsync($"/api/v1/history/Goal/{id}"));

        var title = Field(history["items"]![0]!, "Title");
        Assert.Equal(("Fler ätbara parker", "Fler ätbara parker och torg"), ((string?)title["before"], (string?)title["after"]));
        Assert.Contains($"href=\"/history/Goal/{id}\"", await client.GetStringAsync($"/missions/{Factory.ExampleMissionId}"));
    }

    [SkippableFact]
    public async Task ValuesAreShownAsTextNeverAsMarkup()
    {
        var client = Client();
        var id = await RenamedActorAsync(client, "Före <b>fet</b>", "<script>alert('x')</script> AB");

        var page = await client.GetStringAsync($"/history/Actor/{id}");

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>fet</b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AuditFiltersByEntityPersonActionAndDate()
    {
        var client = Client();
        var id = await RenamedActorAsync(client, "Filtrerade kommunen", "Filtrerade regionen");
        var day = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Actor" && c.EntityId == id).Select(c => c.ChangedAt).FirstAsync());
        var date = DateOnly.FromDateTime(day);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<int> Count(string query) => (int)(await ReadJson(await client.GetAsync($"/api/v1/audit?entityType=Actor&entityId={id}&{query}")))["totalCount"]!;

        Assert.Equal(2, await Count(""));
        Assert.Equal(2, await Count("person=ADMIN@masten"));
        Assert.Equal(0, await Count("person=system"));
        Assert.Equal(1, await Count("action=updated"));
        Assert.Equal(2, await Count($"from={D(date)}&to={D(date)}"));
        Assert.Equal(0, await Count($"from={D(date.AddDays(1))}"));
        Assert.Equal(0, await Count($"to={D(date.AddDays(-1))}"));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/audit?entityType=Actor&entityId={id}&from={D(date)}&to={D(date)}"));
        var document = Html.Parse(page);
        Html.Table(document, "2 ändringar");
        Assert.Contains(document.QuerySelectorAll($"a[href='/history/Actor/{id}']"), a => Html.Text(a) == $"Aktör #{id}");
        Assert.Contains("Filtrerade regionen", page);
        // The filter keeps the record type chosen.
        Assert.True(document.QuerySelector("option[value=Actor]")?.HasAttribute("selected"), "the record type Actor stays chosen");
    }

    [SkippableFact]
    public async Task AuditPagesFiftyAtATimeNewestFirst()
    {
        var client = Client();
        // The example programme was stored by "exempeldata": well over fifty records.
        var first = await ReadJson(await client.GetAsync("/api/v1/audit?person=exempeldata"));
        var total = (int)first["totalCount"]!;
        Assert.True(total > 50, $"{total} records");
        var second = await ReadJson(await client.GetAsync("/api/v1/audit?person=exempeldata&page=2"));

        var firstIds = first["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();
        var secondIds = second["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();
        Assert.Equal(50, firstIds.Count);
        Assert.Equal(Math.Min(50, total - 50), secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        var times = first["items"]!.AsArray().Select(i => (DateTime)i!["changedAt"]!).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var page = await client.GetStringAsync("/admin/audit?person=exempeldata");
        Assert.Contains("href=\"/admin/audit?person=exempeldata&amp;page=2\"", page);
        Assert.Contains("Sida 2 av", WebUtility.HtmlDecode(await client.GetStringAsync("/admin/audit?person=exempeldata&page=2")));
    }

    [SkippableTheory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=31/12/2026", "to")]
    [InlineData("from=2026-02-01&to=2026-01-31", "to")]
    [InlineData("entityId=abc", "entityId")]
    [InlineData("entityType=Planet", "entityType")]
    [InlineData("action=Renamed", "action")]
    [InlineData("page=0", "page")]
    public async Task BadFiltersAnswer400NamingTheField(string query, string field)
    {
        var response = await Client().GetAsync($"/api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [SkippableFact]
    public async Task BadFiltersOnTheAuditPageShowAnErrorSummaryNamingTheField()
    {
        var client = Client();

        var response = await client.GetAsync("/admin/audit?from=2026-02-01&to=2026-01-31&entityId=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var page = WebUtility.HtmlDecode(raw);
        var document = Html.Parse(raw);
        Assert.Contains("Filtret behöver rättas", Html.Text(Html.ErrorSummary(document)));
        Html.AssertSummaryLinksTo(document, "to", "Till och med: måste vara samma dag som eller efter från och med-datumet (2026-02-01).");
        Html.AssertSummaryLinksTo(document, "entityId", "Post-id: måste vara ett heltal större än noll.");
        // The date stays as typed and is marked invalid; no list of changes is shown for a filter in error.
        var to = document.GetElementById("to");
        Assert.Equal("2026-01-31", to?.GetAttribute("value"));
        Assert.Equal("true", to?.GetAttribute("aria-invalid"));
        var texts = JsonStringLocalizer.TextsOf("sv");
        Assert.DoesNotContain(document.QuerySelectorAll("table thead th"), th => Html.Text(th) == texts["Audit.When"]);
    }

    [SkippableFact]
    public async Task AJourneysHistoryIsReadByItsMissionsEditorsLikeTheMissionsOtherRecords()
    {
        Factory.RequireDatabase();
        var journey = await Factory.WithDbAsync(db => db.Journeys.OrderBy(j => j.Id).Select(j => new { j.Id, j.MissionId }).FirstAsync());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (_, editor) = await Factory.CreateUserAsync($"journey-editor-{suffix}@masten.test", [new Masten.Core.Accounts.RoleAssignment { MissionId = journey.MissionId, Role = Masten.Core.Accounts.AccessRole.Editor }]);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClientWithToken(editor).GetAsync($"/api/v1/history/Journey/{journey.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClientWithToken(editor).GetAsync($"/history/Journey/{journey.Id}")).StatusCode);
    }

    [SkippableFact]
    public async Task UnknownEntityTypesAndRecordsAreNotFound()
    {
        var client = Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/history/Planet/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/history/Actor/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/history/ChangeRecord/1")).StatusCode);
        var page = await client.GetAsync("/history/Planet/1");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Sidan finns inte", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/history/Actor/987654")).StatusCode);
        var badPage = await client.GetAsync("/api/v1/history/Actor/1?page=first");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [SkippableFact]
    public async Task NoHttpRequestChangesOrRemovesChangeRecords()
    {
        var client = Client();
        var id = await RenamedActorAsync(client, "Orörda kommunen", "Orörda regionen");
        var before = await Factory.WithDbAsync(db => db.ChangeRecords.OrderBy(c => c.Id).Select(c => new { c.Id, c.Before, c.After, c.ChangedBy }).ToListAsync());
        var recordId = before[^1].Id;

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var url in new[] { $"/api/v1/history/Actor/{id}", "/api/v1/audit", $"/api/v1/audit/{recordId}", $"/api/v1/history/{recordId}" })
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { changedBy = "mallory", after = "{}" }) });
                Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
            }
            foreach (var url in new[] { $"/history/Actor/{id}", "/admin/audit" })
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["changedBy"] = "mallory" }) });
                Assert.False(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode}");
            }
        }

        var after = await Factory.WithDbAsync(db => db.ChangeRecords.OrderBy(c => c.Id).Select(c => new { c.Id, c.Before, c.After, c.ChangedBy }).ToListAsync());
        Assert.Equal(before, after);

        // Every route of the audit log answers GET only.
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } text && (text.StartsWith("/api/v1/history", StringComparison.Ordinal) || text.StartsWith("/api/v1/audit", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal(["GET"], r.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));
    }

    [SkippableFact]
    public async Task OpenApiListsTheHistoryRoutes()
    {
        var paths = (await ReadJson(await Client().GetAsync("/openapi/v1.json")))["paths"]!.AsObject();

        Assert.NotNull(paths["/api/v1/history/{entityType}/{id}"]?["get"]);
        Assert.NotNull(paths["/api/v1/audit"]?["get"]);
    }

    [SkippableFact]
    public async Task EveryRecordedEntityTypeHasALabelInEveryLanguage()
    {
        Factory.RequireDatabase();
        var types = await Factory.WithDbAsync(db => Task.FromResult(db.EntityTypes()));

        Assert.Contains("Commitment", types);
        Assert.DoesNotContain("ChangeRecord", types);
        foreach (var language in JsonStringLocalizer.SupportedCultures)
            Assert.Equal(Array.Empty<string>(), types.Where(t => !JsonStringLocalizer.TextsOf(language).ContainsKey($"History.Type.{t}")).ToArray());
    }
}

public sealed class SqliteHistoryTests(SqliteAppFactory factory) : HistoryTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresHistoryTests(PostgresAppFactory factory) : HistoryTests(factory), IClassFixture<PostgresAppFactory>;
