using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The programme office's steps over HTTP: inviting an organisation in one flow (register search, a new organisation
/// registered and added to the mission in the same step), the invitation page naming organisation and mission,
/// publishing deliberately, "Sparat" after a save, and the programme page. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class OfficeTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private HttpClient Admin()
    {
        Factory.RequireDatabase();
        return Factory.CreateClientWithToken(Factory.AdminToken);
    }

    private Task<int> DraftAsync(bool goal, bool indicator) => DraftAsync(Factory, goal, indicator);

    /// <summary>A draft of its own in the example mission's programme, with as many goals and indicators as asked.</summary>
    internal static Task<int> DraftAsync(MastenAppFactory factory, bool goal, bool indicator) => factory.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var programmeId = await db.Missions.Where(m => m.Id == factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync();
        var mission = new Mission { ProgrammeId = programmeId, Title = $"Utkast {Guid.NewGuid():N}"[..20], Statement = "Ett önskat läge.", BaselineYear = 2020, HorizonYear = 2035, Status = MissionStatus.Draft, CreatedAt = now, UpdatedAt = now };
        db.Missions.Add(mission);
        await db.SaveChangesAsync();
        if (goal)
        {
            var g = new Goal { MissionId = mission.Id, Title = "Renare luft", CreatedAt = now, UpdatedAt = now };
            db.Goals.Add(g);
            await db.SaveChangesAsync();
            if (indicator)
            {
                db.Indicators.Add(new Indicator { GoalId = g.Id, Name = "Partiklar", Unit = "µg/m³", Direction = Direction.LowerIsBetter, Frequency = ReportingFrequency.Yearly, BaselineDate = new DateOnly(2020, 12, 31), BaselineValue = 20, Targets = [new IndicatorTarget { Date = new DateOnly(2035, 12, 31), Value = 5 }], CreatedAt = now, UpdatedAt = now });
                await db.SaveChangesAsync();
            }
        }
        return mission.Id;
    });

    private Task<(MissionStatus Status, int Versions)> StateAsync(int missionId) => Factory.WithDbAsync(async db =>
        (await db.Missions.Where(m => m.Id == missionId).Select(m => m.Status).FirstAsync(), await db.RoadmapVersions.CountAsync(v => v.MissionId == missionId)));

    [SkippableFact]
    public async Task PublishingShowsWhatBecomesPublicThenFreezesTheRoadmapAsVersionOne()
    {
        var client = Admin();
        var id = await DraftAsync(goal: true, indicator: true);
        var page = await DocumentAsync(await client.GetAsync($"/missions/{id}/publish"));
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Det här blir offentligt", main, StringComparison.Ordinal);
        Assert.Contains("1 delmål och 1 indikatorer", main, StringComparison.Ordinal);
        Assert.Contains("version 1", main, StringComparison.Ordinal);

        var response = await RepresentativeTests.PostFormAsync(client, $"/missions/{id}/publish", "publish");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/missions/{id}?saved=Published", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal((MissionStatus.Active, 1), await StateAsync(id));
        var landed = await DocumentAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("Publicerat", landed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // Published once: the page says so and offers no button; the API answers a conflict naming the status.
        var again = await DocumentAsync(await client.GetAsync($"/missions/{id}/publish"));
        Assert.Null(again.QuerySelector("main form button[type=submit]"));
        var api = await client.PostAsJsonAsync($"/api/v1/missions/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.True((await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal((MissionStatus.Active, 1), await StateAsync(id));
    }

    [SkippableFact]
    public async Task PublishingWithoutAGoalOrIndicatorIsRefusedSayingWhatIsMissing()
    {
        var client = Admin();
        var bare = await DraftAsync(goal: false, indicator: false);
        var refused = await RepresentativeTests.PostFormAsync(client, $"/missions/{bare}/publish", "publish");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var alert = (await DocumentAsync(refused)).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("inget delmål", alert, StringComparison.Ordinal);
        Assert.Contains("ingen indikator", alert, StringComparison.Ordinal);
        Assert.Equal((MissionStatus.Draft, 0), await StateAsync(bare));

        var goalOnly = await DraftAsync(goal: true, indicator: false);
        var api = await client.PostAsJsonAsync($"/api/v1/missions/{goalOnly}/publish", new { });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("indicators", out _));
        Assert.False(errors.TryGetProperty("goals", out _));
        Assert.Equal((MissionStatus.Draft, 0), await StateAsync(goalOnly));

        // Only the programme office publishes: an editor of the mission is refused.
        var (_, editor) = await Factory.CreateUserAsync($"ed-{Guid.NewGuid():N}@masten.test", [new RoleAssignment { MissionId = goalOnly, Role = AccessRole.Editor }]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.CreateClientWithToken(editor).PostAsJsonAsync($"/api/v1/missions/{goalOnly}/publish", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task InvitingANewOrganisationRegistersItAddsItToTheMissionAndTheLinkNamesBoth()
    {
        var client = Admin();
        var mission = Factory.ExampleMissionId;
        var name = $"Nyföreningen {Guid.NewGuid():N}"[..24];
        var response = await RepresentativeTests.PostFormAsync(client, $"/missions/{mission}/members", "invite", new Dictionary<string, string>
        {
            ["Form.Role"] = nameof(AccessRole.ActorRepresentative),
            ["Form.NewActor.Name"] = name,
            ["Form.NewActor.Type"] = "CivilSociety",
            ["Form.NewActor.Country"] = "Sweden",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DocumentAsync(response);
        var link = page.QuerySelector("#invite-link")!.TextContent.Trim();
        Assert.Contains("/invite/", link, StringComparison.Ordinal);
        // The copy button is there for the script to show; without it the link is plain text.
        Assert.Equal("invite-link", page.QuerySelector("button[data-copy]")!.GetAttribute("data-copy"));
        Assert.Contains(name, page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var actorId = await Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == name).Select(a => a.Id).FirstAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.ActorId == actorId && m.MissionId == mission)));
        Assert.True(await Factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.ActorId == actorId && i.MissionId == mission && i.Role == AccessRole.ActorRepresentative)));

        var invite = await DocumentAsync(await Factory.CreateAnonymousClient().GetAsync(new Uri(link, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(link).PathAndQuery : link));
        var what = invite.QuerySelector("main")!.TextContent;
        Assert.Contains(name, what, StringComparison.Ordinal);
        Assert.Contains(await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == mission).Select(m => m.Title).FirstAsync()), what, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AnInvitationWithABadNewOrganisationStoresNothingAtAll()
    {
        var client = Admin();
        var mission = Factory.ExampleMissionId;
        var before = await Factory.WithDbAsync(async db => (await db.Actors.CountAsync(), await db.Memberships.CountAsync(), await db.Invitations.CountAsync()));
        // A wrong check digit in the organisation number: the organisation, its membership and the invitation all stay unmade.
        var response = await RepresentativeTests.PostFormAsync(client, $"/missions/{mission}/members", "invite", new Dictionary<string, string>
        {
            ["Form.Role"] = nameof(AccessRole.ActorRepresentative),
            ["Form.NewActor.Name"] = "Felnumrets förening",
            ["Form.NewActor.Type"] = "CivilSociety",
            ["Form.NewActor.Country"] = "Sweden",
            ["Form.NewActor.OrganisationNumber"] = "556016-0681",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var alert = (await DocumentAsync(response)).QuerySelector("[role=alert]")!;
        Assert.EndsWith("#newActor-organisationNumber", alert.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        // A new organisation for an editor's invitation is refused too: only a representative is bound to one.
        var editor = await RepresentativeTests.PostFormAsync(client, $"/missions/{mission}/members", "invite", new Dictionary<string, string>
        {
            ["Form.Role"] = nameof(AccessRole.Editor),
            ["Form.NewActor.Name"] = "Redaktörens förening",
        });
        Assert.Equal(HttpStatusCode.BadRequest, editor.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(async db => (await db.Actors.CountAsync(), await db.Memberships.CountAsync(), await db.Invitations.CountAsync())));
    }

    [SkippableFact]
    public async Task TheInviteFormSearchesTheWholeRegister()
    {
        var client = Admin();
        var outsider = await Factory.WithDbAsync(async db =>
        {
            var actor = new Masten.Core.Actors.Actor { Name = "Registrets ensamvarg AB", Type = Masten.Core.Actors.ActorType.Company, Country = Masten.Core.Actors.Country.Sweden, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });
        var mission = Factory.ExampleMissionId;
        var search = await RepresentativeTests.PostFormAsync(client, $"/missions/{mission}/members", "invite", new Dictionary<string, string>
        {
            ["Form.Role"] = nameof(AccessRole.ActorRepresentative),
            ["pick-q.actorId"] = "ensamvarg",
            ["pick"] = "actorId",
        });
        var found = await DocumentAsync(search);
        Assert.Contains(found.QuerySelectorAll("input[type=radio]"), r => r.GetAttribute("value") == outsider.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task EverySaveConfirmsItselfOnThePageItLandsOn()
    {
        var client = Admin();
        var goal = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId).Select(g => g.Id).FirstAsync());
        var response = await RepresentativeTests.PostFormAsync(client, $"/goals/{goal}/edit", "goal");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var landed = await DocumentAsync(await client.GetAsync(response.Headers.Location!));
        Assert.Equal("Sparat.", landed.QuerySelector("main [role=status]")!.TextContent.Trim());
        // Without the flag, or with one Masten did not set, nothing claims a save.
        Assert.Null((await DocumentAsync(await client.GetAsync($"/missions/{Factory.ExampleMissionId}?saved=<script>"))).QuerySelector("main > p[role=status]"));
    }

    [SkippableFact]
    public async Task TheProgrammePageListsItsMissionsAndPeople()
    {
        var client = Admin();
        var (programmeId, title) = await Factory.WithDbAsync(async db => await db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => new ValueTuple<int, string>(m.ProgrammeId, m.Title)).FirstAsync());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await Factory.CreateUserAsync($"office-{suffix}@masten.test", [new RoleAssignment { ProgrammeId = programmeId, Role = AccessRole.Owner }]);
        var page = await DocumentAsync(await client.GetAsync($"/programmes/{programmeId}"));
        Assert.Contains(page.QuerySelectorAll("#missions-heading + ul a"), a => a.TextContent == title && a.GetAttribute("href") == $"/missions/{Factory.ExampleMissionId}");
        Assert.Contains($"office-{suffix}: programkontor", page.QuerySelector("section[aria-labelledby=people-heading]")!.TextContent, StringComparison.Ordinal);
        // The public sees the missions, not the people.
        var anonymous = await DocumentAsync(await Factory.CreateAnonymousClient().GetAsync($"/programmes/{programmeId}"));
        Assert.NotNull(anonymous.QuerySelector("#missions-heading"));
        Assert.Null(anonymous.QuerySelector("#people-heading"));
    }
}

public sealed class SqliteOfficeTests(SqliteAppFactory factory) : OfficeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOfficeTests(PostgresAppFactory factory) : OfficeTests(factory), IClassFixture<PostgresAppFactory>;
