using System.Net;
using AngleSharp;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Masten.Core.Missions;
using Masten.Core.Progress;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>
/// The progress read model (stored current flags and assessments, windowed reads) agrees with a full
/// recomputation from the observation log, on SQLite and PostgreSQL.
/// </summary>
public abstract class ReadModelTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [SkippableFact]
    public async Task ReadModelAgreesWithAFullRecomputationOverRandomSeriesCorrectionsAndRevisions()
    {
        Factory.RequireDatabase();
        for (var seed = 1; seed <= 12; seed++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
            var missionId = await RandomMissionAsync(new MissionStore(db), db, new Random(seed), seed);
            var today = ProgressReadModel.Today(db);
            var random = new Random(seed * 31);
            DateOnly[] dates = [today, today.AddYears(-2).AddDays(random.Next(300)), new DateOnly(2019, 6, 30), today.AddYears(1)];
            foreach (var asOf in dates)
                await AssertAgreesAsync(db, missionId, asOf, $"seed {seed}, as of {asOf:yyyy-MM-dd}");

            // A stored assessment of an earlier day is refreshed when read later, and agrees.
            await db.IndicatorAssessments.ExecuteUpdateAsync(s => s.SetProperty(a => a.AsOf, today.AddDays(-1)));
            // A set-based write outside the change tracker raises the stamp itself (as Masten's own set-based writes do),
            // so answers reused under the old stamp are not served for the changed data.
            await db.Database.ExecuteSqlRawAsync(DataStamp.IncrementSql);
            await AssertAgreesAsync(db, missionId, today, $"seed {seed}, after a day");
            Assert.True(await db.IndicatorAssessments.Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.Goal!.MissionId == missionId)).AllAsync(a => a.AsOf == today));

            // Derived data lost (a bulk load): the rebuild brings it back from the base tables.
            await db.IndicatorAssessments.Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.Goal!.MissionId == missionId)).ExecuteDeleteAsync();
            await db.Observations.Where(o => db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == missionId))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, o => o.Id % 2 == 0));
            await db.Database.ExecuteSqlRawAsync(DataStamp.IncrementSql);
            await ProgressReadModel.RebuildAsync(db, missionId, default);
            await AssertAgreesAsync(db, missionId, today, $"seed {seed}, rebuilt");
        }
    }

    [SkippableFact]
    public async Task ReadsTolerateAMissingStoredAssessmentAndStoreIt()
    {
        Factory.RequireDatabase();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        var missionId = await RandomMissionAsync(new MissionStore(db), db, new Random(99), 99);
        var ids = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).Select(i => i.Id).ToListAsync();
        await db.IndicatorAssessments.Where(a => ids.Contains(a.IndicatorId)).ExecuteDeleteAsync();
        await AssertAgreesAsync(db, missionId, ProgressReadModel.Today(db), "missing rows");
        Assert.Equal(ids.Count, await db.IndicatorAssessments.CountAsync(a => ids.Contains(a.IndicatorId)));
    }

    /// <summary>An indicator of the example mission with 130 monthly observations, valued 0 to 129.</summary>
    private async Task<int> PagedIndicatorAsync(string name)
    {
        Factory.RequireDatabase();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        var store = new MissionStore(db);
        var missionId = await db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.Id).FirstAsync();
        var goal = await store.CreateGoalAsync(new GoalInput(missionId, null, "Sidmål", null, Reason: "Test"));
        var indicatorId = (await store.CreateIndicatorAsync(new IndicatorInput(goal.Id, name, null, "st", Direction.HigherIsBetter,
            ReportingFrequency.Monthly, null, new DateOnly(2015, 1, 1), 0, [new TargetInput(new DateOnly(2035, 1, 1), 100)], Reason: "Test"))).Id;
        for (var k = 0; k < 130; k++)
            await store.AppendObservationAsync(indicatorId, new ObservationInput(new DateOnly(2014, 1, 1).AddMonths(k), k, null, null), "test");
        return indicatorId;
    }

    [SkippableFact]
    public async Task ObservationHistoryPagesTheLogOldestFirstAndSaysWhenAPageIsBeyondTheLast()
    {
        var indicatorId = await PagedIndicatorAsync("Historikindikator");
        var client = Factory.CreateClient();
        static AngleSharp.Dom.IElement[] Rows(AngleSharp.Dom.IDocument d) => [.. d.QuerySelectorAll("table.history tbody tr")];
        var first = await ParseAsync(await client.GetStringAsync($"/indicators/{indicatorId}/history"));
        var second = await ParseAsync(await client.GetStringAsync($"/indicators/{indicatorId}/history?page=2"));
        Assert.Equal(IndicatorPageSize, Rows(first).Length);
        Assert.Equal(130 - IndicatorPageSize, Rows(second).Length);
        // Oldest first: January 2014 (value 0) opens the first page, the latest value closes the second.
        Assert.Equal("0 st", Rows(first)[0].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("129 st", Rows(second)[^1].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
        Assert.Null(second.QuerySelector("a[rel=next]"));

        foreach (var beyond in new[] { "3", "2147483647" })
        {
            var response = await client.GetAsync($"/indicators/{indicatorId}/history?page={beyond}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.Empty(Rows(page));
            Assert.Contains("loggen har 2 sidor", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/indicators/{indicatorId}/history", page.QuerySelector($"main a[href='/indicators/{indicatorId}/history']")?.GetAttribute("href"));
        }
    }

    [SkippableFact]
    public async Task IndicatorPagePagesItsCurrentObservations()
    {
        var indicatorId = await PagedIndicatorAsync("Sidindikator");
        var client = Factory.CreateClient();
        var first = await ParseAsync(await client.GetStringAsync($"/indicators/{indicatorId}"));
        var second = await ParseAsync(await client.GetStringAsync($"/indicators/{indicatorId}?page=2"));
        var beyond = await client.GetAsync($"/indicators/{indicatorId}?page=99");
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        static int Rows(AngleSharp.Dom.IDocument d) =>
            d.QuerySelector("#observations-heading")!.ParentElement!.QuerySelectorAll("tbody tr").Length;
        Assert.Equal(IndicatorPageSize, Rows(first));
        Assert.Equal(130 - IndicatorPageSize, Rows(second));
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
        // Newest first: the latest value opens the first page.
        Assert.Contains("129", first.QuerySelector("#observations-heading")!.ParentElement!.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    private const int IndicatorPageSize = 100;

    internal static Task<AngleSharp.Dom.IDocument> ParseAsync(string html) =>
        AngleSharp.BrowsingContext.New(AngleSharp.Configuration.Default).OpenAsync(r => r.Content(html));

    /// <summary>A mission of random indicators with random observations, corrections (some changing the date), revisions and roll-up rule.</summary>
    internal static async Task<int> RandomMissionAsync(MissionStore store, MastenDbContext db, Random random, int seed)
    {
        var programmeId = await db.Programmes.Select(p => p.Id).FirstAsync();
        var mission = await store.CreateMissionAsync(new MissionInput(programmeId, $"Slumpmission {seed} {Guid.NewGuid():N}", "Ett påstående.", 2015, 2040,
            RollupRule: random.Next(2) == 0 ? RollupRule.WeakestLink : RollupRule.Weighted));
        var goals = new List<Goal>();
        for (var g = 0; g < 3; g++)
            goals.Add(await store.CreateGoalAsync(new GoalInput(mission.Id, g == 2 ? goals[0].Id : null, $"Mål {g}", null, Weight: 1 + random.Next(3))));
        var indicators = new List<Indicator>();
        var count = 3 + random.Next(4);
        for (var k = 0; k < count; k++)
        {
            var baseline = Math.Round(random.NextDouble() * 1000, 1);
            indicators.Add(await store.CreateIndicatorAsync(new IndicatorInput(goals[random.Next(goals.Count)].Id, $"Indikator {k}", null, "t",
                random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter,
                (ReportingFrequency)random.Next(3), null, new DateOnly(2015, 1, 1), baseline,
                [new TargetInput(new DateOnly(2030, 1, 1), Math.Round(random.NextDouble() * 1000, 1)), new TargetInput(new DateOnly(2040, 1, 1), Math.Round(random.NextDouble() * 1000, 1))],
                (PathwayShape)random.Next(Enum.GetValues<PathwayShape>().Length), 1 + random.Next(3))));
        }
        var today = ProgressReadModel.Today(db);
        var active = await store.UpdateMissionAsync(mission.Id, new MissionInput(programmeId, mission.Title, mission.Statement, 2015, 2040,
            MissionStatus.Active, mission.RollupRule, mission.Version));
        var ids = new List<int>();
        for (var n = 0; n < 70; n++)
        {
            var indicator = indicators[random.Next(indicators.Count)];
            var date = new DateOnly(2012, 1, 1).AddDays(random.Next(today.DayNumber - new DateOnly(2012, 1, 1).DayNumber + 1));
            if (ids.Count > 0 && random.Next(8) == 0)
            {
                var sameDay = ids[random.Next(ids.Count)];
                date = await db.Observations.Where(o => o.Id == sameDay).Select(o => o.Date).FirstAsync();
            }
            var value = Math.Round(random.NextDouble() * 1000, 2);
            if (ids.Count > 3 && random.Next(10) == 0)
            {
                // Correct a value that has not been corrected yet, sometimes to another date.
                var candidates = await db.Observations.Where(o => ids.Contains(o.Id) && !db.Observations.Any(s => s.SupersedesId == o.Id)).Select(o => new { o.Id, o.Date }).ToListAsync();
                var old = candidates[random.Next(candidates.Count)];
                var corrected = await store.CorrectObservationAsync(old.Id, new CorrectionInput(random.Next(3) == 0 ? date : old.Date, value, null, null, "Rättat"), "test");
                ids.Add(corrected!.Id);
            }
            else
            {
                ids.Add((await store.AppendObservationAsync(indicator.Id, new ObservationInput(date, value, null, null), "test"))!.Id);
            }
            if (random.Next(25) == 0)
            {
                // A revision of one indicator's targets, sometimes valid only from a later date.
                var revisedId = indicators[random.Next(indicators.Count)].Id;
                var live = await db.Indicators.AsNoTracking().Include(i => i.Targets).FirstAsync(i => i.Id == revisedId);
                await store.UpdateIndicatorAsync(live.Id, new IndicatorInput(live.GoalId, live.Name, null, live.Unit, live.Direction, live.Frequency, null,
                    live.BaselineDate, live.BaselineValue, [.. live.Targets.Select(t => new TargetInput(t.Date, Math.Round(t.Value * (0.5 + random.NextDouble()), 1)))],
                    live.Shape, live.Weight, live.Version, "Reviderat", null, random.Next(3) == 0 ? today.AddDays(30) : null));
            }
        }
        if (random.Next(2) == 0)
        {
            var m = await db.Missions.AsNoTracking().FirstAsync(x => x.Id == mission.Id);
            await store.UpdateMissionAsync(m.Id, new MissionInput(programmeId, m.Title, m.Statement, 2015, 2040, m.Status,
                m.RollupRule == RollupRule.Weighted ? RollupRule.WeakestLink : RollupRule.Weighted, m.Version));
        }
        Assert.NotNull(active);
        return mission.Id;
    }

    /// <summary>
    /// The reference: the code path the read model replaced. The whole log, its current series by
    /// <see cref="ObservationSeries.Current"/>, every indicator assessed on all of it, rolled up again.
    /// </summary>
    internal static async Task AssertAgreesAsync(MastenDbContext db, int missionId, DateOnly asOf, string label)
    {
        var progress = (await db.MissionProgressAsync(missionId, asOf, default))!;
        var ids = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).Select(i => i.Id).ToListAsync();
        var log = await db.Observations.AsNoTracking().Where(o => ids.Contains(o.IndicatorId)).ToListAsync();
        var current = ids.ToDictionary(id => id, id => ObservationSeries.Current(log.Where(o => o.IndicatorId == id)));

        // The stored flags are the current series.
        foreach (var id in ids)
            Assert.True(current[id].Select(o => o.Id).Order().SequenceEqual(log.Where(o => o.IndicatorId == id && o.IsCurrent).Select(o => o.Id).Order()), $"{label}: current flags of {id}");

        var reference = new Dictionary<int, Assessment>();
        foreach (var p in progress.AllIndicators())
        {
            var series = current[p.Indicator.Id].Select(o => new DatedValue(o.Date, o.Value)).ToList();
            var expected = ProgressReads.Assess(p.Indicator, series, asOf);
            reference[p.Indicator.Id] = expected;
            Assert.Equal(Serialize(p.Indicator, expected), Serialize(p.Indicator, p.Assessment));
            Assert.Equal(series.Count > 0 ? series[^1] : null, p.CurrentSeries.Count > 0 ? p.CurrentSeries[^1] : (DatedValue?)null);
        }

        // The portfolio's required paces, read without assessing, are the assessments' own, in the same order, and so is the mission.
        var (mission, paces) = (await db.RequiredPacesAsync(missionId, asOf, default))!.Value;
        Assert.Equal(progress.Mission, mission);
        Assert.Equal(progress.AllIndicators().Select(p => (p.Indicator.Id, p.Indicator.GoalId, p.Indicator.Name, p.Indicator.Direction, p.Assessment.RequiredPace)),
            paces.Select(p => (p.Indicator.Id, p.Indicator.GoalId, p.Indicator.Name, p.Indicator.Direction, p.Pace)));

        // Goals and the mission, rolled up from the reference assessments over the same tree.
        Core.Progress.GoalNode Node(GoalProgress g) => new(g.Goal.Title, g.Children.Select(Node).ToList(),
            g.Indicators.Select(i => new IndicatorNode(i.Indicator.Name, reference[i.Indicator.Id], i.Indicator.Weight)).ToList(), g.Goal.Weight);
        var rollup = Rollup.Compute(new Core.Progress.GoalNode(progress.Mission.Title, progress.Goals.Select(Node).ToList(), []), progress.Mission.RollupRule);
        AssertSameRollup(rollup, progress.Rollup, label);
    }

    private static void AssertSameRollup(RollupResult expected, RollupResult actual, string label)
    {
        Assert.True(expected.Status == actual.Status, $"{label}: status of {expected.Name}");
        Assert.Equal(expected.Fraction, actual.Fraction);
        Assert.Equal(expected.RequiredFraction, actual.RequiredFraction);
        Assert.Equal(expected.DecidedBy, actual.DecidedBy);
        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (var k = 0; k < expected.Children.Count; k++)
            AssertSameRollup(expected.Children[k], actual.Children[k], label);
    }

    /// <summary>The API's answer for the assessment: every number, forecast, note and explanation.</summary>
    private static string Serialize(IndicatorDto indicator, Assessment assessment) =>
        JsonSerializer.Serialize(Progress.ProgressApi.ToDto(new IndicatorProgress(indicator, assessment, [])), Json);
}

public sealed class SqliteReadModelTests(SqliteAppFactory factory) : ReadModelTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReadModelTests(PostgresAppFactory factory) : ReadModelTests(factory), IClassFixture<PostgresAppFactory>
{
    /// <summary>
    /// Two web instances on one PostgreSQL database: an observation appended through the first is in the
    /// next read of the mission's progress through the second, which had read (and stored) it before.
    /// </summary>
    [SkippableFact]
    public async Task AWriteThroughOneHostIsVisibleOnTheNextReadThroughASecondHost()
    {
        Factory.RequireDatabase();
        await using var second = Factory.SecondHost();
        var a = Factory.CreateClient();
        var b = second.CreateClient();
        b.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Factory.AdminToken);
        var missionId = Factory.ExampleMissionId;

        var before = JsonNode.Parse(await b.GetStringAsync($"/api/v1/missions/{missionId}/progress"))!;
        var indicator = before["indicators"]!.AsArray().First()!;
        var indicatorId = (int)indicator["indicatorId"]!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var value = 123456.5;
        var posted = await a.PostAsJsonAsync($"/api/v1/indicators/{indicatorId}/observations", new { date = today.ToString("yyyy-MM-dd"), value, source = "Värd A" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var after = JsonNode.Parse(await b.GetStringAsync($"/api/v1/missions/{missionId}/progress"))!;
        var seen = after["indicators"]!.AsArray().First(i => (int)i!["indicatorId"]! == indicatorId)!;
        Assert.Equal(value, (double)seen["assessment"]!["latest"]!["value"]!);
        Assert.Equal(today.ToString("yyyy-MM-dd"), (string)seen["assessment"]!["latest"]!["date"]!);
        var page = await ParseAsync(await b.GetStringAsync($"/missions/{missionId}"));
        // The indicator's entry on the mission page shows the new latest value and its date.
        var entry = page.GetElementById($"indicator-{indicatorId}");
        Assert.NotNull(entry);
        Assert.Contains("123", entry!.TextContent, StringComparison.Ordinal);
        Assert.Contains(today.ToString("yyyy-MM-dd"), entry.TextContent, StringComparison.Ordinal);
    }
}
