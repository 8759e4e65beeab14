using System.Net;
using System.Text.RegularExpressions;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>
/// Sign-in costs the same whether or not the account exists or is locked. Not measured in time (that would
/// be flaky): the password hasher must run exactly once on every path, and the answer must be the same.
/// </summary>
public abstract partial class SignInTimingTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private sealed class CountingHasher : IPasswordHasher<MastenUser>
    {
        private readonly PasswordHasher<MastenUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(MastenUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(MastenUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@masten.test";

    [SkippableFact]
    public async Task EveryFailedSignInHashesThePasswordOnceAndGetsTheSameAnswer()
    {
        Factory.RequireDatabase();
        var hasher = new CountingHasher();
        using var host = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<MastenUser>>(hasher)));
        var known = Unique("known");
        var locked = Unique("locked");
        await Factory.CreateUserAsync(known, []);
        var (lockedUser, _) = await Factory.CreateUserAsync(locked, []);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MastenUser>>();
            var user = await users.FindByIdAsync(lockedUser.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var attempts = new (string Path, string Email, string Password)[]
        {
            ("unknown account", Unique("nobody"), "a wrong password here"),
            ("wrong password", known, "a wrong password here"),
            ("locked account, right password", locked, MastenAppFactory.AdminPassword),
            ("locked account, wrong password", locked, "a wrong password here"),
        };
        var answers = new List<(string Path, HttpStatusCode Status, string Text, int Hashes)>();
        foreach (var (path, email, password) in attempts)
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var before = hasher.Verifications;
            var response = await PageTests.PostFormAsync(client, "/account/login",
                new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/account" });
            answers.Add((path, response.StatusCode, Visible(await response.Content.ReadAsStringAsync()), hasher.Verifications - before));
        }

        Assert.All(answers, a => Assert.True(a.Hashes == 1, $"{a.Path}: the hasher ran {a.Hashes} times"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Contains("lösenordet stämmer inte", answers[0].Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheRightPasswordStillSignsIn()
    {
        Factory.RequireDatabase();
        var email = Unique("right");
        await Factory.CreateUserAsync(email, []);
        var response = await PageTests.PostFormAsync(Factory.CreateAnonymousClient(), "/account/login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = MastenAppFactory.AdminPassword, ["ReturnUrl"] = "/account" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The page as a person reads it: without the entered e-mail address and the per-response antiforgery token.</summary>
    private static string Visible(string html) => WebUtility.HtmlDecode(Values().Replace(html, ""));

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex Values();
}

public sealed class SqliteSignInTimingTests(SqliteAppFactory factory) : SignInTimingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSignInTimingTests(PostgresAppFactory factory) : SignInTimingTests(factory), IClassFixture<PostgresAppFactory>;
