using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The templates of the import kinds: CSV (as Swedish Excel opens it) and XLSX, each read back by its own kind without a file
/// error, bad parameters named in a 400, and a link to each on the Importera page; on SQLite and PostgreSQL.
/// </summary>
public abstract class ImportTemplateTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private async Task<int> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var response = await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Mallar", statement = "Allt går att läsa in.", baselineYear = 2020, horizonYear = 2035 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    [SkippableTheory]
    [InlineData("observations", "")]
    [InlineData("observations", "&layout=wide")]
    [InlineData("actors", "")]
    [InlineData("initiatives", "")]
    [InlineData("participants", "")]
    [InlineData("commitments", "")]
    public async Task EachTemplateIsACsvAndAnXlsxThatItsOwnKindReadsWithoutAFileError(string kind, string layout)
    {
        Factory.RequireDatabase();
        var anonymous = Factory.CreateAnonymousClient();
        var csv = await anonymous.GetAsync($"/api/v1/imports/templates/{kind}?format=csv{layout}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var template = ImportCatalog.Template(layout.Length > 0 ? ImportKind.ObservationsWide : ImportCatalog.Parse(kind)!.Value)!;
        Assert.Equal(string.Join(';', template.Header), lines[0]);
        Assert.Equal(2, lines.Length);

        var xlsx = await anonymous.GetAsync($"/api/v1/imports/templates/{kind}?format=xlsx{layout}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(Masten.Data.Exports.TableFiles.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        var workbook = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);

        // Read back by the kind: the header is its own (rows may name records this database lacks, a row error, never a file error).
        var client = Factory.CreateClient();
        // Participants are read into a mission with a journey (the example data has one); a dry run stores nothing.
        var mission = kind == "participants" ? await Factory.WithDbAsync(db => db.Journeys.Select(j => j.MissionId).FirstAsync()) : await MissionAsync(client);
        // A wide row holds one value per period column.
        var values = layout.Length > 0 ? template.Example.Count - 1 : 1;
        foreach (var (content, type) in new[] { (bytes, "text/csv"), (workbook, Masten.Data.Exports.TableFiles.XlsxType) })
        {
            using var body = new ByteArrayContent(content);
            body.Headers.ContentType = new(type);
            var preview = await client.PostAsync($"/api/v1/missions/{mission}/imports?kind={kind}&dryRun=true{layout}", body);
            var text = await preview.Content.ReadAsStringAsync();
            Assert.True(preview.StatusCode == HttpStatusCode.OK, text);
            Assert.Equal(values, (int)JsonNode.Parse(text)!["rows"]!);
        }
    }

    [SkippableTheory]
    [InlineData("commitments?format=pdf", "format")]
    [InlineData("budgets?format=csv", "kind")]
    [InlineData("actors?layout=wide", "layout")]
    public async Task ABadParameterIsA400NamingIt(string query, string field)
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateAnonymousClient().GetAsync($"/api/v1/imports/templates/{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey(field));
    }

    [SkippableFact]
    public async Task TheImportPageLinksEachKindsTemplatesWhichDownload()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = await MissionAsync(client);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/missions/{mission}/import"));
        var links = document.QuerySelectorAll("section[aria-labelledby=templates-heading] a").ToList();
        // Observations (long and wide), actors, initiatives, participants, commitments and the roadmap: a CSV and an Excel link each.
        Assert.Equal(14, links.Count);
        var commitments = links.Where(a => a.GetAttribute("aria-label")!.Contains("åtaganden", StringComparison.Ordinal)).ToList();
        Assert.Equal(["CSV", "Excel"], commitments.Select(a => a.TextContent.Trim()));
        foreach (var link in links)
        {
            var response = await Factory.CreateAnonymousClient().GetAsync(link.GetAttribute("href"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, link.GetAttribute("href"));
        }
    }
}

public sealed class SqliteImportTemplateTests(SqliteAppFactory factory) : ImportTemplateTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresImportTemplateTests(PostgresAppFactory factory) : ImportTemplateTests(factory), IClassFixture<PostgresAppFactory>;
