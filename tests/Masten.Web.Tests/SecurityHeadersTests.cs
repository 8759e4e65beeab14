using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Masten.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Security headers, request size limits and encoding; runs once on SQLite and once on PostgreSQL.</summary>
public abstract class SecurityHeadersTests(MastenAppFactory factory)
{
    private HttpClient Client()
    {
        factory.RequireDatabase();
        return factory.CreateClient();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
    }

    [SkippableFact]
    public async Task APageCarriesTheSecurityHeaders()
    {
        var response = await Client().GetAsync($"/missions/{factory.ExampleMissionId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [SkippableFact]
    public async Task AnApiResponseCarriesTheSecurityHeaders()
    {
        var response = await Client().GetAsync("/api/v1/programmes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [SkippableTheory]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/programmes/999999")]
    public async Task ANotFoundResponseCarriesTheSecurityHeaders(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [SkippableFact]
    public async Task AStaticFileCarriesTheSecurityHeaders()
    {
        var client = Client();
        var page = await client.GetStringAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(?<href>[^\"]*app[^\"]*\\.css)\"").Groups["href"].Value;
        Assert.NotEmpty(css);
        var response = await client.GetAsync(css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [SkippableFact]
    public async Task AnErrorResponseCarriesTheSecurityHeaders()
    {
        var response = await Client().PostAsync("/api/v1/programmes", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [SkippableFact]
    public async Task AnOversizedJsonBodyIsA413AndStoresNothing()
    {
        var client = Client();
        var before = await factory.WithDbAsync(db => db.Programmes.CountAsync());
        var name = new string('x', (int)RequestLimits.DefaultMaxRequestBodyBytes);
        var response = await client.PostAsJsonAsync("/api/v1/programmes", new { name, description = "D", programmeOffice = "K" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(413, (int)problem["status"]!);
        AssertSecurityHeaders(response);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [SkippableFact]
    public async Task AScriptTagSavedThroughTheApiIsShownEncoded()
    {
        var client = Client();
        const string script = "<script>alert(1)</script>";
        var programme = await client.PostAsJsonAsync("/api/v1/programmes", new { name = script, description = script, programmeOffice = "Kansliet" });
        Assert.Equal(HttpStatusCode.Created, programme.StatusCode);
        var programmeId = (int)JsonNode.Parse(await programme.Content.ReadAsStringAsync())!["id"]!;
        var missionId = await PublishedMission.CreateAsync(client, programmeId, script, script, 2020, 2035);

        var html = await client.GetStringAsync($"/missions/{missionId}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteSecurityHeadersTests(SqliteAppFactory factory) : SecurityHeadersTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSecurityHeadersTests(PostgresAppFactory factory) : SecurityHeadersTests(factory), IClassFixture<PostgresAppFactory>;

/// <summary>The Content-Security-Policy in a real browser: the pages, their charts and enhanced navigation work under it.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    private static List<string> CspViolations(Microsoft.Playwright.IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        return violations;
    }

    [SkippableFact]
    public async Task TheMissionIndicatorAndActorPagesRunWithoutPolicyViolations()
    {
        var page = await browser.NewPageAsync();
        var violations = CspViolations(page);
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Masten.Data.Missions.DemoSeeder.MissionTitle);

        // Enhanced navigation (blazor.web.js) to the indicator page with its chart.
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Matsvinn i hushållen" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Matsvinn i hushållen");
        var chart = page.Locator("figure.chart svg");
        await Microsoft.Playwright.Assertions.Expect(chart).ToBeVisibleAsync();
        // The lines keep their colours: presentation attributes, not blocked style attributes.
        Assert.Equal(0, await chart.Locator("[style]").CountAsync());
        Assert.True(await chart.Locator("polyline[stroke]").CountAsync() > 0);

        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}/actors");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("figure.chart svg")).ToBeVisibleAsync();
        await page.GotoAsync($"/indicators/{await FirstIndicatorAsync()}");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("figure.chart svg")).ToBeVisibleAsync();

        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task AnInlineStyleIsReportedAsAViolation()
    {
        var page = await browser.NewPageAsync();
        var violations = CspViolations(page);
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const p = document.createElement('p'); p.setAttribute('style', 'color: red'); document.body.append(p); }");
        await page.WaitForTimeoutAsync(200);
        Assert.NotEmpty(violations);
    }

    private Task<int> FirstIndicatorAsync() =>
        browser.App.WithDbAsync(db => Task.FromResult(db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).First()));
}
