using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Masten.Core.Accounts;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Signing in, invitations, tokens, and what each role may and may not change, over HTTP.</summary>
public abstract class AccountsTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@masten.test";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl = "/account") =>
        PageTests.PostFormAsync(client, "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl });

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private Task<int> ActorIdAsync(string name) => Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == name).Select(a => a.Id).FirstAsync());

    [SkippableFact]
    public async Task SigningInWithTheRightPasswordGivesASecureCookieAndTheAccountPage()
    {
        Factory.RequireDatabase();
        var email = Unique("anna");
        await Factory.CreateUserAsync(email, []);
        var client = Factory.CreateAnonymousClient();

        var response = await SignInAsync(client, email, MastenAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/account", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masten.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(email, await client.GetStringAsync("/account"));
    }

    [SkippableFact]
    public async Task TheFirstStartWithoutAnAdministratorMakesAOneTimeSetupLinkAndNoAccount()
    {
        Factory.RequireDatabase();
        var setup = await Factory.WithDbAsync(db => db.Invitations.Where(i => i.CreatedBy == "setup").Select(i => new { i.SystemAdmin, i.ExpiresAt, i.TokenHash }).ToListAsync());

        var link = Assert.Single(setup);
        Assert.True(link.SystemAdmin);
        Assert.InRange(link.ExpiresAt, DateTime.UtcNow, DateTime.UtcNow.AddDays(1).AddMinutes(1));
        Assert.Equal(64, link.TokenHash.Length);
        // Nobody but the test's own administrator has an account, and nobody has a default password.
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.IsSystemAdmin && u.Email != MastenAppFactory.AdminEmail && !u.Email!.StartsWith("reader"))));
    }

    [SkippableFact]
    public async Task CreateUpdateAndDeleteAreEachInTheAuditLogWithWhoBeforeAndAfter()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        const string author = MastenAppFactory.AdminEmail + " (token: test)";

        var created = await (await client.PostAsJsonAsync("/api/v1/programmes/", new { name = "Revisionsprogrammet" })).Content.ReadFromJsonAsync<JsonNode>();
        var programme = (int)created!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/programmes/{programme}", new { name = "Granskningsprogrammet", version = 1 })).StatusCode);
        var entry = await (await client.PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/glossary", new { missionId = Factory.ExampleMissionId, term = "Revisionsterm", explanation = "Ett ord som ska bort." })).Content.ReadFromJsonAsync<JsonNode>();
        var entryId = (int)entry!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/glossary/{entryId}")).StatusCode);

        var records = await Factory.WithDbAsync(db => db.ChangeRecords
            .Where(r => (r.EntityType == "Programme" && r.EntityId == programme) || (r.EntityType == "GlossaryEntry" && r.EntityId == entryId))
            .OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["Programme Created", "Programme Updated", "GlossaryEntry Created", "GlossaryEntry Deleted"], records.Select(r => $"{r.EntityType} {r.Action}"));
        Assert.All(records, r => Assert.Equal(author, r.ChangedBy));
        Assert.Null(records[0].Before);
        Assert.Contains("Revisionsprogrammet", records[0].After!, StringComparison.Ordinal);
        Assert.Contains("Revisionsprogrammet", records[1].Before!, StringComparison.Ordinal);
        Assert.Contains("Granskningsprogrammet", records[1].After!, StringComparison.Ordinal);
        Assert.Contains("Revisionsterm", records[3].Before!, StringComparison.Ordinal);
        Assert.Null(records[3].After);
    }

    [SkippableFact]
    public async Task PasswordHashesAndTokenHashesNeverReachTheAuditLog()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("secret"), []);

        var records = await Factory.WithDbAsync(db => db.ChangeRecords.Where(r => (r.EntityType == "MastenUser" && r.EntityId == user.Id) || r.EntityType == "ApiToken").Select(r => r.After ?? "").ToListAsync());

        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.DoesNotContain("PasswordHash", r, StringComparison.Ordinal);
            Assert.DoesNotContain("TokenHash", r, StringComparison.Ordinal);
            Assert.DoesNotContain("SecurityStamp", r, StringComparison.Ordinal);
            Assert.DoesNotContain(Masten.Core.Accounts.Secrets.Hash(token), r, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task ThePublicReadsAPublishedMissionWithoutEditLinksAndIsSentToSignInForAForm()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var anonymous = Factory.CreateAnonymousClient();

        var page = await anonymous.GetStringAsync($"/missions/{mission}");
        var form = await anonymous.GetAsync($"/missions/{mission}/edit");
        var asAdmin = await Factory.CreateClient().GetStringAsync($"/missions/{mission}");

        Assert.Contains(DemoSeeder.MissionTitle, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain($"/missions/{mission}/edit", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/history/", page, StringComparison.Ordinal);
        Assert.Contains("/account/login", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains($"/account/login?ReturnUrl=%2Fmissions%2F{mission}%2Fedit", form.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains($"/missions/{mission}/edit", asAdmin, StringComparison.Ordinal);
        Assert.Contains($"/missions/{mission}/members", asAdmin, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheOpenApiDocumentIsPublicAndDeclaresBearerTokens()
    {
        Factory.RequireDatabase();
        var document = await Factory.CreateAnonymousClient().GetFromJsonAsync<JsonNode>("/openapi/v1.json");

        var scheme = document!["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
        Assert.NotNull(document["security"]![0]!["Bearer"]);
        Assert.NotNull(document["paths"]!["/api/v1/me"]);
    }

    [SkippableFact]
    public async Task AnUnknownAddressAndAWrongPasswordGetTheSameAnswer()
    {
        Factory.RequireDatabase();
        var email = Unique("bo");
        await Factory.CreateUserAsync(email, []);

        var unknown = await SignInAsync(Factory.CreateAnonymousClient(), Unique("nobody"), "whatever password");
        var wrong = await SignInAsync(Factory.CreateAnonymousClient(), email, "wrong password here");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        const string message = "e-postadressen eller lösenordet stämmer inte";
        Assert.Contains(message, await TextAsync(unknown));
        Assert.Contains(message, await TextAsync(wrong));
    }

    [SkippableFact]
    public async Task FiveFailedSignInsLockTheAccountSoEvenTheRightPasswordFails()
    {
        Factory.RequireDatabase();
        var email = Unique("cilla");
        var (user, _) = await Factory.CreateUserAsync(email, []);
        for (var i = 0; i < AccountRules.MaxFailedSignIns; i++)
            await SignInAsync(Factory.CreateAnonymousClient(), email, "not the password " + i);

        var right = await SignInAsync(Factory.CreateAnonymousClient(), email, MastenAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        var lockedUntil = await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).FirstAsync());
        Assert.True(lockedUntil > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [SkippableFact]
    public async Task SignInsAreLimitedPerAccount()
    {
        Factory.RequireDatabase();
        var email = Unique("dan");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await SignInAsync(Factory.CreateAnonymousClient(), email, "guess number " + i)).StatusCode);

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [SkippableFact]
    public async Task SignInsAreLimitedPerAddress()
    {
        Factory.RequireDatabase();
        using var strict = Factory.WithWebHostBuilder(b => b.UseSetting("SignIn:PerAddress", "3"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var client = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            statuses.Add((await SignInAsync(client, Unique("guess"), "some password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    [SkippableFact]
    public async Task AnInvitedRepresentativeSignsUpAndGetsTheRoleOnce()
    {
        Factory.RequireDatabase();
        var actorId = await ActorIdAsync("Exempelby kommun");
        var invite = await Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "ActorRepresentative", actorId, days = 7 });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var link = new Uri((string)(await invite.Content.ReadFromJsonAsync<JsonNode>())!["link"]!).PathAndQuery;
        var email = Unique("eva");
        var client = Factory.CreateAnonymousClient();

        var signUp = await PageTests.PostFormAsync(client, link, new Dictionary<string, string>
        {
            ["DisplayName"] = "Eva", ["Email"] = email, ["Password"] = "en lång mening som lösenord", ["ConfirmPassword"] = "en lång mening som lösenord",
        });

        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var role = await Factory.WithDbAsync(db => db.RoleAssignments.Where(r => db.Users.Any(u => u.Id == r.UserId && u.Email == email)).Select(r => new { r.Role, r.MissionId, r.ActorId }).SingleAsync());
        Assert.Equal((AccessRole.ActorRepresentative, (int?)Factory.ExampleMissionId, (int?)actorId), (role.Role, role.MissionId, role.ActorId));
        var again = await Factory.CreateAnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("redan använd", await TextAsync(again));
    }

    [SkippableFact]
    public async Task TheUnusedInvitationsNameTheOrganisationEachInviteeIsToRepresent()
    {
        Factory.RequireDatabase();
        var actorId = await ActorIdAsync("Exempelby kommun");
        var (representative, viewer) = (Unique("rep"), Unique("viewer"));
        var admin = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "ActorRepresentative", actorId, email = representative, days = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer", email = viewer, days = 7 })).StatusCode);

        var page = await Html.ParseAsync(await admin.GetAsync($"/missions/{Factory.ExampleMissionId}/members"));
        var rows = Html.Rows(Html.Table(page, "Inbjudningar som inte är använda"));

        Assert.Equal("Exempelby kommun", rows.Single(r => r["E-post"] == representative)["Organisation"]);
        Assert.Equal("Ingen aktör", rows.Single(r => r["E-post"] == viewer)["Organisation"]);
    }

    [SkippableFact]
    public async Task ATamperedOrExpiredInvitationIsRefusedAndCreatesNothing()
    {
        Factory.RequireDatabase();
        var invite = await Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer", days = 1 });
        var link = new Uri((string)(await invite.Content.ReadFromJsonAsync<JsonNode>())!["link"]!).PathAndQuery;
        var users = await Factory.WithDbAsync(db => db.Users.CountAsync());

        var tampered = await Factory.CreateAnonymousClient().GetAsync(link[..^2] + "xx");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("Länken fungerar inte", await TextAsync(tampered));

        await Factory.WithDbAsync(db => db.Invitations.Where(i => i.AcceptedAt == null && i.Role == AccessRole.Viewer).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await Factory.CreateAnonymousClient().GetAsync(link);
        Assert.Contains("Inbjudan har gått ut", await TextAsync(expired));
        Assert.Equal(users, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [SkippableFact]
    public async Task AShortPasswordIsNamedAndNoAccountIsMade()
    {
        Factory.RequireDatabase();
        var invite = await Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer" });
        var link = new Uri((string)(await invite.Content.ReadFromJsonAsync<JsonNode>())!["link"]!).PathAndQuery;
        var email = Unique("kort");

        var response = await PageTests.PostFormAsync(Factory.CreateAnonymousClient(), link, new Dictionary<string, string>
        {
            ["DisplayName"] = "Kort", ["Email"] = email, ["Password"] = "elva tecken", ["ConfirmPassword"] = "elva tecken",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Lösenord: måste ha minst 12 tecken.", await TextAsync(response));
        Assert.False(await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [SkippableFact]
    public async Task WrongExpiredAndRevokedTokensAreRefusedEvenForPublicReads()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("token"), []);
        const string url = "/api/v1/missions/";

        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClientWithToken(token).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClientWithToken("mst_not-a-token").GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClientWithToken(token + "x").GetAsync(url)).StatusCode);

        await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClientWithToken(token).GetAsync(url)).StatusCode);

        var (other, second) = await Factory.CreateUserAsync(Unique("revoked"), []);
        await Factory.WithDbAsync(async db => await new Masten.Data.Accounts.AccountStore(db).RevokeTokenAsync(other.Id, await db.ApiTokens.Where(t => t.UserId == other.Id).Select(t => t.Id).FirstAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClientWithToken(second).GetAsync(url)).StatusCode);
    }

    [SkippableFact]
    public async Task AReadOnlyTokenReadsButCannotWrite()
    {
        Factory.RequireDatabase();
        var (_, token) = await Factory.CreateUserAsync(Unique("reader"), [], TokenScope.Read, systemAdmin: true);
        var client = Factory.CreateClientWithToken(token);
        var programmes = await Factory.WithDbAsync(db => db.Programmes.CountAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}")).StatusCode);
        var write = await client.PostAsJsonAsync("/api/v1/programmes/", new { name = "Får inte finnas" });

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(programmes, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [SkippableFact]
    public async Task ARepresentativeChangesOwnCommitmentsButNotAnotherActorsByApiOrPage()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var own = await ActorIdAsync("Exempelby kommun");
        var other = await ActorIdAsync("Grönt Fält AB");
        var (rep, token) = await Factory.CreateUserAsync(Unique("rep"), [new RoleAssignment { MissionId = mission, Role = AccessRole.ActorRepresentative, ActorId = own }]);
        var client = Factory.CreateClientWithToken(token);
        var commitments = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == mission && (c.ActorId == own || c.ActorId == other))
            .Select(c => new { c.Id, c.ActorId, c.RoundId, c.Text, c.Tier, c.Version }).ToListAsync());
        var mine = commitments.First(c => c.ActorId == own);
        var theirs = commitments.First(c => c.ActorId == other);
        object Body(int actorId, int roundId, string tier, int version) => new { actorId, missionId = mission, roundId, text = "Ändrad av representanten", tier, status = "InProgress", version };

        var ownChange = await client.PutAsJsonAsync($"/api/v1/commitments/{mine.Id}", Body(own, mine.RoundId, mine.Tier, mine.Version));
        var otherChange = await client.PutAsJsonAsync($"/api/v1/commitments/{theirs.Id}", Body(other, theirs.RoundId, theirs.Tier, theirs.Version));
        var moveToOther = await client.PostAsJsonAsync("/api/v1/commitments/", Body(other, mine.RoundId, mine.Tier, 0));
        var page = await Factory.CreateClientWithToken(token).GetAsync($"/commitments/{theirs.Id}/edit");

        Assert.Equal(HttpStatusCode.OK, ownChange.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherChange.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moveToOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(theirs.Text, await Factory.WithDbAsync(db => db.Commitments.Where(c => c.Id == theirs.Id).Select(c => c.Text).FirstAsync()));
        // The change is on record with who made it, before and after.
        var record = await Factory.WithDbAsync(db => db.ChangeRecords.Where(r => r.EntityType == "Commitment" && r.EntityId == mine.Id && r.Action == "Updated").OrderByDescending(r => r.Id).FirstAsync());
        Assert.StartsWith(rep.Email!, record.ChangedBy, StringComparison.Ordinal);
        Assert.Contains(mine.Text, record.Before!, StringComparison.Ordinal);
        Assert.Contains("Ändrad av representanten", record.After!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ARepresentativeRecordsValuesOnlyForIndicatorsTheirActorReports()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var own = await ActorIdAsync("Exempelby kommun");
        var indicators = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == mission).OrderBy(i => i.Id).Select(i => i.Id).Take(2).ToListAsync());
        await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == indicators[0]).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReportingActorId, own)));
        var (_, token) = await Factory.CreateUserAsync(Unique("reporter"), [new RoleAssignment { MissionId = mission, Role = AccessRole.ActorRepresentative, ActorId = own }]);
        var client = Factory.CreateClientWithToken(token);
        var before = await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicators[1]));

        var reported = await client.PostAsJsonAsync($"/api/v1/indicators/{indicators[0]}/observations", new { date = "2026-06-30", value = 42.0, source = "Kommunens uppföljning" });
        var notTheirs = await client.PostAsJsonAsync($"/api/v1/indicators/{indicators[1]}/observations", new { date = "2026-06-30", value = 42.0 });

        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicators[1])));
    }

    [SkippableFact]
    public async Task AReportingActorMustTakePartInTheMission()
    {
        Factory.RequireDatabase();
        var outsider = await Factory.WithDbAsync(async db =>
        {
            var actor = new Masten.Core.Actors.Actor { Name = "Utomstående " + Guid.NewGuid().ToString("N")[..6], Type = Masten.Core.Actors.ActorType.Company, Country = Masten.Core.Actors.Country.Sweden };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });
        var indicator = await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == Factory.ExampleMissionId).OrderBy(i => i.Id).Select(i => new { i.Id, i.GoalId, i.Name, i.Unit, i.Direction, i.Frequency, i.Shape, i.BaselineDate, i.BaselineValue, i.Version, Targets = i.Targets.Select(t => new { t.Date, t.Value }).ToList() }).FirstAsync());

        var response = await Factory.CreateClient().PutAsJsonAsync($"/api/v1/indicators/{indicator.Id}", new
        {
            indicator.GoalId, indicator.Name, indicator.Unit, direction = indicator.Direction.ToString(), frequency = indicator.Frequency.ToString(),
            shape = indicator.Shape.ToString(), indicator.BaselineDate, indicator.BaselineValue, targets = indicator.Targets, indicator.Version, reportingActorId = outsider, reason = "Ny rapportör",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal(["reportingActorId"], problem!["errors"]!.AsObject().Select(e => e.Key));
    }

    [SkippableFact]
    public async Task EachPersonSeesEditLinksOnlyForWhatTheirRoleLetsThemChange()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var own = await ActorIdAsync("Exempelby kommun");
        var other = await ActorIdAsync("Grönt Fält AB");
        var mine = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == mission && c.ActorId == own).Select(c => c.Id).FirstAsync());
        var theirs = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == mission && c.ActorId == other).Select(c => c.Id).FirstAsync());
        var (_, rep) = await Factory.CreateUserAsync(Unique("replinks"), [new RoleAssignment { MissionId = mission, Role = AccessRole.ActorRepresentative, ActorId = own }]);
        var (_, viewer) = await Factory.CreateUserAsync(Unique("viewlinks"), [new RoleAssignment { MissionId = mission, Role = AccessRole.Viewer }]);

        var asRep = await Factory.CreateClientWithToken(rep).GetStringAsync($"/missions/{mission}/actors");
        var asViewer = await Factory.CreateClientWithToken(viewer).GetStringAsync($"/missions/{mission}/actors");

        Assert.Contains($"/commitments/{mine}/edit", asRep, StringComparison.Ordinal);
        Assert.DoesNotContain($"/commitments/{theirs}/edit", asRep, StringComparison.Ordinal);
        Assert.Contains($"/missions/{mission}/commitments/new", asRep, StringComparison.Ordinal);
        Assert.DoesNotContain($"/missions/{mission}/rounds/new", asRep, StringComparison.Ordinal);
        Assert.DoesNotContain("/edit", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain($"/missions/{mission}/commitments/new", asViewer, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ADraftMissionLeaksThroughNoListPageOrApi()
    {
        Factory.RequireDatabase();
        const string title = "Hemligt utkast till uppdrag";
        var programmeId = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());
        var draft = await Factory.WithDbAsync(async db =>
        {
            var store = new MissionStore(db);
            var mission = await store.CreateMissionAsync(new MissionInput(programmeId, title, "Ett framtida tillstånd som ingen ska se ännu.", 2024, 2040));
            var goal = await store.CreateGoalAsync(new GoalInput(mission.Id, null, "Hemligt delmål", null));
            return (Mission: mission.Id, Goal: goal.Id);
        });
        var (_, outsider) = await Factory.CreateUserAsync(Unique("outsider"), []);
        var (_, viewer) = await Factory.CreateUserAsync(Unique("viewer"), [new RoleAssignment { MissionId = draft.Mission, Role = AccessRole.Viewer }]);

        foreach (var client in new[] { Factory.CreateAnonymousClient(), Factory.CreateClientWithToken(outsider) })
        {
            Assert.DoesNotContain(title, await client.GetStringAsync("/api/v1/missions/?pageSize=200"));
            Assert.DoesNotContain(title, await client.GetStringAsync("/"));
            Assert.DoesNotContain("Hemligt delmål", await client.GetStringAsync($"/api/v1/indicators/?missionId={draft.Mission}"));
            foreach (var url in new[] { $"/api/v1/missions/{draft.Mission}", $"/api/v1/goals/{draft.Goal}", $"/api/v1/missions/{draft.Mission}/progress", $"/missions/{draft.Mission}", $"/missions/{draft.Mission}/portfolio", $"/history/Mission/{draft.Mission}" })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
                Assert.DoesNotContain(title, await response.Content.ReadAsStringAsync());
            }
        }
        var member = Factory.CreateClientWithToken(viewer);
        Assert.Contains(title, await member.GetStringAsync($"/api/v1/missions/{draft.Mission}"));
        Assert.Contains(title, await member.GetStringAsync("/"));
    }

    [SkippableFact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsRefused()
    {
        Factory.RequireDatabase();
        var programmes = await Factory.WithDbAsync(db => db.Programmes.CountAsync());
        var response = await Factory.CreateClient().PostAsync("/programmes/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "programme", ["Form.Name"] = "Utan token" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(programmes, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [SkippableFact]
    public async Task TheProgrammeOfficeInvitesFromTheMembersPageAndTheLinkIsShownOnce()
    {
        Factory.RequireDatabase();
        var programmeId = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());
        var (_, owner) = await Factory.CreateUserAsync(Unique("owner"), [new RoleAssignment { ProgrammeId = programmeId, Role = AccessRole.Owner }]);
        var client = Factory.CreateClientWithToken(owner);

        var response = await PageTests.PostFormAsync(client, $"/missions/{Factory.ExampleMissionId}/members", new Dictionary<string, string> { ["_handler"] = "invite", ["Role"] = "Editor", ["Days"] = "3" });
        var html = await TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("/invite/[A-Za-z0-9_-]{40,}", html);
        var bad = await PageTests.PostFormAsync(client, $"/missions/{Factory.ExampleMissionId}/members", new Dictionary<string, string> { ["_handler"] = "invite", ["Role"] = "ActorRepresentative", ["Days"] = "3" });
        Assert.Contains("en aktörsrepresentant måste knytas till en aktör", await TextAsync(bad));
    }
}

public sealed class SqliteAccountsTests(SqliteAppFactory factory) : AccountsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccountsTests(PostgresAppFactory factory) : AccountsTests(factory), IClassFixture<PostgresAppFactory>;
