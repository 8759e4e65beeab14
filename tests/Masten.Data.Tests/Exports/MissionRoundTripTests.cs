using System.Text;
using System.Text.Json.Nodes;
using Masten.Core.Exports;
using Masten.Data.Exports;
using Masten.Data.Generation;
using Masten.TestDatabases;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests.Exports;

/// <summary>
/// The mission document round trip: a generated mission exported on one database, imported into an empty database of
/// the other provider and exported again gives the same document (all but <c>exportedAt</c>); bad documents store nothing.
/// Each test makes its own empty databases, on SQLite files and (with <c>MASTEN_TEST_POSTGRES</c>) PostgreSQL.
/// </summary>
public sealed class MissionRoundTripTests : IAsyncLifetime
{
    private readonly List<(DatabaseProvider Provider, string Connection)> made = [];

    private async Task<MastenDbContext> EmptyAsync(DatabaseProvider provider)
    {
        string connection;
        if (provider == DatabaseProvider.Postgres)
        {
            TestDatabase.Require(provider, TestDatabase.PostgresUnavailable);
            var name = TestDatabase.NewName("test");
            await TestDatabase.ExecuteAsync($"CREATE DATABASE \"{name}\"");
            connection = TestDatabase.PostgresConnection(name);
        }
        else
            connection = $"Data Source={Path.Combine(Path.GetTempPath(), $"masten-roundtrip-{Guid.NewGuid():N}.db")}";
        made.Add((provider, connection));
        var db = MastenDatabase.Create(provider, connection).SeeAllMissions();
        db.Author = "import-test";
        await db.Database.MigrateAsync();
        return db;
    }

    /// <summary>A small generated dataset; its first mission has observations with corrections, rounds, initiatives and reviews.</summary>
    private async Task<MastenDbContext> GeneratedAsync(DatabaseProvider provider)
    {
        var db = await EmptyAsync(provider);
        await new DatasetGenerator(db, DatasetSize.Of(DatasetScale.Small), seed: 7).GenerateAsync(null, CancellationToken.None);
        return db;
    }

