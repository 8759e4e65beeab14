using System.Net;
using System.Text.RegularExpressions;
using Masten.Core.Accounts;
using Masten.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// A one-time link (the first administrator's setup link, an invitation) opened by several people at the
/// same moment: exactly one of them gets the account and the role, the others a clear refusal and nothing.
/// </summary>
public abstract partial class OneTimeLinkRaceTests(MastenAppFactory factory)
{
    private const int People = 6;

    protected MastenAppFactory Factory { get; } = factory;

    [SkippableFact]
    public async Task SixSimultaneousSignUpsOnTheSetupLinkMakeExactlyOneAdministrator()
    {
        Factory.RequireDatabase();
        var secret = await Factory.WithDbAsync(async db => (await new AccountStore(db).InviteAsync(new InvitationInput(null, null, null, null, null, 1, SystemAdmin: true), "setup")).Secret);
        var prefix = "setup-" + Guid.NewGuid().ToString("N")[..8];

        var answers = await SignUpAtOnceAsync(secret, prefix);

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.BadRequest, a));
        var accounts = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email!.StartsWith(prefix)).Select(u => u.IsSystemAdmin).ToListAsync());
        Assert.True(Assert.Single(accounts));
    }

    [SkippableFact]
    public async Task SixSimultaneousSignUpsOnAnInvitationGiveTheRoleExactlyOnce()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var secret = await Factory.WithDbAsync(async db => (await new AccountStore(db).InviteAsync(new InvitationInput(null, mission, AccessRole.Editor, null, null), "test")).Secret);
        var prefix = "invited-" + Guid.NewGuid().ToString("N")[..8];

        var answers = await SignUpAtOnceAsync(secret, prefix);

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.BadRequest, a));
        var roles = await Factory.WithDbAsync(db => db.RoleAssignments.Where(r => db.Users.Any(u => u.Id == r.UserId && u.Email!.StartsWith(prefix))).CountAsync());
        Assert.Equal(1, roles);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email!.StartsWith(prefix))));
    }

    /// <summary>Each person opens the link in a browser of their own, fills in the form, and all press the button at once.</summary>
    private async Task<HttpStatusCode[]> SignUpAtOnceAsync(string secret, string prefix)
    {
        var forms = new List<(HttpClient Client, Dictionary<string, string> Fields)>();
        for (var i = 0; i < People; i++)
        {
            var client = Factory.CreateAnonymousClient();
            var html = await client.GetStringAsync($"/invite/{secret}");
            var fields = Html.HiddenFields(html);
            Assert.Contains("__RequestVerificationToken", fields.Keys);
            fields["Form.DisplayName"] = $"Person {i}";
            fields["Form.Email"] = $"{prefix}-{i}@masten.test";
            fields["Form.Password"] = MastenAppFactory.AdminPassword;
            fields["Form.ConfirmPassword"] = MastenAppFactory.AdminPassword;
            forms.Add((client, fields));
        }
        using var start = new SemaphoreSlim(0);
        var posts = forms.Select(f => Task.Run(async () =>
        {
            await start.WaitAsync();
            using var response = await f.Client.PostAsync($"/invite/{secret}", new FormUrlEncodedContent(f.Fields));
            return response.StatusCode;
        })).ToList();
        start.Release(People);
        return await Task.WhenAll(posts);
    }
}

public sealed class SqliteOneTimeLinkRaceTests(SqliteAppFactory factory) : OneTimeLinkRaceTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOneTimeLinkRaceTests(PostgresAppFactory factory) : OneTimeLinkRaceTests(factory), IClassFixture<PostgresAppFactory>;
