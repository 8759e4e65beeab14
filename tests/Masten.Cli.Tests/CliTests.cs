using System.Text.Json.Nodes;
using Masten.Data;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Cli.Tests;

/// <summary>
/// The <c>masten</c> commands against a temporary SQLite file. One class, so its tests run one at a
/// time: they redirect the console.
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"masten-cli-{Guid.NewGuid():N}.db");

    private string Connection => $"Data Source={path}";

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => RunOnAsync(Connection, args);

    private static async Task<(int Code, string Out, string Error)> RunOnAsync(string connection, params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CliApp.Create().Parse([.. args, "--connection", connection]).InvokeAsync();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public async Task MigrateCreatesTheSchemaAndSaysSoOnlyOnce()
    {
        var first = await RunAsync("migrate");
        Assert.Equal(0, first.Code);
        Assert.Matches(@"Applied \d+ migration\(s\)", first.Out);
        var second = await RunAsync("migrate");
        Assert.Contains("already up to date", second.Out);
    }

    [Fact]
    public async Task AdminCreatePrintsAOneTimeLinkBoundToTheAddressAndStoresOnlyItsHash()
    {
        var result = await RunAsync("admin", "create", "--email", "chef@myndighet.se", "--url", "https://masten.example.se/");

        Assert.Equal(0, result.Code);
        var link = System.Text.RegularExpressions.Regex.Match(result.Out, @"https://masten\.example\.se/invite/(?<secret>[A-Za-z0-9_-]{40,})");
        Assert.True(link.Success, result.Out);
        await using var db = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions();
        var invitation = await db.Invitations.SingleAsync();
        Assert.True(invitation.SystemAdmin);
        Assert.Equal("chef@myndighet.se", invitation.Email);
        Assert.Equal(Masten.Core.Accounts.Secrets.Hash(link.Groups["secret"].Value), invitation.TokenHash);
        Assert.DoesNotContain(link.Groups["secret"].Value, invitation.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreateWithABadAddressSaysSoAndStoresNothing()
    {
        var result = await RunAsync("admin", "create", "--email", "not an address");

        Assert.Equal(2, result.Code);
        Assert.Contains("email", result.Error, StringComparison.Ordinal);
        await using var db = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Fact]
    public async Task SeedDemoAddsTheExampleOnce()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).Code);
        var again = await RunAsync("seed", "--demo");
        Assert.Equal(0, again.Code);
        Assert.Contains("already there", again.Out);
        await using var db = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions();
        Assert.Equal(1, await db.Programmes.CountAsync(p => p.Name == DemoSeeder.ProgrammeName));
        Assert.Equal(10, await db.Indicators.CountAsync()); // 9 in the food mission, 1 counted from the companies' journey
        Assert.Equal(1, await db.Observations.CountAsync(o => o.SupersedesId != null));
    }

    [Fact]
    public async Task SeedWithoutWhatToAddIsAnError()
    {
        var result = await RunAsync("seed");
        Assert.Equal(2, result.Code);
        Assert.Contains("seed --demo", result.Error);
    }

    [Fact]
    public async Task ProgressPrintsTheTreeWithStatusesAndExplanations()
    {
        await RunAsync("seed", "--demo");
        var result = await RunAsync("progress", "1", "--as-of", "2026-06-30");
        Assert.Equal(0, result.Code);
        Assert.Contains("Ett fossilfritt och hälsosamt livsmedelssystem 2035", result.Out);
        Assert.Contains("Matsvinn i hushållen [", result.Out);
        Assert.Contains("behöver minska med", result.Out);
    }

    [Fact]
    public async Task ProgressAsJsonIsMachineReadable()
    {
        await RunAsync("seed", "--demo");
        var result = await RunAsync("progress", "1", "--json", "--lang", "en", "--as-of", "2026-06-30");
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal(4, json["goals"]!.AsArray().Count);
        Assert.Equal("WeakestLink", (string)json["rollupRule"]!);
        Assert.Contains("takes the status of its weakest part", (string)json["explanation"]!);
    }

    [Fact]
    public async Task ProgressOnAMissingDatabaseTellsHowToCreateIt()
    {
        var result = await RunAsync("progress", "1");
        Assert.Equal(1, result.Code);
        Assert.Contains("masten migrate", result.Error);
    }

    [Fact]
    public async Task ImportMissionDryRunChecksTheWholeDocumentStoresNothingAndTheRealImportThenReproducesTheMission()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).Code);
        var document = Path.ChangeExtension(path, ".json");
        var target = Path.ChangeExtension(path, ".target.db");
        var targetConnection = $"Data Source={target}";
        try
        {
            var export = await RunAsync("export", "mission", "1", "-o", document);
            Assert.True(export.Code == 0, export.Error);
            Assert.Equal(0, (await RunOnAsync(targetConnection, "migrate")).Code);

            var help = await RunOnAsync(targetConnection, "import", "mission", "--help");
            Assert.Contains("--dry-run", help.Out, StringComparison.Ordinal);
            var badFormat = await RunOnAsync(targetConnection, "import", "mission", document, "--format", "xlsx");
            Assert.NotEqual(0, badFormat.Code);

            var dry = await RunOnAsync(targetConnection, "import", "mission", document, "--dry-run", "--format", "json");
            Assert.True(dry.Code == 0, dry.Error);
            Assert.Contains("Nothing was stored.", dry.Out, StringComparison.Ordinal);
            Assert.Contains("observations", dry.Out, StringComparison.Ordinal);
            await using (var db = MastenDatabase.Create(DatabaseProvider.Sqlite, targetConnection).SeeAllMissions())
            {
                Assert.Equal(0, await db.Missions.CountAsync());
                Assert.Equal(0, await db.Observations.CountAsync());
            }

            var imported = await RunOnAsync(targetConnection, "import", "mission", document);
            Assert.True(imported.Code == 0, imported.Error);
            Assert.Contains("Imported mission 1", imported.Out, StringComparison.Ordinal);
            int expected;
            await using (var source = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions())
                expected = await source.Observations.CountAsync(o => source.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == 1));
            await using (var db = MastenDatabase.Create(DatabaseProvider.Sqlite, targetConnection).SeeAllMissions())
            {
                Assert.Equal(1, await db.Missions.CountAsync());
                Assert.Equal(expected, await db.Observations.CountAsync());
            }

            var again = await RunOnAsync(targetConnection, "import", "mission", document, "--dry-run");
            Assert.Equal(1, again.Code);
            Assert.Contains("Nothing was imported.", again.Error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { document, target, target + "-wal", target + "-shm" })
                File.Delete(file);
        }
    }

    [Fact]
    public async Task ImportRoadmapNeedsAReasonForAnActiveMissionAppliesOneRevisionAndThenHasNothingToApply()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).Code);
        int mission, horizon, versions;
        await using (var db = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions())
        {
            var active = await db.Missions.Where(m => m.Status == Masten.Core.Missions.MissionStatus.Active).OrderBy(m => m.Id).Select(m => new { m.Id, m.HorizonYear }).FirstAsync();
            (mission, horizon) = (active.Id, active.HorizonYear);
            versions = await db.RoadmapVersions.CountAsync(v => v.MissionId == mission);
        }
        var file = Path.ChangeExtension(path, ".csv");
        await File.WriteAllTextAsync(file, $"delmål;kod;indikator;enhet;basår;basvärde;{horizon}\nImporterat delmål;IMP-1;Importerad indikator;st;2024;1;5\n");
        try
        {
            var id = mission.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var help = await RunAsync("import", "roadmap", "--help");
            Assert.Contains("--reason", help.Out, StringComparison.Ordinal);
            var dry = await RunAsync("import", "roadmap", file, "--mission", id, "--dry-run");
            Assert.True(dry.Code == 0, dry.Error);
            Assert.Contains("Dry run: nothing was stored.", dry.Out, StringComparison.Ordinal);
            var refused = await RunAsync("import", "roadmap", file, "--mission", id);
            Assert.Equal(2, refused.Code);
            Assert.Contains("reason", refused.Error, StringComparison.Ordinal);
            var applied = await RunAsync("import", "roadmap", file, "--mission", id, "--reason", "Ett nytt delmål");
            Assert.True(applied.Code == 0, applied.Error);
            Assert.Contains("Applied as import #", applied.Out, StringComparison.Ordinal);
            var again = await RunAsync("import", "roadmap", file, "--mission", id, "--reason", "Igen");
            Assert.Equal(0, again.Code);
            Assert.Contains("Nothing to apply", again.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("Dry run", again.Out, StringComparison.Ordinal);
            // A dry run of a file that changes nothing says both: that it was a dry run, and that there is nothing to apply.
            var dryAgain = await RunAsync("import", "roadmap", file, "--mission", id, "--dry-run");
            Assert.True(dryAgain.Code == 0, dryAgain.Error);
            Assert.Contains("Dry run: nothing was stored.", dryAgain.Out, StringComparison.Ordinal);
            Assert.Contains("Nothing to apply", dryAgain.Out, StringComparison.Ordinal);
            await using var db = MastenDatabase.Create(DatabaseProvider.Sqlite, Connection).SeeAllMissions();
            Assert.Equal(versions + 1, await db.RoadmapVersions.CountAsync(v => v.MissionId == mission));
            Assert.Equal("Ett nytt delmål", await db.RoadmapVersions.Where(v => v.MissionId == mission).OrderByDescending(v => v.Number).Select(v => v.Reason).FirstAsync());
            Assert.Equal(1, await db.Indicators.CountAsync(i => i.Code == "IMP-1" && i.Goal!.MissionId == mission));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TextCheckPrintsScoresAndFindingsWithLineAndColumn()
    {
        var file = Path.ChangeExtension(path, ".txt");
        // 38 words: long enough for a LIX score.
        await File.WriteAllTextAsync(file, "Hej.\nVi ska möjliggöra samverkan. Vi träffas varje vecka och pratar om vad vi har gjort. "
            + "Sedan skriver vi ner det som är viktigt. Alla kan läsa det på sidan efteråt och säga vad de tycker om det.");
        try
        {
            var result = await RunAsync("text", "check", file);
            Assert.Equal(0, result.Code);
            Assert.Contains("LIX (läsbarhetsindex):", result.Out);
            Assert.Contains("2:8 hint jargon:", result.Out);
            var failing = await RunAsync("text", "check", "--fail-above", "1", file);
            Assert.Equal(3, failing.Code);
            var json = JsonNode.Parse((await RunAsync("text", "check", "--json", "--lang", "sv", file)).Out)!;
            Assert.Equal("sv", (string)json["language"]!);
            Assert.False((bool)json["tooShortForScore"]!);
            Assert.Contains(json["scores"]!.AsArray(), s => (string)s!["kind"]! == "Lix");
            Assert.Contains(json["findings"]!.AsArray(), f => (string)f!["ruleId"]! == "jargon");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TextCheckOfAShortTextShowsNoScoreAndNeverFailsOnOne()
    {
        var file = Path.ChangeExtension(path, ".short.txt");
        await File.WriteAllTextAsync(file, "Hej.\nVi ska möjliggöra samverkan.");
        try
        {
            var result = await RunAsync("text", "check", file);
            Assert.Equal(0, result.Code);
            Assert.Contains("No score: 5 words is too short", result.Out);
            Assert.DoesNotContain("LIX (läsbarhetsindex):", result.Out);
            // The word-level findings are still there.
            Assert.Contains("2:8 hint jargon:", result.Out);
            var limited = await RunAsync("text", "check", "--fail-above", "1", file);
            Assert.Equal(0, limited.Code);
            var json = JsonNode.Parse((await RunAsync("text", "check", "--json", file)).Out)!;
            Assert.True((bool)json["tooShortForScore"]!);
            Assert.Empty(json["scores"]!.AsArray());
            await File.WriteAllTextAsync(file, "A short text here.");
            var english = await RunAsync("text", "check", "--lang", "en", file);
            Assert.Contains("4 words is too short for a Flesch Reading Ease", english.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TextCheckOfAMissingFileSaysSo()
    {
        var result = await RunAsync("text", "check", "/no/such/file.txt");
        Assert.Equal(2, result.Code);
        Assert.Contains("There is no file", result.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
