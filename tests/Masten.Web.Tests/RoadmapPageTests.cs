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
        var page = Html.Parse(html);
        Html.Table(page, "Färdplanens versioner, den äldsta först");
        Assert.Contains("Första versionen", html);
        Assert.Contains("Biogasen i lantbruket växer snabbare än vi trodde.", html);
        var review = await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == Factory.ExampleMissionId).Select(r => r.Id).FirstAsync());
        Assert.NotNull(page.QuerySelector($"a[href='/reviews/{review.ToString(CultureInfo.InvariantCulture)}']"));
        Assert.NotNull(page.QuerySelector($"form[action='/missions/{Mission}/roadmap/diff']"));
        Assert.NotNull(page.QuerySelector($"a[href='/missions/{Mission}/roadmap/1']"));
    }

    [SkippableFact]
    public async Task AnEarlierVersionStaysReadable()
    {
        var html = await GetAsync($"/missions/{Mission}/roadmap/1");
        Assert.Equal("Färdplanen, version 1", Html.Text(Html.Parse(html).QuerySelector("h1")!));
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
        // The target's row shows the old value as removed and the new one as inserted.
        var diff = Html.Table(Html.Parse(html), "Ändringar för Andel fossilfria drivmedel i lantbruket");
        var target = diff.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th[scope=row]") is { } h && Html.Text(h) == "Mål 2030-12-31");
        Assert.Equal("50", Html.Text(target.QuerySelector("del")!));
        Assert.Equal("55", Html.Text(target.QuerySelector("ins")!));
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
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        Html.AssertErrorOnField(Html.Parse(raw), "reason", "behövs när färdplanen för en mission som pågår ändras");
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
