using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Masten.Core.Accounts;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>Observation imports over the API: preview, apply, re-import, history with the file, errors as ProblemDetails and access; on SQLite and PostgreSQL.</summary>
public abstract class ImportsApiTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    /// <summary>A mission of its own with one indicator coded "F1" and one observation (2023: 40).</summary>
    private async Task<(int Mission, int Indicator)> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Importmission", statement = "Allt mäts.", baselineYear = 2020, horizonYear = 2035 }), HttpStatusCode.Created))["id"]!;
        var goal = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Mätt" }), HttpStatusCode.Created))["id"]!;
        var indicator = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Fosfor", code = "F1", unit = "t", direction = "LowerIsBetter", frequency = "Yearly", source = "SMHI",
            baselineDate = "2020-12-31", baselineValue = 50.0, shape = "Linear", targets = new[] { new { date = "2035-12-31", value = 5.0 } },
        }), HttpStatusCode.Created))["id"]!;
        await ApiJson.Read(await client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2023-12-31", value = 40.0 }), HttpStatusCode.Created);
        return (mission, indicator);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private const string File = "indikator;datum;värde;källa\nF1;2023;41,5;SMHI\nF1;2024;1\u00A0234,5;SMHI\n";

    [SkippableFact]
    public async Task ADryRunPreviewsAndTheApplyStoresAndAReimportChangesNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?dryRun=true", Csv(File)), HttpStatusCode.OK);
        Assert.Equal((1, 1, false), ((int)preview["create"]!, (int)preview["update"]!, (bool)preview["applied"]!));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));

        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv(File)), HttpStatusCode.Created);
        var importId = (int)applied["importId"]!;
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        // The same file again changes nothing: 200 saying there is nothing to apply, and no import in the history.
        var again = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv(File)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, true, false), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!, (bool)again["applied"]!));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));

        var history = await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports"), HttpStatusCode.OK);
        Assert.Single(history["items"]!.AsArray());
        var status = await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports/{importId}"), HttpStatusCode.OK);
        Assert.Equal(("Applied", 1, 1), ((string)status["status"]!, (int)status["created"]!, (int)status["updated"]!));
        var file = await client.GetAsync($"/api/v1/missions/{mission}/imports/{importId}/file");
        Assert.Equal(Encoding.UTF8.GetBytes(File), await file.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task AWideTableWithOneColumnPerYearIsDetectedAppliedAndReimportedWithoutChange()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        // As a Kolada table: one row per indicator, one column per year, ".." where a year has no value.
        const string wide = "kod;enhet;2022;2023;2024-Q2\nF1;t;44;41,5;..\n";
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?dryRun=true", Csv(wide)), HttpStatusCode.OK);
        Assert.Equal(("ObservationsWide", 1, 1, 2), ((string)preview["kind"]!, (int)preview["create"]!, (int)preview["update"]!, (int)preview["rows"]!));
        Assert.Equal(["enhet"], preview["ignoredColumns"]!.AsArray().Select(c => (string)c!));
        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv(wide)), HttpStatusCode.Created);
        var status = await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports/{(int)applied["importId"]!}"), HttpStatusCode.OK);
        Assert.Equal("ObservationsWide", (string)status["kind"]!);
        Assert.Equal([(2022, 44.0), (2023, 41.5)], await Factory.WithDbAsync(async db => (await db.Observations.Where(o => o.IndicatorId == indicator && o.IsCurrent)
            .OrderBy(o => o.Date).Select(o => new { o.Date, o.Value }).ToListAsync()).Select(o => (o.Date.Year, o.Value)).ToList()));
        var again = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv(wide)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, true), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!));
    }

    [SkippableFact]
    public async Task AWideTableNamesAnErrorByItsRowAndItsYearsColumnAndStoresNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        var response = await client.PostAsync($"/api/v1/missions/{mission}/imports?layout=wide", Csv("indikator;2022;2023\nF1;44;mycket\nOkänd;1;2\n"));
        var problem = await ApiJson.Read(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["code"]!)).ToList();
        Assert.Equal([(2, "2023", "InvalidNumber"), (3, "indikator", "UnknownIndicator"), (3, "indikator", "UnknownIndicator")], errors);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        var bad = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?dryRun=true&layout=sideways", Csv("indikator;2022\nF1;1\n")), HttpStatusCode.BadRequest);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("layout"));
    }

    [SkippableFact]
    public async Task AMultipartUploadIsAppliedUnderItsFileName()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _) = await MissionAsync(client);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(File));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "file", "fosfor.csv");
        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", form), HttpStatusCode.Created);
        var status = await ApiJson.Read(await client.GetAsync($"/api/v1/missions/{mission}/imports/{(int)applied["importId"]!}"), HttpStatusCode.OK);
        Assert.Equal("fosfor.csv", (string)status["fileName"]!);
    }

    [SkippableFact]
    public async Task RowErrorsAreAProblemListingRowAndColumnAndNothingIsStored()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        var problem = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv("indikator;datum;värde\nF1;2024;1\nOkänd;2024;x\n")), HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray();
        Assert.Equal([("indikator", "UnknownIndicator"), ("värde", "InvalidNumber")], errors.Select(e => ((string)e!["column"]!, (string)e["code"]!)));
        Assert.All(errors, e => Assert.Equal(3, (int)e!["row"]!));
        Assert.Contains("row 3, column värde", problem["errors"]!["rows"]!.AsArray().Select(m => (string)m!).Last(), StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));
    }

    [SkippableFact]
    public async Task AnEmptyFileAndAnUploadOverTheLimitAreProblemsNamingTheFile()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _) = await MissionAsync(client);
        var empty = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports", Csv("")), HttpStatusCode.BadRequest);
        Assert.NotNull(empty["errors"]!["file"]);
        var big = new ByteArrayContent(new byte[60 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var tooLarge = await client.PostAsync($"/api/v1/missions/{mission}/imports?dryRun=true", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));
    }

    [SkippableFact]
    public async Task OnlyThoseWhoMayEditTheMissionMayImport()
    {
        Factory.RequireDatabase();
        var (_, viewer) = await Factory.CreateUserAsync($"import-viewer-{Guid.NewGuid():N}@example.org", [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Viewer }]);
        var url = $"/api/v1/missions/{Factory.ExampleMissionId}/imports";
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.CreateClientWithToken(viewer).PostAsync(url, Csv(File))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.CreateClientWithToken(viewer).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateAnonymousClient().PostAsync(url, Csv(File))).StatusCode);
    }
}

public sealed class SqliteImportsApiTests(SqliteAppFactory factory) : ImportsApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresImportsApiTests(PostgresAppFactory factory) : ImportsApiTests(factory), IClassFixture<PostgresAppFactory>;
