using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Core.Exports;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Masten.Web.Tests;

/// <summary>
/// Open data of published missions: the page, the CSV and XLSX files, the data dictionary, the DCAT-AP-SE catalogue,
/// drafts never shown, and no personal data in any cell of any file; on SQLite and PostgreSQL.
/// </summary>
public abstract partial class OpenDataTests(MastenAppFactory factory)
{
    private static readonly HtmlParser Parser = new();

    protected MastenAppFactory Factory { get; } = factory;

    private HttpClient Anonymous()
    {
        Factory.RequireDatabase();
        return Factory.CreateAnonymousClient(followRedirects: true);
    }

    private int MissionId => Factory.ExampleMissionId;

    [SkippableFact]
    public async Task TheOpenDataPageOffersEveryTableAsCsvAndExcelWithTheLicenceAndTheDictionary()
    {
        var client = Anonymous();
        var response = await client.GetAsync($"/missions/{MissionId}/open-data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.StartsWith("Öppna data", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var licence = page.QuerySelector("a[rel=license]")!;
        Assert.Equal("CC BY 4.0", licence.TextContent);
        Assert.Equal(OpenDataSettingsDefaults.Licence, licence.GetAttribute("href"));
        var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToHashSet();
        foreach (var table in OpenDataTables.Tables.Append(OpenDataTables.Dictionary))
        {
            Assert.Contains($"/open-data/missions/{MissionId}/{table.Name}.csv", links);
            Assert.Contains($"/open-data/missions/{MissionId}/{table.Name}.xlsx", links);
        }
        Assert.Contains("/open-data/catalog.jsonld", links);
        // The dictionary describes every column of every table on the page, in the page's language.
        var observations = page.GetElementById("dictionary-observations")!.ParentElement!.QuerySelector("#dictionary-observations ~ div table")!;
        var described = observations.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(OpenDataTables.Observations.Columns.Select(c => c.Name), described);
        var value = observations.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "value");
        Assert.Contains("Det uppmätta värdet.", value.TextContent, StringComparison.Ordinal);
        Assert.Contains("indikatorns enhet", value.TextContent, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheDictionaryIsInSwedishEnglishAndDanishInItsOwnFile()
    {
        var client = Anonymous();
        var rows = ReadCsv(await client.GetByteArrayAsync($"/open-data/missions/{MissionId}/dictionary.csv"));
        Assert.Equal(["table", "column", "type", "meaningSv", "meaningEn", "meaningDa", "unitSv", "unitEn", "unitDa"], rows[0]);
        var value = rows.Single(r => r[0] == "observations" && r[1] == "value");
        Assert.Equal("xsd:decimal", value[2]);
        Assert.Equal("The measured value.", value[4]);
        Assert.Equal("Den målte værdi.", value[5]);
        Assert.Equal(OpenDataTables.Tables.Append(OpenDataTables.Dictionary).Sum(t => t.Columns.Count), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.All(r.Take(6), cell => Assert.False(string.IsNullOrWhiteSpace(cell))));
    }

    [SkippableFact]
    public async Task TheObservationsCsvIsWhatSwedishExcelReadsWithEverySupersededValue()
    {
        var client = Anonymous();
        var response = await client.GetAsync($"/open-data/missions/{MissionId}/observations.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        var rows = ReadCsv(bytes);
        Assert.Equal(OpenDataTables.Observations.Columns.Select(c => c.Name), rows[0]);

        var stored = await Factory.WithDbAsync(db => db.Observations
            .Where(o => db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == MissionId)).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(stored.Count, rows.Count - 1);
        Assert.Contains(stored, o => o.SupersedesId is not null);
        var fractional = stored.First(o => o.Value != Math.Floor(o.Value));
        var row = rows.Single(r => r[0] == fractional.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fractional.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ','), row[4]);
        Assert.Equal(fractional.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[3]);
        Assert.Equal(fractional.IsCurrent ? "true" : "false", row[10]);
    }

    [SkippableFact]
    public async Task TheWorkbookHasASheetPerTableWithTypedCells()
    {
        var client = Anonymous();
        using var stream = new MemoryStream(await client.GetByteArrayAsync($"/open-data/missions/{MissionId}/all.xlsx"));
        Assert.Equal(OpenDataTables.Tables.Append(OpenDataTables.Dictionary).Select(t => t.Name), MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var first = (IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "observations").First();
        Assert.IsType<double>(first["value"]);
        Assert.IsType<DateTime>(first["date"]);
    }

    [SkippableFact]
    public async Task TextThatLooksLikeAFormulaIsNeutralisedInTheCsv()
    {
        var client = Anonymous();
        var goalId = await Factory.WithDbAsync(async db =>
        {
            var goal = new Goal { MissionId = MissionId, Title = "=HYPERLINK(\"http://evil\")", Order = 99, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Goals.Add(goal);
            await db.SaveChangesAsync();
            return goal.Id;
        });
        try
        {
            var rows = ReadCsv(await client.GetByteArrayAsync($"/open-data/missions/{MissionId}/goals.csv"));
            var row = rows.Single(r => r[0] == goalId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("'=HYPERLINK(\"http://evil\")", row[3]);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Goals.Where(g => g.Id == goalId).ExecuteDeleteAsync());
        }
    }

    [SkippableFact]
    public async Task ADraftNeverAppearsNotEvenToItsEditors()
    {
        var admin = Factory.CreateClient();
        Factory.RequireDatabase();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Hemligt utkast för öppna data", statement = "Ännu inte klart.", baselineYear = 2020, horizonYear = 2035 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        foreach (var client in new[] { admin, Anonymous() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/missions/{id}/open-data")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open-data/missions/{id}/goals.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open-data/missions/{id}/all.xlsx")).StatusCode);
            Assert.DoesNotContain("Hemligt utkast", await client.GetStringAsync("/open-data/catalog.jsonld"), StringComparison.Ordinal);
            Assert.DoesNotContain("Hemligt utkast", await client.GetStringAsync("/open-data/catalog.rdf"), StringComparison.Ordinal);
            Assert.DoesNotContain("Hemligt utkast", WebUtility.HtmlDecode(await client.GetStringAsync("/open-data")), StringComparison.Ordinal);
        }
        Assert.Contains(DemoMissionTitle, WebUtility.HtmlDecode(await Anonymous().GetStringAsync("/open-data")), StringComparison.Ordinal);
    }

    private const string DemoMissionTitle = Masten.Data.Missions.DemoSeeder.MissionTitle;

    [SkippableFact]
    public async Task AnUnknownTableIsNotFound()
    {
        var client = Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open-data/missions/{MissionId}/contacts.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open-data/missions/{MissionId}/contacts.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open-data/missions/999999/goals.csv")).StatusCode);
    }

    [SkippableFact]
    public async Task TheCatalogueDescribesEachPublishedMissionAsADcatDatasetWithItsFiles()
    {
        var client = Anonymous();
        var response = await client.GetAsync("/open-data/catalog.jsonld");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("http://www.w3.org/ns/dcat#", (string)catalog["@context"]!["dcat"]!);
        Assert.Equal("dcat:Catalog", (string)catalog["@type"]!);
        Assert.Equal(OpenDataSettingsDefaults.Licence, (string)catalog["dct:license"]!["@id"]!);
        Assert.Equal("foaf:Agent", (string)catalog["dct:publisher"]!["@type"]!);

        var published = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Status != MissionStatus.Draft).Select(m => m.Id).ToListAsync());
        var datasets = AsArray(catalog["dcat:dataset"]!);
        Assert.Equal(published.Count, datasets.Count);
        var dataset = datasets.Single(d => ((string)d!["dcat:landingPage"]!["@id"]!).EndsWith($"/missions/{MissionId}/open-data", StringComparison.Ordinal))!;
        Assert.Equal("dcat:Dataset", (string)dataset["@type"]!);
        Assert.Equal("vcard:Organization", (string)dataset["dcat:contactPoint"]!["@type"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)dataset["dcat:contactPoint"]!["vcard:fn"]!));
        Assert.Contains(AsArray(dataset["dcat:theme"]!), t => ((string)t!["@id"]!).StartsWith("http://publications.europa.eu/resource/authority/data-theme/", StringComparison.Ordinal));
        Assert.Equal("http://publications.europa.eu/resource/authority/language/SWE", (string)dataset["dct:language"]!["@id"]!);
        var distributions = AsArray(dataset["dcat:distribution"]!);
        Assert.Equal(2 * (OpenDataTables.Tables.Count + 1), distributions.Count);
        Assert.All(distributions, d => Assert.Equal(OpenDataSettingsDefaults.Licence, (string)d!["dct:license"]!["@id"]!));
        // Every download address the catalogue names answers with its file.
        var csv = distributions.Select(d => (string)d!["dcat:downloadURL"]!["@id"]!).First(u => u.EndsWith("/observations.csv", StringComparison.Ordinal));
        var file = await client.GetAsync(new Uri(csv).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains(distributions, d => (string)d!["dct:format"]!["@id"]! == "http://publications.europa.eu/resource/authority/file-type/XLSX");
    }

