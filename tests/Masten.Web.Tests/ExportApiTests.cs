using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Masten.Web.Tests;

/// <summary>The mission document over HTTP: JSON and XLSX exports, the schema, and the import's refusals; on SQLite and PostgreSQL.</summary>
public abstract class ExportApiTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    [SkippableFact]
    public async Task TheExampleMissionExportsAsOneDocumentWithItsIndicatorsAndObservations()
    {
        var client = Client();
        var response = await client.GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"mission-{Factory.ExampleMissionId}.json", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)document["schemaVersion"]!);
        Assert.Equal(Factory.ExampleMissionId, (int)document["mission"]!["id"]!);
        var (indicators, observations) = await Factory.WithDbAsync(async db => (
            await db.Indicators.CountAsync(i => i.Goal!.MissionId == Factory.ExampleMissionId),
            await db.Observations.CountAsync(o => db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == Factory.ExampleMissionId))));
        Assert.Equal(indicators, document["indicators"]!.AsArray().Count);
        Assert.Equal(observations, document["observations"]!.AsArray().Count);
        Assert.All(document["indicators"]!.AsArray(), i => Assert.True(i!.AsObject().ContainsKey("code")));
    }

    [SkippableFact]
    public async Task TheWorkbookHasOneSheetPerSectionWithTypedCells()
    {
        var client = Client();
        var response = await client.GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Contains("mission", sheets);
        Assert.Contains("observations", sheets);
        Assert.Contains("glossary", sheets);
        stream.Position = 0;
        var first = (IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "observations").First();
        Assert.IsType<double>(first["value"]);
        Assert.IsType<DateTime>(first["date"]);
    }

    [SkippableFact]
    public async Task AnUnknownFormatIsRefusedNamingTheField()
    {
        var client = Client();
        var response = await client.GetAsync($"/api/v1/missions/{Factory.ExampleMissionId}/export?format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey("format"));
    }

    [SkippableFact]
    public async Task ADraftMissionIsNotFoundForThePublic()
    {
        var admin = Client();
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Utkast till export", statement = "Allt är bättre.", baselineYear = 2020, horizonYear = 2035 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await Factory.CreateAnonymousClient().GetAsync($"/api/v1/missions/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/missions/{id}/export")).StatusCode);
    }

    [SkippableFact]
    public async Task TheSchemaIsServedAtItsStableAddress()
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateAnonymousClient().GetAsync("/schema/mission-v2.schema.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("urn:masten:mission-document:v2", (string)schema["$id"]!);
    }

    [SkippableFact]
    public async Task ImportingAWrongSchemaVersionIsRefusedWithAFileLevelError()
    {
        var client = Client();
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{Factory.ExampleMissionId}/export"))!;
        document["schemaVersion"] = 7;
        var missions = await Factory.WithDbAsync(db => db.Missions.CountAsync());

        var response = await client.PostAsync("/api/v1/missions/import", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("schema version 7", (string)problem["errors"]!["file"]![0]!, StringComparison.Ordinal);
        Assert.Equal(missions, await Factory.WithDbAsync(db => db.Missions.CountAsync()));
    }

    [SkippableFact]
    public async Task ImportingIntoADatabaseWithProgrammesIsRefusedAsAConflict()
    {
        var client = Client();
        var document = await client.GetStringAsync($"/api/v1/missions/{Factory.ExampleMissionId}/export");
        var missions = await Factory.WithDbAsync(db => db.Missions.CountAsync());

        var response = await client.PostAsync("/api/v1/missions/import", new StringContent(document, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{response.StatusCode}: {body}");
        Assert.Contains("without programmes and actors", body, StringComparison.Ordinal);
        Assert.Equal(missions, await Factory.WithDbAsync(db => db.Missions.CountAsync()));
    }
}

public sealed class SqliteExportApiTests(SqliteAppFactory factory) : ExportApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresExportApiTests(PostgresAppFactory factory) : ExportApiTests(factory), IClassFixture<PostgresAppFactory>;
