using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The API suite; it runs once on SQLite and once on PostgreSQL.</summary>
public abstract class ApiTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    protected static async Task<JsonNode> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<int> CreateProgrammeAsync(HttpClient client, string name = "Program")
    {
        var response = await client.PostAsJsonAsync("/api/v1/programmes", new { name, description = "Om programmet", programmeOffice = "Kansliet" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await ReadJson(response))["id"]!;
    }

    protected static async Task<JsonNode> CreateMissionAsync(HttpClient client, int programmeId, int baseline = 2020, int horizon = 2035)
    {
        var response = await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Fossilfri mat", statement = "All mat produceras utan fossil energi.", baselineYear = baseline, horizonYear = horizon });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJson(response);
    }

    protected static async Task<int> CreateGoalAsync(HttpClient client, int missionId, int? parentId = null, string title = "Delmål")
    {
        // Once the mission is published a new goal revises its roadmap and needs a reason; a draft ignores it.
        var response = await client.PostAsJsonAsync("/api/v1/goals", new { missionId, parentId, title, reason = "Nytt delmål i färdplanen" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await ReadJson(response))["id"]!;
    }

    protected static object IndicatorBody(int goalId, string name = "Utsläpp") => new
    {
        goalId,
        name,
        unit = "kt",
        direction = "LowerIsBetter",
        frequency = "Yearly",
        source = "SCB",
        baselineDate = "2020-12-31",
        baselineValue = 100.0,
        shape = "ConstantRate",
        targets = new[] { new { date = "2035-12-31", value = 10.0 }, new { date = "2030-12-31", value = 50.0 } },
        reason = "Ny indikator i färdplanen",
    };

    protected static async Task<JsonNode> CreateIndicatorAsync(HttpClient client, int goalId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/indicators", IndicatorBody(goalId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJson(response);
    }

    private static JsonObject Errors(JsonNode problem) => problem["errors"]!.AsObject();

    [SkippableFact]
    public async Task EveryEntityCanBeCreatedAndReadBack()
    {
        var client = Client();
        var programmeId = await CreateProgrammeAsync(client);
        var mission = await CreateMissionAsync(client, programmeId);
        var missionId = (int)mission["id"]!;
        var goalId = await CreateGoalAsync(client, missionId);
        var subGoalId = await CreateGoalAsync(client, missionId, goalId, "Underdelmål");
        var indicator = await CreateIndicatorAsync(client, subGoalId);
        var indicatorId = (int)indicator["id"]!;
        var observation = await client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = "2024-12-31", value = 80.5, source = "SCB", note = "Preliminärt" });
        Assert.Equal(HttpStatusCode.Created, observation.StatusCode);
        // A mission is created as a draft and published with Publicera once it has a goal and an indicator.
        Assert.Equal("Draft", (string)mission["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/missions/{missionId}/publish", new { })).StatusCode);

        Assert.Equal("Program", (string)(await ReadJson(await client.GetAsync($"/api/v1/programmes/{programmeId}")))["name"]!);
        var readMission = await ReadJson(await client.GetAsync($"/api/v1/missions/{missionId}"));
        Assert.Equal(2035, (int)readMission["horizonYear"]!);
        Assert.Equal("Active", (string)readMission["status"]!);
        var goals = (await ReadJson(await client.GetAsync($"/api/v1/missions/{missionId}/goals"))).AsArray();
        Assert.Equal(goalId, (int?)goals.Single(g => (int)g!["id"]! == subGoalId)!["parentId"]);
        var readIndicator = await ReadJson(await client.GetAsync($"/api/v1/indicators/{indicatorId}"));
        Assert.Equal(["2030-12-31", "2035-12-31"], readIndicator["targets"]!.AsArray().Select(t => (string)t!["date"]!));
        var log = (await ReadJson(await client.GetAsync($"/api/v1/indicators/{indicatorId}/observations")))["items"]!.AsArray();
        Assert.Equal(80.5, (double)Assert.Single(log)!["value"]!);
        Assert.Equal(MastenAppFactory.AdminEmail + " (token: test)", (string)log[0]!["enteredBy"]!);
    }

    [SkippableFact]
    public async Task ObservationLogPagesOldestFirstAndAPageBeyondTheLastIsEmpty()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var indicatorId = (int)(await CreateIndicatorAsync(client, await CreateGoalAsync(client, missionId)))["id"]!;
        for (var k = 0; k < 7; k++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = $"{2019 + k}-12-31", value = 10.0 + k })).StatusCode);
        var first = await ReadJson(await client.PostAsJsonAsync($"/api/v1/observations/{(int)(await ReadJson(await client.GetAsync($"/api/v1/indicators/{indicatorId}/observations")))["items"]![0]!["id"]!}/corrections",
            new { date = "2019-12-31", value = 9.5, reason = "Fel siffra" }));
        Assert.Equal(9.5, (double)first["value"]!);

        var log = $"/api/v1/indicators/{indicatorId}/observations";
        var page1 = await ReadJson(await client.GetAsync(log + "?pageSize=3"));
        Assert.Equal(8, (int)page1["totalCount"]!);
        Assert.Equal(3, (int)page1["pageSize"]!);
        // Oldest first: the 2019 value and its correction open the log.
        Assert.Equal([10.0, 9.5, 11.0], page1["items"]!.AsArray().Select(o => (double)o!["value"]!));
        Assert.False((bool)page1["items"]![0]!["isCurrent"]!);
        Assert.Equal((int)first["id"]!, (int?)page1["items"]![0]!["supersededById"]);
        var page3 = await ReadJson(await client.GetAsync(log + "?pageSize=3&page=3"));
        Assert.Equal([15.0, 16.0], page3["items"]!.AsArray().Select(o => (double)o!["value"]!));
        var current = await ReadJson(await client.GetAsync(log + "?currentOnly=true&pageSize=200"));
        Assert.Equal(7, (int)current["totalCount"]!);
        Assert.All(current["items"]!.AsArray(), o => Assert.True((bool)o!["isCurrent"]!));

        foreach (var beyond in new[] { "?page=4&pageSize=3", "?page=2", "?page=2147483647&pageSize=200" })
        {
            var response = await client.GetAsync(log + beyond);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var empty = await ReadJson(response);
            Assert.Empty(empty["items"]!.AsArray());
            Assert.Equal(8, (int)empty["totalCount"]!);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/indicators/999999/observations?page=2")).StatusCode);
    }

    [SkippableFact]
    public async Task HorizonBeforeBaselineIsA400NamingTheFieldAndStoresNothing()
    {
        var client = Client();
        var programmeId = await CreateProgrammeAsync(client);
        var before = await Factory.WithDbAsync(db => db.Missions.CountAsync());
        var response = await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "T", statement = "S", baselineYear = 2035, horizonYear = 2030 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("horizonYear"));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Missions.CountAsync()));
    }

    [SkippableFact]
    public async Task TextWhereANumberBelongsNamesTheField()
    {
        var client = Client();
        var programmeId = await CreateProgrammeAsync(client);
        var response = await client.PostAsync("/api/v1/missions", Json($$"""{"programmeId":{{programmeId}},"title":"T","statement":"S","baselineYear":"tjugo","horizonYear":2035}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("baselineYear"));
    }

    [SkippableFact]
    public async Task StaleVersionIsA409AndKeepsTheNewerChange()
    {
        var client = Client();
        var programmeId = await CreateProgrammeAsync(client);
        var first = await client.PutAsJsonAsync($"/api/v1/programmes/{programmeId}", new { name = "Första ändringen", version = 1 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (int)(await ReadJson(first))["version"]!);
        var second = await client.PutAsJsonAsync($"/api/v1/programmes/{programmeId}", new { name = "Andra ändringen", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.True(Errors(await ReadJson(second)).ContainsKey("version"));
        Assert.Equal("Första ändringen", (string)(await ReadJson(await client.GetAsync($"/api/v1/programmes/{programmeId}")))["name"]!);
    }

    [SkippableFact]
    public async Task CorrectionKeepsTheOldValueInHistory()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var indicatorId = (int)(await CreateIndicatorAsync(client, await CreateGoalAsync(client, missionId)))["id"]!;
        var original = await ReadJson(await client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = "2023-12-31", value = 71.0 }));
        var correction = await client.PostAsJsonAsync($"/api/v1/observations/{(int)original["id"]!}/corrections", new { date = "2023-12-31", value = 76.0, reason = "Fel siffra" });
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);

        var log = (await ReadJson(await client.GetAsync($"/api/v1/indicators/{indicatorId}/observations")))["items"]!.AsArray();
        Assert.Equal(2, log.Count);
        var old = log.Single(o => (double)o!["value"]! == 71.0)!;
        Assert.False((bool)old["isCurrent"]!);
        Assert.NotNull((int?)old["supersededById"]);
        var current = (await ReadJson(await client.GetAsync($"/api/v1/indicators/{indicatorId}/observations?currentOnly=true")))["items"]!.AsArray();
        Assert.Equal(76.0, (double)Assert.Single(current)!["value"]!);
        Assert.Equal("Fel siffra", (string)current[0]!["correctionReason"]!);

        var again = await client.PostAsJsonAsync($"/api/v1/observations/{(int)original["id"]!}/corrections", new { date = "2023-12-31", value = 77.0, reason = "Igen" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/api/v1/programmes/999999")]
    [InlineData("/api/v1/missions/999999")]
    [InlineData("/api/v1/goals/999999")]
    [InlineData("/api/v1/indicators/999999")]
    [InlineData("/api/v1/indicators/999999/observations")]
    [InlineData("/api/v1/observations/999999")]
    [InlineData("/missions/999999")]
    [InlineData("/indicators/999999")]
    public async Task UnknownIdIsA404(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableFact]
    public async Task BadIndicatorInputNamesEachFieldAndStoresNothing()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var goalId = await CreateGoalAsync(client, missionId);
        var before = await Factory.WithDbAsync(db => db.Indicators.CountAsync());
        var response = await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId,
            name = new string('n', 1_000_000),
            unit = "kt",
            direction = "LowerIsBetter",
            frequency = "Yearly",
            baselineDate = "2020-12-31",
            baselineValue = 100.0,
            targets = new[] { new { date = "2019-12-31", value = 10.0 }, new { date = "9999-12-31", value = 5.0 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Errors(await ReadJson(response));
        Assert.Equal(["name", "targets[0].date", "targets[1].date"], errors.Select(e => e.Key).Order());
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Indicators.CountAsync()));
    }

    [SkippableFact]
    public async Task UnknownParentGoalIsA400()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var response = await client.PostAsJsonAsync("/api/v1/goals", new { missionId, parentId = 999999, title = "Delmål" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("parentId"));
    }

    [SkippableFact]
    public async Task GoalCannotBeMovedBelowItsOwnSubGoal()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var parent = await CreateGoalAsync(client, missionId);
        var child = await CreateGoalAsync(client, missionId, parent);
        var response = await client.PutAsJsonAsync($"/api/v1/goals/{parent}", new { missionId, parentId = child, title = "Delmål", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("parentId"));
    }

    [SkippableFact]
    public async Task ObservationDateFarOutOfRangeIsA400()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var indicatorId = (int)(await CreateIndicatorAsync(client, await CreateGoalAsync(client, missionId)))["id"]!;
        var response = await client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = "0001-01-01", value = 1.0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("date"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicatorId)));
    }

    [SkippableFact]
    public async Task UpdateWithoutAVersionIsA400NamingVersion()
    {
        var client = Client();
        var programmeId = await CreateProgrammeAsync(client);
        var response = await client.PutAsJsonAsync($"/api/v1/programmes/{programmeId}", new { name = "Utan version" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Errors(await ReadJson(response)).ContainsKey("version"));
    }

    [SkippableFact]
    public async Task EditingAnIndicatorReplacesItsTargetsAndKeepsTheOldOnesInHistory()
    {
        var client = Client();
        var missionId = (int)(await CreateMissionAsync(client, await CreateProgrammeAsync(client)))["id"]!;
        var goalId = await CreateGoalAsync(client, missionId);
        var indicatorId = (int)(await CreateIndicatorAsync(client, goalId))["id"]!;
        var response = await client.PutAsJsonAsync($"/api/v1/indicators/{indicatorId}", new
        {
            goalId,
            name = "Utsläpp",
            unit = "kt",
            direction = "LowerIsBetter",
            frequency = "Yearly",
            baselineDate = "2020-12-31",
            baselineValue = 100.0,
            targets = new[] { new { date = "2035-12-31", value = 0.5 } },
            version = 1,
            reason = "Målet för 2030 tas bort",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await ReadJson(response);
        Assert.Equal(2, (int)updated["version"]!);
        Assert.Equal(0.5, (double)Assert.Single(updated["targets"]!.AsArray())!["value"]!);
        var change = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Indicator" && c.EntityId == indicatorId && c.Action == "Updated").SingleAsync());
        Assert.Contains("2030-12-31", change.Before);
        Assert.DoesNotContain("2030-12-31", change.After);
    }

    [SkippableFact]
    public async Task HealthSaysTheDatabaseIsReachable()
    {
        var response = await Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)(await ReadJson(response))["databaseReachable"]!);
    }

    [SkippableFact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        var document = await ReadJson(await Client().GetAsync("/openapi/v1.json"));
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/v1/missions/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/observations/{id}/corrections", paths.Select(p => p.Key));
    }
}

public sealed class SqliteApiTests(SqliteAppFactory factory) : ApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresApiTests(PostgresAppFactory factory) : ApiTests(factory), IClassFixture<PostgresAppFactory>;
