using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// Anonymous answers are reused (the output cache marks a reused answer with an <c>Age</c> header) until the next
/// write, through this instance or another on the same database; signed-in requests never share one. On SQLite and PostgreSQL.
/// </summary>
public abstract class ResponseCacheTests(MastenAppFactory factory)
{
    private static readonly HtmlParser Parser = new();

    protected MastenAppFactory Factory { get; } = factory;

    protected static bool Reused(HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>The text of the indicator's entry on the mission page.</summary>
    protected static async Task<string> EntryAsync(HttpResponseMessage response, int indicatorId)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var entry = page.GetElementById($"indicator-{indicatorId}");
        Assert.NotNull(entry);
        return entry!.TextContent;
    }

    /// <summary>The first (or last) indicator of the example mission; the tests of one class share its database, so each writes to its own.</summary>
    protected async Task<int> IndicatorAsync(HttpClient client, bool last = false)
    {
        var progress = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{Factory.ExampleMissionId}/progress"))!;
        var indicators = progress["indicators"]!.AsArray();
        return (int)(last ? indicators[^1] : indicators[0])!["indicatorId"]!;
    }

    protected static async Task AppendTodayAsync(HttpClient client, int indicatorId)
    {
        var posted = await client.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations",
            new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), value = 123456.5, source = "Cachetest" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    protected static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    [SkippableFact]
    public async Task AVisitorsPageIsReusedUntilAWriteAndThenShowsTheWrite()
    {
        Factory.RequireDatabase();
        var visitor = Factory.CreateAnonymousClient();
        var url = $"/missions/{Factory.ExampleMissionId}";
        var indicatorId = await IndicatorAsync(visitor);
        var first = await visitor.GetAsync(url);
        Assert.DoesNotContain(Today, await EntryAsync(first, indicatorId), StringComparison.Ordinal);
        var second = await visitor.GetAsync(url);
        Assert.True(Reused(second), "the second visit should be answered from the cache");
        Assert.DoesNotContain(Today, await EntryAsync(second, indicatorId), StringComparison.Ordinal);

        await AppendTodayAsync(Factory.CreateClient(), indicatorId);

        var after = await visitor.GetAsync(url);
        Assert.False(Reused(after), "a write must end the reuse");
        Assert.Contains(Today, await EntryAsync(after, indicatorId), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ARequestWithATokenIsNeverAnsweredFromTheCache()
    {
        Factory.RequireDatabase();
        var url = $"/api/v1/missions/{Factory.ExampleMissionId}/progress";
        var visitor = Factory.CreateAnonymousClient();
        await visitor.GetAsync(url);
        Assert.True(Reused(await visitor.GetAsync(url)));
        var editor = Factory.CreateClient();
        Assert.False(Reused(await editor.GetAsync(url)));
        Assert.False(Reused(await editor.GetAsync(url)));
    }

    [SkippableFact]
    public async Task ALanguageGetsItsOwnAnswer()
    {
        Factory.RequireDatabase();
        var visitor = Factory.CreateAnonymousClient();
        var url = $"/missions/{Factory.ExampleMissionId}";
        var swedish = await (await visitor.GetAsync(url)).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd("en-GB");
        var english = await visitor.SendAsync(request);
        var page = await Parser.ParseDocumentAsync(await english.Content.ReadAsStringAsync());
        Assert.StartsWith("en", page.DocumentElement.GetAttribute("lang"), StringComparison.Ordinal);
        Assert.NotEqual(swedish, await english.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task PagesThatDependOnASecretLinkOrAPersonAreNotReused()
    {
        Factory.RequireDatabase();
        var visitor = Factory.CreateAnonymousClient();
        foreach (var url in new[] { "/account/login", "/health" })
        {
            await visitor.GetAsync(url);
            Assert.False(Reused(await visitor.GetAsync(url)), url);
        }
    }
}

public sealed class SqliteResponseCacheTests(SqliteAppFactory factory) : ResponseCacheTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresResponseCacheTests(PostgresAppFactory factory) : ResponseCacheTests(factory), IClassFixture<PostgresAppFactory>
{
    /// <summary>
    /// Two web instances on one PostgreSQL database: the second reuses a visitor's page until an observation is
    /// appended through the first, and then shows it on its very next answer.
    /// </summary>
    [SkippableFact]
    public async Task AWriteThroughOneInstanceEndsTheReuseOnTheOther()
    {
        Factory.RequireDatabase();
        await using var second = Factory.SecondHost();
        var visitor = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var url = $"/missions/{Factory.ExampleMissionId}";
        var indicatorId = await IndicatorAsync(visitor, last: true);
        await visitor.GetAsync(url);
        var reused = await visitor.GetAsync(url);
        Assert.True(Reused(reused));
        Assert.DoesNotContain(Today, await EntryAsync(reused, indicatorId), StringComparison.Ordinal);

        await AppendTodayAsync(Factory.CreateClient(), indicatorId);

        var after = await visitor.GetAsync(url);
        Assert.Contains(Today, await EntryAsync(after, indicatorId), StringComparison.Ordinal);
    }
}
