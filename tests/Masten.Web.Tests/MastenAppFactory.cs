using System.Net.Http.Headers;
using Masten.Core.Accounts;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Missions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Masten.TestDatabases;

// Drops this run's template databases when the run ends.
[assembly: TestFramework("Masten.TestDatabases.TemplateDroppingFramework", "Masten.Web.Tests")]

namespace Masten.Web.Tests;

/// <summary>
/// Masten on a database of its own, with the example programme and an administrator in it. The database is a
/// copy of a template migrated and filled once per test run (<see cref="DatabaseTemplate{T}"/>): a copied file
/// on SQLite; on PostgreSQL (the server named by <c>MASTEN_TEST_POSTGRES</c>) <c>CREATE DATABASE … TEMPLATE</c>,
/// dropped afterwards. Without that variable PostgreSQL tests skip, except in CI (<c>CI=true</c>), where they fail.
/// </summary>
public abstract class MastenAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>What every copy of the template holds, besides the data.</summary>
    private sealed record Filled(int ExampleMissionId, string AdminToken);

    private static readonly DatabaseTemplate<Filled> SqliteTemplate = new(DatabaseProvider.Sqlite, c => FillAsync(DatabaseProvider.Sqlite, c));
    private static readonly DatabaseTemplate<Filled> PostgresTemplate = new(DatabaseProvider.Postgres, c => FillAsync(DatabaseProvider.Postgres, c));

    private bool started;
    private bool migrate;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Why this database cannot be used here, or null when it can.</summary>
    protected virtual string? Unavailable => null;

    private string ConnectionString { get; set; } = "";

    /// <summary>The id of the example mission.</summary>
    public int ExampleMissionId { get; private set; }

    /// <summary>The system administrator every test client acts as unless it asks otherwise.</summary>
    public const string AdminEmail = "admin@masten.test";
    public const string AdminPassword = "correct horse battery";

    /// <summary>A write token of the administrator, sent by <see cref="WebApplicationFactory{T}.CreateClient()"/>. The same in every copy of the template.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>A client acting as the administrator, with its write token on every request (redirects too).</summary>
    public new HttpClient CreateClient() => CreateClientWithToken(AdminToken, followRedirects: true);

    /// <summary>A client with no credentials: the public.</summary>
    public HttpClient CreateAnonymousClient(bool followRedirects = false) => CreateClientWithToken(null, followRedirects);

    /// <summary>
    /// A client acting as the token's owner, also after a redirect: the API gets the Bearer token, pages (which
    /// take only the session cookie) a signed-in session of the same person. A read-only token gets no
    /// session: it is sent to pages too, where it counts for nothing, as for any script holding one.
    /// </summary>
    public HttpClient CreateClientWithToken(string? token, bool followRedirects = false)
    {
        var handlers = new List<DelegatingHandler>();
        if (followRedirects)
            handlers.Add(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler());
        var cookies = new System.Net.CookieContainer();
        var session = token is null ? null : SessionCookieAsync(token).GetAwaiter().GetResult();
        if (session is not null)
            cookies.Add(ClientOptions.BaseAddress, session);
        if (token is not null)
            handlers.Add(new BearerHandler(token, apiOnly: session is not null));
        handlers.Add(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        return CreateDefaultClient(ClientOptions.BaseAddress, handlers.ToArray());
    }

    /// <summary>A client sending only the raw Bearer token, to pages and API alike (what a script holding a token can do).</summary>
    public HttpClient CreateRawTokenClient(string token) =>
        CreateDefaultClient(ClientOptions.BaseAddress, new BearerHandler(token, apiOnly: false), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());

    /// <summary>The session cookie the sign-in page would give the write token's owner; null for an unknown or read-only token.</summary>
    private async Task<System.Net.Cookie?> SessionCookieAsync(string token)
    {
        await using var scope = Services.CreateAsyncScope();
        var found = await new AccountStore(scope.ServiceProvider.GetRequiredService<MastenDbContext>()).FindTokenAsync(token);
        if (found is not { } f || f.Token.Scope != TokenScope.Write)
            return null;
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<MastenUser>>().CreateAsync(f.User);
        var options = Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal,
            new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(12) }, IdentityConstants.ApplicationScheme);
        return new System.Net.Cookie(options.Cookie.Name!, options.TicketDataFormat.Protect(ticket), "/");
    }

    private sealed class BearerHandler(string token, bool apiOnly) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!apiOnly || request.RequestUri?.AbsolutePath.StartsWith("/api", StringComparison.Ordinal) == true)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Creates a person with the given roles and returns them with a token of the given scope.</summary>
    public async Task<(MastenUser User, string Token)> CreateUserAsync(string email, IEnumerable<RoleAssignment> roles, TokenScope scope = TokenScope.Write, bool systemAdmin = false, string password = AdminPassword)
    {
        await using var scope_ = Services.CreateAsyncScope();
        var users = scope_.ServiceProvider.GetRequiredService<UserManager<MastenUser>>();
        var user = new MastenUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], IsSystemAdmin = systemAdmin, CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        var db = scope_.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        foreach (var role in roles)
        {
            role.UserId = user.Id;
            db.RoleAssignments.Add(role);
        }
        await db.SaveChangesAsync();
        var (_, token) = await new AccountStore(db).CreateTokenAsync(user.Id, "test", scope, 30);
        return (user, token);
    }

    /// <summary>Skips the calling test when the database is missing on a developer machine; fails it in CI.</summary>
    public void RequireDatabase() => TestDatabase.Require(Provider, Unavailable);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Masten", ConnectionString);
        // The template is migrated once; its copies need not be.
        builder.UseSetting("Database:MigrateOnStartup", migrate ? "true" : "false");
        builder.UseSetting("Demo:SeedOnEmptyDatabase", "false");
        // The outbox worker stays off unless a test's factory turns it on (see MessagingTests).
        builder.UseSetting("Messaging:Worker:Enabled", "false");
    }

    public virtual async Task InitializeAsync()
    {
        if (Unavailable is not null)
            return;
        Filled filled;
        (ConnectionString, filled) = await (Provider == DatabaseProvider.Postgres ? PostgresTemplate : SqliteTemplate).CreateDatabaseAsync();
        (ExampleMissionId, AdminToken) = filled;
        StartServer();
        started = true;
    }

    /// <summary>Fills a template as a first start of Masten would, plus the example programme and the administrator.</summary>
    private static async Task<Filled> FillAsync(DatabaseProvider provider, string connectionString)
    {
        // Starting the host migrates the database.
        await using var host = new TemplateFactory(provider) { ConnectionString = connectionString, migrate = true };
        host.StartServer();
        int missionId;
        await using (var scope = host.Services.CreateAsyncScope())
            missionId = await DemoSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions());
        var (_, token) = await host.CreateUserAsync(AdminEmail, [], systemAdmin: true);
        return new Filled(missionId, token);
    }

    private sealed class TemplateFactory(DatabaseProvider provider) : MastenAppFactory
    {
        protected override DatabaseProvider Provider => provider;
    }

    /// <summary>
    /// A second web instance on this factory's database, as a second server of one deployment would be: it neither
    /// migrates nor seeds. For tests that a write through one instance is seen through the other.
    /// </summary>
    public WebApplicationFactory<Program> SecondHost() => new SecondInstance(Provider, ConnectionString);

    private sealed class SecondInstance(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:Masten", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Demo:SeedOnEmptyDatabase", "false");
            builder.UseSetting("Setup:CreateLink", "false");
        }
    }

    /// <summary>A new context on this factory's database, seeing every mission, for checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<MastenDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (started)
            await TestDatabase.DropDatabaseAsync(Provider, ConnectionString);
    }
}

public class SqliteAppFactory : MastenAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppFactory : MastenAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string? Unavailable => TestDatabase.PostgresUnavailable;
}

/// <summary>Masten on SQLite behind a real Kestrel port on loopback, for a browser to reach.</summary>
public sealed class BrowserAppFactory : SqliteAppFactory
{
    public BrowserAppFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development the host does not read the static web assets manifest by itself; without it the
        // browser got the stylesheet without a content type (refused under nosniff) and no blazor.web.js.
        builder.UseStaticWebAssets();
    }

    /// <summary>The address Kestrel listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;
}
