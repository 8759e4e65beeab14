using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// Control characters, invisible names and numbers too large to draw are refused by every API family (400 naming
/// the field, nothing stored) and by the pages, since they share Core's rules.
/// </summary>
public abstract class InputHardeningTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static async Task<JsonObject> RefusedAsync(Task<HttpResponseMessage> request, params string[] fields)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        foreach (var field in fields)
            Assert.True(errors.ContainsKey(field), $"errors name {field}: {body}");
        return errors;
    }

    [SkippableFact]
    public async Task TheMissionsApiRefusesInvisibleNamesControlCharactersAndHugeValues()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var programmes = await Factory.WithDbAsync(db => db.Programmes.CountAsync());
        await RefusedAsync(client.PostAsJsonAsync("/api/v1/programmes", new { name = "\u200B\u2060 \uFEFF" }), "name");
        Assert.Equal(programmes, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));

        var programmeId = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());
        var errors = await RefusedAsync(client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Fossil\u0000fri", statement = "Rad ett\nrad två\u001B", baselineYear = 2020, horizonYear = 2035 }), "title", "statement");
        Assert.Contains("en rad", errors["title"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var indicator = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == Factory.ExampleMissionId).Select(i => i.Id).FirstAsync());
        var observations = await Factory.WithDbAsync(db => db.Observations.CountAsync());
        errors = await RefusedAsync(client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2024-12-31", value = 1e16 }), "value");
        Assert.Contains("för stort", errors["value"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(observations, await Factory.WithDbAsync(db => db.Observations.CountAsync()));
    }

    [SkippableFact]
    public async Task TheActorsApiRefusesControlCharactersAndHugeMoney()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        await RefusedAsync(client.PostAsJsonAsync("/api/v1/actors", new { name = "Exempelby\u001B[31m kommun", type = "Municipality", country = "Sweden" }), "name");
        await RefusedAsync(client.PostAsJsonAsync("/api/v1/actors", new { name = "\u00AD\u200C", type = "Municipality", country = "Sweden" }), "name");

        var (actorId, roundId) = await Factory.WithDbAsync(async db => (
            await db.Memberships.Where(m => m.MissionId == Factory.ExampleMissionId).Select(m => m.ActorId).FirstAsync(),
            await db.SigningRounds.Where(r => r.MissionId == Factory.ExampleMissionId).Select(r => r.Id).FirstAsync()));
        var commitments = await Factory.WithDbAsync(db => db.Commitments.CountAsync());
        await RefusedAsync(client.PostAsJsonAsync("/api/v1/commitments", new
        {
            actorId, missionId = Factory.ExampleMissionId, roundId, text = "Vi lovar mycket.", tier = "leading", goalIds = Array.Empty<int>(),
            pledgedMoney = 5e15, currency = "SEK", personYears = -1e300,
        }), "pledgedMoney", "personYears");
        Assert.Equal(commitments, await Factory.WithDbAsync(db => db.Commitments.CountAsync()));
    }

    [SkippableFact]
    public async Task ThePortfolioApiRefusesHugeBudgetsFundingAndContributions()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = Factory.ExampleMissionId;
        var (lead, goal, indicator) = await Factory.WithDbAsync(async db => (
            await db.Memberships.Where(m => m.MissionId == mission).Select(m => m.ActorId).FirstAsync(),
            await db.Indicators.Where(i => i.Goal!.MissionId == mission).Select(i => i.GoalId).FirstAsync(),
            await db.Indicators.Where(i => i.Goal!.MissionId == mission).Select(i => i.Id).FirstAsync()));
        var initiatives = await Factory.WithDbAsync(db => db.Initiatives.CountAsync());
        await RefusedAsync(client.PostAsJsonAsync("/api/v1/initiatives", new
        {
            missionId = mission, title = "Lagningscaféer\u0007", type = "Experiment", leadActorId = lead, partnerActorIds = Array.Empty<int>(), stage = "Testing",
            budget = 1e16, currency = "SEK",
            contributions = new[] { new { goalId = goal, indicatorId = indicator, direction = "Improves", sizePerYear = 1e20, confidence = "Low" } },
            funding = new[] { new { funderActorId = lead, amount = 2e15, currency = "SEK" } },
        }), "title", "budget", "contributions[0].sizePerYear", "funding[0].amount");
        Assert.Equal(initiatives, await Factory.WithDbAsync(db => db.Initiatives.CountAsync()));
    }

    [SkippableFact]
    public async Task TheGlossaryApiRefusesATermOfOnlyInvisibleCharacters()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        await RefusedAsync(Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{mission}/glossary", new { missionId = mission, term = "\uFEFF\u200D", explanation = "En förklaring." }), "term");
        await RefusedAsync(Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{mission}/glossary", new { missionId = mission, term = "Ord", explanation = "Noll\u0000tecken" }), "explanation");
    }

    [SkippableFact]
    public async Task TheAccountsApiRefusesAnInvitationAddressWithAControlCharacter()
    {
        Factory.RequireDatabase();
        var invitations = await Factory.WithDbAsync(db => db.Invitations.CountAsync());
        await RefusedAsync(Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer", email = "anna\u0000@exempel.se" }), "email");
        Assert.Equal(invitations, await Factory.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [SkippableTheory]
    [InlineData("1e16", "Värde: är för stort")]
    [InlineData("1e400", "Värde: måste vara ett tal")]
    public async Task TheObservationFormNamesAValueTooLargeAndStoresNothing(string value, string message)
    {
        Factory.RequireDatabase();
        var indicator = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == Factory.ExampleMissionId).Select(i => i.Id).FirstAsync());
        var observations = await Factory.WithDbAsync(db => db.Observations.CountAsync());
        var response = await PageTests.PostFormAsync(Factory.CreateClient(), $"/indicators/{indicator}/observations/new",
            new Dictionary<string, string> { ["Date"] = "2024-12-31", ["Value"] = value });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(observations, await Factory.WithDbAsync(db => db.Observations.CountAsync()));
    }
}

public sealed class SqliteInputHardeningTests(SqliteAppFactory factory) : InputHardeningTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInputHardeningTests(PostgresAppFactory factory) : InputHardeningTests(factory), IClassFixture<PostgresAppFactory>;
