using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// A portfolio with budgets in two currencies: its totals are per currency on the page, in the API and in a yearly
/// report, and no amount adds SEK to DKK. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class PortfolioCurrencyTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();
    private static readonly string[] Partner = ["Partner"];
    private static readonly string[] Levers = ["BehaviourAndCulture"];

    private static async Task<JsonNode> Created(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>A mission of its own with one goal and indicator, one member, and initiatives with the given budgets.</summary>
    private async Task<int> MissionAsync(HttpClient client, params (double Budget, string Currency)[] budgets)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await Created(client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = $"Valutor {Guid.NewGuid():N}"[..20], statement = "Allt material används igen.", baselineYear = 2020, horizonYear = 2035 })))["id"]!;
        var goal = (int)(await Created(client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Mindre avfall" })))["id"]!;
        await Created(client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Avfall per person", unit = "kg", direction = "LowerIsBetter", frequency = "Yearly", source = "SCB",
            baselineDate = "2020-12-31", baselineValue = 500, targets = new[] { new { date = "2030-12-31", value = 300 } }, shape = "Linear",
        }));
        var member = (int)(await Created(client.PostAsJsonAsync("/api/v1/actors", new { name = "Lagningsföreningen", type = "CivilSociety", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() })))["id"]!;
        await Created(client.PostAsJsonAsync("/api/v1/memberships", new { actorId = member, missionId = mission, roles = Partner, joinedOn = "2024-01-01" }));
        foreach (var (budget, currency) in budgets)
        {
            await Created(client.PostAsJsonAsync("/api/v1/initiatives", new
            {
                missionId = mission, title = $"Insats i {currency}", description = "Caféer där man lagar saker.", type = "Experiment", leadActorId = member,
                partnerActorIds = Array.Empty<int>(), stage = "Testing", budget, currency, startDate = "2025-01-01", endDate = "2027-12-31",
                levers = Levers,
                contributions = new object[] { new { goalId = goal, direction = "Improves", size = "Low", confidence = "Low" } },
            }));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/missions/{mission}/publish", new { })).StatusCode);
        return mission;
    }

    [SkippableFact]
    public async Task BudgetsInTwoCurrenciesHaveATotalEachAndAreNeverAddedUp()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClientWithToken(Factory.AdminToken);
        var mission = await MissionAsync(client, (1_000_000, "SEK"), (500_000, "SEK"), (400_000, "DKK"));

        var api = JsonNode.Parse(await client.GetStringAsync($"/api/v1/missions/{mission}/portfolio"))!["report"]!;
        var totals = api["budgetByCurrency"]!.AsArray().Select(b => ((string)b!["currency"]!, (double)b["budget"]!, (int)b["initiatives"]!)).ToList();
        Assert.Equal([("SEK", 1_500_000.0, 2), ("DKK", 400_000.0, 1)], totals);
        Assert.False((bool)api["singleCurrency"]!);

        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/missions/{mission}/portfolio"));
        var main = page.QuerySelector("main")!;
        var lead = main.QuerySelector("p.lead")!.TextContent;
        Assert.Contains("1 500 000 SEK och 400 000 DKK", lead.Replace('\u00A0', ' '), StringComparison.Ordinal);
        // The sum across currencies appears nowhere, and the breakdowns show no budget column.
        Assert.DoesNotContain("1 900 000", main.TextContent.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain(main.QuerySelectorAll("section[aria-labelledby=diversity-heading] th"), th => th.TextContent.Trim() == "Budget");
        Assert.Contains("flera valutor", main.QuerySelector("section[aria-labelledby=diversity-heading]")!.TextContent, StringComparison.Ordinal);

        // A yearly report frozen now keeps the totals per currency.
        var report = await Created(client.PostAsJsonAsync($"/api/v1/missions/{mission}/reports", new { title = "Valutorna", asOf = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));
        var kept = report["content"]!["portfolio"]!["budgetByCurrency"]!.AsArray().Select(m => ((string)m!["currency"]!, (double)m["amount"]!)).ToList();
        Assert.Equal([("SEK", 1_500_000.0), ("DKK", 400_000.0)], kept);
    }

    [SkippableFact]
    public async Task ABudgetInOneCurrencyShowsThatCurrencyWithEveryAmount()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClientWithToken(Factory.AdminToken);
        var mission = await MissionAsync(client, (250_000, "DKK"));

        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/missions/{mission}/portfolio"));
        var main = page.QuerySelector("main")!;
        Assert.Contains("250 000 DKK", main.QuerySelector("p.lead")!.TextContent.Replace('\u00A0', ' '), StringComparison.Ordinal);
        var byStage = main.QuerySelectorAll("section[aria-labelledby=diversity-heading] table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == "Efter fas");
        Assert.Contains("250 000 DKK", byStage.TextContent.Replace('\u00A0', ' '), StringComparison.Ordinal);
    }
}

public sealed class SqlitePortfolioCurrencyTests(SqliteAppFactory factory) : PortfolioCurrencyTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPortfolioCurrencyTests(PostgresAppFactory factory) : PortfolioCurrencyTests(factory), IClassFixture<PostgresAppFactory>;