    [SkippableFact]
    public async Task TheCatalogueIsAlsoRdfXmlWithTheSameDatasets()
    {
        var client = Anonymous();
        var response = await client.GetAsync("/open-data/catalog.rdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = new XmlDocument();
        xml.LoadXml(await response.Content.ReadAsStringAsync());
        var ns = new XmlNamespaceManager(xml.NameTable);
        ns.AddNamespace("rdf", DcatCatalog.Rdf);
        ns.AddNamespace("dcat", DcatCatalog.Dcat);
        ns.AddNamespace("dct", DcatCatalog.Dct);
        var published = await Factory.WithDbAsync(db => db.Missions.CountAsync(m => m.Status != MissionStatus.Draft));
        Assert.NotNull(xml.SelectSingleNode("/rdf:RDF/dcat:Catalog", ns));
        Assert.Equal(published, xml.SelectNodes("/rdf:RDF/dcat:Catalog/dcat:dataset/dcat:Dataset", ns)!.Count);
        var licence = xml.SelectSingleNode("//dcat:Distribution/dct:license/@rdf:resource", ns)!;
        Assert.Equal(OpenDataSettingsDefaults.Licence, licence.Value);
    }

    [SkippableFact]
    public async Task NoPersonalDataIsInAnyCellOfAnyOpenFile()
    {
        var client = Anonymous();
        var (user, _) = await Factory.CreateUserAsync("hemlig.anvandare@example.se", []);
        var secrets = new List<string> { "hemlig.anvandare@example.se", user.UserName!, "Kontakta Karlsson", "kontakt.karlsson@example.se", "Signe Skrivsson", "Ägare Åsa Ägarsson", "Deltagaren Dag", "inmatare@example.se" };
        await Factory.WithDbAsync(async db =>
        {
            var actorIds = await db.Memberships.Where(m => m.MissionId == MissionId).Select(m => m.ActorId).ToListAsync();
            foreach (var actorId in actorIds.Take(3))
                db.ContactPeople.Add(new ContactPerson { ActorId = actorId, Name = "Kontakta Karlsson", Email = "kontakt.karlsson@example.se", Role = "Samordnare", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.Commitments.Where(c => c.MissionId == MissionId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Signatory, "Signe Skrivsson").SetProperty(c => c.SignedByUserId, user.Id).SetProperty(c => c.EvidenceNotes, "Enligt hemlig.anvandare@example.se"));
            await db.OperationalGoals.Where(o => actorIds.Contains(o.ActorId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Owner, "Ägare Åsa Ägarsson"));
            await db.Reviews.Where(r => r.MissionId == MissionId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Participants, "Deltagaren Dag"));
            var indicatorIds = db.Indicators.Where(i => i.Goal!.MissionId == MissionId).Select(i => i.Id);
            await db.Observations.Where(o => indicatorIds.Contains(o.IndicatorId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.EnteredBy, "inmatare@example.se"));
            await db.Observations.Where(o => indicatorIds.Contains(o.IndicatorId) && o.SupersedesId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CorrectionReason, $"import #1 by {user.UserName}"));
            return await db.SaveChangesAsync();
        });
        var cells = new List<(string File, string Text)>();
        foreach (var table in OpenDataTables.Tables.Append(OpenDataTables.Dictionary))
        {
            var csv = ReadCsv(await client.GetByteArrayAsync($"/open-data/missions/{MissionId}/{table.Name}.csv"));
            Assert.True(csv.Count > 1 || table.Name is "contributions", $"{table.Name}.csv has no rows to scan");
            cells.AddRange(csv.SelectMany(r => r).Select(c => ($"{table.Name}.csv", c)));
        }
        using (var workbook = new MemoryStream(await client.GetByteArrayAsync($"/open-data/missions/{MissionId}/all.xlsx")))
        {
            foreach (var sheet in MiniExcel.GetSheetNames(workbook))
            {
                foreach (IDictionary<string, object?> row in MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet))
                    cells.AddRange(row.Values.Select(v => ($"all.xlsx/{sheet}", Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
            }
        }
        cells.Add(("catalog.jsonld", await client.GetStringAsync("/open-data/catalog.jsonld")));
        cells.Add(("catalog.rdf", await client.GetStringAsync("/open-data/catalog.rdf")));
        cells.Add(("kumu.json", await client.GetStringAsync($"/open-data/missions/{MissionId}/kumu.json")));
        Assert.True(cells.Count > 1000, $"only {cells.Count} cells were scanned");

        var found = cells.Where(c => Email().IsMatch(c.Text) || secrets.Any(s => c.Text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            .Select(c => $"{c.File}: {c.Text[..Math.Min(80, c.Text.Length)]}").Distinct().ToList();
        Assert.Empty(found);
        // No column that holds a person or an account, by name.
        Assert.DoesNotContain(OpenDataTables.Tables.SelectMany(t => t.Columns), c => c.Name is "enteredBy" or "signatory" or "signedByUserId" or "owner" or "participants" or "email" or "correctionReason" or "evidenceNotes");
    }

    [SkippableFact]
    public async Task TheKumuBlueprintHasGoalsOrganisationsAndInitiativesWithConnectionsBetweenThem()
    {
        var client = Anonymous();
        var response = await client.GetAsync($"/open-data/missions/{MissionId}/kumu.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(Email(), text);
        var map = JsonNode.Parse(text)!;
        var elements = map["elements"]!.AsArray();
        var labels = elements.Select(e => (string)e!["label"]!).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        var (goals, initiatives) = await Factory.WithDbAsync(async db => (
            await db.Goals.CountAsync(g => g.MissionId == MissionId), await db.Initiatives.CountAsync(i => i.MissionId == MissionId)));
        Assert.Equal(goals, elements.Count(e => (string)e!["type"]! == "Goal"));
        Assert.Equal(initiatives, elements.Count(e => (string)e!["type"]! == "Initiative"));
        Assert.Contains(elements, e => (string)e!["type"]! == "Organisation");
        var connections = map["connections"]!.AsArray();
        Assert.Contains(connections, c => (string)c!["type"]! == "Commitment");
        Assert.Contains(connections, c => (string)c!["type"]! == "Leads");
        Assert.All(connections, c => Assert.True(labels.Contains((string)c!["from"]!) && labels.Contains((string)c!["to"]!), c!.ToJsonString()));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    private static JsonArray AsArray(JsonNode node) => node as JsonArray ?? [node.DeepClone()];

    /// <summary>The CSV as rows of cells, read with Sylvan as a semicolon-separated UTF-8 file with a BOM.</summary>
    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var csv = Sylvan.Data.Csv.CsvDataReader.Create(reader, new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ';', HasHeaders = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[csv.RowFieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = csv.GetString(i);
            rows.Add(row);
        }
        return rows;
    }
}

/// <summary>The settings the tests expect when none are configured.</summary>
internal static class OpenDataSettingsDefaults
{
    public const string Licence = Masten.Web.Exports.OpenDataSettings.DefaultLicence;
}

public sealed class SqliteOpenDataTests(SqliteAppFactory factory) : OpenDataTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOpenDataTests(PostgresAppFactory factory) : OpenDataTests(factory), IClassFixture<PostgresAppFactory>;
