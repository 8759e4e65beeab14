using System.Globalization;
using System.IO.Compression;
using System.Text;
using Masten.Core.Common;
using Masten.Core.History;
using Masten.Core.Imports;
using Masten.Core.Missions;
using Masten.Data.History;
using Masten.Data.Imports;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Masten.Data.Tests.Importing;

/// <summary>Observation imports on SQLite and PostgreSQL: preview, all-or-nothing apply, re-import, history and bad input.</summary>
public abstract class ImportStoreTests(DataDatabase database)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    static ImportStoreTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A draft mission of its own with two indicators, coded U1 and "Andel", and one observation of U1 on 2023-12-31.</summary>
    private async Task<(int Mission, int Emissions, int Share)> MissionAsync()
    {
        database.RequireDatabase();
        await using var db = database.NewContext(Clock);
        var store = new MissionStore(db);
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput("Importprogram", null, null));
        var mission = await store.CreateMissionAsync(new MissionInput(programme.Id, "Rena sjöar", "Alla sjöar är rena.", 2020, 2035));
        var goal = await store.CreateGoalAsync(new GoalInput(mission.Id, null, "Mindre fosfor", null));
        IndicatorInput Input(string name, string code) => new(goal.Id, name, null, "t", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SMHI",
            new DateOnly(2020, 12, 31), 50, [new TargetInput(new DateOnly(2035, 12, 31), 5)], Code: code);
        var emissions = await store.CreateIndicatorAsync(Input("Fosforutsläpp", "U1"));
        var share = await store.CreateIndicatorAsync(Input("Andel rena sjöar", "Andel"));
        await store.AppendObservationAsync(emissions.Id, new ObservationInput(new DateOnly(2023, 12, 31), 40, "SMHI", null), "mätaren");
        return (mission.Id, emissions.Id, share.Id);
    }

    private static ImportStore Store(MastenDbContext db, ImportOptions? options = null) => new(db, options ?? new ImportOptions());

    private static MemoryStream Csv(string text, Encoding? encoding = null) => new((encoding ?? new UTF8Encoding(false)).GetBytes(text));

    private static ImportRequest Request(int mission, ImportFileSettings? settings = null) => new(mission, "värden.csv", settings ?? new ImportFileSettings(), "anna");

    private async Task<ImportPreview> ApplyAsync(int mission, string csv, ImportFileSettings? settings = null)
    {
        await using var db = database.NewContext(Clock);
        return (await Store(db).ApplyAsync(Request(mission, settings), Csv(csv)))!;
    }

    private async Task<(int Observations, int Changes, int Imports)> CountsAsync(int mission)
    {
        await using var db = database.NewContext();
        var observations = await db.Observations.CountAsync(o => db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == mission));
        var changes = await db.ChangeRecords.CountAsync();
        var imports = await db.Imports.CountAsync(i => i.MissionId == mission);
        return (observations, changes, imports);
    }

    private const string Swedish = "indikator;datum;värde;källa\nU1;2023;41,5;SMHI\nU1;2024-Q3;1\u00A0234,5;SMHI\nAndel;2024-05;12;SCB\n";

    [SkippableFact]
    public async Task APreviewSaysWhatWouldBeCreatedAndUpdatedAndStoresNothing()
    {
        var (mission, _, _) = await MissionAsync();
        var before = await CountsAsync(mission);
        await using var db = database.NewContext(Clock);
        var preview = await Store(db).PreviewAsync(Request(mission), Csv(Swedish));
        Assert.Equal((3L, 2L, 1L, 0L, 0L), (preview.Rows, preview.Create, preview.Update, preview.Unchanged, preview.Rejected));
        Assert.Equal(new ImportFileDescription(ImportFormat.Csv, "utf-8", ';'), preview.File);
        var update = Assert.Single(preview.Sample, r => r.Action == ImportRowAction.Update);
        Assert.Equal((new DateOnly(2023, 12, 31), 41.5, (double?)40), (update.Date, update.Value, update.OldValue));
        Assert.Equal(before, await CountsAsync(mission));
    }

    [SkippableFact]
    public async Task ApplyingCreatesObservationsCorrectsChangedOnesWithTheImportAsReasonAndLogsEachChange()
    {
        var (mission, emissions, share) = await MissionAsync();
        var before = await CountsAsync(mission);
        var result = await ApplyAsync(mission, Swedish);
        Assert.True(result.Applied);
        await using var db = database.NewContext();
        var log = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == emissions || o.IndicatorId == share).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(4, log.Count);
        var old = log[0];
        var correction = Assert.Single(log, o => o.SupersedesId == old.Id);
        Assert.Equal((41.5, $"import #{result.ImportId} by anna", true), (correction.Value, correction.CorrectionReason, correction.IsCurrent));
        Assert.False(log[0].IsCurrent);
        Assert.Equal([41.5, 1234.5], ObservationSeries.Current(log.Where(o => o.IndicatorId == emissions)).Select(o => o.Value));
        var changes = await db.ChangeRecords.Where(c => c.EntityType == "Observation" && c.ChangedBy == $"import #{result.ImportId} by anna").ToListAsync();
        Assert.Equal(3, changes.Count);
        Assert.Contains("1234.5", changes.Single(c => c.EntityId == log.Single(o => o.Value == 1234.5).Id).After, StringComparison.Ordinal);
        // The read model is up to date: the stored assessment has the new latest value.
        var assessment = await db.IndicatorAssessments.AsNoTracking().SingleAsync(a => a.IndicatorId == emissions);
        Assert.Equal((new DateOnly(2024, 9, 30), 1234.5), (assessment.LastDate, assessment.LastValue));
        Assert.Equal(before.Observations + 3, (await CountsAsync(mission)).Observations);
    }

    [SkippableFact]
    public async Task TheHistoryShowsAnImportedValueWithTheFieldsAndValuesASavedOneHas()
    {
        var (mission, emissions, _) = await MissionAsync();
        var result = await ApplyAsync(mission, Swedish);
        await using var db = database.NewContext();
        var log = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == emissions).OrderBy(o => o.Id).ToListAsync();
        var saved = Assert.Single((await db.EntityHistoryAsync("Observation", log[0].Id, 1, default)).Items).After!;
        foreach (var imported in log.Skip(1))
        {
            var entry = Assert.Single((await db.EntityHistoryAsync("Observation", imported.Id, 1, default)).Items);
            Assert.Equal((ChangeAction.Created, $"import #{result.ImportId} by anna"), (entry.Action, entry.ChangedBy));
            var after = entry.After!;
            // The same fields as the snapshot a save writes, each with the value stored.
            Assert.Equal(saved.Select(p => p.Key), after.Select(p => p.Key));
            Assert.Equal((imported.Id, imported.IndicatorId, imported.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), imported.Value, imported.Source, imported.Note),
                ((int)after["Id"]!, (int)after["IndicatorId"]!, (string?)after["Date"], (double)after["Value"]!, (string?)after["Source"], (string?)after["Note"]));
            Assert.Equal((imported.SupersedesId, imported.CorrectionReason, imported.EnteredBy, true),
                ((int?)after["SupersedesId"], (string?)after["CorrectionReason"], (string?)after["EnteredBy"], (bool)after["IsCurrent"]!));
            Assert.Equal(imported.EnteredAt, DateTime.Parse((string)after["EnteredAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        }
        Assert.Single(log, o => o.SupersedesId == log[0].Id);
    }

    [SkippableFact]
    public async Task ReimportingTheSameFileChangesNothing()
    {
        var (mission, _, _) = await MissionAsync();
        await ApplyAsync(mission, Swedish);
        var after = await CountsAsync(mission);
        var again = await ApplyAsync(mission, Swedish);
        Assert.Equal((0L, 0L, 3L, true, false, null), (again.Create, again.Update, again.Unchanged, again.NothingToApply, again.Applied, again.ImportId));
        var counts = await CountsAsync(mission);
        // Nothing to apply: no observation, and no import in the history either.
        Assert.Equal((after.Observations, after.Imports), (counts.Observations, counts.Imports));
    }

    [SkippableFact]
    public async Task TheHistoryKeepsTheOriginalFileWhoAndWhatItDid()
    {
        var (mission, _, _) = await MissionAsync();
        var windows = Encoding.GetEncoding(1252).GetBytes("indikator;datum;värde;källa\nU1;2024;1,5;Länsstyrelsen\n");
        await using var db = database.NewContext(Clock);
        var result = await Store(db).ApplyAsync(Request(mission), new MemoryStream(windows));
        Assert.Equal("windows-1252", result!.File.Encoding);
        var (items, paging) = await Store(db).HistoryAsync(mission, 1, 20);
        var entry = Assert.Single(items);
        Assert.Equal((result.ImportId!.Value, "anna", ImportStatus.Applied, 1L, 1L, "värden.csv"), (entry.Id, entry.CreatedBy, entry.Status, entry.Rows, entry.Created, entry.FileName));
        Assert.Equal(1, paging.TotalCount);
        var file = await Store(db).FileAsync(mission, entry.Id);
        await using (var content = file!.Value.Content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(windows, copy.ToArray());
        }
        var stored = await db.Observations.AsNoTracking().SingleAsync(o => o.Source == "Länsstyrelsen");
        Assert.Equal(1.5, stored.Value);
    }

    [SkippableTheory]
    [InlineData("indikator;datum;värde\nU1;2024;1\nOkänd;2024;2\n", 3, "indikator", "UnknownIndicator")]
    [InlineData("indikator;datum;värde\nU1;2024;1\nU1;2024-12-31;2\n", 3, "datum", "DuplicateRow")]
    [InlineData("indikator;datum;värde\nU1;2024-05-31;1\nU1;2024-05-30;1\nU1;2024-05-31;2\n", 4, "datum", "DuplicateRow")]
    [InlineData("indikator;datum;värde\nU1;2024;cirka 5\n", 2, "värde", "InvalidNumber")]
    [InlineData("indikator;datum;värde\nU1;1980;5\n", 2, "datum", "DateOutOfRange")]
    [InlineData("indikator;datum;värde\nU1;2024\n", 2, null, "RaggedRow")]
    public async Task ARowWithAnErrorStopsTheWholeImportAndNamesRowAndColumn(string csv, long row, string? column, string code)
    {
        var (mission, _, _) = await MissionAsync();
        var before = await CountsAsync(mission);
        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => ApplyAsync(mission, csv));
        var error = Assert.Single(rejected.Preview.Errors);
        Assert.Equal((row, column, code), (error.Row, error.Column, error.Code));
        Assert.Equal(before, await CountsAsync(mission));
    }

    [SkippableTheory]
    [InlineData("", "EmptyFile")]
    [InlineData("indikator;datum;värde\n", "NoRows")]
    [InlineData("indikator;datum\nU1;2024\n", "MissingColumns")]
    public async Task AnEmptyOrHeaderOnlyFileIsAFileErrorAndStoresNothing(string csv, string code)
    {
        var (mission, _, _) = await MissionAsync();
        var before = await CountsAsync(mission);
        Assert.Equal(code, (await Assert.ThrowsAsync<ImportFileException>(() => ApplyAsync(mission, csv))).Code);
        Assert.Equal(before, await CountsAsync(mission));
    }

    [SkippableFact]
    public async Task AFileInWindows1252ReadAsUtf8IsAWrongEncodingError()
    {
        var (mission, _, _) = await MissionAsync();
        var bytes = Encoding.GetEncoding(1252).GetBytes("indikator;datum;värde\nU1;2024;1\n");
        await using var db = database.NewContext(Clock);
        var error = await Assert.ThrowsAsync<ImportFileException>(() => Store(db).ApplyAsync(Request(mission, new ImportFileSettings(Encoding: "utf-8")), new MemoryStream(bytes)));
        Assert.Equal("WrongEncoding", error.Code);
        var utf16 = Encoding.Unicode.GetBytes("indikator;datum;värde\nU1;2024;1\n");
        Assert.Equal("WrongEncoding", (await Assert.ThrowsAsync<ImportFileException>(() => Store(db).PreviewAsync(Request(mission), new MemoryStream(utf16)))).Code);
    }

    [SkippableFact]
    public async Task AFileOverTheSizeLimitIsRefusedBeforeItIsRead()
    {
        var (mission, _, _) = await MissionAsync();
        await using var db = database.NewContext(Clock);
        var options = new ImportOptions { MaxFileBytes = 1024 };
        var big = Csv("indikator;datum;värde\n" + string.Concat(Enumerable.Repeat("U1;2024;1\n", 200)));
        Assert.Equal("FileTooLarge", (await Assert.ThrowsAsync<ImportFileException>(() => Store(db, options).ApplyAsync(Request(mission), big))).Code);
        Assert.Equal(0, (await CountsAsync(mission)).Imports);
    }

    [SkippableFact]
    public async Task AnXlsxWorkbookIsReadWithTypedCells()
    {
        var (mission, emissions, _) = await MissionAsync();
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(new[]
        {
            new Dictionary<string, object> { ["indikator"] = "U1", ["datum"] = new DateTime(2024, 6, 30), ["värde"] = 12.25 },
            new Dictionary<string, object> { ["indikator"] = "U1", ["datum"] = 2025, ["värde"] = "1 000,5" },
        });
        xlsx.Position = 0;
        await using var db = database.NewContext(Clock);
        var result = await Store(db).ApplyAsync(Request(mission) with { FileName = "värden.xlsx" }, xlsx);
        Assert.Equal((ImportFormat.Xlsx, 2L), (result!.File.Format, result.Create));
        var values = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == emissions && o.Date >= new DateOnly(2024, 1, 1)).OrderBy(o => o.Date).Select(o => new { o.Date, o.Value }).ToListAsync();
        Assert.Equal([(new DateOnly(2024, 6, 30), 12.25), (new DateOnly(2025, 12, 31), 1000.5)], values.Select(v => (v.Date, v.Value)));
    }

    [SkippableFact]
    public async Task AnXlsxZipBombIsRefusedBeforeItIsUnpacked()
    {
        var (mission, _, _) = await MissionAsync();
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 40; i++)
                await entry.WriteAsync(zeros);
        }
        bomb.Position = 0;
        await using var db = database.NewContext(Clock);
        var options = new ImportOptions { MaxUncompressedBytes = 20L * 1024 * 1024 };
        Assert.Equal("ZipBomb", (await Assert.ThrowsAsync<ImportFileException>(() => Store(db, options).ApplyAsync(Request(mission), bomb))).Code);
        bomb.Position = 0;
        Assert.Equal("ZipBomb", (await Assert.ThrowsAsync<ImportFileException>(() => Store(db).PreviewAsync(Request(mission), bomb))).Code);
    }

    [SkippableFact]
    public async Task PastedTabSeparatedTextAndCommaSeparatedFilesAreDetected()
    {
        var (mission, _, _) = await MissionAsync();
        await using var db = database.NewContext(Clock);
        var tabs = await Store(db).PreviewAsync(Request(mission), Csv("indicator\tdate\tvalue\nU1\t2024\t3,5\n"));
        Assert.Equal(('\t', 1L), (tabs.File.Delimiter, tabs.Create));
        var commas = await Store(db).PreviewAsync(Request(mission), Csv("\uFEFFindicator,date,value\nU1,2024,\"3,5\"\n"));
        Assert.Equal((',', 1L, 0L), (commas.File.Delimiter, commas.Create, commas.ErrorCount));
    }

    [SkippableFact]
    public async Task TwoImportsIntoOneMissionAtOnceRunOneAfterTheOther()
    {
        var (mission, emissions, _) = await MissionAsync();
        var csv = "indikator;datum;värde\n" + string.Concat(Enumerable.Range(0, 2000).Select(d => $"U1;{new DateOnly(2000, 1, 1).AddDays(d):yyyy-MM-dd};{d}\n"));
        async Task<long?> Run()
        {
            try
            {
                return (await ApplyAsync(mission, csv)).Create;
            }
            catch (DomainException e) when (e.Errors.Any(x => x.Code == "ImportBusy"))
            {
                return null; // refused clearly: also allowed
            }
        }
        var results = await Task.WhenAll(Run(), Run());
        Assert.Contains(2000L, results);
        Assert.All(results, r => Assert.True(r is null or 0 or 2000));
        await using var db = database.NewContext();
        var current = await db.Observations.Where(o => o.IndicatorId == emissions && o.IsCurrent && o.Date < new DateOnly(2023, 1, 1)).CountAsync();
        Assert.Equal(2000, current);
        Assert.Equal(2000, await db.Observations.CountAsync(o => o.IndicatorId == emissions && o.Date < new DateOnly(2023, 1, 1)));
    }

    [SkippableFact]
    public async Task AnImportAndAHandEditOfOneMissionAtOnceBothCompleteAndNeverDeadlock()
    {
        var (mission, emissions, _) = await MissionAsync();
        Skip.If(database.Provider != DatabaseProvider.Postgres, "SQLite has one writer at a time; the lock order is PostgreSQL's row locks.");
        const int Rounds = 25, Rows = 40;
        for (var round = 0; round < Rounds; round++)
        {
            var first = new DateOnly(2000, 1, 1).AddDays(round * Rows);
            var csv = "indikator;datum;värde\n" + string.Concat(Enumerable.Range(0, Rows).Select(d => $"U1;{first.AddDays(d):yyyy-MM-dd};{round}\n"));
            var title = $"Rena sjöar {round}";
            async Task Edit()
            {
                // A hand edit of the mission: a new title, saved with the version just read (a revision locks the mission's indicators).
                await using var db = database.NewContext(Clock);
                var m = await db.Missions.AsNoTracking().FirstAsync(x => x.Id == mission);
                await new MissionStore(db).UpdateMissionAsync(mission, new MissionInput(m.ProgrammeId, title, m.Statement, m.BaselineYear, m.HorizonYear,
                    m.Status, m.RollupRule, m.Version, m.Language, m.LixTarget, m.StaleAfterDays));
            }
            // Both must complete: a deadlock (PostgreSQL 40P01) or any other failure fails the test.
            await Task.WhenAll(Task.Run(() => ApplyAsync(mission, csv)), Task.Run(Edit));
            await using var check = database.NewContext();
            Assert.Equal(title, await check.Missions.Where(m => m.Id == mission).Select(m => m.Title).FirstAsync());
        }
        await using var after = database.NewContext();
        Assert.Equal(Rounds * Rows, await after.Observations.CountAsync(o => o.IndicatorId == emissions && o.Date < new DateOnly(2023, 1, 1)));
    }

    [SkippableFact]
    public async Task AnImportIntoAMissionThatDoesNotExistReturnsNull()
    {
        database.RequireDatabase();
        await using var db = database.NewContext(Clock);
        Assert.Null(await Store(db).ApplyAsync(Request(int.MaxValue), Csv(Swedish)));
    }
}

public sealed class SqliteImportStoreTests(SqliteDatabase database) : ImportStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresImportStoreTests(PostgresDatabase database) : ImportStoreTests(database), IClassFixture<PostgresDatabase>;
