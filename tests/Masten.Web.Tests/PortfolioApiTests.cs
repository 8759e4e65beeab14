using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The portfolio API: initiatives, hypotheses, check-ins, analysis, reviews; once on SQLite and once on PostgreSQL.</summary>
public abstract class PortfolioApiTests(MastenAppFactory factory)
{
    private static readonly string[] PartnerRole = ["Partner"];

    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static async Task<JsonNode> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<JsonNode> Created(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadJson(response);
    }

    private static async Task<JsonObject> Problem(Task<HttpResponseMessage> request, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await request;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await ReadJson(response))["errors"]!.AsObject();
    }

    /// <summary>A fresh mission with two goals, an indicator with a target, a member actor and an outsider.</summary>
    private async Task<(int Mission, int Goal1, int Goal2, int Indicator, int Member, int Outsider)> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await Created(client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Cirkulära städer", statement = "Allt material används igen.", baselineYear = 2020, horizonYear = 2035 })))["id"]!;
        var goal1 = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Mindre avfall" })))["id"]!;
        var goal2 = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Fler som lagar" })))["id"]!;
        var indicator = (int)(await Created(client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal1, name = "Avfall per person", unit = "kg", direction = "LowerIsBetter", frequency = "Yearly", source = "SCB",
            baselineDate = "2020-12-31", baselineValue = 500, targets = new[] { new { date = "2030-12-31", value = 300 } }, shape = "Linear",
        })))["id"]!;
        var member = (int)(await Created(client.PostAsJsonAsync("/api/v1/actors", new { name = "Lagningsföreningen", type = "CivilSociety", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() })))["id"]!;
        var outsider = (int)(await Created(client.PostAsJsonAsync("/api/v1/actors", new { name = "Utomstående AB", type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() })))["id"]!;
        await Created(client.PostAsJsonAsync("/api/v1/memberships", new { actorId = member, missionId = mission, roles = PartnerRole, joinedOn = "2024-01-01" }));
        return (mission, goal1, goal2, indicator, member, outsider);
    }

    private static object InitiativeBody(int mission, int lead, int goal, int? indicator, int[]? partners = null, string? start = "2025-01-01", string? end = "2027-12-31",
        int? otherGoal = null, string stage = "Testing", double budget = 1_000_000) => new
    {
        missionId = mission, title = "Lagningscaféer", description = "Caféer där man lagar saker.", type = "Experiment", leadActorId = lead,
        partnerActorIds = partners ?? [], stage, budget, currency = "SEK", startDate = start, endDate = end,
        levers = new[] { "BehaviourAndCulture", "BusinessModels" },
        contributions = new object[]
        {
            new { goalId = otherGoal ?? goal, indicatorId = indicator, direction = "Improves", sizePerYear = 8.0, confidence = "Low" },
        },
        funding = new[] { new { funderActorId = lead, amount = 500_000.0, currency = "SEK" } },
    };

    [SkippableFact]
    public async Task AnInitiativeIsCreatedUpdatedAndItsStageHistoryKept()
    {
        var client = Client();
        var (mission, goal1, _, indicator, member, _) = await MissionAsync(client);
        var created = await Created(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator)));
        var id = (int)created["id"]!;
        Assert.Equal("Testing", (string)created["stage"]!);
        Assert.Equal("Lagningsföreningen", (string)created["leadActorName"]!);
        Assert.Equal(8.0, (double)created["contributions"]![0]!["sizePerYear"]!);
        Assert.Equal(500_000.0, (double)created["funding"]![0]!["amount"]!);

        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(InitiativeBody(mission, member, goal1, indicator, stage: "Scaling")))!.AsObject();
        body["version"] = 1;
        var updated = await client.PutAsJsonAsync($"/api/v1/initiatives/{id}", body);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (int)(await ReadJson(updated))["version"]!);
        await Problem(client.PutAsJsonAsync($"/api/v1/initiatives/{id}", body), HttpStatusCode.Conflict);

        var stages = (await ReadJson(await client.GetAsync($"/api/v1/initiatives/{id}/stages"))).AsArray();
        Assert.Equal(["Testing", "Scaling"], stages.Select(s => (string)s!["stage"]!).ToArray());
        var list = await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/initiatives"));
        Assert.Equal(1, (int)list["totalCount"]!);
    }

    [SkippableFact]
    public async Task BadInitiativesNameTheFieldAndStoreNothing()
    {
        var client = Client();
        var (mission, goal1, _, indicator, member, outsider) = await MissionAsync(client);
        var otherGoal = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId).Select(g => g.Id).FirstAsync());
        var before = await Factory.WithDbAsync(db => db.Initiatives.CountAsync());

        Assert.Contains("contributions[0].goalId", (await Problem(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, null, otherGoal: otherGoal)))).Select(e => e.Key));
        Assert.Contains("partnerActorIds", (await Problem(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator, partners: [outsider])))).Select(e => e.Key));
        Assert.Contains("endDate", (await Problem(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator, start: "2026-01-01", end: "2025-01-01")))).Select(e => e.Key));
        Assert.Contains("leadActorId", (await Problem(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, outsider, goal1, indicator)))).Select(e => e.Key));

        Assert.Equal(before, await Factory.WithDbAsync(db => db.Initiatives.CountAsync()));
    }

    [SkippableFact]
    public async Task CheckInsAndHypothesesAreKeptAndConfidenceMustBeOneToTen()
    {
        var client = Client();
        var (mission, goal1, _, indicator, member, _) = await MissionAsync(client);
        var id = (int)(await Created(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator))))["id"]!;

        Assert.Contains("confidence", (await Problem(client.PostAsJsonAsync($"/api/v1/initiatives/{id}/check-ins", new { date = "2026-01-15", status = "OnTrack", confidence = 11 }))).Select(e => e.Key));
        Assert.Contains("confidence", (await Problem(client.PostAsJsonAsync($"/api/v1/initiatives/{id}/check-ins", new { date = "2026-01-15", status = "OnTrack", confidence = 0 }))).Select(e => e.Key));
        await Created(client.PostAsJsonAsync($"/api/v1/initiatives/{id}/check-ins", new { date = "2026-01-15", status = "OffTrack", confidence = 3, whatHappened = "Lokalen försvann", blockers = "Ingen lokal" }));
        await Created(client.PostAsJsonAsync($"/api/v1/initiatives/{id}/check-ins", new { date = "2026-04-15", status = "OffTrack", confidence = 2 }));
        var checkIns = (await ReadJson(await client.GetAsync($"/api/v1/initiatives/{id}/check-ins"))).AsArray();
        Assert.Equal(["2026-04-15", "2026-01-15"], checkIns.Select(c => (string)c!["date"]!).ToArray());

        var hypothesis = await Created(client.PostAsJsonAsync($"/api/v1/initiatives/{id}/hypotheses", new { belief = "Folk lagar om det är roligt", test = "Räkna besökare", openedOn = "2025-01-01" }));
        Assert.Equal("Open", (string)hypothesis["result"]!);
        var hid = (int)hypothesis["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/hypotheses/{hid}", new { belief = "Folk lagar om det är roligt", result = "Supported", learning = "200 besökare", version = 1 })).StatusCode);
        Assert.Equal("Supported", (string)(await ReadJson(await client.GetAsync($"/api/v1/hypotheses/{hid}")))["result"]!);

        var portfolio = await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/portfolio?asOf=2026-05-01"));
        var alerts = portfolio["report"]!["alerts"]!.AsArray();
        Assert.Contains(alerts, a => (string)a!["kind"]! == "OffTrackTwice" && (int)a["initiativeId"]! == id);
    }

    [SkippableFact]
    public async Task PortfolioShowsGapsAndTheContributionAgainstTheRequiredPace()
    {
        var client = Client();
        var (mission, goal1, goal2, indicator, member, _) = await MissionAsync(client);
        await Created(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator)));
        var portfolio = await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/portfolio?asOf=2025-06-30"));
        var report = portfolio["report"]!;
        Assert.Equal([goal2], report["goalsWithoutInitiatives"]!.AsArray().Select(g => (int)g!).ToArray());
        Assert.Contains("Technology", report["leversWithoutInitiatives"]!.AsArray().Select(l => (string)l!));
        var gap = report["contributionVersusGap"]!.AsArray().Single(g => (int)g!["indicatorId"]! == indicator)!;
        // No observations: the path still needs (500 − 300) / 10 years = 20 kg a year; the initiative brings 8.
        Assert.Equal(20, (double)gap["requiredPerYear"]!, 1);
        Assert.Equal(0.4, (double)gap["share"]!, 2);
        Assert.Equal("Low", (string)gap["confidence"]!);
        Assert.Equal(1.0, (double)report["concentration"]!["index"]!, 6);
    }

    [SkippableFact]
    public async Task ApplyingADecisionMovesTheStageWithALinkToTheReview()
    {
        var client = Client();
        var (mission, goal1, _, indicator, member, _) = await MissionAsync(client);
        var id = (int)(await Created(client.PostAsJsonAsync("/api/v1/initiatives", InitiativeBody(mission, member, goal1, indicator))))["id"]!;
        var review = (int)(await Created(client.PostAsJsonAsync("/api/v1/reviews", new { missionId = mission, date = "2026-03-01", kind = "Sensemaking", participants = "Anna, Omar", participantActorIds = new[] { member }, insights = "Caféerna lockar" })))["id"]!;

        var otherInitiative = await Factory.WithDbAsync(db => db.Initiatives.Where(i => i.MissionId != mission).Select(i => (int?)i.Id).FirstOrDefaultAsync());
        var before = await Factory.WithDbAsync(db => db.ReviewDecisions.CountAsync());
        Assert.Contains("initiativeId", (await Problem(client.PostAsJsonAsync($"/api/v1/reviews/{review}/decisions", new { initiativeId = otherInitiative ?? 999_999, kind = "Stop", rationale = "Fel" }))).Select(e => e.Key));
        Assert.Contains("rationale", (await Problem(client.PostAsJsonAsync($"/api/v1/reviews/{review}/decisions", new { initiativeId = id, kind = "Stop", rationale = " " }))).Select(e => e.Key));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.ReviewDecisions.CountAsync()));

        await Created(client.PostAsJsonAsync($"/api/v1/reviews/{review}/decisions", new { initiativeId = id, kind = "Scale", rationale = "Fler vill vara med" }));
        Assert.Equal("Scaling", (string)(await ReadJson(await client.GetAsync($"/api/v1/initiatives/{id}")))["stage"]!);
        var last = (await ReadJson(await client.GetAsync($"/api/v1/initiatives/{id}/stages"))).AsArray().Last()!;
        Assert.Equal(review, (int)last["reviewId"]!);
        Assert.Equal("2026-03-01", (string)last["date"]!);
        var overview = await ReadJson(await client.GetAsync($"/api/v1/reviews/{review}"));
        Assert.Equal("Scale", (string)overview["decisions"]![0]!["kind"]!);
    }

    [SkippableFact]
    public async Task OpenApiDocumentListsThePortfolioRoutes()
    {
        var paths = (await ReadJson(await Client().GetAsync("/openapi/v1.json")))["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/initiatives", paths);
        Assert.Contains("/api/v1/missions/{id}/portfolio", paths);
        Assert.Contains("/api/v1/reviews/{id}/decisions", paths);
        Assert.Contains("/api/v1/initiatives/{id}/check-ins", paths);
    }

    [SkippableTheory]
    [InlineData("/api/v1/initiatives/999999")]
    [InlineData("/api/v1/initiatives/999999/stages")]
    [InlineData("/api/v1/initiatives/999999/check-ins")]
    [InlineData("/api/v1/initiatives/999999/hypotheses")]
    [InlineData("/api/v1/hypotheses/999999")]
    [InlineData("/api/v1/reviews/999999")]
    [InlineData("/api/v1/missions/999999/portfolio")]
    [InlineData("/api/v1/missions/999999/initiatives")]
    [InlineData("/api/v1/missions/999999/reviews")]
    public async Task UnknownIdIsA404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync(url)).StatusCode);
}

public sealed class SqlitePortfolioApiTests(SqliteAppFactory factory) : PortfolioApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPortfolioApiTests(PostgresAppFactory factory) : PortfolioApiTests(factory), IClassFixture<PostgresAppFactory>;
