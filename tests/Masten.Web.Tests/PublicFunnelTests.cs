using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The public page of a published mission shows the journey's funnel as counts only, never which companies stand where, except those that agreed to be named.</summary>
public abstract class PublicFunnelTests(MastenAppFactory factory)
{
    [SkippableFact]
    public async Task AVisitorSeesHowManyCompaniesReachedEachStepButNoCompany()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Företag " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        var journey = await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        var steps = JsonNode.Parse(await journey.Content.ReadAsStringAsync())!["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var name = $"Hemligt Snickeri {i} {Guid.NewGuid().ToString("N")[..6]} AB";
            names.Add(name);
            var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name, type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
            var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
            var participant = await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15" });
            var participantId = (int)JsonNode.Parse(await participant.Content.ReadAsStringAsync())!["id"]!;
            // Two reach the started step, one stays at the first.
            var response = await admin.PostAsJsonAsync($"/api/v1/participants/{participantId}/events", new { stepId = steps[i == 0 ? 0 : 1], date = "2025-06-01" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var html = await factory.CreateAnonymousClient().GetStringAsync($"/missions/{mission}");
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var section = page.QuerySelector("section[aria-labelledby=public-funnel-heading]");
        Assert.NotNull(section);
        Assert.Contains("3 företag deltar. 2 har kommit i gång.", section.TextContent);
        var rows = section.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim())).ToList();
        Assert.Equal([("Första kontakt", "3"), ("Kartlagd värdekedja (räknas som i gång)", "2"), ("Ny affärsmodell", "0")], rows);
        Assert.All(names, n => Assert.DoesNotContain(n, html, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AVisitorSeesTheCompaniesThatAgreedToBeNamedWithTheirStepAndNoOther()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Namngivna " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        var journey = await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        var steps = JsonNode.Parse(await journey.Content.ReadAsStringAsync())!["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        async Task<int> AddAsync(string name, bool namedPublicly)
        {
            var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name, type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
            var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
            var participant = await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15", namedPublicly });
            Assert.Equal(HttpStatusCode.Created, participant.StatusCode);
            return (int)JsonNode.Parse(await participant.Content.ReadAsStringAsync())!["id"]!;
        }
        var named = await AddAsync($"Öppna Bageriet {suffix} AB", namedPublicly: true);
        await AddAsync($"Öppna Cykelverkstaden {suffix} AB", namedPublicly: true);
        var hidden = await AddAsync($"Tysta Gjuteriet {suffix} AB", namedPublicly: false);
        foreach (var id in new[] { named, hidden })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/participants/{id}/events", new { stepId = steps[1], date = "2025-06-01" })).StatusCode);

        var html = await factory.CreateAnonymousClient().GetStringAsync($"/missions/{mission}");
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var table = page.QuerySelector("table[aria-labelledby=public-named-heading]");
        Assert.NotNull(table);
        Assert.Contains("2 företag har gått med på att namnges", table.QuerySelector("caption")!.TextContent);
        var rows = table.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim())).ToList();
        Assert.Equal([($"Öppna Bageriet {suffix} AB", "Kartlagd värdekedja"), ($"Öppna Cykelverkstaden {suffix} AB", "Inget steg ännu")], rows);
        Assert.DoesNotContain("Tysta Gjuteriet", html, StringComparison.Ordinal);
        // The funnel still counts the unnamed company.
        Assert.Contains("3 företag deltar. 2 har kommit i gång.", page.QuerySelector("section[aria-labelledby=public-funnel-heading]")!.TextContent);
    }

    [SkippableFact]
    public async Task TheNamedPagerKeepsThePagesOtherParameters()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Många namngivna " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 })).StatusCode);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rows = Enumerable.Range(0, 27).Select(i => new { organisationNumber = ActorsApiTests.NewSwedishNumber(), name = $"Namngivet {i:00} {suffix} AB", country = "Sweden", cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15" }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants/bulk", rows)).StatusCode);
        Assert.Equal(27, await factory.WithDbAsync(db => db.Participants.Where(p => p.MissionId == mission).ExecuteUpdateAsync(u => u.SetProperty(p => p.NamedPublicly, true))));

        var visitor = factory.CreateAnonymousClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = await new HtmlParser().ParseDocumentAsync(await visitor.GetStringAsync($"/missions/{mission}?asOf={today}&actors=1&named=1"));
        var next = first.QuerySelector("section[aria-labelledby=public-funnel-heading] a[rel=next]")?.GetAttribute("href");
        Assert.NotNull(next);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), next).Query);
        Assert.Equal(today, query["asOf"].ToString());
        Assert.Equal("1", query["actors"].ToString());
        Assert.Equal("2", query["named"].ToString());

        var second = await new HtmlParser().ParseDocumentAsync(await visitor.GetStringAsync(next));
        var names = second.QuerySelectorAll("table[aria-labelledby=public-named-heading] tbody th").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal([$"Namngivet 25 {suffix} AB", $"Namngivet 26 {suffix} AB"], names);
        Assert.Contains($"asOf={today}", second.QuerySelector("section[aria-labelledby=public-funnel-heading] a[rel=prev]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AMissionWithoutAJourneyShowsNoFunnel()
    {
        factory.RequireDatabase();
        var html = await factory.CreateAnonymousClient().GetStringAsync($"/missions/{factory.ExampleMissionId}");
        Assert.Null((await new HtmlParser().ParseDocumentAsync(html)).QuerySelector("section[aria-labelledby=public-funnel-heading]"));
    }
}

public sealed class SqlitePublicFunnelTests(SqliteAppFactory factory) : PublicFunnelTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPublicFunnelTests(PostgresAppFactory factory) : PublicFunnelTests(factory), IClassFixture<PostgresAppFactory>;
