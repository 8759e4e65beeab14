using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The actors API; it runs once on SQLite and once on PostgreSQL.</summary>
public abstract class ActorsApiTests(MastenAppFactory factory)
{
    private static int serial = 100_000;

    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    /// <summary>A valid Swedish organisation number no other test uses: nine digits and their Luhn check digit.</summary>
    internal static string NewSwedishNumber()
    {
        var nine = "55" + Interlocked.Increment(ref serial).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return $"{nine[..6]}-{nine[6..]}{OrganisationNumber.LuhnCheckDigit(nine)}";
    }

    private static List<string> List(params string[] values) => [.. values];

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

    /// <summary>A fresh mission with two goals and a round "2025"; returns their ids.</summary>
    private async Task<(int Mission, int Goal1, int Goal2, int Round)> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await Created(client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Cirkulära städer", statement = "Allt material används igen.", baselineYear = 2020, horizonYear = 2035 })))["id"]!;
        var goal1 = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Mindre avfall" })))["id"]!;
        var goal2 = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Fler som lagar" })))["id"]!;
        var round = (int)(await Created(client.PostAsJsonAsync($"/api/v1/missions/{mission}/rounds", new { name = "2025", date = "2025-03-01" })))["round"]!["id"]!;
        return (mission, goal1, goal2, round);
    }

    private static async Task<int> ActorAsync(HttpClient client, string type = "Municipality", string? number = null) =>
        (int)(await Created(client.PostAsJsonAsync("/api/v1/actors", new { name = "Testkommunen", type, country = "Sweden", organisationNumber = number ?? NewSwedishNumber() })))["id"]!;

    private static object CommitmentBody(int actorId, int missionId, int roundId, int[] goalIds, double? money = 100_000, double? personYears = 1, string status = "Proposed") => new
    {
        actorId, missionId, roundId, text = "Vi lagar alla trasiga stolar", tier = "leading", goalIds,
        pledgedMoney = money, currency = "SEK", personYears, dueDate = "2027-12-31", status,
    };

    [SkippableFact]
    public async Task EveryActorEndpointCreatesReadsAndUpdates()
    {
        var client = Client();
        var (mission, goal1, goal2, round) = await MissionAsync(client);

        var actor = await Created(client.PostAsJsonAsync("/api/v1/actors", new { name = "Lagningsföreningen", type = "CivilSociety", country = "Sweden", organisationNumber = NewSwedishNumber().Replace("-", "", StringComparison.Ordinal), website = "https://lagning.se" }));
        var actorId = (int)actor["id"]!;
        Assert.Matches(@"^\d{6}-\d{4}$", (string)actor["organisationNumber"]!);
        var updated = await client.PutAsJsonAsync($"/api/v1/actors/{actorId}", new { name = "Lagningsföreningen i Norr", type = "CivilSociety", country = "Sweden", organisationNumber = (string)actor["organisationNumber"]!, version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Lagningsföreningen i Norr", (string)(await ReadJson(await client.GetAsync($"/api/v1/actors/{actorId}")))["name"]!);
        var found = await ReadJson(await client.GetAsync("/api/v1/actors?q=lagningsför&type=CivilSociety&country=Sweden"));
        Assert.Equal(actorId, (int)Assert.Single(found["items"]!.AsArray())!["id"]!);

        var contact = await Created(client.PostAsJsonAsync($"/api/v1/actors/{actorId}/contacts", new { name = "Kim", role = "Ordförande", email = "kim@lagning.se", level = "Leadership" }));
        var contactId = (int)contact["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/contacts/{contactId}", new { name = "Kim Ek", level = "Management", version = 1 })).StatusCode);
        Assert.Equal("Management", (string)(await ReadJson(await client.GetAsync($"/api/v1/contacts/{contactId}")))["level"]!);
        Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/actors/{actorId}/contacts"))).AsArray());

        var membership = await Created(client.PostAsJsonAsync("/api/v1/memberships", new { actorId, missionId = mission, roles = List("Partner", "Navigator"), joinedOn = "2025-01-01" }));
        var membershipId = (int)membership["id"]!;
        Assert.Equal(["Partner", "Navigator"], membership["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/memberships/{membershipId}", new { actorId, missionId = mission, roles = List("Funder"), joinedOn = "2025-01-01", leftOn = "2026-01-01", version = 1 })).StatusCode);
        Assert.Equal("2026-01-01", (string)(await ReadJson(await client.GetAsync($"/api/v1/memberships/{membershipId}")))["leftOn"]!);
        Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/memberships"))).AsArray());
        Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/actors/{actorId}/memberships"))).AsArray());

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/rounds/{round}", new { name = "2025 (vår)", date = "2025-03-02", version = 1 })).StatusCode);
        Assert.Equal("2025 (vår)", (string)(await ReadJson(await client.GetAsync($"/api/v1/rounds/{round}")))["name"]!);
        Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/rounds"))).AsArray());

