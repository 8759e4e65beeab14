using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Roadmap versions over the API: revisions need a reason, old versions stay readable, diffs and as-of assessments; on SQLite and PostgreSQL.</summary>
public abstract class RoadmapApiTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static async Task<JsonNode> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ReadJson(response);
    }

    private static object IndicatorBody(int goalId, double target2030, int version, string? reason = null, string? validFrom = null, int? reviewId = null, string source = "SCB") => new
    {
        goalId, name = "Utsläpp", unit = "kt", direction = "LowerIsBetter", frequency = "Yearly", source,
        baselineDate = "2020-12-31", baselineValue = 100.0, shape = "Linear",
        targets = new[] { new { date = "2030-12-31", value = target2030 }, new { date = "2035-12-31", value = 10.0 } },
        version, reason, validFrom, reviewId,
    };

    /// <summary>
    /// A mission built as a draft (no reasons needed), then made active from 2021-01-01: version 1.
    /// The indicator falls from 100 (2020) towards 50 in 2030 and 10 in 2035, with observations to 2024.
    /// </summary>
    private async Task<(int Mission, int Goal, int Indicator)> ActiveMissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await Ok(client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Fossilfri mat", statement = "All mat produceras utan fossil energi.", baselineYear = 2020, horizonYear = 2035 }));
        var missionId = (int)mission["id"]!;
        var goalId = (int)(await Ok(client.PostAsJsonAsync("/api/v1/goals", new { missionId, title = "Fossilfri produktion" })))["id"]!;
        var indicatorId = (int)(await Ok(client.PostAsJsonAsync("/api/v1/indicators", IndicatorBody(goalId, 50, 0))))["id"]!;
        foreach (var (year, value) in new[] { (2021, 95.0), (2022, 90.0), (2023, 86.0), (2024, 81.0) })
            await Ok(client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = $"{year}-12-31", value }));
        Assert.Empty(await Factory.WithDbAsync(db => db.RoadmapVersions.Where(v => v.MissionId == missionId).ToListAsync()));
        await Ok(client.PutAsJsonAsync($"/api/v1/missions/{missionId}", new
        {
            programmeId, title = "Fossilfri mat", statement = "All mat produceras utan fossil energi.", baselineYear = 2020, horizonYear = 2035,
            status = "Active", version = 1, validFrom = "2021-01-01",
        }));
        return (missionId, goalId, indicatorId);
    }

    [SkippableFact]
    public async Task ActivatingAMissionRecordsVersionOneWithoutAReason()
    {
        var client = Client();
        var (mission, _, _) = await ActiveMissionAsync(client);
        var versions = (await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap"))).AsArray();
        var first = Assert.Single(versions)!;
        Assert.Equal((1, "2021-01-01"), ((int)first["number"]!, (string)first["validFrom"]!));
        Assert.Null((string?)first["reason"]);
    }

    [SkippableFact]
    public async Task ARevisionWithoutAReasonIsA400NamingReasonAndStoresNothing()
    {
        var client = Client();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        var changesBefore = await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync());

        var response = await client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 40, 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["reason"], (await ReadJson(response))["errors"]!.AsObject().Select(e => e.Key));

        var stored = await Ok(client.GetAsync($"/api/v1/indicators/{indicator}"));
        Assert.Equal(1, (int)stored["version"]!);
        Assert.Equal(50.0, (double)stored["targets"]![0]!["value"]!);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.RoadmapVersions.CountAsync(v => v.MissionId == mission)));
        Assert.Equal(changesBefore, await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync()));

        // A new goal is a revision too.
        var goalResponse = await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Hälsosam mat", reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, goalResponse.StatusCode);
        Assert.True((await ReadJson(goalResponse))["errors"]!.AsObject().ContainsKey("reason"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Goals.CountAsync(g => g.MissionId == mission)));
    }

    [SkippableFact]
    public async Task ARevisionKeepsTheOldVersionReadableAndTheDiffShowsTheRaisedTarget()
    {
        var client = Client();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        var review = (int)(await Ok(client.PostAsJsonAsync("/api/v1/reviews", new { missionId = mission, date = "2026-03-01", kind = "YearlyCheckIn" })))["id"]!;

        await Ok(client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 40, 1, "Avstämningen visade att mer går att göra.", "2026-03-01", review)));

        var versions = (await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap"))).AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["number"]!));
        Assert.Equal("Avstämningen visade att mer går att göra.", (string)versions[1]!["reason"]!);
        Assert.Equal(review, (int)versions[1]!["reviewId"]!);
        Assert.Equal("2026-03-01", (string)versions[1]!["reviewDate"]!);

        var old = await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap/1"));
        Assert.Equal(50.0, (double)old["snapshot"]!["indicators"]![0]!["targets"]![0]!["value"]!);
        Assert.Equal(40.0, (double)(await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap/2")))["snapshot"]!["indicators"]![0]!["targets"]![0]!["value"]!);

        var diff = (await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap/diff?from=1&to=2")))["diff"]!;
        Assert.Empty(diff["mission"]!.AsArray());
        Assert.Empty(diff["goals"]!.AsArray());
        var change = Assert.Single(diff["indicators"]!.AsArray())!;
        Assert.Equal((indicator, "Changed"), ((int)change["indicatorId"]!, (string)change["kind"]!));
        var field = Assert.Single(change["fields"]!.AsArray())!;
        Assert.Equal(("target", "2030-12-31", 50.0, 40.0), ((string)field["field"]!, (string)field["targetDate"]!, (double)field["before"]!, (double)field["after"]!));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/missions/{mission}/roadmap/3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/missions/{mission}/roadmap/diff?from=1&to=3")).StatusCode);
    }

    [SkippableFact]
    public async Task AnAssessmentAsOfADateUsesTheTargetsValidThen()
    {
        var client = Client();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        await Ok(client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 30, 1, "Vi höjer ambitionen.", "2025-01-01")));

        async Task<(int? Version, double Target2030)> AssessAsync(string asOf)
        {
            var progress = await Ok(client.GetAsync($"/api/v1/indicators/{indicator}/progress?asOf={asOf}"));
            var firstSegmentEnd = progress["trajectory"]!["segments"]![0]!["end"]!;
            Assert.Equal("2030-12-31", (string)firstSegmentEnd["date"]!);
            return ((int?)progress["roadmapVersion"], (double)firstSegmentEnd["value"]!);
        }
        Assert.Equal((1, 50.0), await AssessAsync("2024-12-31"));
        Assert.Equal((2, 30.0), await AssessAsync("2025-06-30"));

        var before = await Ok(client.GetAsync($"/api/v1/missions/{mission}/progress?asOf=2024-12-31"));
        Assert.Equal(1, (int)before["roadmapVersion"]!);
        Assert.Equal(50.0, (double)before["indicators"]![0]!["trajectory"]!["segments"]![0]!["end"]!["value"]!);
        var after = await Ok(client.GetAsync($"/api/v1/missions/{mission}/progress?asOf=2025-06-30"));
        Assert.Equal(2, (int)after["roadmapVersion"]!);
        Assert.Equal(30.0, (double)after["indicators"]![0]!["trajectory"]!["segments"]![0]!["end"]!["value"]!);
    }

    [SkippableFact]
    public async Task ChangesOutsideTheRoadmapNeedNoReasonAndRecordNoVersion()
    {
        var client = Client();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        var updated = await Ok(client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 50, 1, source: "Naturvårdsverket")));
        Assert.Equal("Naturvårdsverket", (string)updated["source"]!);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.RoadmapVersions.CountAsync(v => v.MissionId == mission)));
    }

    [SkippableFact]
    public async Task AReviewOfAnotherMissionOrADateBeforeThePreviousVersionIsRefused()
    {
        var client = Client();
        var (_, goal, indicator) = await ActiveMissionAsync(client);
        var otherReview = await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == Factory.ExampleMissionId).Select(r => r.Id).FirstAsync());
        var response = await client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 40, 1, "Skäl", reviewId: otherReview));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJson(response))["errors"]!.AsObject().ContainsKey("reviewId"));
        var early = await client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 40, 1, "Skäl", validFrom: "2020-06-01"));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await ReadJson(early))["errors"]!.AsObject().ContainsKey("validFrom"));
        Assert.Equal(1, (int)(await Ok(client.GetAsync($"/api/v1/indicators/{indicator}")))["version"]!);
    }

    [SkippableFact]
    public async Task AMissionActiveBeforeVersionsExistedKeepsItsEarlierRoadmapAsVersionOne()
    {
        var client = Client();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        // As if the mission had been active before roadmap versions were recorded.
        await Factory.WithDbAsync(db => db.RoadmapVersions.Where(v => v.MissionId == mission).ExecuteDeleteAsync());

        await Ok(client.PutAsJsonAsync($"/api/v1/indicators/{indicator}", IndicatorBody(goal, 45, 1, "Första ändringen som sparas som version.")));

        var versions = (await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap"))).AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["number"]!));
        Assert.Null((string?)versions[0]!["reason"]);
        var diff = (await Ok(client.GetAsync($"/api/v1/missions/{mission}/roadmap/diff?from=1&to=2")))["diff"]!;
        var field = Assert.Single(Assert.Single(diff["indicators"]!.AsArray())!["fields"]!.AsArray())!;
        Assert.Equal((50.0, 45.0), ((double)field["before"]!, (double)field["after"]!));
    }

    [SkippableFact]
    public async Task TheExampleMissionHasARevisionCitingItsReview()
    {
        var versions = (await Ok(Client().GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/roadmap"))).AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["number"]!));
        Assert.NotNull((int?)versions[1]!["reviewId"]);
        var diff = (await Ok(Client().GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/roadmap/diff?from=1&to=2")))["diff"]!;
        Assert.Equal("Andel fossilfria drivmedel i lantbruket", (string)Assert.Single(diff["indicators"]!.AsArray())!["name"]!);
    }

    [SkippableFact]
    public async Task TheOpenApiDocumentListsTheRoadmapRoutes()
    {
        var document = await Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/missions/{id}/roadmap\"", document);
        Assert.Contains("/api/v1/missions/{id}/roadmap/{number}", document);
        Assert.Contains("/api/v1/missions/{id}/roadmap/diff", document);
    }

    [SkippableFact]
    public async Task StaleDaysAreAMissionSettingUsedByThePortfolio()
    {
        var client = Client();
        var id = Factory.ExampleMissionId;
        async Task<int> StaleAlertsAsync() => (await Ok(client.GetAsync($"/api/v1/missions/{id}/portfolio")))["report"]!["alerts"]!.AsArray().Count(a => (string)a!["kind"]! == "Stale");
        var mission = await Ok(client.GetAsync($"/api/v1/missions/{id}"));
        Assert.Equal(90, (int)mission["staleAfterDays"]!);
        Assert.True(await StaleAlertsAsync() > 0);
        object Body(int days) => new
        {
            programmeId = (int)mission["programmeId"]!, title = (string)mission["title"]!, statement = (string)mission["statement"]!,
            baselineYear = 2019, horizonYear = 2035, status = "Active", rollupRule = (string)mission["rollupRule"]!,
            version = (int)mission["version"]!, language = "sv", lixTarget = (double)mission["lixTarget"]!, staleAfterDays = days,
        };
        var bad = await client.PutAsJsonAsync($"/api/v1/missions/{id}", Body(0));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ReadJson(bad))["errors"]!.AsObject().ContainsKey("staleAfterDays"));
        Assert.Equal(3650, (int)(await Ok(client.PutAsJsonAsync($"/api/v1/missions/{id}", Body(3650))))["staleAfterDays"]!);
        Assert.Equal(0, await StaleAlertsAsync());
    }
}

public sealed class SqliteRoadmapApiTests(SqliteAppFactory factory) : RoadmapApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRoadmapApiTests(PostgresAppFactory factory) : RoadmapApiTests(factory), IClassFixture<PostgresAppFactory>;
