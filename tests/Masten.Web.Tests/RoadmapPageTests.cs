using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The roadmap pages over HTTP, and the revision fields of the goal form; on SQLite and PostgreSQL.</summary>
public abstract class RoadmapPageTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private async Task<string> GetAsync(string url) => WebUtility.HtmlDecode(await Client().GetStringAsync(url));

    private string Mission => Factory.ExampleMissionId.ToString(CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task TheMissionPageLinksToTheRoadmapAndSaysWhichVersionItShows()
    {
        var html = await GetAsync($"/missions/{Mission}");
        Assert.Contains($"href=\"/missions/{Mission}/roadmap\"", html);
        // Version 2 from the example data, or a later one if another test of this class revised the roadmap first.
        Assert.Matches(new System.Text.RegularExpressions.Regex("Läget bedöms med färdplanens version [2-9]"), html);
        var earlier = await GetAsync($"/missions/{Mission}?asOf=2024-06-30");
        Assert.Contains("Läget den 2024-06-30.", earlier);
        Assert.Contains("Läget bedöms med färdplanens version 1, som gäller från 2020-01-01.", earlier);
    }

    [SkippableFact]
    public async Task TheRoadmapPageListsEveryVersionWithItsReasonAndReview()
    {
        var html = await GetAsync($"/missions/{Mission}/roadmap");
        Assert.Contains("<caption>Färdplanens versioner, den äldsta först</caption>", html);
        Assert.Contains("Första versionen", html);
        Assert.Contains("Biogasen i lantbruket växer snabbare än vi trodde.", html);
        var review = await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == Factory.ExampleMissionId).Select(r => r.Id).FirstAsync());
        Assert.Contains($"href=\"/reviews/{review.ToString(CultureInfo.InvariantCulture)}\"", html);
        Assert.Contains($"action=\"/missions/{Mission}/roadmap/diff\"", html);
        Assert.Contains($"href=\"/missions/{Mission}/roadmap/1\"", html);
    }

    [SkippableFact]
    public async Task AnEarlierVersionStaysReadable()
    {
        var html = await GetAsync($"/missions/{Mission}/roadmap/1");
        Assert.Contains("<h1>Färdplanen, version 1</h1>", html);
        Assert.Contains("År 2035 produceras maten", html);
        Assert.Contains("2030-12-31: 50 %", html);
        Assert.Contains("2030-12-31: 55 %", await GetAsync($"/missions/{Mission}/roadmap/2"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/missions/{Mission}/roadmap/9")).StatusCode);
    }

    [SkippableFact]
    public async Task TheDiffPageShowsTheRaisedTarget()
    {
        var html = await GetAsync($"/missions/{Mission}/roadmap/diff?from=1&to=2");
        Assert.Contains("Vad ändrades från version 1 till version 2", html);
        Assert.Contains("<caption>Ändringar för Andel fossilfria drivmedel i lantbruket</caption>", html);
        Assert.Contains("<th scope=\"row\">Mål 2030-12-31</th>", html);
        Assert.Contains("<td><del>50</del></td>", html);
        Assert.Contains("<td><ins>55</ins></td>", html);
        Assert.Contains("Inget i färdplanen skiljer sig", await GetAsync($"/missions/{Mission}/roadmap/diff?from=2&to=2"));
    }

    [SkippableFact]
    public async Task AGoalEditWithoutAReasonShowsTheErrorAndChangesNothing()
    {
        var client = Client();
        var goal = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId && g.Title == "Mindre matsvinn").FirstAsync());
        var url = $"/goals/{goal.Id.ToString(CultureInfo.InvariantCulture)}/edit";
        var form = await GetAsync(url);
        Assert.Contains("Anledning till ändringen", form);
        var fields = new Dictionary<string, string> { ["Title"] = "Mycket mindre matsvinn", ["Description"] = goal.Description ?? "", ["ParentId"] = "", ["Weight"] = "1" };
        var response = await PageTests.PostFormAsync(client, url, fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains("behövs när färdplanen för en mission som pågår ändras", html);
        Assert.Contains("id=\"reason-error\"", html);
        var versions = await Factory.WithDbAsync(db => db.RoadmapVersions.CountAsync(v => v.MissionId == Factory.ExampleMissionId));
        Assert.Equal("Mindre matsvinn", await Factory.WithDbAsync(db => db.Goals.Where(g => g.Id == goal.Id).Select(g => g.Title).FirstAsync()));

        fields["Reason"] = "Vi vill vara tydligare.";
        await PageTests.PostFormAsync(client, url, fields);
        Assert.Equal("Mycket mindre matsvinn", await Factory.WithDbAsync(db => db.Goals.Where(g => g.Id == goal.Id).Select(g => g.Title).FirstAsync()));
        Assert.Equal(versions + 1, await Factory.WithDbAsync(db => db.RoadmapVersions.CountAsync(v => v.MissionId == Factory.ExampleMissionId)));
    }
}

public sealed class SqliteRoadmapPageTests(SqliteAppFactory factory) : RoadmapPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRoadmapPageTests(PostgresAppFactory factory) : RoadmapPageTests(factory), IClassFixture<PostgresAppFactory>;