        var commitment = await Created(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1, goal2])));
        var commitmentId = (int)commitment["id"]!;
        var changed = await client.PutAsJsonAsync($"/api/v1/commitments/{commitmentId}", new { actorId, missionId = mission, roundId = round, text = "Vi lagar stolar", tier = "supporting", goalIds = new[] { goal1 }, pledgedMoney = 50_000.0, currency = "DKK", personYears = 0.5, status = "InProgress", evidenceLinks = "https://lagning.se/rapport", version = 1 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await ReadJson(await client.GetAsync($"/api/v1/commitments/{commitmentId}"));
        Assert.Equal(("DKK", "InProgress", 2), ((string)read["currency"]!, (string)read["status"]!, (int)read["version"]!));
        Assert.Equal(1, (int)(await ReadJson(await client.GetAsync($"/api/v1/commitments?missionId={mission}&status=InProgress")))["totalCount"]!);

        var driver = await Created(client.PostAsJsonAsync("/api/v1/drivers", new { actorId, missionId = mission, categories = List("PersonalEngagement", "SocietalImpact"), text = "Vi gillar att laga", goalIds = new[] { goal2 } }));
        var driverId = (int)driver["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/drivers/{driverId}", new { actorId, missionId = mission, categories = List("Innovation"), text = "Nya idéer", goalIds = new[] { goal1, goal2 }, version = 1 })).StatusCode);
        Assert.Equal(2, (await ReadJson(await client.GetAsync($"/api/v1/drivers/{driverId}")))["goalIds"]!.AsArray().Count);
        Assert.Equal(1, (int)(await ReadJson(await client.GetAsync($"/api/v1/drivers?actorId={actorId}")))["totalCount"]!);

        var goal = await Created(client.PostAsJsonAsync("/api/v1/operational-goals", new { actorId, title = "Fler medlemmar", owner = "Styrelsen", relations = new[] { new { goalId = goal1, kind = "Conflicts", explanation = "Tid går till värvning" } } }));
        var goalId = (int)goal["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/operational-goals/{goalId}", new { actorId, title = "Fler medlemmar", relations = new[] { new { goalId = goal2, kind = "Supports", explanation = (string?)null } }, version = 1 })).StatusCode);
        var relation = Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/operational-goals/{goalId}")))["relations"]!.AsArray())!;
        Assert.Equal((goal2, "Supports", "Fler som lagar"), ((int)relation["goalId"]!, (string)relation["kind"]!, (string)relation["goalTitle"]!));
        Assert.Equal(1, (int)(await ReadJson(await client.GetAsync($"/api/v1/operational-goals?actorId={actorId}")))["totalCount"]!);

        Assert.Equal(["leading", "contributing", "supporting"], (await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/tiers"))).AsArray().Select(t => (string)t!));
        var tiers = await client.PutAsJsonAsync($"/api/v1/missions/{mission}/tiers", new { tiers = List("supporting", "bärande") });
        Assert.Equal(HttpStatusCode.OK, tiers.StatusCode);
        Assert.Equal(["tiers"], (await Problem(client.PutAsJsonAsync($"/api/v1/missions/{mission}/tiers", new { tiers = List("bärande"), version = 1 }))).Select(e => e.Key));
        Assert.Equal(["tier"], (await Problem(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1])))).Select(e => e.Key));
        Assert.Empty((await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/tensions"))).AsArray());

        var overview = await ReadJson(await client.GetAsync($"/api/v1/missions/{mission}/actors"));
        Assert.Single(overview["members"]!.AsArray());
        var total = overview["totals"]!.AsArray().Single(t => (int?)t!["goalId"] == goal1)!;
        Assert.Equal(0.5, (double)total["personYears"]!);
        Assert.Equal(50_000, (double)total["money"]![0]!["amount"]!);
    }

    [SkippableFact]
    public async Task NewRoundCarriesOpenCommitmentsForwardAndLeavesTheOldRoundUnchanged()
    {
        var client = Client();
        var (mission, goal1, _, round) = await MissionAsync(client);
        var actorId = await ActorAsync(client);
        var open = (int)(await Created(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1]))))["id"]!;
        // Signed on paper in 2025: the copy carried into 2026 is to be signed again.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/commitments/{open}/paper-signature", new { signatory = "Anna", signedOn = "2025-03-01" })).StatusCode);
        await Created(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1], status: "Fulfilled")));
        var before = (await ReadJson(await client.GetAsync($"/api/v1/commitments?roundId={round}")))["items"]!.ToJsonString();

        var opened = await Created(client.PostAsJsonAsync($"/api/v1/missions/{mission}/rounds", new { name = "2026", date = "2026-03-01" }));
        Assert.Equal(1, (int)opened["carriedCommitments"]!);
        var newRound = (int)opened["round"]!["id"]!;
        var carried = Assert.Single((await ReadJson(await client.GetAsync($"/api/v1/commitments?roundId={newRound}")))["items"]!.AsArray())!;
        Assert.Equal((open, "Proposed"), ((int)carried["carriedFromId"]!, (string)carried["status"]!));
        Assert.Null(carried["signatory"]);
        Assert.Equal(before, (await ReadJson(await client.GetAsync($"/api/v1/commitments?roundId={round}")))["items"]!.ToJsonString());

        var earlier = await Problem(client.PostAsJsonAsync($"/api/v1/missions/{mission}/rounds", new { name = "2024", date = "2024-03-01" }));
        Assert.Equal(["date"], earlier.Select(e => e.Key));
    }

    [SkippableFact]
    public async Task ActorChangesAreKeptInHistory()
    {
        var client = Client();
        var actorId = await ActorAsync(client);
        var number = (string)(await ReadJson(await client.GetAsync($"/api/v1/actors/{actorId}")))["organisationNumber"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/actors/{actorId}", new { name = "Nytt namn", type = "Region", country = "Sweden", organisationNumber = number, version = 1 })).StatusCode);
        var history = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Actor" && c.EntityId == actorId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(["Created", "Updated"], history.Select(c => c.Action));
        Assert.Contains("Testkommunen", history[1].Before, StringComparison.Ordinal);
        Assert.Contains("Nytt namn", history[1].After, StringComparison.Ordinal);
        Assert.Equal(MastenAppFactory.AdminEmail + " (token: test)", history[1].ChangedBy);
    }

    [SkippableFact]
    public async Task DuplicateOrganisationNumberIsA400NamingTheFieldAndStoresNothing()
    {
        var client = Client();
        var number = NewSwedishNumber();
        await ActorAsync(client, number: number);
        var before = await Factory.WithDbAsync(db => db.Actors.CountAsync());
        var errors = await Problem(client.PostAsJsonAsync("/api/v1/actors", new { name = "Samma nummer", type = "Company", country = "Sweden", organisationNumber = number.Replace("-", "", StringComparison.Ordinal) }));
        Assert.Equal(["organisationNumber"], errors.Select(e => e.Key));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Actors.CountAsync()));
    }

    [SkippableTheory]
    [InlineData("Sweden", "556036-0794")]
    [InlineData("Sweden", "55603607")]
    [InlineData("Sweden", "55603A-0793")]
    [InlineData("Denmark", "37123456")]
    [InlineData("Denmark", "3712345")]
    public async Task InvalidOrganisationNumberIsA400NamingTheField(string country, string number)
    {
        var errors = await Problem(Client().PostAsJsonAsync("/api/v1/actors", new { name = "Fel nummer", type = "Company", country, organisationNumber = number }));
        Assert.Equal(["organisationNumber"], errors.Select(e => e.Key));
    }

    [SkippableFact]
    public async Task CommitmentForAGoalOfAnotherMissionIsA400AndStoresNothing()
    {
        var client = Client();
        var (mission, goal1, _, round) = await MissionAsync(client);
        var otherGoal = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId).Select(g => g.Id).FirstAsync());
        var actorId = await ActorAsync(client);
        var before = await Factory.WithDbAsync(db => db.Commitments.CountAsync());
        var errors = await Problem(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1, otherGoal])));
        Assert.Equal(["goalIds"], errors.Select(e => e.Key));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.CountAsync()));
    }

    [SkippableFact]
    public async Task NegativeResourcesAreA400NamingEachFieldAndStoreNothing()
    {
        var client = Client();
        var (mission, goal1, _, round) = await MissionAsync(client);
        var actorId = await ActorAsync(client);
        var before = await Factory.WithDbAsync(db => db.Commitments.CountAsync());
        var errors = await Problem(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(actorId, mission, round, [goal1], money: -5, personYears: -1)));
        Assert.Equal(["personYears", "pledgedMoney"], errors.Select(e => e.Key).Order());
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.CountAsync()));
    }

    [SkippableFact]
    public async Task LeftDateBeforeJoinedDateIsA400AndStoresNothing()
    {
        var client = Client();
        var (mission, _, _, _) = await MissionAsync(client);
        var actorId = await ActorAsync(client);
        var errors = await Problem(client.PostAsJsonAsync("/api/v1/memberships", new { actorId, missionId = mission, roles = List("Partner"), joinedOn = "2025-06-01", leftOn = "2025-05-31" }));
        Assert.Equal(["leftOn"], errors.Select(e => e.Key));
        Assert.Contains("2025-06-01", errors["leftOn"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.MissionId == mission)));
    }

    [SkippableFact]
    public async Task DuplicateRoundNameIsA400NamingTheFieldAndCarriesNothing()
    {
        var client = Client();
        var (mission, goal1, _, round) = await MissionAsync(client);
        await Created(client.PostAsJsonAsync("/api/v1/commitments", CommitmentBody(await ActorAsync(client), mission, round, [goal1])));
        var before = await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission));
        var errors = await Problem(client.PostAsJsonAsync($"/api/v1/missions/{mission}/rounds", new { name = " 2025 ", date = "2026-01-01" }));
        Assert.Equal(["name"], errors.Select(e => e.Key));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.SigningRounds.CountAsync(r => r.MissionId == mission)));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
    }

    [SkippableFact]
    public async Task StaleActorVersionIsA409()
    {
        var client = Client();
        var actorId = await ActorAsync(client);
        var number = (string)(await ReadJson(await client.GetAsync($"/api/v1/actors/{actorId}")))["organisationNumber"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/actors/{actorId}", new { name = "Först", type = "Municipality", country = "Sweden", organisationNumber = number, version = 1 })).StatusCode);
        await Problem(client.PutAsJsonAsync($"/api/v1/actors/{actorId}", new { name = "Sist", type = "Municipality", country = "Sweden", organisationNumber = number, version = 1 }), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task ExampleMissionHasTwoRoundsTwoTensionsAndFlagsSingleLevelActors()
    {
        var overview = await ReadJson(await Client().GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/actors"));
        Assert.Equal(["2025", "2026"], overview["rounds"]!.AsArray().Select(r => (string)r!["round"]!["name"]!));
        Assert.Equal(2, overview["tensions"]!.AsArray().Count);
        var flagged = overview["anchoring"]!.AsArray().Where(a => (bool)a!["isSingleLevel"]!).Select(a => (string)a!["actorName"]!).ToList();
        Assert.Contains("Exempelby kommun", flagged);
        Assert.DoesNotContain("Jordbruksverket (exempel)", flagged);
        Assert.True(overview["members"]!.AsArray().Count >= 12);
        Assert.NotEmpty(overview["driverMix"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData("/api/v1/actors/999999")]
    [InlineData("/api/v1/actors/999999/contacts")]
    [InlineData("/api/v1/actors/999999/memberships")]
    [InlineData("/api/v1/contacts/999999")]
    [InlineData("/api/v1/memberships/999999")]
    [InlineData("/api/v1/rounds/999999")]
    [InlineData("/api/v1/commitments/999999")]
    [InlineData("/api/v1/drivers/999999")]
    [InlineData("/api/v1/operational-goals/999999")]
    [InlineData("/api/v1/missions/999999/actors")]
    [InlineData("/api/v1/missions/999999/rounds")]
    [InlineData("/api/v1/missions/999999/tiers")]
    [InlineData("/api/v1/missions/999999/tensions")]
    [InlineData("/missions/999999/tensions")]
    [InlineData("/actors/999999")]
    [InlineData("/missions/999999/actors")]
    public async Task UnknownIdIsA404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync(url)).StatusCode);

    [SkippableFact]
    public async Task OpenApiDocumentListsTheActorRoutes()
    {
        var paths = (await ReadJson(await Client().GetAsync("/openapi/v1.json")))["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/actors", paths);
        Assert.Contains("/api/v1/missions/{id}/rounds", paths);
        Assert.Contains("/api/v1/operational-goals/{id}", paths);
    }
}

public sealed class SqliteActorsApiTests(SqliteAppFactory factory) : ActorsApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresActorsApiTests(PostgresAppFactory factory) : ActorsApiTests(factory), IClassFixture<PostgresAppFactory>;
