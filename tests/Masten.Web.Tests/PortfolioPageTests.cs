using System.Net.Http.Json;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The portfolio pages over HTTP: GET the HTML, POST each form with its antiforgery token. Runs on SQLite and PostgreSQL.</summary>
public abstract partial class PortfolioPageTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private async Task<string> GetAsync(string url) => WebUtility.HtmlDecode(await Client().GetStringAsync(url));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<int> InitiativeIdAsync(string title) =>
        Factory.WithDbAsync(db => db.Initiatives.Where(i => i.MissionId == Factory.ExampleMissionId && i.Title == title).Select(i => i.Id).FirstAsync());

    [SkippableFact]
    public async Task MissionPageLinksToThePortfolio() =>
        Assert.Contains($"href=\"/missions/{Id(Factory.ExampleMissionId)}/portfolio\"", await GetAsync($"/missions/{Id(Factory.ExampleMissionId)}"));

    [SkippableFact]
    public async Task PortfolioPageShowsCoverageGapsDiversityContributionAndAlerts()
    {
        var html = await GetAsync($"/missions/{Id(Factory.ExampleMissionId)}/portfolio");
        Assert.Contains("Insatser per mål och systemhävstång", html);
        var page = Html.Parse(html);
        Assert.Contains(page.QuerySelectorAll("th[scope=row]"), th => Html.Text(th) == "Mindre matsvinn");
        Assert.Contains("Herfindahlindex", html);
        Assert.Contains("Portföljen täcker ungefär", html);
        Assert.Contains("Efter typ av ledande aktör", html);
        // The alert names the initiative as a link to it, then says what is wrong.
        Assert.Contains(page.QuerySelectorAll("li, p"), e => Html.Text(e).StartsWith("Mindre svinn i skolköken: ur kurs vid de två senaste avstämningarna", StringComparison.Ordinal)
            && e.QuerySelector("a") is { } a && Html.Text(a) == "Mindre svinn i skolköken" && a.GetAttribute("href")?.Contains("/initiatives/", StringComparison.Ordinal) == true);
        Assert.Contains("Lärande avstämning", html);
    }

    [SkippableFact]
    public async Task InitiativePageShowsStageHistoryHypothesesAndCheckIns()
    {
        var id = await InitiativeIdAsync("Baljväxter i skolmaten");
        var html = await GetAsync($"/initiatives/{Id(id)}");
        Assert.Contains("Barn äter baljväxter om de känner igen rätten.", html);
        Assert.Contains("Eleverna gillar linsbollarna.", html);
        Assert.Contains("beslut vid avstämning", html);
        Assert.Equal("Skalar upp", Html.Fact(Html.Parse(await Client().GetStringAsync($"/initiatives/{Id(id)}")), "Fas"));
    }

    [SkippableFact]
    public async Task ACheckInIsAddedAndABadConfidenceIsNamed()
    {
        var client = Client();
        var id = await InitiativeIdAsync("Grönsaksrecept i vården");
        var url = $"/initiatives/{Id(id)}";
        var bad = WebUtility.HtmlDecode(await (await PageTests.PostFormAsync(client, url, new Dictionary<string, string>
        {
            ["Date"] = "2026-05-01", ["Status"] = "AtRisk", ["Confidence"] = "11", ["WhatHappened"] = "Få kök har börjat",
        })).Content.ReadAsStringAsync());
        Assert.Contains("måste vara ett heltal från 1 till 10.", bad);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.InitiativeId == id)));

        await PageTests.PostFormAsync(client, url, new Dictionary<string, string>
        {
            ["Date"] = "2026-05-01", ["Status"] = "AtRisk", ["Confidence"] = "6", ["WhatHappened"] = "Få kök har börjat",
        });
        Assert.Contains("Få kök har börjat", await GetAsync(url));
    }

    [SkippableFact]
    public async Task AReviewIsStartedWithAnAgendaAndItsDecisionMovesTheStage()
    {
        var client = Client();
        var mission = Factory.ExampleMissionId;
        var created = await PageTests.PostFormAsync(client, $"/missions/{Id(mission)}/reviews/new", new Dictionary<string, string>
        {
            ["Date"] = "2026-06-01", ["Kind"] = "YearlyCheckIn", ["Participants"] = "Karin Berg", ["Insights"] = "Svinnet minskar långsamt",
        });
        var reviewId = await Factory.WithDbAsync(db => db.Reviews.Where(r => r.MissionId == mission && r.Insights == "Svinnet minskar långsamt").Select(r => r.Id).FirstAsync());
        var html = await GetAsync($"/reviews/{Id(reviewId)}");
        Assert.Contains("Dagordning", html);
        Assert.Contains("Insatser ur kurs", html);

        var initiative = await InitiativeIdAsync("Testbädd för fossilfria redskap");
        var missing = WebUtility.HtmlDecode(await (await PageTests.PostFormAsync(client, $"/reviews/{Id(reviewId)}", new Dictionary<string, string>
        {
            ["InitiativeId"] = Id(initiative), ["Kind"] = "Stop", ["Rationale"] = "",
        })).Content.ReadAsStringAsync());
        Assert.Contains("Motivering", missing);
        await PageTests.PostFormAsync(client, $"/reviews/{Id(reviewId)}", new Dictionary<string, string>
        {
            ["InitiativeId"] = Id(initiative), ["Kind"] = "Stop", ["Rationale"] = "Leverantörerna har dragit sig ur",
        });
        Assert.Equal("Avslutad", Html.Fact(Html.Parse(await Client().GetStringAsync($"/initiatives/{Id(initiative)}")), "Fas"));
        var report = await GetAsync($"/reviews/{Id(reviewId)}/report");
        Assert.Contains("Leverantörerna har dragit sig ur", report);
        Assert.DoesNotContain("name=\"Form.Rationale\"", report);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    [SkippableFact]
    public async Task AStartNewDecisionOpensACopyOfTheInitiativeWhoseFirstStageLinksBackToTheReview()
    {
        var client = Client();
        var mission = Factory.ExampleMissionId;
        var (review, source, lead) = await Factory.WithDbAsync(async db =>
        {
            var r = await db.Reviews.Where(x => x.MissionId == mission).Select(x => x.Id).FirstAsync();
            var i = await db.Initiatives.Where(x => x.MissionId == mission).OrderBy(x => x.Id).Select(x => new { x.Id, x.LeadActorId }).FirstAsync();
            return (r, i.Id, i.LeadActorId);
        });
        var decided = await client.PostAsJsonAsync($"/api/v1/reviews/{Id(review)}/decisions", new { initiativeId = source, kind = "StartNew", rationale = "Ett nytt försök i större skala behövs." });
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);

        var reviewPage = await client.GetStringAsync($"/reviews/{Id(review)}");
        var link = $"/missions/{Id(mission)}/initiatives/new?from={Id(source)}&amp;review={Id(review)}";
        Assert.True(reviewPage.Contains(link, StringComparison.Ordinal), reviewPage[Math.Max(0, reviewPage.IndexOf("initiatives/new", StringComparison.Ordinal) - 80)..][..300]);
        var form = await client.GetStringAsync(WebUtility.HtmlDecode(link));
        // The lead is carried over: the picker shows it as chosen, its id in a hidden field.
        Assert.Equal(Id(lead), Html.Parse(form).QuerySelector("input[type=hidden][name='Form.LeadActorId']")?.GetAttribute("value"));

        await PageTests.PostFormAsync(client, WebUtility.HtmlDecode(link), new Dictionary<string, string>
        {
            ["Title"] = "Uppföljningen i stor skala", ["Type"] = "Demonstration", ["Stage"] = "Idea", ["LeadActorId"] = Id(lead), ["Currency"] = "SEK",
        });

        var firstStage = await Factory.WithDbAsync(db => db.StageChanges.Where(c => db.Initiatives.Any(i => i.Id == c.InitiativeId && i.Title == "Uppföljningen i stor skala")).Select(c => c.ReviewId).SingleAsync());
        Assert.Equal(review, firstStage);
    }

    [SkippableFact]
    public async Task AnInitiativeIsCreatedFromTheFormAndBadRowsAreNamed()
    {
        var client = Client();
        var mission = Factory.ExampleMissionId;
        var lead = await Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == "Grönt Fält AB").Select(a => a.Id).FirstAsync());
        var goal = await Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == mission && g.Title == "Mindre matsvinn").Select(g => g.Id).FirstAsync());
        var fields = new Dictionary<string, string>
        {
            ["Title"] = "Svinnfri grönsakslåda", ["Type"] = "Experiment", ["Stage"] = "Exploring", ["LeadActorId"] = Id(lead),
            ["Budget"] = "250 000", ["Currency"] = "SEK", ["StartDate"] = "2026-03-01", ["EndDate"] = "2025-03-01",
            ["Contributions[0].GoalId"] = Id(goal), ["Contributions[0].Size"] = "Low", ["Contributions[0].Confidence"] = "Medium",
            ["Levers[0].Value"] = "Technology", ["Levers[0].Selected"] = "true",
        };
        var bad = WebUtility.HtmlDecode(await (await PageTests.PostFormAsync(client, $"/missions/{Id(mission)}/initiatives/new", fields)).Content.ReadAsStringAsync());
        Assert.Contains("kan inte vara före startdatum (2026-03-01).", bad);
        Assert.False(await Factory.WithDbAsync(db => db.Initiatives.AnyAsync(i => i.Title == "Svinnfri grönsakslåda")));

        fields["EndDate"] = "2027-03-01";
        fields["Contributions[1].GoalId"] = Id(goal);
        var twoSizes = WebUtility.HtmlDecode(await (await PageTests.PostFormAsync(client, $"/missions/{Id(mission)}/initiatives/new", fields)).Content.ReadAsStringAsync());
        Assert.Contains("href=\"/missions/" + Id(mission) + "/initiatives/new#contributions-1-size\"", twoSizes);

        fields.Remove("Contributions[1].GoalId");
        await PageTests.PostFormAsync(client, $"/missions/{Id(mission)}/initiatives/new", fields);
        var id = await InitiativeIdAsync("Svinnfri grönsakslåda");
        var html = await GetAsync($"/initiatives/{Id(id)}");
        Assert.Equal(250_000, await Factory.WithDbAsync(db => db.Initiatives.Where(i => i.Id == id).Select(i => i.Budget).FirstAsync()));
        Assert.Contains("Mindre matsvinn", html);
    }

    [SkippableFact]
    public async Task AHypothesisIsWrittenDownAndUpdated()
    {
        var client = Client();
        var id = await InitiativeIdAsync("Matnav för lokala odlare");
        await PageTests.PostFormAsync(client, $"/initiatives/{Id(id)}/hypotheses/new", new Dictionary<string, string>
        {
            ["Belief"] = "Odlare ansluter om hämtningen är gratis", ["Test"] = "Erbjud gratis hämtning i tre månader", ["Result"] = "Open",
        });
        Assert.Contains("Odlare ansluter om hämtningen är gratis", await GetAsync($"/initiatives/{Id(id)}"));
    }

    [SkippableTheory]
    [InlineData("/missions/999999/portfolio")]
    [InlineData("/initiatives/999999/edit")]
    [InlineData("/missions/999999/initiatives/new")]
    [InlineData("/hypotheses/999999/edit")]
    [InlineData("/initiatives/999999")]
    [InlineData("/reviews/999999")]
    [InlineData("/reviews/999999/report")]
    [InlineData("/missions/999999/reviews/new")]
    public async Task UnknownIdIsA404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync(url)).StatusCode);
}

public sealed class SqlitePortfolioPageTests(SqliteAppFactory factory) : PortfolioPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPortfolioPageTests(PostgresAppFactory factory) : PortfolioPageTests(factory), IClassFixture<PostgresAppFactory>;
