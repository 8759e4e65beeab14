using System.Net;
using System.Net.Http.Json;
using Masten.Core.Accounts;
using Masten.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>System administrators disable and enable accounts and revoke anyone's tokens, by page and API; it works at once and is in the audit log.</summary>
public abstract class AdminAccountsTests(MastenAppFactory factory)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    protected MastenAppFactory Factory { get; } = factory;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@masten.test";

    [SkippableFact]
    public async Task ADisabledAccountsTokenAndSessionStopAtOnceAndWorkAgainWhenEnabled()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("disabled"), []);
        var api = Factory.CreateRawTokenClient(token);
        var session = Factory.CreateClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account")).StatusCode);
        var admin = Factory.CreateClient();

        var disabled = await admin.PostAsync($"/api/v1/admin/accounts/{user.Id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.NotNull((await disabled.Content.ReadFromJsonAsync<AccountDto>(Json))!.DisabledAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        var page = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Nor can the person sign in again with their password.
        var signIn = await PageTests.PostFormAsync(Factory.CreateAnonymousClient(), "/account/login", new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = MastenAppFactory.AdminPassword, ["ReturnUrl"] = "/account" });
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/accounts/{user.Id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var changes = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "MastenUser" && c.EntityId == user.Id && c.Action == "Updated").Select(c => c.ChangedBy).ToListAsync());
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.StartsWith(MastenAppFactory.AdminEmail, c, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AnAdministratorListsAndRevokesAnyonesTokens()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("tokens"), []);
        var admin = Factory.CreateClient();

        var tokens = await admin.GetFromJsonAsync<List<ApiTokenDto>>($"/api/v1/admin/accounts/{user.Id}/tokens", Json);
        var revoked = await admin.DeleteAsync($"/api/v1/admin/tokens/{Assert.Single(tokens!).Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateRawTokenClient(token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/admin/tokens/{tokens![0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/accounts/999999/tokens")).StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.ChangeRecords.AnyAsync(c => c.EntityType == "ApiToken" && c.EntityId == tokens[0].Id && c.Action == "Updated")));
        var accounts = await admin.GetFromJsonAsync<List<AccountDto>>("/api/v1/admin/accounts", Json);
        Assert.Contains(accounts!, a => a.Id == user.Id && a.ActiveTokens == 0);
    }

    [SkippableFact]
    public async Task AnAdministratorCannotDisableTheirOwnAccount()
    {
        Factory.RequireDatabase();
        var adminId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == MastenAppFactory.AdminEmail).Select(u => u.Id).FirstAsync());

        var response = await Factory.CreateClient().PostAsync($"/api/v1/admin/accounts/{adminId}/disable", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("accountId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.DisabledAt).FirstAsync()));
    }

    [SkippableFact]
    public async Task TheAccountsPageDisablesAnAccountAndRevokesItsTokens()
    {
        Factory.RequireDatabase();
        var (user, token) = await Factory.CreateUserAsync(Unique("paged"), []);
        var admin = Factory.CreateClient();
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/accounts"));
        Assert.Contains(user.Email!, list, StringComparison.Ordinal);

        var disable = await PageTests.PostFormAsync(admin, $"/admin/accounts/{user.Id}", new Dictionary<string, string> { ["_handler"] = $"disable-{user.Id}" });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("avstängt", WebUtility.HtmlDecode(await disable.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotNull(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DisabledAt).FirstAsync()));

        var tokenId = await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).FirstAsync());
        var revoke = await PageTests.PostFormAsync(admin, $"/admin/accounts/{user.Id}", new Dictionary<string, string> { ["_handler"] = $"revoke-{tokenId}" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull(await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).FirstAsync()));

        var (_, owner) = await Factory.CreateUserAsync(Unique("owner"), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Owner }]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.CreateClientWithToken(owner).GetAsync("/admin/accounts")).StatusCode);
    }
}

public sealed class SqliteAdminAccountsTests(SqliteAppFactory factory) : AdminAccountsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAdminAccountsTests(PostgresAppFactory factory) : AdminAccountsTests(factory), IClassFixture<PostgresAppFactory>;
