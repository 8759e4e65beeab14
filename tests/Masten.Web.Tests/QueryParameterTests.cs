using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Masten.Web.Platform;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Malformed query values are ignored by pages and refused with 400 by the API, never a 500.</summary>
public abstract class QueryParameterTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    /// <summary>What an attacker or a broken link sends: text, a negative, beyond int and int's edge, NUL, a float, a line break, a zero-width space, nothing, a very long value.</summary>
    public static readonly string[] Garbage = ["x", "-1", "99999999999", "2147483647", "%00", "1e9", "1.5", "%0D%0Aevil", "%E2%80%8B", "", new string('9', 3000)];

    /// <summary>Every routable page of Masten with its query-bound properties: a new one is included without touching this test.</summary>
    public static IEnumerable<(string Template, Type Page, IReadOnlyList<(string Name, Type Type)> Parameters)> QueryBoundPages() =>
        typeof(QueryGuard).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Page: t, Parameters: QueryGuard.QueryParameters(t))))
            .Where(p => p.Parameters.Count > 0)
            .OrderBy(p => p.Template, StringComparer.Ordinal);

    [Fact]
    public void TheEnumerationFindsTheQueryBoundPages()
    {
        var pages = QueryBoundPages().ToList();
        Assert.Contains(pages, p => p.Template == "/" && p.Parameters.Any(q => q.Name == "page" && q.Type == typeof(int?)));
        Assert.Contains(pages, p => p.Template == "/missions/{Id:int}/actors" && p.Parameters.Any(q => q.Name == "round"));
        Assert.Contains(pages, p => p.Template == "/account/login" && p.Parameters.Any(q => q.Name == "ReturnUrl"));
        Assert.True(pages.Count >= 15, $"found only {pages.Count} routes with query parameters");
    }

    [SkippableFact]
    public async Task GarbageInEveryQueryBoundPageParameterNeverGivesAServerError()
    {
        Factory.RequireDatabase();
        var ids = await RouteIdsAsync();
        var admin = await SignedInAdminAsync();
        var anonymous = Factory.CreateAnonymousClient();
        var failures = new List<string>();
        var tried = 0;
        foreach (var (template, _, parameters) in QueryBoundPages())
        {
            var path = Fill(template, ids);
            foreach (var (name, _) in parameters)
            {
                foreach (var value in Garbage)
                {
                    var url = $"{path}?{name}={value}";
                    foreach (var (who, client) in new[] { ("admin", admin), ("anonymous", anonymous) })
                    {
                        tried++;
                        using var response = await client.GetAsync(url);
                        if ((int)response.StatusCode >= 500)
                            failures.Add($"{who} GET {url[..Math.Min(url.Length, 120)]} → {(int)response.StatusCode}");
                    }
                }
            }
        }
        Assert.True(tried > 400, $"only {tried} requests were tried");
        Assert.Empty(failures);
    }

    [SkippableTheory]
    [InlineData("/?page=x")]
    [InlineData("/?page=99999999999")]
    [InlineData("/?page=%00")]
    [InlineData("/?page=2147483647")]
    public async Task TheStartPageIgnoresAMalformedPageNumber(string url)
    {
        Factory.RequireDatabase();
        var response = await (await SignedInAdminAsync()).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Program och missioner", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [SkippableFact]
    public async Task AMalformedRoundOnTheMissionsActorPageShowsEveryRound()
    {
        Factory.RequireDatabase();
        var client = await SignedInAdminAsync();
        var all = await client.GetAsync($"/missions/{Factory.ExampleMissionId}/actors");
        var malformed = await client.GetAsync($"/missions/{Factory.ExampleMissionId}/actors?round=x&status=%00");
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Equal(Commitments(await all.Content.ReadAsStringAsync()), Commitments(await malformed.Content.ReadAsStringAsync()));
    }

    private static int Commitments(string html) => System.Text.RegularExpressions.Regex.Count(html, "<tr[ >]");

    [SkippableTheory]
    [InlineData("/\u0000")]
    [InlineData("/missions/1\r\nSet-Cookie: x=1")]
    [InlineData("/\u001B")]
    public async Task TheLanguageSwitchSendsAReturnAddressWithAControlCharacterHome(string returnUrl)
    {
        Factory.RequireDatabase();
        var client = Factory.CreateAnonymousClient();
        var response = await client.GetAsync("/language?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl));
        // It goes home, never to a header it would break.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [SkippableFact]
    public async Task TheLanguageSwitchKeepsAReturnAddressWithSwedishLettersPercentEncoded()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateAnonymousClient();
        var response = await client.GetAsync("/language?culture=en&returnUrl=" + Uri.EscapeDataString("/actors?q=Göteborg"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/actors?q=G%C3%B6teborg", response.Headers.Location?.OriginalString);
    }

    [SkippableTheory]
    [InlineData("/api/v1/programmes?page=x", "page")]
    [InlineData("/api/v1/programmes?page=99999999999", "page")]
    [InlineData("/api/v1/audit?from=x", "from")]
    [InlineData("/api/v1/audit?to=2026-13-40", "to")]
    [InlineData("/api/v1/audit?person=%00", "person")]
    [InlineData("/api/v1/actors?q=%00", "q")]
    [InlineData("/api/v1/actors?q=abc%1B", "q")]
    public async Task TheApiAnswersAMalformedQueryValueWith400NamingIt(string url, string field)
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), $"errors name {field}: {problem.ToJsonString()}");
    }

    [SkippableFact]
    public async Task TheApiPagesPastTheEndWithoutOverflowing()
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateClient().GetAsync("/api/v1/programmes?page=2147483647");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAdminAsync()
    {
        var client = Factory.CreateAnonymousClient();
        var response = await PageTests.PostFormAsync(client, "/account/login",
            new Dictionary<string, string> { ["Email"] = MastenAppFactory.AdminEmail, ["Password"] = MastenAppFactory.AdminPassword, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>An id of the example mission's data for each route segment before a parameter.</summary>
    private async Task<Dictionary<string, string>> RouteIdsAsync()
    {
        var mission = Factory.ExampleMissionId;
        string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["missions"] = Id(mission),
            ["outbox"] = "1", // a message that need not exist: a missing one is a 404, never a 500
            ["goals"] = Id(await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == mission).Select(g => g.Id).FirstAsync())),
            ["drivers"] = Id(await Factory.WithDbAsync(db => db.Drivers.Where(d => d.MissionId == mission).Select(d => d.Id).FirstAsync())),
            ["commitments"] = Id(await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == mission).Select(c => c.Id).FirstAsync())),
            ["initiatives"] = Id(await Factory.WithDbAsync(db => db.Initiatives.Where(i => i.MissionId == mission).Select(i => i.Id).FirstAsync())),
            ["reviews"] = Id(await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == mission).Select(r => r.Id).FirstAsync())),
            ["indicators"] = Id(await Factory.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == mission).Select(i => i.Id).FirstAsync())),
            ["history"] = "Mission",
            ["Mission"] = Id(mission),
        };
    }

    /// <summary><c>/missions/{Id:int}/actors</c> → <c>/missions/1/actors</c>: each parameter takes the id for the segment before it.</summary>
    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var segments = template.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
                continue;
            var before = segments[i - 1];
            Assert.True(ids.TryGetValue(before, out var id), $"QueryParameterTests needs an example id for '{{…}}' after '/{before}/' in {template}: add it to RouteIdsAsync.");
            segments[i] = id!;
        }
        return string.Join('/', segments);
    }
}

public sealed class SqliteQueryParameterTests(SqliteAppFactory factory) : QueryParameterTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresQueryParameterTests(PostgresAppFactory factory) : QueryParameterTests(factory), IClassFixture<PostgresAppFactory>;
