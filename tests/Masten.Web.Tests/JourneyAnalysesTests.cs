using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The journey page shows the timing, cohort and caseload analyses, on hand-built journeys with known answers.</summary>
public abstract class JourneyAnalysesTests(MastenAppFactory factory)
{
    private static List<string[]> Rows(IElement table) =>
        table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [SkippableFact]
    public async Task TheJourneyPageShowsTheMedianAndEightiethPercentileBetweenStepsTheCohortCurveAndTheCaseloads()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Tider " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        var journey = await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        var steps = JsonNode.Parse(await journey.Content.ReadAsStringAsync())!["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
        var (navigator, _) = await factory.CreateUserAsync($"nav-{Guid.NewGuid():N}@masten.test", [new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator }]);
        // Two companies of the 2025 cohort take 10 and 30 days from the first step to the second: median 20, 80th percentile 26.
        foreach (var (days, nav) in new[] { (10, (int?)navigator.Id), (30, null) })
        {
            var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name = "Verkstad " + Guid.NewGuid().ToString("N")[..6], type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
            var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
            var participant = await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", navigatorId = nav, joinedOn = "2025-01-15" });
            var id = (int)JsonNode.Parse(await participant.Content.ReadAsStringAsync())!["id"]!;
            await admin.PostAsJsonAsync($"/api/v1/participants/{id}/events", new { stepId = steps[0], date = "2025-02-01" });
            await admin.PostAsJsonAsync($"/api/v1/participants/{id}/events", new { stepId = steps[1], date = new DateOnly(2025, 2, 1).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }

        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync($"/missions/{mission}/journey"));
        var timing = page.QuerySelector("section[aria-labelledby=timing-heading]")!;
        var tables = timing.QuerySelectorAll("table").ToList();
        Assert.Equal(["Första kontakt till Kartlagd värdekedja", "2", "20", "26"], Rows(tables[0])[0]);
        Assert.Equal(["Kartlagd värdekedja till Ny affärsmodell", "0", "–", "–"], Rows(tables[0])[1]);
        // Both had started within three months of joining; nobody has been in for 24 months yet (if today is before 2027-01-15).
        var cohort = Rows(tables[1]).Single();
        Assert.Equal("2025 (2)", cohort[0]);
        Assert.Equal("100 %", cohort[1]);
        if (DateOnly.FromDateTime(DateTime.UtcNow) < new DateOnly(2027, 1, 15))
            Assert.Equal("–", cohort[4]);

        var caseloads = page.QuerySelector("section[aria-labelledby=caseload-heading]")!;
        Assert.Contains("i snitt 1 företag var (minst 1, högst 1)", caseloads.TextContent);
        Assert.Equal("1", Rows(caseloads.QuerySelector("table")!).Single()[1]);

        // A visitor sees the timing (counts only) but not the navigators.
        var visitor = await new HtmlParser().ParseDocumentAsync(await factory.CreateAnonymousClient().GetStringAsync($"/missions/{mission}/journey"));
        Assert.NotNull(visitor.QuerySelector("section[aria-labelledby=timing-heading]"));
        Assert.Null(visitor.QuerySelector("section[aria-labelledby=caseload-heading]"));
    }

    [SkippableFact]
    public async Task TheJourneyPageComparesMovementAfterAnActivityWithMovementAfterJoiningWithoutOne()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Aktiviteter " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        var journey = await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        var steps = JsonNode.Parse(await journey.Content.ReadAsStringAsync())!["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name = "Tryckeri " + Guid.NewGuid().ToString("N")[..6], type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
            var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
            var participant = await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15" });
            ids.Add((int)JsonNode.Parse(await participant.Content.ReadAsStringAsync())!["id"]!);
        }
        // The first attends a lab and takes a step 19 days later; the second, without activities, 45 days after joining; the third never moves.
        Assert.Equal(System.Net.HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/activities", new { date = "2025-02-01", kind = "Lab", title = "Labb", participantIds = new[] { ids[0] } })).StatusCode);
        await admin.PostAsJsonAsync($"/api/v1/participants/{ids[0]}/events", new { stepId = steps[0], date = "2025-02-20" });
        await admin.PostAsJsonAsync($"/api/v1/participants/{ids[1]}/events", new { stepId = steps[0], date = "2025-03-01" });

        var page = await new HtmlParser().ParseDocumentAsync(await factory.CreateAnonymousClient().GetStringAsync($"/missions/{mission}/journey"));
        var section = page.QuerySelector("section[aria-labelledby=attendance-heading]")!;
        Assert.Equal([["Inom 30 dagar", "1 av 1 (100 %)", "0 av 2 (0 %)"], ["Inom 90 dagar", "1 av 1 (100 %)", "1 av 2 (50 %)"]], Rows(section.QuerySelector("table")!));
        Assert.Contains("inte en orsak", section.TextContent);

        var api = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/missions/{mission}/journey/attendance"))!.AsArray();
        Assert.Equal([30, 90], api.Select(w => (int)w!["days"]!));
        Assert.Equal(0.5, (double)api[1]!["notAttended"]!["share"]!);
        Assert.Equal(2, (int)api[1]!["notAttended"]!["participants"]!);
    }

    [SkippableFact]
    public async Task TheParticipantListSaysInWordsWhichCompaniesAreNamedPublicly()
    {
        factory.RequireDatabase();
        var admin = factory.CreateClient();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Namn " + Guid.NewGuid().ToString("N")[..8], "Fler företag ställer om.", 2024, 2030);
        await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 });
        var suffix = Guid.NewGuid().ToString("N")[..6];
        foreach (var (name, named) in new[] { ($"Öppet Bageri {suffix}", true), ($"Tyst Gjuteri {suffix}", false) })
        {
            var actor = await admin.PostAsJsonAsync("/api/v1/actors", new { name, type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() });
            var actorId = (int)JsonNode.Parse(await actor.Content.ReadAsStringAsync())!["id"]!;
            Assert.Equal(System.Net.HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", new { actorId, cohort = "2025", sizeClass = "Small", joinedOn = "2025-01-15", namedPublicly = named })).StatusCode);
        }

        // Both joined long ago without a move, so both are in the stalled list; only one agreed to be named.
        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync($"/missions/{mission}/journey"));
        var names = page.QuerySelectorAll("section[aria-labelledby=stalled-heading] tbody th").Select(t => System.Text.RegularExpressions.Regex.Replace(t.TextContent, @"\s+", " ").Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"Tyst Gjuteri {suffix}", $"Öppet Bageri {suffix} (namnges offentligt)"], names);
    }
}

public sealed class SqliteJourneyAnalysesTests(SqliteAppFactory factory) : JourneyAnalysesTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresJourneyAnalysesTests(PostgresAppFactory factory) : JourneyAnalysesTests(factory), IClassFixture<PostgresAppFactory>;
