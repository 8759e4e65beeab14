using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Actors;
using Masten.Data.Missions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>
/// The access mechanism on ASP.NET Core authorization and the holes it closes: visibility that fails closed,
/// named policies that hold, pages that take only the session cookie, hidden relations that are simply not
/// shown, sign-out that needs its antiforgery token, links from the configured public address, token scopes.
/// </summary>
public abstract class AuthorizationTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@masten.test";

    private Task<int> ProgrammeIdAsync() => Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());

    private async Task<(int Mission, int Goal)> DraftAsync(string title, string goal)
    {
        var programmeId = await ProgrammeIdAsync();
        return await Factory.WithDbAsync(async db =>
        {
            var store = new MissionStore(db);
            var mission = await store.CreateMissionAsync(new MissionInput(programmeId, title, "Ett framtida tillstånd som ingen ska se ännu.", 2024, 2040));
            return (mission.Id, (await store.CreateGoalAsync(new GoalInput(mission.Id, null, goal, null))).Id);
        });
    }

    [SkippableFact]
    public async Task AContextNobodyConfiguredSeesNoDraftMission()
    {
        Factory.RequireDatabase();
        var draft = await DraftAsync("Utkast som ingen ska se", "Dolt delmål");

        await using var scope = Factory.Services.CreateAsyncScope();
        var forgotten = scope.ServiceProvider.GetRequiredService<MastenDbContext>();

        Assert.False(await forgotten.Missions.AnyAsync(m => m.Id == draft.Mission));
        Assert.False(await forgotten.Goals.AnyAsync(g => g.Id == draft.Goal));
        Assert.True(await Factory.WithDbAsync(db => db.Missions.AnyAsync(m => m.Id == draft.Mission)));
    }

    [SkippableFact]
    public async Task ANamedPolicyOnARouteGroupRefusesAsAStrangerAndAskedForATokenAnonymously()
    {
        Factory.RequireDatabase();
        var (_, editor) = await Factory.CreateUserAsync(Unique("editor"), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Editor }]);

        var anonymous = await Factory.CreateAnonymousClient().GetAsync("/api/v1/admin/accounts");
        var forbidden = await Factory.CreateClientWithToken(editor).GetAsync("/api/v1/admin/accounts");
        var allowed = await Factory.CreateClient().GetAsync("/api/v1/admin/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var page = await Factory.CreateAnonymousClient().GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheMissionPageLoadsThePersonAndTheMissionScopeOnce()
    {
        Factory.RequireDatabase();
        var (_, viewer) = await Factory.CreateUserAsync(Unique("viewer"), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Viewer }]);
        var client = Factory.CreateClientWithToken(viewer);
        var url = $"/missions/{Factory.ExampleMissionId}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        var commands = await CommandsDuringAsync(() => client.GetAsync(url));

        // The person: one query for the account and its roles; visibility: one query, which also gives the
        // mission's scope, so the checks of the endpoint, the page's links and its forms ask nothing more.
        Assert.Equal(1, commands.Count(c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal)));
        Assert.Equal(0, commands.Count(c => c.Contains("\"RoleAssignments\"", StringComparison.Ordinal) && !c.Contains("\"AspNetUsers\"", StringComparison.Ordinal)));
        // Commands that read the Missions table itself (not a subquery naming a mission inside another list): the
        // visibility query, the mission, and when it last changed (the public page says so).
        var missionLookups = commands.Count(c => FirstFrom(c) == "\"Missions\"" && !c.Contains("\"Goals\"", StringComparison.Ordinal));
        Assert.True(missionLookups <= 3, $"{missionLookups} queries on missions alone:\n{string.Join("\n---\n", commands)}");
        // Measured: 11 commands in all, 2 of them for access (before: about 9 access queries of about 18).
        Console.WriteLine($"GET {url} as a viewer: {commands.Count} SQL commands");
    }

    /// <summary>The SQL commands this factory's database receives while <paramref name="action"/> runs.</summary>
    private async Task<List<string>> CommandsDuringAsync(Func<Task> action)
    {
        var (source, database) = await Factory.WithDbAsync(db => Task.FromResult((db.Database.GetDbConnection().DataSource, db.Database.GetDbConnection().Database)));
        var commands = new List<string>();
        using var observer = new CommandObserver((connection, text) =>
        {
            if (connection?.DataSource == source && connection.Database == database)
                lock (commands)
                    commands.Add(text);
        });
        await action();
        return commands;
    }

    [SkippableFact]
    public async Task AReadOnlyTokenWritesNothingThroughPages()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("reader"), [], TokenScope.Read, systemAdmin: true);
        var (writer, writeToken) = await Factory.CreateUserAsync(Unique("writer"), [], TokenScope.Write);
        var secret = await Factory.WithDbAsync(async db => (await new AccountStore(db).InviteAsync(new InvitationInput(null, Factory.ExampleMissionId, AccessRole.Owner, null, null), "test")).Secret);

        foreach (var raw in new[] { Factory.CreateRawTokenClient(token), Factory.CreateRawTokenClient(writeToken) })
        {
            // A token on a page is nobody: the account page asks for a sign-in, the forms change nothing.
            var account = await raw.GetAsync("/account");
            Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
            Assert.Contains("/account/login", account.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var tokenForm = await raw.PostAsync("/account", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "token", ["Form.Name"] = "mer", ["Form.Scope"] = "Write", ["Form.Days"] = "90" }));
            Assert.NotEqual(HttpStatusCode.OK, tokenForm.StatusCode);
            var invite = await raw.GetStringAsync($"/invite/{secret}");
            Assert.DoesNotContain(user.Email!, invite, StringComparison.Ordinal);
        }
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == writer.Id)));
        Assert.False(await Factory.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == user.Id || r.UserId == writer.Id)));
        // The API still takes the tokens, each with its scope.
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateRawTokenClient(token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.CreateRawTokenClient(token).PostAsJsonAsync("/api/v1/programmes/", new { name = "Får inte finnas" })).StatusCode);
    }

    [SkippableFact]
    public async Task AnOperationalGoalRelatedToAHiddenDraftShowsWithoutTheRelation()
    {
        Factory.RequireDatabase();
        var draft = await DraftAsync("Utkast med relation", "Hemligt mål i utkastet");
        var (actorId, goalId) = await Factory.WithDbAsync(async db =>
        {
            var actor = await db.Actors.Where(a => a.Name == "Exempelby kommun").Select(a => a.Id).FirstAsync();
            var goal = await new ActorStore(db).CreateOperationalGoalAsync(new OperationalGoalInput(actor, "Verksamhetsmål med dold relation", null,
                [new GoalRelationInput(draft.Goal, GoalRelationKind.Supports, null)]));
            return (actor, goal.Id);
        });
        var (_, outsider) = await Factory.CreateUserAsync(Unique("outsider"), []);
        var client = Factory.CreateClientWithToken(outsider);

        var page = await client.GetAsync($"/actors/{actorId}");
        var api = await client.GetAsync($"/api/v1/operational-goals/{goalId}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Verksamhetsmål med dold relation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemligt mål i utkastet", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Empty((await api.Content.ReadFromJsonAsync<JsonObject>())!["relations"]!.AsArray());
        // Those with a role in the draft still see the relation.
        var admin = await Factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/operational-goals/{goalId}");
        Assert.Single(admin!["relations"]!.AsArray());
    }

    [SkippableFact]
    public async Task SigningOutNeedsTheAntiforgeryToken()
    {
        Factory.RequireDatabase();
        var (_, token) = await Factory.CreateUserAsync(Unique("session"), []);
        var client = Factory.CreateClientWithToken(token);

        var bare = await client.PostAsync("/account/logout", null);
        var emptyForm = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, emptyForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        var signedOut = await PageTests.PostFormAsync(client, "/account", new Dictionary<string, string>(), "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }

    [SkippableFact]
    public async Task InvitationLinksComeFromThePublicUrlNeverTheHostHeader()
    {
        Factory.RequireDatabase();
        var body = new { role = "Viewer", days = 7 };
        var url = $"/api/v1/missions/{Factory.ExampleMissionId}/invitations";
        using var unset = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        unset.Headers.Host = "evil.example";
        var relative = await Factory.CreateClient().SendAsync(unset);
        Assert.Equal(HttpStatusCode.Created, relative.StatusCode);
        Assert.StartsWith("/invite/", (string)(await relative.Content.ReadFromJsonAsync<JsonObject>())!["link"]!, StringComparison.Ordinal);

        using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("Masten:PublicUrl", "https://masten.example.se/"));
        var client = configured.CreateDefaultClient(new BearerOnly(Factory.AdminToken));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Host = "evil.example";
        var absolute = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, absolute.StatusCode);
        Assert.StartsWith("https://masten.example.se/invite/", (string)(await absolute.Content.ReadFromJsonAsync<JsonObject>())!["link"]!, StringComparison.Ordinal);
    }

    private sealed class BearerOnly(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [SkippableTheory]
    [InlineData("1")]
    [InlineData("Read,Write")]
    [InlineData("Admin")]
    [InlineData("write")]
    [InlineData("")]
    public async Task ATokenScopeIsReadOrWriteAndNothingElse(string scope)
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("scope"), []);
        var client = Factory.CreateClientWithToken(token);

        var response = await PageTests.PostFormAsync(client, "/account", new Dictionary<string, string> { ["_handler"] = "token", ["Name"] = "ny", ["Scope"] = scope, ["Days"] = "30" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));
    }

    /// <summary>The table of a command's first FROM clause, quoted as in the SQL.</summary>
    private static string? FirstFrom(string sql) =>
        System.Text.RegularExpressions.Regex.Match(sql, @"^FROM\s+(""\w+"")", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>Hears every SQL command EF Core sends, through its diagnostic listener.</summary>
internal sealed class CommandObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Action<DbConnection?, string> heard;
    private readonly List<IDisposable> subscriptions = [];

    public CommandObserver(Action<DbConnection?, string> heard)
    {
        this.heard = heard;
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (subscriptions)
                subscriptions.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuting.Name && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data)
            heard(data.Command.Connection, data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (subscriptions)
            foreach (var s in subscriptions)
                s.Dispose();
    }
}

public sealed class SqliteAuthorizationTests(SqliteAppFactory factory) : AuthorizationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuthorizationTests(PostgresAppFactory factory) : AuthorizationTests(factory), IClassFixture<PostgresAppFactory>;
