using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>
/// Initiative imports over the API and the pages, and the apply of a kept preview: preview, apply, visible on the portfolio page,
/// re-import changes nothing, stage changes go into the stage history, bad rows named by row and column store nothing, and
/// a kept preview is applied once (409 after, 404 for another mission's import); on SQLite and PostgreSQL.
/// </summary>
public abstract class InitiativeImportTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    /// <summary>A mission of its own with the goals "Rent vatten" and "Levande kust", two member actors and one actor outside it.</summary>
    private async Task<(int Mission, int Goal, string Lead, string Partner, string Outsider)> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Insatsimport", statement = "Havet mår bra.", baselineYear = 2020, horizonYear = 2035 }), HttpStatusCode.Created))["id"]!;
        var goal = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Rent vatten" }), HttpStatusCode.Created))["id"]!;
        await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Levande kust" }), HttpStatusCode.Created);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var number = ActorsApiTests.NewSwedishNumber();
            var actor = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/actors", new { name = $"Aktör {number}", type = "Municipality", country = "Sweden", organisationNumber = number }), HttpStatusCode.Created))["id"]!;
            if (i < 2)
                await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/memberships", new { actorId = actor, missionId = mission, roles = PartnerRole, joinedOn = "2025-01-01" }), HttpStatusCode.Created);
            numbers.Add(number);
        }
        return (mission, goal, numbers[0], numbers[1], numbers[2]);
    }

    private static readonly string[] PartnerRole = ["Partner"];

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string File(string lead, string partner, string stage = "testar") =>
        $"titel;ansvarig;partner;mål;hävstänger;budget;valuta;fas\nFosforfällan;{lead.Replace("-", "", StringComparison.Ordinal)};{partner};Rent vatten;teknik, finansiering;1 250 000;SEK;{stage}\nMusselodling;{lead};;\"Rent vatten; Levande kust\";;;;idé\n";

    [SkippableFact]
    public async Task APreviewStoresNothingTheApplyCreatesWhatThePortfolioPageShowsAndAReimportChangesNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, goal, lead, partner, _) = await MissionAsync(client);
        var file = File(lead, partner);
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives&dryRun=true", Csv(file)), HttpStatusCode.OK);
        Assert.Equal(("Initiatives", 2, 0, false), ((string)preview["kind"]!, (int)preview["create"]!, (int)preview["update"]!, (bool)preview["applied"]!));
        Assert.Equal(["Fosforfällan", "Musselodling"], preview["items"]!.AsArray().Select(i => (string)i!["name"]!));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == mission)));

        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives", Csv(file)), HttpStatusCode.Created);
        var importId = (int)applied["importId"]!;
        var stored = await Factory.WithDbAsync(db => db.Initiatives.AsNoTracking().Include(i => i.Contributions).Where(i => i.MissionId == mission).OrderBy(i => i.Title).ToListAsync());
        Assert.Equal(["Fosforfällan", "Musselodling"], stored.Select(i => i.Title));
        var trap = stored[0];
        Assert.Equal((InitiativeStage.Testing, 1_250_000.0, Masten.Core.Actors.Currency.SEK), (trap.Stage, trap.Budget!.Value, trap.Currency!.Value));
        Assert.Equal([SystemLever.Technology, SystemLever.Financing], trap.Levers.Order());
        Assert.Equal(goal, Assert.Single(trap.Contributions).GoalId);
        Assert.Single(trap.PartnerActorIds);
        Assert.Equal(2, stored[1].Contributions.Count);
        Assert.StartsWith($"import #{importId} by ", await Factory.WithDbAsync(db =>
            db.ChangeRecords.Where(c => c.EntityType == "Initiative" && c.EntityId == trap.Id).Select(c => c.ChangedBy).FirstAsync()), StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/missions/{mission}/portfolio");
        var document = new HtmlParser().ParseDocument(page);
        Assert.Contains(document.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Fosforfällan");

        var again = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives", Csv(file)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, true), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!));
        Assert.Equal(trap.Version, await Factory.WithDbAsync(db => db.Initiatives.Where(i => i.Id == trap.Id).Select(i => i.Version).FirstAsync()));
    }

    [SkippableFact]
    public async Task AChangedStageIsAnEditWithItsStageInTheHistory()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, lead, partner, _) = await MissionAsync(client);
        await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives", Csv(File(lead, partner))), HttpStatusCode.Created);
        var changed = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives", Csv(File(lead, partner, "skalar upp"))), HttpStatusCode.Created);
        Assert.Equal((0, 1, 1), ((int)changed["create"]!, (int)changed["update"]!, (int)changed["unchanged"]!));
        Assert.Equal("stage", (string)changed["items"]!.AsArray()[0]!["changes"]!);
        var id = await Factory.WithDbAsync(db => db.Initiatives.Where(i => i.MissionId == mission && i.Title == "Fosforfällan").Select(i => i.Id).FirstAsync());
        Assert.Equal([InitiativeStage.Testing, InitiativeStage.Scaling], await Factory.WithDbAsync(db => db.StageChanges.Where(s => s.InitiativeId == id).OrderBy(s => s.Id).Select(s => s.Stage).ToListAsync()));
    }

    [SkippableFact]
    public async Task BadRowsAreNamedByRowAndColumnAndNothingIsStored()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, lead, _, outsider) = await MissionAsync(client);
        var bad = $"titel;ansvarig;partner;mål;hävstänger;fas\nBra;{lead};;Rent vatten;teknik;idé\nFel;999999-9999;{outsider};Okänt mål;trolldom;halvvägs\n";
        var problem = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives", Csv(bad)), HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["code"]!)).ToList();
        Assert.Equal([(3, "fas", "UnknownValue"), (3, "ansvarig", "UnknownOrganisationNumber"), (3, "partner", "NotAMember"), (3, "mål", "UnknownGoal"), (3, "hävstänger", "UnknownLever")], errors);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == mission)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Set<Masten.Core.Imports.ImportRecord>().CountAsync(x => x.MissionId == mission)));
        var missing = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives&dryRun=true", Csv("titel;budget\nA;1\n")), HttpStatusCode.BadRequest);
        Assert.Equal("MissingInitiativeColumns", (string)missing["importErrors"]![0]!["code"]!);
    }

    [SkippableFact]
    public async Task AKeptPreviewIsAppliedOnceByTheApplyApiAndNotFromAnotherMission()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, lead, partner, _) = await MissionAsync(client);
        var (other, _, _, _, _) = await MissionAsync(client);
        var kept = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=initiatives&dryRun=true&keep=true", Csv(File(lead, partner))), HttpStatusCode.OK);
        var importId = (int)kept["importId"]!;
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == mission)));
        var status = await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports/{importId}"), HttpStatusCode.OK);
        Assert.Equal(("Previewed", "Initiatives"), ((string)status["status"]!, (string)status["kind"]!));

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/missions/{other}/imports/{importId}/apply", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/missions/{mission}/imports/{importId + 1000}/apply", null)).StatusCode);
        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports/{importId}/apply", null), HttpStatusCode.OK);
        Assert.Equal((importId, 2, true), ((int)applied["importId"]!, (int)applied["create"]!, (bool)applied["applied"]!));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == mission)));
        var second = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports/{importId}/apply", null), HttpStatusCode.Conflict);
        Assert.True(second["errors"]!.AsObject().ContainsKey("importId"));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == mission)));
        Assert.Equal("Applied", (string)(await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports/{importId}"), HttpStatusCode.OK))["status"]!);
    }

    [SkippableFact]
    public async Task TheImportPageOffersInitiativesAndItsTemplate()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, _, _, _) = await MissionAsync(client);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/missions/{mission}/import"));
        Assert.Contains(document.QuerySelectorAll("select#kind option"), o => o.GetAttribute("value") == "initiatives" && o.TextContent.Contains("Insatser", StringComparison.Ordinal));
        Assert.Contains(document.QuerySelectorAll("details summary"), s => s.TextContent.Contains("insatser", StringComparison.Ordinal));
    }
}

public sealed class SqliteInitiativeImportTests(SqliteAppFactory factory) : InitiativeImportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInitiativeImportTests(PostgresAppFactory factory) : InitiativeImportTests(factory), IClassFixture<PostgresAppFactory>;
