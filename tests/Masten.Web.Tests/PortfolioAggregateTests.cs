using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Masten.Data;
using Masten.Data.Actors;
using Masten.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The portfolio and mission-actor figures added up in SQL agree with the in-memory analysis of every record, over a
/// mission of random data; and their long lists page without errors. Once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class PortfolioAggregateTests(MastenAppFactory factory)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    protected MastenAppFactory Factory { get; } = factory;

    private async Task<int> SampleAsync(int seed, SampleMission.Sizes sizes)
    {
        Factory.RequireDatabase();
        return await Factory.WithDbAsync(db => SampleMission.SeedAsync(db, new Random(seed), sizes, Today));
    }

    [SkippableTheory]
    [InlineData(1, 0)]
    [InlineData(2, 200)]
    [InlineData(3, 30)]
    public async Task PortfolioAggregatesInSqlGiveTheSameReportAsAnalysingEveryInitiative(int seed, int daysBack)
    {
        var mission = await SampleAsync(seed, SampleMission.Sizes.Test);
        var asOf = Today.AddDays(-daysBack);
        var (fromSql, inMemory) = await Factory.WithDbAsync(async db =>
        {
            var staleDays = await db.Missions.Where(m => m.Id == mission).Select(m => m.StaleAfterDays).FirstAsync();
            var goals = await db.Goals.Where(g => g.MissionId == mission).OrderBy(g => g.Order).Select(g => new PortfolioGoal(g.Id, g.Title)).ToListAsync();
            // A required pace per indicator, some unknown: the sums are compared, not the progress engine.
            var rnd = new Random(seed);
            var indicators = (await db.Indicators.Where(i => i.Goal!.MissionId == mission).OrderBy(i => i.Id).Select(i => new { i.Id, i.GoalId, i.Name, i.Unit }).ToListAsync())
                .Select(i => new PortfolioIndicator(i.Id, i.GoalId, i.Name, i.Unit, rnd.Next(4) == 0 ? null : rnd.Next(1, 20))).ToList();
            var sql = PortfolioAnalysis.Analyse(goals, indicators, await db.PortfolioAggregatesAsync(mission, asOf, staleDays, default), asOf, staleDays);
            var memory = PortfolioAnalysis.Analyse(goals, indicators, await InMemoryAsync(db, mission, asOf), asOf, staleDays);
            return (sql, memory);
        });

        Assert.Equal(JsonSerializer.Serialize(inMemory, Json), JsonSerializer.Serialize(fromSql, Json));
        // The data is rich enough for every figure to matter.
        Assert.All(Enum.GetValues<AlertKind>(), kind => Assert.Contains(fromSql.Alerts, a => a.Kind == kind));
        Assert.Contains(fromSql.Coverage, c => c.Initiatives > 1);
        Assert.Contains(fromSql.ContributionVersusGap, g => g.QualitativeOnly > 0 && g.Confidence is not null && g.ContributedPerYear != 0);
        Assert.True(fromSql.Concentration.Leads.Count > 10);
        Assert.True(fromSql.Initiatives > fromSql.ActiveInitiatives);
    }

    [SkippableTheory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task MissionActorTotalsInSqlAgreeWithAddingUpEveryCommitment(int seed)
    {
        var mission = await SampleAsync(seed, SampleMission.Sizes.Test);
        var (overview, expected) = await Factory.WithDbAsync(async db =>
        {
            var o = (await db.MissionActorsAsync(mission, default, 1, 200))!;
            var commitments = await db.Commitments.AsNoTracking().Where(c => c.MissionId == mission).ToListAsync();
            var drivers = await db.Drivers.AsNoTracking().Where(d => d.MissionId == mission).ToListAsync();
            var types = await db.Actors.ToDictionaryAsync(a => a.Id, a => a.Type);
            var names = await db.Actors.ToDictionaryAsync(a => a.Id, a => a.Name);
            var members = await db.Memberships.Where(m => m.MissionId == mission).Select(m => m.ActorId).ToListAsync();
            var contacts = await db.ContactPeople.AsNoTracking().Where(c => members.Contains(c.ActorId)).ToListAsync();
            var rounds = await db.SigningRounds.Where(r => r.MissionId == mission).OrderBy(r => r.Date).Select(r => r.Id).ToListAsync();
            var roundsExpected = rounds.Select(r =>
            {
                var inRound = commitments.Where(c => c.RoundId == r).ToList();
                var pledged = inRound.Where(c => c.Status != CommitmentStatus.Withdrawn).ToList();
                var fromPublic = pledged.Where(c => ActorAnalysis.IsPublicBody(types[c.ActorId])).ToList();
                return new
                {
                    ByStatus = Enum.GetValues<CommitmentStatus>().ToDictionary(s => s, s => inRound.Count(c => c.Status == s)),
                    Money = ActorAnalysis.MoneyOf(pledged), PersonYears = pledged.Sum(c => c.PersonYears ?? 0),
                    PublicMoney = ActorAnalysis.MoneyOf(fromPublic), PublicPersonYears = fromPublic.Sum(c => c.PersonYears ?? 0),
                };
            }).ToList();
            var mix = drivers.SelectMany(d => d.Categories.Select(c => (Category: c, Driver: d)))
                .GroupBy(x => x.Category).OrderBy(g => g.Key)
                .Select(g => new DriverMixRow(g.Key, g.Count(), g.Select(x => x.Driver.ActorId).Distinct().Count(), g.SelectMany(x => x.Driver.GoalIds).Distinct().Order().ToList()))
                .ToList();
            var pledges = ActorAnalysis.PublicPledges(commitments, types).Select(p => new { p.ActorId, Name = names[p.ActorId], p.RoundId, p.Commitments, p.Money, p.PersonYears }).ToList();
            var anchoring = ActorAnalysis.Anchor(o.Members.Select(m => m.ActorId), contacts).Select(a => new { a.ActorId, a.Levels, a.IsSingleLevel }).ToList();
            return (o, new { Rounds = roundsExpected, Totals = ActorAnalysis.Totals(commitments), Pledges = pledges, Mix = mix, Anchoring = anchoring, Members = members.Count });
        });

        var actual = new
        {
            Rounds = overview.Rounds.Select(r => new { r.ByStatus, r.Money, r.PersonYears, r.PublicMoney, r.PublicPersonYears }).ToList(),
            overview.Totals,
            Pledges = overview.PublicPledges.Select(p => new { p.ActorId, Name = p.ActorName, p.RoundId, p.Commitments, p.Money, p.PersonYears }).ToList(),
            Mix = overview.DriverMix,
            Anchoring = overview.Anchoring.Select(a => new { a.ActorId, a.Levels, a.IsSingleLevel }).ToList(),
            Members = overview.MemberPaging.TotalCount,
        };
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
        Assert.Contains(overview.Totals, t => t.GoalId is null);
        Assert.Contains(overview.Totals, t => t.Money.Count == 2);
        Assert.True(overview.PublicPledges.Count > 5);
        Assert.Equal(overview.MemberPaging.TotalCount, overview.Members.Count);
    }

    [SkippableFact]
    public async Task PortfolioAlertsPageThroughTheApiAndAPageBeyondTheLastIsEmpty()
    {
        var mission = await SampleAsync(6, SampleMission.Sizes.Test);
        Assert.NotNull(await Factory.WithDbAsync(db => db.PortfolioAsync(mission, Today, default)));
        var client = Factory.CreateClient();
        var first = await JsonAsync(client, $"/api/v1/missions/{mission}/portfolio?page=1&pageSize=7");
        var total = (int)first["alertPaging"]!["totalCount"]!;
        Assert.True(total > 14, $"{total} alerts");
        Assert.Equal(7, first["report"]!["alerts"]!.AsArray().Count);
        Assert.Equal((total + 6) / 7, (int)first["alertPaging"]!["pageCount"]!);
        var second = await JsonAsync(client, $"/api/v1/missions/{mission}/portfolio?page=2&pageSize=7");
        var ids = (JsonNode n) => n["report"]!["alerts"]!.AsArray().Select(a => $"{a!["initiativeId"]}:{a["kind"]}").ToList();
        Assert.Empty(ids(first).Intersect(ids(second)));
        var all = await JsonAsync(client, $"/api/v1/missions/{mission}/portfolio?pageSize=200");
        Assert.Equal(ids(all).Take(14), ids(first).Concat(ids(second)));

        foreach (var beyond in new[] { "page=999999&pageSize=7", "page=2147483647&pageSize=200", "page=-3&pageSize=0" })
        {
            var response = await client.GetAsync($"/api/v1/missions/{mission}/portfolio?{beyond}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Empty((await JsonAsync(client, $"/api/v1/missions/{mission}/portfolio?page=999999&pageSize=7"))["report"]!["alerts"]!.AsArray());
        Assert.Single((await JsonAsync(client, $"/api/v1/missions/{mission}/portfolio?page=-3&pageSize=0"))["report"]!["alerts"]!.AsArray());
    }

    [SkippableFact]
    public async Task MissionActorMembersPageThroughTheApiAndAPageBeyondTheLastIsEmpty()
    {
        var mission = await SampleAsync(7, SampleMission.Sizes.Test);
        var client = Factory.CreateClient();
        var first = await JsonAsync(client, $"/api/v1/missions/{mission}/actors?page=1&pageSize=15");
        Assert.Equal(SampleMission.Sizes.Test.Actors, (int)first["memberPaging"]!["totalCount"]!);
        Assert.Equal(15, first["members"]!.AsArray().Count);
        Assert.Equal(first["members"]!.AsArray().Select(m => (int)m!["actorId"]!), first["anchoring"]!.AsArray().Select(a => (int)a!["actorId"]!));
        var third = await JsonAsync(client, $"/api/v1/missions/{mission}/actors?page=3&pageSize=15");
        Assert.Equal(Math.Min(15, SampleMission.Sizes.Test.Actors - 30), third["members"]!.AsArray().Count);
        Assert.Empty(first["members"]!.AsArray().Select(m => (int)m!["actorId"]!).Intersect(third["members"]!.AsArray().Select(m => (int)m!["actorId"]!)));
        var beyond = await JsonAsync(client, $"/api/v1/missions/{mission}/actors?page=2147483647");
        Assert.Empty(beyond["members"]!.AsArray());
        Assert.NotEmpty(beyond["totals"]!.AsArray());
    }

    [SkippableFact]
    public async Task PortfolioAndActorPagesPageTheirLongListsByQueryString()
    {
        var mission = await SampleAsync(8, SampleMission.Sizes.Test);
        var client = Factory.CreateClient();
        var parser = new HtmlParser();

        var page = parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/portfolio"));
        var initiatives = page.QuerySelector("section[aria-labelledby=initiatives-heading] tbody")!.QuerySelectorAll("tr").Length;
        Assert.Equal(50, initiatives);
        Assert.Equal(50, page.QuerySelectorAll("ul.alerts li").Length);
        var next = page.QuerySelector("section[aria-labelledby=alerts-heading] a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("alerts=2", next, StringComparison.Ordinal);
        var second = parser.ParseDocument(await client.GetStringAsync(next));
        Assert.NotEqual(page.QuerySelector("ul.alerts")!.TextContent, second.QuerySelector("ul.alerts")!.TextContent);

        var lastInitiatives = parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/portfolio?page=6"));
        Assert.Equal(SampleMission.Sizes.Test.Initiatives - 250, lastInitiatives.QuerySelector("section[aria-labelledby=initiatives-heading] tbody")!.QuerySelectorAll("tr").Length);

        foreach (var url in new[] { $"/missions/{mission}/portfolio?alerts=99999&page=99999", $"/missions/{mission}/actors?members=2147483647&page=2147483647" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var beyond = parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/portfolio?alerts=99999"));
        Assert.Empty(beyond.QuerySelectorAll("ul.alerts li"));

        var actors = parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}/actors"));
        Assert.Equal(ActorReads.MemberPageSize, actors.QuerySelector("table.matrix tbody")!.QuerySelectorAll("tr").Length);
        var members = actors.QuerySelector("section[aria-labelledby=roles] a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("members=2", members, StringComparison.Ordinal);
        var rest = parser.ParseDocument(await client.GetStringAsync(members));
        Assert.Equal(SampleMission.Sizes.Test.Actors - ActorReads.MemberPageSize, rest.QuerySelector("table.matrix tbody")!.QuerySelectorAll("tr").Length);
        // The roles and the anchoring show the same page of actors.
        Assert.Equal(rest.QuerySelectorAll("table.matrix tbody th").Select(th => th.TextContent.Trim()),
            rest.QuerySelectorAll("section[aria-labelledby=anchoring] tbody th").Select(th => th.TextContent.Trim()));
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Every initiative of the mission read whole, as the portfolio was analysed before it was added up in SQL.</summary>
    private static async Task<PortfolioAggregates> InMemoryAsync(MastenDbContext db, int mission, DateOnly asOf)
    {
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => i.MissionId == mission).Include(i => i.Contributions).Include(i => i.LeadActor).ToListAsync();
        var ids = initiatives.Select(i => i.Id).ToList();
        var checkIns = (await db.CheckIns.Where(c => ids.Contains(c.InitiativeId) && c.Date <= asOf).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).ToListAsync())
            .ToLookup(c => c.InitiativeId);
        var open = (await db.Hypotheses.Where(h => ids.Contains(h.InitiativeId) && h.Result == HypothesisResult.Open && h.OpenedOn <= asOf).ToListAsync()).ToLookup(h => h.InitiativeId);
        return PortfolioAnalysis.Aggregate(initiatives.Select(i => new PortfolioInitiative(i.Id, i.Title, i.Type, i.Stage, i.LeadActorId, i.LeadActor!.Name, i.LeadActor.Type,
            i.Budget ?? 0, i.Levers, i.Contributions.Select(c => new PortfolioContribution(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence)).ToList(),
            checkIns[i.Id].Select(c => (c.Date, c.Status)).ToList(), open[i.Id].Select(h => h.OpenedOn).ToList(), DateOnly.FromDateTime(i.CreatedAt)) { Currency = i.Currency }).ToList());
    }
}

public sealed class SqlitePortfolioAggregateTests(SqliteAppFactory factory) : PortfolioAggregateTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPortfolioAggregateTests(PostgresAppFactory factory) : PortfolioAggregateTests(factory), IClassFixture<PostgresAppFactory>;
