using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Masten.Web.Tests;

/// <summary>Downloads of the tables users see (observations, commitments, initiatives, audit log) as CSV and XLSX, with the page's filters; on SQLite and PostgreSQL.</summary>
public abstract class TableDownloadTests(MastenAppFactory factory)
{
    private static readonly HtmlParser Parser = new();

    protected MastenAppFactory Factory { get; } = factory;

    private HttpClient Admin()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private Task<int> IndicatorWithCorrectionAsync() => Factory.WithDbAsync(db => db.Observations
        .Where(o => o.SupersedesId != null && db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == Factory.ExampleMissionId))
        .Select(o => o.IndicatorId).FirstAsync());

    [SkippableFact]
    public async Task TheObservationLogDownloadsWholeWithItsSupersededValuesAsSwedishExcelReadsIt()
    {
        var client = Admin();
        var indicatorId = await IndicatorWithCorrectionAsync();
        var bytes = await client.GetByteArrayAsync($"/downloads/indicators/{indicatorId}/observations");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id;date;value;unit;isCurrent;supersedesId;correctionReason;source;note;enteredBy;enteredAt", lines[0]);
        var stored = await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == indicatorId).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(stored.Count, lines.Length - 1);
        Assert.Contains(lines, l => l.Split(';')[5].Length > 0);
        var fractional = stored.FirstOrDefault(o => o.Value != Math.Floor(o.Value));
        if (fractional is not null)
            Assert.Contains(lines, l => l.StartsWith($"{fractional.Id};", StringComparison.Ordinal) && l.Split(';')[2].Contains(',', StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task TheHistoryPageOffersTheDownloadAndItsLinksWork()
    {
        var client = Admin();
        var indicatorId = await IndicatorWithCorrectionAsync();
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/indicators/{indicatorId}/history?page=1"));
        var links = page.QuerySelectorAll("p.downloads a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal([$"/downloads/indicators/{indicatorId}/observations?format=csv", $"/downloads/indicators/{indicatorId}/observations?format=xlsx"], links);
        var xlsx = await client.GetAsync(links[1]);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var first = (IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true).First();
        Assert.IsType<double>(first["value"]);
        Assert.IsType<DateTime>(first["date"]);
    }

    [SkippableFact]
    public async Task TheCommitmentsDownloadKeepsTheActorsPagesFilter()
    {
        var client = Admin();
        var (roundId, inRound, all) = await Factory.WithDbAsync(async db =>
        {
            var round = await db.SigningRounds.Where(r => r.MissionId == Factory.ExampleMissionId).Select(r => r.Id).FirstAsync();
            return (round, await db.Commitments.CountAsync(c => c.RoundId == round), await db.Commitments.CountAsync(c => c.MissionId == Factory.ExampleMissionId));
        });
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/missions/{Factory.ExampleMissionId}/actors?round={roundId}"));
        var csv = page.QuerySelectorAll("p.downloads a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("commitments", StringComparison.Ordinal));
        Assert.Contains($"round={roundId}", csv, StringComparison.Ordinal);
        Assert.Equal(inRound, CsvRows(await client.GetByteArrayAsync(csv)));
        Assert.Equal(all, CsvRows(await client.GetByteArrayAsync($"/downloads/missions/{Factory.ExampleMissionId}/commitments")));
    }

    [SkippableFact]
    public async Task ThePortfolioDownloadHasEveryInitiativeNotOnePage()
    {
        var client = Admin();
        var count = await Factory.WithDbAsync(db => db.Initiatives.CountAsync(i => i.MissionId == Factory.ExampleMissionId));
        Assert.Equal(count, CsvRows(await client.GetByteArrayAsync($"/downloads/missions/{Factory.ExampleMissionId}/initiatives?format=csv")));
    }

    [SkippableFact]
    public async Task TheAuditDownloadAppliesTheFilterAndIsForAdministratorsOnly()
    {
        var client = Admin();
        var expected = await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "Goal"));
        var bytes = await client.GetByteArrayAsync("/downloads/audit?entityType=Goal");
        Assert.Equal(expected, CsvRows(bytes));
        Assert.NotEqual(HttpStatusCode.OK, (await Factory.CreateAnonymousClient().GetAsync("/downloads/audit")).StatusCode);
        var bad = await client.GetAsync("/downloads/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey("from"));
    }

    [SkippableTheory]
    [InlineData("format=pdf", "format")]
    [InlineData("round=x", "round")]
    [InlineData("status=Lost", "status")]
    public async Task BadParametersAreRefusedNamingTheField(string query, string field)
    {
        var client = Admin();
        var response = await client.GetAsync($"/downloads/missions/{Factory.ExampleMissionId}/commitments?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey(field));
    }

    [SkippableFact]
    public async Task AnUnknownIndicatorIsNotFound()
    {
        var client = Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/downloads/indicators/999999/observations")).StatusCode);
    }

    /// <summary>Data rows of a CSV (the header not counted), read with Sylvan, so quoted line breaks count once.</summary>
    private static int CsvRows(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = Sylvan.Data.Csv.CsvDataReader.Create(reader, new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ';' });
        var n = 0;
        while (csv.Read())
            n++;
        return n;
    }
}

public sealed class SqliteTableDownloadTests(SqliteAppFactory factory) : TableDownloadTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTableDownloadTests(PostgresAppFactory factory) : TableDownloadTests(factory), IClassFixture<PostgresAppFactory>;
