using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>Participants imported from a spreadsheet into a mission's journey (kind=participants), over the API and on the Importera page; on SQLite and PostgreSQL.</summary>
public abstract class ParticipantImportTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private sealed record World(HttpClient Admin, int Mission, string Navigator, int NavigatorId, string OtherNavigator, int OtherNavigatorId, int ExistingActor, string ExistingNumber);

    /// <summary>A fresh mission with a journey, two navigators, and a company in the register that does not take part yet.</summary>
    private async Task<World> WorldAsync()
    {
        Factory.RequireDatabase();
        var admin = Factory.CreateClient();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await ApiJson.Read(await admin.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Import av företag " + tag, statement = "Fler företag ställer om.", baselineYear = 2024, horizonYear = 2030 }), HttpStatusCode.Created))["id"]!;
        await ApiJson.Read(await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 }), HttpStatusCode.OK);
        var (nav, _) = await Factory.CreateUserAsync($"nav-{tag}@masten.test", [new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator }]);
        var (other, _) = await Factory.CreateUserAsync($"nav2-{tag}@masten.test", [new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator }]);
        var number = ActorsApiTests.NewSwedishNumber();
        var actor = (int)(await ApiJson.Read(await admin.PostAsJsonAsync("/api/v1/actors", new { name = "Bageriet " + tag, type = "Company", country = "Sweden", organisationNumber = number }), HttpStatusCode.Created))["id"]!;
        return new World(admin, mission, nav.Email!, nav.Id, other.Email!, other.Id, actor, number);
    }

    private const string Header = "organisationsnummer;namn;kohort;kommunkod;länskod;sni;storleksklass;navigatör;startdatum;slutdatum;orsak\n";

    [SkippableFact]
    public async Task ADryRunPreviewsTheApplyAddsCompaniesAndParticipantsAndAReimportChangesNothing()
    {
        var w = await WorldAsync();
        var newNumber = ActorsApiTests.NewSwedishNumber();
        var file = Header
            + $"{newNumber};Kvarnen i Ån AB;2025;0180;01;10.71;små;{w.Navigator};2025-02-03;;\n"
            + $"{w.ExistingNumber.Replace("-", "", StringComparison.Ordinal)};;2024;1480;14;16.23;12;;2024-09-10;2025-05-01;Har inte tid just nu\n";
        var url = $"/api/v1/missions/{w.Mission}/imports?kind=participants";

        var preview = await ApiJson.Read(await w.Admin.PostAsync(url + "&dryRun=true", Csv(file)), HttpStatusCode.OK);
        Assert.Equal((2, 0, 0, false), ((int)preview["create"]!, (int)preview["update"]!, (int)preview["unchanged"]!, (bool)preview["applied"]!));
        var existingName = await Factory.WithDbAsync(db => db.Actors.Where(a => a.Id == w.ExistingActor).Select(a => a.Name).FirstAsync());
        Assert.Equal(["Kvarnen i Ån AB", existingName], preview["items"]!.AsArray().Select(i => (string)i!["name"]!));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.MissionId == w.Mission)));
        Assert.False(await Factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.OrganisationNumber == newNumber)));

        var applied = await ApiJson.Read(await w.Admin.PostAsync(url, Csv(file)), HttpStatusCode.Created);
        Assert.Equal((2, "Participants"), ((int)applied["create"]!, (string)applied["kind"]!));
        var stored = await Factory.WithDbAsync(db => db.Participants.Where(p => p.MissionId == w.Mission).OrderBy(p => p.JoinedOn)
            .Select(p => new { p.ActorId, p.Cohort, p.RegionCode, p.Sector, p.SizeClass, p.NavigatorId, p.LeftOn, p.LeftReason }).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal((w.ExistingActor, "2024", "14", "16.23", "Small", (int?)null, "Har inte tid just nu"),
            (stored[0].ActorId, stored[0].Cohort, stored[0].RegionCode, stored[0].Sector, stored[0].SizeClass.ToString(), stored[0].NavigatorId, stored[0].LeftReason));
        Assert.Equal(w.NavigatorId, stored[1].NavigatorId);
        var created = await Factory.WithDbAsync(db => db.Actors.Where(a => a.OrganisationNumber == newNumber).Select(a => new { a.Id, a.Name, a.Type }).SingleAsync());
        Assert.Equal((created.Id, "Kvarnen i Ån AB", ActorType.Company), (stored[1].ActorId, created.Name, created.Type));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.NavigatorAssignments.CountAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.MissionId == w.Mission))));
        var importId = (int)applied["importId"]!;
        var authors = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Participant").Select(c => c.ChangedBy).ToListAsync());
        Assert.Contains(authors, x => x.StartsWith($"import #{importId} ", StringComparison.Ordinal));

        var again = await ApiJson.Read(await w.Admin.PostAsync(url, Csv(file)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, true), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.MissionId == w.Mission)));

        // A new navigator for the first company: one update, and the earlier navigator stays in its history.
        var reassigned = await ApiJson.Read(await w.Admin.PostAsync(url, Csv(file.Replace(w.Navigator, w.OtherNavigator, StringComparison.Ordinal))), HttpStatusCode.Created);
        Assert.Equal((0, 1, 1), ((int)reassigned["create"]!, (int)reassigned["update"]!, (int)reassigned["unchanged"]!));
        Assert.Equal("navigator", (string)reassigned["items"]!.AsArray().Single(i => (string)i!["action"]! == "Update")!["changes"]!);
        var history = await Factory.WithDbAsync(db => db.NavigatorAssignments.Where(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.ActorId == created.Id && p.MissionId == w.Mission))
            .OrderBy(a => a.Id).Select(a => a.NavigatorId).ToListAsync());
        Assert.Equal([w.NavigatorId, w.OtherNavigatorId], history);
    }

    [SkippableFact]
    public async Task RecordsWrittenInBulkGetTheChangeRecordsASaveWritesAndEndTheReusedFunnel()
    {
        var w = await WorldAsync();
        var funnel = $"/api/v1/missions/{w.Mission}/journey/funnel";
        Assert.Equal(0, (int)(await ApiJson.Read(await w.Admin.GetAsync(funnel), HttpStatusCode.OK))["participants"]!);
        var numbers = Enumerable.Range(0, 3).Select(_ => ActorsApiTests.NewSwedishNumber()).ToList();
        var file = Header + string.Concat(numbers.Select((n, i) => $"{n};Bulkföretaget {i} AB;2025;0180;01;10.71;små;{w.Navigator};2025-02-0{i + 1};;\n"));

        var applied = await ApiJson.Read(await w.Admin.PostAsync($"/api/v1/missions/{w.Mission}/imports?kind=participants", Csv(file)), HttpStatusCode.Created);

        Assert.Equal(3, (int)(await ApiJson.Read(await w.Admin.GetAsync(funnel), HttpStatusCode.OK))["participants"]!);
        var cause = $"import #{(int)applied["importId"]!} by ";
        var actors = await Factory.WithDbAsync(db => db.Actors.Where(a => numbers.Contains(a.OrganisationNumber!)).OrderBy(a => a.Id).Select(a => new { a.Id, a.Name, a.Version }).ToListAsync());
        Assert.Equal(["Bulkföretaget 0 AB", "Bulkföretaget 1 AB", "Bulkföretaget 2 AB"], actors.Select(a => a.Name));
        Assert.All(actors, a => Assert.Equal(1, a.Version));
        foreach (var (type, ids) in new[]
        {
            ("Actor", actors.Select(a => a.Id).ToList()),
            ("Participant", await Factory.WithDbAsync(db => db.Participants.Where(p => p.MissionId == w.Mission).Select(p => p.Id).ToListAsync())),
            ("NavigatorAssignment", await Factory.WithDbAsync(db => db.NavigatorAssignments.Where(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.MissionId == w.Mission)).Select(a => a.Id).ToListAsync())),
        })
        {
            var records = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == type && ids.Contains(c.EntityId)).ToListAsync());
            Assert.Equal(ids.Order(), records.Select(r => r.EntityId).Order());
            Assert.All(records, r =>
            {
                Assert.Equal(("Created", (string?)null), (r.Action, r.Before));
                Assert.StartsWith(cause, r.ChangedBy, StringComparison.Ordinal);
                Assert.Equal(r.EntityId, (int)JsonNode.Parse(r.After!)!["Id"]!);
            });
        }
        // The new ids continue after the bulk-written ones: a company added by hand afterwards takes the next.
        var next = (int)(await ApiJson.Read(await w.Admin.PostAsJsonAsync("/api/v1/actors", new { name = "Efteråt AB", type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() }), HttpStatusCode.Created))["id"]!;
        Assert.True(next > actors[^1].Id, $"{next} after {actors[^1].Id}");
    }

    [SkippableFact]
    public async Task BadRowsAreNamedByRowAndColumnAndNothingIsStored()
    {
        var w = await WorldAsync();
        var actorsBefore = await Factory.WithDbAsync(db => db.Actors.CountAsync());
        var file = Header
            + $"{ActorsApiTests.NewSwedishNumber()};Rätt AB;2025;0180;01;10.71;små;{w.Navigator};2025-02-03;;\n"
            + $"{ActorsApiTests.NewSwedishNumber()};Okänd navigatör AB;2025;0180;01;10.71;små;ingen@masten.test;2025-02-03;;\n"
            + $"{ActorsApiTests.NewSwedishNumber()};Fel bransch AB;2025;0180;01;1A.7;små;;2025-02-03;;\n"
            + $"{ActorsApiTests.NewSwedishNumber()};Fel storlek AB;2025;0180;01;10.71;jättestor;;2025-02-03;;\n"
            + $"{ActorsApiTests.NewSwedishNumber()};Slutade först AB;2025;0180;01;10.71;små;;2025-05-01;2025-04-01;Lade ner\n";
        var problem = await ApiJson.Read(await w.Admin.PostAsync($"/api/v1/missions/{w.Mission}/imports?kind=participants", Csv(file)), HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["column"]!, (string)e["code"]!)).ToList();
        Assert.Equal([(3, "navigatör", "UnknownNavigator"), (4, "sni", "NotANaceCode"), (5, "storleksklass", "UnknownSizeClass"), (6, "slutdatum", "ParticipantLeftBeforeJoined")], errors);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.MissionId == w.Mission)));
        Assert.Equal(actorsBefore, await Factory.WithDbAsync(db => db.Actors.CountAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == w.Mission)));
    }

    [SkippableFact]
    public async Task AMissionWithoutAJourneyRefusesTheFileAndAHeaderWithoutTheKeyIsAFileError()
    {
        Factory.RequireDatabase();
        var admin = Factory.CreateClient();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var bare = (int)(await ApiJson.Read(await admin.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Utan resa", statement = "Inget.", baselineYear = 2024, horizonYear = 2030 }), HttpStatusCode.Created))["id"]!;
        var none = await ApiJson.Read(await admin.PostAsync($"/api/v1/missions/{bare}/imports?kind=participants&dryRun=true", Csv(Header + "556016-0680;A;2025;;;;små;;2025-01-01;;\n")), HttpStatusCode.BadRequest);
        Assert.Equal("NoJourney", (string)none["importErrors"]![0]!["code"]!);
        var w = await WorldAsync();
        var header = await ApiJson.Read(await w.Admin.PostAsync($"/api/v1/missions/{w.Mission}/imports?kind=participants&dryRun=true", Csv("namn;kohort;storleksklass;startdatum\nA;2025;små;2025-01-01\n")), HttpStatusCode.BadRequest);
        Assert.Equal("MissingParticipantColumns", (string)header["importErrors"]![0]!["code"]!);
    }

    [SkippableFact]
    public async Task TheImportPageOffersParticipantsAndTheJourneyPageLinksToIt()
    {
        var w = await WorldAsync();
        var page = await Html.ParseAsync(await w.Admin.GetAsync($"/missions/{w.Mission}/import?kind=participants"));
        var kinds = page.QuerySelectorAll("select#kind option").ToList();
        Assert.Contains(kinds, o => o.GetAttribute("value") == "participants" && o.HasAttribute("selected"));
        Assert.Contains(page.QuerySelectorAll("details summary"), s => Html.Text(s) == "Hur en fil med deltagare ska se ut");
        var journey = await Html.ParseAsync(await w.Admin.GetAsync($"/missions/{w.Mission}/journey"));
        Assert.Contains(journey.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/missions/{w.Mission}/import?kind=participants" && Html.Text(a) == "Importera deltagare från ett kalkylblad");
    }
}

public sealed class SqliteParticipantImportTests(SqliteAppFactory factory) : ParticipantImportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresParticipantImportTests(PostgresAppFactory factory) : ParticipantImportTests(factory), IClassFixture<PostgresAppFactory>;
