using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Masten.Web.Tests;

/// <summary>Yearly reports: frozen once, never changed by later corrections, compared, downloaded; once on SQLite and once on PostgreSQL.</summary>
public abstract class ReportsTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    private HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static async Task<JsonNode> Created(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<JsonObject> Problem(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
    }

    /// <summary>A mission (baseline 2020) with one goal and one indicator, observed at the end of 2023 and 2024; published unless asked otherwise.</summary>
    private async Task<(int Mission, int Indicator, int Observation2024)> MissionAsync(HttpClient client, bool publish = true)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var body = new { programmeId, title = "Fossilfria transporter", statement = "Alla transporter går utan fossila bränslen.", baselineYear = 2020, horizonYear = 2035 };
        var mission = (int)(await Created(client.PostAsJsonAsync("/api/v1/missions", body)))["id"]!;
        var goal = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Elektrifierade fordon" })))["id"]!;
        var indicator = (int)(await Created(client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Andel elbilar", unit = "%", direction = "HigherIsBetter", frequency = "Yearly", source = "Trafikanalys",
            baselineDate = "2020-12-31", baselineValue = 10, targets = new[] { new { date = "2030-12-31", value = 60 } }, shape = "Linear",
        })))["id"]!;
        await Created(client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2023-12-31", value = 20.5, source = "Trafikanalys" }));
        var observation = (int)(await Created(client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2024-12-31", value = 31.25, source = "Trafikanalys" })))["id"]!;
        if (publish)
        {
            var published = await client.PutAsJsonAsync($"/api/v1/missions/{mission}", new { body.programmeId, body.title, body.statement, body.baselineYear, body.horizonYear, status = "Active", version = 1, validFrom = "2021-01-01" });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }
        return (mission, indicator, observation);
    }

    private static Task<JsonNode> FreezeAsync(HttpClient client, int mission, string asOf, string title = "Årlig avstämning 2025", string? summary = "Ett år med stark elektrifiering.") =>
        Created(client.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title, asOf, summary }));

    [SkippableFact]
    public async Task AFrozenReportKeepsItsFiguresAfterAnObservationIsCorrected()
    {
        var client = Client();
        var (mission, indicator, observation) = await MissionAsync(client);
        var frozen = await FreezeAsync(client, mission, "2025-06-30");
        var id = (int)frozen["id"]!;
        var frozenIndicator = frozen["content"]!["indicators"]![0]!;
        Assert.Equal(31.25, (double)frozenIndicator["latest"]!["value"]!);
        Assert.Equal(1, (int)frozen["schemaVersion"]!);

        await Created(client.PostAsJsonAsync($"/api/v1/observations/{observation}/corrections", new { date = "2024-12-31", value = 99, source = "Trafikanalys", reason = "Fel i källan." }));

        // The live view as of the same date follows the correction; the report does not.
        var live = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/progress?asOf=2025-06-30"))!;
        Assert.Equal(99, (double)live["indicators"]![0]!["assessment"]!["latest"]!["value"]!);
        var again = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/reports/{id}"))!;
        Assert.Equal(31.25, (double)again["content"]!["indicators"]![0]!["latest"]!["value"]!);
        Assert.Equal(frozen["content"]!.ToJsonString(), again["content"]!.ToJsonString());

        // The page says it is frozen, links to the current view, and shows the frozen value.
        var page = Parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/reports/{id}"));
        Assert.Equal("Årlig avstämning 2025", page.QuerySelector("h1")!.TextContent);
        var notice = page.QuerySelector("[role=note]")!;
        Assert.Contains("ändras inte i efterhand", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/missions/{mission}/progress", notice.QuerySelector("a")!.GetAttribute("href"));
        var row = page.QuerySelectorAll("tr").First(r => r.QuerySelector("th")?.TextContent.Contains("Andel elbilar", StringComparison.Ordinal) == true);
        Assert.Contains("31,25 %", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("99", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ett år med stark elektrifiering.", page.QuerySelector("article")!.TextContent, StringComparison.Ordinal);
        _ = indicator;
    }

    [SkippableFact]
    public async Task TheWordDocumentAndTheSpreadsheetOpenAndHoldTheFrozenFigures()
    {
        var client = Client();
        var (mission, _, observation) = await MissionAsync(client);
        var id = (int)(await FreezeAsync(client, mission, "2025-06-30"))["id"]!;
        await Created(client.PostAsJsonAsync($"/api/v1/observations/{observation}/corrections", new { date = "2024-12-31", value = 99, reason = "Fel i källan." }));

        foreach (var prefix in new[] { "/api/v1", "" })
        {
            var docx = await client.GetAsync($"{prefix}/missions/{mission}/reports/{id}/docx");
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
            using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
            {
                var body = word.MainDocumentPart!.Document!.Body!;
                var headings = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                    .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true).Select(p => p.InnerText).ToList();
                Assert.Equal("Årlig avstämning 2025", headings[0]);
                Assert.Contains("Indikatorer", headings);
                var indicatorRow = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
                    .Select(r => r.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList())
                    .First(cells => cells.Contains("Andel elbilar"));
                Assert.Contains("31,25", indicatorRow);
                Assert.Contains("60", indicatorRow);
                Assert.DoesNotContain("99", indicatorRow);
                Assert.Contains("Ett år med stark elektrifiering.", body.InnerText, StringComparison.Ordinal);
            }

            var xlsx = await client.GetAsync($"{prefix}/missions/{mission}/reports/{id}/xlsx");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
            Assert.Contains("Indikatorer", MiniExcel.GetSheetNames(sheet));
            var rows = sheet.Query(useHeaderRow: true, sheetName: "Indikatorer").Cast<IDictionary<string, object>>().ToList();
            var row = Assert.Single(rows);
            Assert.Equal("Andel elbilar", row["Indikator"]);
            Assert.Equal(31.25, Convert.ToDouble(row["Senaste värde"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(60, Convert.ToDouble(row["Mål"], System.Globalization.CultureInfo.InvariantCulture));
            var rounds = sheet.Query(useHeaderRow: true, sheetName: "Åtaganden per omgång").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal("Totalt", Assert.Single(rounds)["Omgång"]);
        }
    }

    [SkippableFact]
    public async Task BadInputIsRefusedNamingTheFieldAndStoresNothing()
    {
        var client = Client();
        var (mission, _, _) = await MissionAsync(client);
        var (draft, _, _) = await MissionAsync(client, publish: false);
        var before = await Factory.WithDbAsync(db => db.MissionReports.CountAsync());
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.True((await Problem(client.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title = "Tidigt", asOf = "2019-12-31" }))).ContainsKey("asOf"));
        Assert.True((await Problem(client.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title = "Framtiden", asOf = future }))).ContainsKey("asOf"));
        Assert.True((await Problem(client.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title = "  ", asOf = "2025-06-30" }))).ContainsKey("title"));
        var draftErrors = await Problem(client.PostAsJsonAsync($"/api/v1/missions/{draft}/reports", new { title = "Utkast", asOf = "2025-06-30" }));
        Assert.Contains("utkast", draftErrors["missionId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True((await Problem(client.GetAsync($"/api/v1/missions/{mission}/reports/compare?from=1"))).ContainsKey("to"));

        // The page shows the message beside the field and stores nothing either.
        var response = await PageTests.PostFormAsync(client, $"/missions/{mission}/reports/new", new Dictionary<string, string> { ["Title"] = "Framtiden", ["AsOf"] = future, ["Summary"] = "" });
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("får inte ligga efter i dag", page.QuerySelector("#asOf-error")!.TextContent, StringComparison.Ordinal);
        var draftPage = Parser.ParseDocument(await (await PageTests.PostFormAsync(client, $"/missions/{draft}/reports/new", new Dictionary<string, string> { ["Title"] = "Utkast", ["AsOf"] = "2025-06-30" })).Content.ReadAsStringAsync());
        Assert.Contains("Publicera missionen", draftPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(before, await Factory.WithDbAsync(db => db.MissionReports.CountAsync()));
    }

    [SkippableFact]
    public async Task TheOfficeFreezesAReportFromThePageAndThePublicReadsIt()
    {
        var client = Client();
        var (mission, _, _) = await MissionAsync(client);
        var response = await PageTests.PostFormAsync(client, $"/missions/{mission}/reports/new",
            new Dictionary<string, string> { ["Title"] = "Årlig avstämning 2024", ["AsOf"] = "2024-12-31", ["Summary"] = "Första året." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reportUrl = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches($"^/missions/{mission}/reports/\\d+$", reportUrl);

        var anonymous = Factory.CreateAnonymousClient();
        var page = Parser.ParseDocument(await anonymous.GetStringAsync(reportUrl));
        Assert.Equal("Årlig avstämning 2024", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(reportUrl + "/docx")).StatusCode);
        // The mission page links to the reports; the public may read them but not freeze one.
        var missionPage = Parser.ParseDocument(await anonymous.GetStringAsync($"/missions/{mission}"));
        Assert.NotNull(missionPage.QuerySelector($"a[href='/missions/{mission}/reports']"));
        var list = Parser.ParseDocument(await anonymous.GetStringAsync($"/missions/{mission}/reports"));
        Assert.Null(list.QuerySelector($"a[href='/missions/{mission}/reports/new']"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title = "X", asOf = "2024-12-31" })).StatusCode);
    }

    [SkippableFact]
    public async Task TwoReportsAreListedAndComparedSideBySide()
    {
        var client = Client();
        var (mission, indicator, _) = await MissionAsync(client);
        var first = (int)(await FreezeAsync(client, mission, "2024-06-30", "Årlig avstämning 2024"))["id"]!;
        await Created(client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2025-12-31", value = 45 }));
        var second = (int)(await FreezeAsync(client, mission, "2026-01-31", "Årlig avstämning 2025"))["id"]!;

        var list = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/reports?pageSize=1"))!;
        Assert.Equal(2, (int)list["totalCount"]!);
        Assert.Equal(second, (int)list["items"]![0]!["id"]!);

        var comparison = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/reports/compare?from={first}&to={second}"))!;
        var change = comparison["indicators"]![0]!;
        Assert.Equal(20.5, (double)change["valueBefore"]!);
        Assert.Equal(45, (double)change["valueAfter"]!);
        Assert.Equal("Improved", (string)change["valueTrend"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/reports/compare?from={first}&to={second}")).StatusCode);

        var listPage = Parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/reports"));
        Assert.Equal(["Årlig avstämning 2025", "Årlig avstämning 2024"], listPage.QuerySelectorAll("tbody th a").Select(a => a.TextContent));
        var page = Parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/reports/compare?from={first}&to={second}"));
        var row = page.QuerySelectorAll("tr").First(r => r.QuerySelector("th")?.TextContent == "Andel elbilar");
        Assert.Contains("+24,5 (bättre)", row.TextContent, StringComparison.Ordinal);
        // The second report's decisions start after the first report's date.
        var secondReport = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/reports/{second}"))!;
        Assert.Equal("2024-06-30", (string)secondReport["content"]!["decisionsAfter"]!);
    }

    [SkippableFact]
    public async Task TheOpenApiDocumentDescribesTheReportRoutesButNotThePageDownloads()
    {
        var document = JsonNode.Parse(await Client().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/v1/missions/{id}/reports", "/api/v1/missions/{id}/reports/{reportId}", "/api/v1/missions/{id}/reports/compare",
            "/api/v1/missions/{id}/reports/{reportId}/docx", "/api/v1/missions/{id}/reports/{reportId}/xlsx" })
            Assert.Contains(path, paths);
        Assert.DoesNotContain("/missions/{id}/reports/{reportId}/docx", paths);
        Assert.NotNull(document["paths"]!["/api/v1/missions/{id}/reports"]!["post"]);
    }
}

public sealed class SqliteReportsTests(SqliteAppFactory factory) : ReportsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReportsTests(PostgresAppFactory factory) : ReportsTests(factory), IClassFixture<PostgresAppFactory>;
