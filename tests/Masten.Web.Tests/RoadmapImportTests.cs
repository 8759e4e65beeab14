using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Core.Imports;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>
/// Roadmap imports (kind=roadmap) over the API and the Importera page: a preview stores nothing, applying into an active mission is one
/// roadmap revision with its reason (none: 400 naming reason, nothing stored), a re-import has nothing to apply and records nothing, and a
/// bad cell is named by its row and column with nothing changed; on SQLite and PostgreSQL.
/// </summary>
public abstract class RoadmapImportTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>An active mission (2020–2035, version 1) with the goal "Rent vatten" and its indicator 1.1, Fosfor: 120 t in 2020, 60 in 2030, 10 in 2035.</summary>
    private async Task<(int Mission, int Goal, int Indicator)> ActiveMissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Färdplansimport", statement = "Havet mår bra.", baselineYear = 2020, horizonYear = 2035 }), HttpStatusCode.Created))["id"]!;
        var goal = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Rent vatten" }), HttpStatusCode.Created))["id"]!;
        var indicator = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, code = "1.1", name = "Fosfor", unit = "t", direction = "LowerIsBetter", frequency = "Yearly", source = "SMHI",
            baselineDate = "2020-12-31", baselineValue = 120.0, shape = "Linear",
            targets = new[] { new { date = "2030-12-31", value = 60.0 }, new { date = "2035-12-31", value = 10.0 } },
        }), HttpStatusCode.Created))["id"]!;
        await ApiJson.Read(await client.PutAsJsonAsync($"/api/v1/missions/{mission}", new
        {
            programmeId, title = "Färdplansimport", statement = "Havet mår bra.", baselineYear = 2020, horizonYear = 2035, status = "Active", version = 1, validFrom = "2021-01-01",
        }), HttpStatusCode.OK);
        return (mission, goal, indicator);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>Indicator 1.1 with a new 2030 target, a new goal under Rent vatten and a new indicator under it.</summary>
    private const string File = "delmål;överordnat delmål;kod;indikator;enhet;riktning;basår;basvärde;2030;2035\n"
        + "Rent vatten;;1.1;Fosfor;t;lägre är bättre;2020;120;50;10\n"
        + "Friska sjöar;Rent vatten;2.1;Siktdjup;m;högre är bättre;2021;3,5;4;4,5\n";

    private Task<(int Goals, int Indicators, int Versions, int Imports)> CountsAsync(int mission) => Factory.WithDbAsync(async db => (
        await db.Goals.CountAsync(g => g.MissionId == mission),
        await db.Indicators.CountAsync(i => i.Goal!.MissionId == mission),
        await db.RoadmapVersions.CountAsync(v => v.MissionId == mission),
        await db.Set<ImportRecord>().CountAsync(x => x.MissionId == mission)));

    [SkippableFact]
    public async Task APreviewStoresNothingTheApplyIsOneRevisionWithItsReasonAndAReimportHasNothingToApply()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, goal, indicator) = await ActiveMissionAsync(client);
        var before = await CountsAsync(mission);
        Assert.Equal((1, 1, 1, 0), before);
        var url = $"/api/v1/missions/{mission}/imports?kind=roadmap";

        var preview = await ApiJson.Read(await client.PostAsync(url + "&dryRun=true", Csv(File)), HttpStatusCode.OK);
        Assert.Equal(("Roadmap", 1, 1, 0, false), ((string)preview["kind"]!, (int)preview["create"]!, (int)preview["update"]!, (int)preview["rejected"]!, (bool)preview["applied"]!));
        Assert.Equal("targets", (string)preview["items"]![0]!["changes"]!);
        Assert.Equal(before, await CountsAsync(mission));

        // An active mission's roadmap changes by revision: without a reason nothing is stored.
        var refused = await ApiJson.Read(await client.PostAsync(url, Csv(File)), HttpStatusCode.BadRequest);
        Assert.True(refused["errors"]!.AsObject().ContainsKey("reason"));
        Assert.Equal(before, await CountsAsync(mission));

        var applied = await ApiJson.Read(await client.PostAsync(url + "&reason=" + Uri.EscapeDataString("Nya mål efter avstämningen"), Csv(File)), HttpStatusCode.Created);
        var importId = (int)applied["importId"]!;
        Assert.Equal((2, 2, 2, 1), await CountsAsync(mission));
        var version = await Factory.WithDbAsync(db => db.RoadmapVersions.Where(v => v.MissionId == mission).OrderByDescending(v => v.Number).Select(v => new { v.Number, v.Reason, v.CreatedBy }).FirstAsync());
        Assert.Equal((2, "Nya mål efter avstämningen"), (version.Number, version.Reason));
        Assert.StartsWith($"import #{importId} by ", version.CreatedBy, StringComparison.Ordinal);
        var lake = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().SingleAsync(g => g.MissionId == mission && g.Title == "Friska sjöar"));
        Assert.Equal(goal, lake.ParentId);
        var depth = await Factory.WithDbAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Code == "2.1" && i.GoalId == lake.Id));
        Assert.Equal(("Siktdjup", "m", 3.5), (depth.Name, depth.Unit, depth.BaselineValue));
        Assert.Equal([4.0, 4.5], depth.Targets.OrderBy(t => t.Date).Select(t => t.Value));
        Assert.Equal([50.0, 10.0], await Factory.WithDbAsync(db => db.IndicatorTargets.Where(t => t.IndicatorId == indicator).OrderBy(t => t.Date).Select(t => t.Value).ToListAsync()));
        var causes = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.ChangedBy.StartsWith($"import #{importId} by ")).Select(c => c.EntityType).ToListAsync());
        Assert.Equal(["Goal", "Indicator", "Indicator"], causes.Where(c => c is "Goal" or "Indicator").Order());

        // The same file again: nothing to apply, no revision and no import recorded.
        var again = await ApiJson.Read(await client.PostAsync(url + "&reason=igen", Csv(File)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, true, false), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!, (bool)again["applied"]!));
        Assert.Equal((2, 2, 2, 1), await CountsAsync(mission));
    }

    [SkippableFact]
    public async Task ABadCellIsNamedByItsRowAndColumnAndNothingIsChanged()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, indicator) = await ActiveMissionAsync(client);
        var before = await CountsAsync(mission);
        var bad = File.Replace("3,5;4;4,5", "3,5;fyra;4,5", StringComparison.Ordinal) + "Friska sjöar;Levande kust;;;;;;;;\n";
        var problem = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=roadmap&reason=test", Csv(bad)), HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string?)e["value"], (string)e["code"]!)).ToList();
        Assert.Equal([(3, "2030", "fyra", "InvalidNumber"), (4, "överordnat delmål", "Levande kust", "UnknownParentGoal")], errors);
        Assert.Equal(before, await CountsAsync(mission));
        Assert.Equal([60.0, 10.0], await Factory.WithDbAsync(db => db.IndicatorTargets.Where(t => t.IndicatorId == indicator).OrderBy(t => t.Date).Select(t => t.Value).ToListAsync()));
    }

    [SkippableFact]
    public async Task ThePageAsksForTheReasonAppliesOnceAndThenHasNothingToApply()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, _) = await ActiveMissionAsync(client);
        var url = $"/missions/{mission}/import";
        var empty = Parser.ParseDocument(await client.GetStringAsync(url));
        Assert.Contains(empty.QuerySelectorAll("select#kind option"), o => o.GetAttribute("value") == "roadmap");
        Assert.Contains(empty.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/imports/templates/roadmap?format=csv");
        var pasted = File.Replace(';', '\t');

        var (status, page) = await ImportPageTests.PostAsync(client, url, "preview", empty, new() { ["Form.Kind"] = "roadmap", ["Form.Paste"] = pasted });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelector("textarea#reason"));
        var (refusedStatus, refused) = await ImportPageTests.PostAsync(client, url, "apply", page, []);
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.NotNull(refused.QuerySelector(".field-error"));
        Assert.Equal((1, 1, 1, 1), await CountsAsync(mission)); // the kept preview only

        var (appliedStatus, applied) = await ImportPageTests.PostAsync(client, url, "apply", refused, new() { ["Form.Reason"] = "Nya mål" });
        Assert.Equal(HttpStatusCode.OK, appliedStatus);
        Assert.Contains("är tillämpad", applied.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((2, 2, 2, 1), await CountsAsync(mission));

        var (_, again) = await ImportPageTests.PostAsync(client, url, "preview", applied, new() { ["Form.Kind"] = "roadmap", ["Form.Paste"] = pasted });
        Assert.Contains("det finns inget att tillämpa", again.QuerySelector(".import-preview")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("form.import-apply"));
        Assert.Equal((2, 2, 2, 1), await CountsAsync(mission));
    }

    [SkippableFact]
    public async Task ThePageCitesOneOfTheMissionsReviewsAndDatesTheRevisionAndNamesABadReviewOrDate()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, _) = await ActiveMissionAsync(client);
        var (other, _, _) = await ActiveMissionAsync(client);
        var review = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/reviews", new { missionId = mission, date = "2026-03-01", kind = "YearlyCheckIn" }), HttpStatusCode.Created))["id"]!;
        var foreign = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/reviews", new { missionId = other, date = "2026-03-02", kind = "YearlyCheckIn" }), HttpStatusCode.Created))["id"]!;
        var url = $"/missions/{mission}/import";
        var (_, page) = await ImportPageTests.PostAsync(client, url, "preview", Parser.ParseDocument(await client.GetStringAsync(url)),
            new() { ["Form.Kind"] = "roadmap", ["Form.Paste"] = File.Replace(';', '\t') });

        // The review is a choice of this mission's reviews only; the date is a date input.
        var offered = page.QuerySelectorAll("form.import-apply select#reviewId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", review.ToString(System.Globalization.CultureInfo.InvariantCulture)], offered);
        Assert.Equal("date", page.QuerySelector("form.import-apply input#validFrom")!.GetAttribute("type"));
        Assert.NotNull(page.QuerySelector("label[for=reviewId]"));
        Assert.NotNull(page.QuerySelector("label[for=validFrom]"));

        // Each bad value is named by its field in the summary, and nothing is stored.
        foreach (var (field, reviewId, validFrom) in new[] { ("validFrom", "", "2020-06-01"), ("validFrom", "", "inte ett datum"), ("reviewId", foreign.ToString(System.Globalization.CultureInfo.InvariantCulture), "") })
        {
            var (status, refused) = await ImportPageTests.PostAsync(client, url, "apply", page, new() { ["Form.Reason"] = "Nya mål", ["Form.ReviewId"] = reviewId, ["Form.ValidFrom"] = validFrom });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var named = refused.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!.Split('#')[^1]).ToList();
            Assert.Equal([field], named);
            Assert.NotNull(refused.QuerySelector("form.import-apply"));
            Assert.Equal((1, 1, 1, 1), await CountsAsync(mission)); // the kept preview only
        }

        var (appliedStatus, applied) = await ImportPageTests.PostAsync(client, url, "apply", page,
            new() { ["Form.Reason"] = "Nya mål efter avstämningen", ["Form.ReviewId"] = review.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.ValidFrom"] = "2026-04-01" });
        Assert.Equal(HttpStatusCode.OK, appliedStatus);
        Assert.Contains("är tillämpad", applied.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var version = await Factory.WithDbAsync(db => db.RoadmapVersions.Where(v => v.MissionId == mission).OrderByDescending(v => v.Number).Select(v => new { v.Number, v.Reason, v.ReviewId, v.ValidFrom }).FirstAsync());
        Assert.Equal((2, "Nya mål efter avstämningen", (int?)review, new DateOnly(2026, 4, 1)), (version.Number, version.Reason, version.ReviewId, version.ValidFrom));
    }

    [SkippableFact]
    public async Task TheTemplateHasTheHeaderTheImportReads()
    {
        Factory.RequireDatabase();
        var csv = await Factory.CreateClient().GetStringAsync("/api/v1/imports/templates/roadmap?format=csv");
        var header = csv.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r').Split(';');
        var map = RoadmapRows.MapHeader(header);
        Assert.Equal(2, map.Targets.Count);
        Assert.Empty(map.Ignored);
    }
}

public sealed class SqliteRoadmapImportTests(SqliteAppFactory factory) : RoadmapImportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRoadmapImportTests(PostgresAppFactory factory) : RoadmapImportTests(factory), IClassFixture<PostgresAppFactory>;