    private static async Task<string> ExportAsync(MastenDbContext db, int missionId)
    {
        using var stream = new MemoryStream();
        Assert.True(await MissionExport.WriteJsonAsync(db, missionId, stream, indented: true, progress: null, CancellationToken.None));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<MissionImportResult> ImportAsync(MastenDbContext db, string document)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document));
        return await MissionImport.ImportAsync(db, stream, CancellationToken.None);
    }

    /// <summary>The document without the fields the schema marks as assigned on export or import.</summary>
    private static string Comparable(string document)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        foreach (var field in MissionDocument.AssignedOnImport)
            node.Remove(field);
        return node.ToJsonString();
    }

    /// <summary>
    /// The generated mission with the journey, given what the generator does not make: a frozen yearly report, an
    /// applied import with its file in the history, and a commitment signed by an account (whose id must not travel).
    /// </summary>
    private static async Task<int> JourneyMissionAsync(MastenDbContext db)
    {
        var missionId = await db.Journeys.Select(j => j.MissionId).FirstAsync();
        Assert.NotNull(await new Masten.Data.Reports.ReportStore(db).FreezeAsync(missionId, new Masten.Core.Reports.ReportInput("Årsrapport 2025", new DateOnly(2025, 12, 31), "Ett år av arbete.")));
        db.Imports.Add(new Masten.Core.Imports.ImportRecord
        {
            MissionId = missionId, Kind = Masten.Core.Imports.ImportKind.Observations, Status = Masten.Core.Imports.ImportStatus.Applied,
            FileName = "värden.csv", Format = Masten.Core.Imports.ImportFormat.Csv, Encoding = "utf-8", Delimiter = ";", Size = 26,
            Sha256 = new string('a', 64), Content = Encoding.UTF8.GetBytes("indikator;datum;värde\n1;2024;5"), CreatedBy = "Import Testsson",
            CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), AppliedAt = new DateTime(2026, 1, 2, 3, 4, 6, DateTimeKind.Utc),
            Rows = 1, Created = 1,
        });
        await db.SaveChangesAsync();
        var signed = await db.Commitments.Where(c => c.MissionId == missionId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        await db.Commitments.Where(c => c.Id == signed).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.SignedByUserId, 4242).SetProperty(c => c.Signatory, "Signe Undertecknare")
            .SetProperty(c => c.SignedAt, new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc)));
        return missionId;
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Postgres, DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.Sqlite)]
    public async Task AnExportedMissionImportedIntoAnEmptyDatabaseExportsTheSameDocument(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await GeneratedAsync(from);
        var missionId = await JourneyMissionAsync(source);
        var first = await ExportAsync(source, missionId);
        var sections = JsonNode.Parse(first)!;
        Assert.Equal(MissionDocument.Version, (int)sections["schemaVersion"]!);
        Assert.Contains(sections["observations"]!.AsArray(), o => o!["supersedesId"] is not null);
        Assert.NotEmpty(sections["commitments"]!.AsArray());
        Assert.NotEmpty(sections["checkIns"]!.AsArray());
        Assert.NotEmpty(sections["reviewDecisions"]!.AsArray());
        Assert.NotEmpty(sections["roadmapVersions"]!.AsArray());
        Assert.Single(sections["journeys"]!.AsArray());
        Assert.NotEmpty(sections["journeySteps"]!.AsArray());
        Assert.NotEmpty(sections["journeyVersions"]!.AsArray());
        Assert.NotEmpty(sections["participants"]!.AsArray());
        Assert.NotEmpty(sections["stepEvents"]!.AsArray());
        Assert.Equal("Årsrapport 2025", (string)sections["reports"]![0]!["title"]!);
        Assert.Equal("värden.csv", (string)sections["imports"]![0]!["fileName"]!);
        // The signing account stays behind; the signatory's name and the signing time travel.
        Assert.DoesNotContain("signedByUserId", first, StringComparison.Ordinal);
        Assert.Contains(sections["commitments"]!.AsArray(), c => (string?)c!["signatory"] == "Signe Undertecknare" && c["signedAt"] is not null);

        await using var target = await EmptyAsync(to);
        var result = await ImportAsync(target, first);
        Assert.True(result.Succeeded, result.Error + string.Join("\n", result.Problems));
        Assert.Equal(missionId, result.MissionId);
        var second = await ExportAsync(target, missionId);

        Assert.Equal(Comparable(first), Comparable(second));
        Assert.Null(await target.Commitments.Where(c => c.Signatory == "Signe Undertecknare").Select(c => c.SignedByUserId).SingleAsync());
        Assert.Equal(
            await source.StepEvents.CountAsync(e => source.Participants.Any(p => p.Id == e.ParticipantId && p.MissionId == missionId)),
            await target.StepEvents.CountAsync());
        Assert.Equal("indikator;datum;värde\n1;2024;5", Encoding.UTF8.GetString((await target.Imports.SingleAsync()).Content!));
        // The read model was rebuilt: every indicator of the mission has its stored assessment.
        var indicators = await target.Indicators.CountAsync(i => i.Goal!.MissionId == missionId);
        Assert.Equal(indicators, await target.IndicatorAssessments.CountAsync(a => target.Indicators.Any(i => i.Id == a.IndicatorId && i.Goal!.MissionId == missionId)));
        Assert.Equal(
            await source.Observations.CountAsync(o => o.IsCurrent && source.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == missionId)),
            await target.Observations.CountAsync(o => o.IsCurrent));
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWrongSchemaVersionIsRefusedForTheWholeFileAndNothingIsStored(DatabaseProvider provider)
    {
        await using var source = await GeneratedAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await ExportAsync(source, 1))!;
        // A document of the first version (no journeys, reports or imports; signedByUserId) is not read.
        document["schemaVersion"] = 1;
        await using var target = await EmptyAsync(provider);

        var result = await ImportAsync(target, document.ToJsonString());

        Assert.False(result.Succeeded);
        Assert.Contains("schema version 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("reads version 2 only", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await target.Programmes.IgnoreQueryFilters().CountAsync());
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARecordThatNamesAMissingRecordRefusesTheWholeDocument(DatabaseProvider provider)
    {
        await using var source = await GeneratedAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await ExportAsync(source, 1))!;
        document["observations"]!.AsArray().Last()!["indicatorId"] = 987654;
        await using var target = await EmptyAsync(provider);

        var result = await ImportAsync(target, document.ToJsonString());

        Assert.False(result.Succeeded);
        Assert.Contains("Nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await target.Programmes.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await target.Actors.CountAsync());
        Assert.Equal(0, await target.Observations.CountAsync());
    }

    [SkippableFact]
    public async Task AnUnknownFieldOrAMissingOneIsRefusedByTheSchemaNamingWhere()
    {
        await using var source = await GeneratedAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await ExportAsync(source, 1))!;
        document["goals"]![0]!["colour"] = "red";
        document["mission"]!.AsObject().Remove("title");
        await using var target = await EmptyAsync(DatabaseProvider.Sqlite);

        var result = await ImportAsync(target, document.ToJsonString());

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.StartsWith("/goals/0", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("/mission", StringComparison.Ordinal) && p.Contains("title", StringComparison.Ordinal));
        Assert.Equal(0, await target.Programmes.IgnoreQueryFilters().CountAsync());
    }

    [SkippableFact]
    public async Task ADatabaseThatAlreadyHasProgrammesOrActorsIsRefusedAndKeepsItsData()
    {
        await using var source = await GeneratedAsync(DatabaseProvider.Sqlite);
        var document = await ExportAsync(source, 1);
        var before = await source.Observations.CountAsync();

        var result = await ImportAsync(source, document);

        Assert.False(result.Succeeded);
        Assert.Contains("without programmes and actors", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await source.Observations.CountAsync());
    }

    [SkippableFact]
    public async Task AFileThatIsNotJsonIsRefusedClearly()
    {
        await using var target = await EmptyAsync(DatabaseProvider.Sqlite);
        var result = await ImportAsync(target, "indicator;date;value\n1.2;2024;5");
        Assert.False(result.Succeeded);
        Assert.StartsWith("The file is not JSON", result.Error, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (provider, connection) in made)
            await TestDatabase.DropDatabaseAsync(provider, connection);
    }
}
