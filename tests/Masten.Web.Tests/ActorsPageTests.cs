using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Masten.Core.Actors;
using Masten.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The actor pages over HTTP: GET the HTML, POST each form with its antiforgery token. Runs on SQLite and PostgreSQL.</summary>
public abstract partial class ActorsPageTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    /// <summary>GETs the form page, then posts <paramref name="fields"/> (named without the "Form." prefix) with the page's hidden fields.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        var response = await PageTests.PostFormAsync(client, url, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<int> ActorIdAsync(string name) => Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == name).Select(a => a.Id).FirstAsync());

    private Task<int> GoalIdAsync(string title) => Factory.WithDbAsync(db => db.Goals.Where(g => g.MissionId == Factory.ExampleMissionId && g.Title == title).Select(g => g.Id).FirstAsync());

    private async Task<string> GetAsync(string url) => WebUtility.HtmlDecode(await Client().GetStringAsync(url));

    [SkippableFact]
    public async Task RegisterSearchesAndFiltersByTypeAndCountry()
    {
        var municipalities = await GetAsync("/actors?type=Municipality");
        Assert.Contains("Exempelby kommun", municipalities);
        Assert.Contains("Åstads kommun", municipalities);
        Assert.DoesNotContain("Grönt Fält AB", municipalities);
        var danish = await GetAsync("/actors?country=Denmark");
        Assert.Contains("Fremtidens Fødevarer ApS", danish);
        Assert.DoesNotContain("Exempelby kommun", danish);
        var search = await GetAsync("/actors?q=BIOGAS");
        Assert.Contains("Biogas Väst AB", search);
        // One actor found, its name in the row heading linking to its page.
        var found = Html.Parse(search);
        Assert.Contains(found.QuerySelectorAll("table caption"), c => Html.Text(c) == "1 aktör");
        Assert.Contains(found.QuerySelectorAll("th[scope=row] a[href^='/actors/']"), a => Html.Text(a) == "Biogas Väst AB");
    }

    [SkippableFact]
    public async Task ActorPageShowsContactsMembershipsCommitmentsDriversAndOperationalGoals()
    {
        var html = await GetAsync($"/actors/{await ActorIdAsync("Exempelby kommun")}");
        Assert.Equal("Exempelby kommun", Html.Text(Html.Parse(html).QuerySelector("h1")!));
        Assert.Contains("212000-4441", html);
        Assert.Contains("Anna Svensson", html);
        Assert.Contains("Bara en nivå är med", html);
        Assert.Contains("Behovsägare", html);
        Assert.Contains("Halvera matsvinnet i skolköken.", html);
        Assert.Contains("Elever som äter upp maten", html);
        Assert.Contains("Lägsta möjliga kostnad per portion i skolmaten", html);
        Assert.Contains("I konflikt", html);
    }

    [SkippableFact]
    public async Task MissionActorsPageShowsRolesRoundsTotalsDriversTensionsAndAnchoring()
    {
        var html = await GetAsync($"/missions/{Factory.ExampleMissionId}/actors");
        Assert.Contains("Roller", html);
        Assert.Contains("Programkontor", html);
        var page = Html.Parse(html);
        var texts = JsonStringLocalizer.TextsOf("sv");
        // A row per signing round, headed by its name and date.
        var rounds = Html.Rows(Html.Table(page, texts["MissionActors.RoundsCaption"])).Select(r => r.Values.First()).ToList();
        Assert.Contains(rounds, r => r.StartsWith("2025 (", StringComparison.Ordinal));
        Assert.Contains(rounds, r => r.StartsWith("2026 (", StringComparison.Ordinal));
        // The fund's 5 000 000 SEK for public kitchens, re-proposed in 2026 after carrying forward.
        Assert.Contains(Html.Rows(Html.Table(page, texts["MissionActors.TotalsCaption"])), r =>
            r[texts["Field.goalId"]] == "Lokal och ekologisk mat i offentliga kök"
            && int.TryParse(r[texts["MissionActors.Commitments"]], CultureInfo.InvariantCulture, out _)
            && System.Text.RegularExpressions.Regex.IsMatch(r[texts["MissionActors.PledgedMoney"]], @"^[\d\s]+SEK"));
        Assert.Contains("150 000 DKK", Html.Text(page.Body!), StringComparison.Ordinal);
        Assert.Contains("Personligt engagemang", html);
        Assert.Contains("Öka försäljningen av charkprodukter med 10 procent om året", html);
        Assert.Contains("Bara en nivå", html);
        Assert.Contains("(överfört från förra omgången)", html);
        // What public bodies pledge back, and the driver chart beside its table.
        Assert.Contains("Vad offentliga aktörer lovar", html);
        Assert.Contains(Html.Rows(Html.Table(page, texts["MissionActors.ReciprocalCaption"])), r =>
            r[texts["Field.actorId"]] == "Stiftelsen Framtidsmat" && r[texts["Field.type"]] == texts["Enum.ActorType.Funder"]);
        // The driver chart is a picture beside its table, hidden from screen readers, which read the table.
        var chart = page.QuerySelectorAll("figure").Single(f => f.QuerySelector("figcaption") is { } c && Html.Text(c) == texts["MissionActors.DriversChart"]);
        Assert.NotNull(chart.QuerySelector("svg[aria-hidden=true]"));
    }

    [SkippableFact]
    public async Task MissionCommitmentsCanBeFilteredByRoundAndStatusAndTensionsHaveTheirOwnPage()
    {
        var round2025 = await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.MissionId == Factory.ExampleMissionId && r.Name == "2025").Select(r => r.Id).FirstAsync());
        var withdrawn = await GetAsync($"/missions/{Factory.ExampleMissionId}/actors?round={round2025}&status=Withdrawn");
        Assert.Contains(Html.Parse(withdrawn).QuerySelectorAll("table caption"), c => Html.Text(c) == "1 åtagande, senaste omgången först");
        Assert.Contains("Bygga en mottagning för matavfall", withdrawn);
        var tensions = await GetAsync($"/missions/{Factory.ExampleMissionId}/tensions");
        Assert.Contains("Lägsta möjliga kostnad per portion i skolmaten", tensions);
        Assert.Contains("Mer chark drar åt motsatt håll", tensions);
    }

    [SkippableFact]
    public async Task MissionPageAndHeaderLinkToTheActors()
    {
        var html = await GetAsync($"/missions/{Factory.ExampleMissionId}");
        var page = Html.Parse(html);
        Assert.NotEmpty(page.QuerySelectorAll($"a[href='/missions/{Factory.ExampleMissionId}/actors']"));
        Assert.Contains(page.QuerySelectorAll("nav a[href='/actors'], header a[href='/actors']"), a => Html.Text(a) == "Aktörer");
    }

    [SkippableFact]
    public async Task RegisteringAnActorThroughTheFormNormalisesItsNumber()
    {
        var number = ActorsApiTests.NewSwedishNumber();
        var html = await PostFormAsync(Client(), "/actors/new", new Dictionary<string, string>
        {
            ["Name"] = "Formulärföreningen", ["Type"] = "CivilSociety", ["Country"] = "Sweden",
            ["OrganisationNumber"] = number.Replace("-", "", StringComparison.Ordinal), ["Website"] = "https://formular.se", ["Description"] = "",
        });
        Assert.Equal("Formulärföreningen", Html.Text(Html.Parse(html).QuerySelector("h1")!));
        Assert.Equal(number, await Factory.WithDbAsync(db => db.Actors.Where(a => a.Name == "Formulärföreningen").Select(a => a.OrganisationNumber).FirstAsync()));
    }

    [SkippableFact]
    public async Task ActorFormWithAWrongCheckDigitNamesTheFieldAndStoresNothing()
    {
        var before = await Factory.WithDbAsync(db => db.Actors.CountAsync());
        var html = await PostFormAsync(Client(), "/actors/new", new Dictionary<string, string>
        {
            ["Name"] = "Felnummer AB", ["Type"] = "Company", ["Country"] = "Sweden", ["OrganisationNumber"] = "556036-0794",
        });
        Assert.Contains("Organisationsnummer: har fel kontrollsiffra.", html);
        Assert.Contains("id=\"organisationNumber-error\"", html);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Actors.CountAsync()));
    }

    [SkippableFact]
    public async Task DuplicateOrganisationNumberThroughTheFormNamesTheField()
    {
        var html = await PostFormAsync(Client(), "/actors/new", new Dictionary<string, string>
        {
            ["Name"] = "Kopian", ["Type"] = "Company", ["Country"] = "Sweden", ["OrganisationNumber"] = "5569008880",
        });
        Assert.Contains("Organisationsnummer: är redan registrerat för en annan aktör.", html);
        Assert.False(await Factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name == "Kopian")));
    }

    [SkippableFact]
    public async Task ContactFormAddsAContactAtItsLevel()
    {
        var actorId = await ActorIdAsync("Åstads kommun");
        var html = await PostFormAsync(Client(), $"/actors/{actorId}/contacts/new", new Dictionary<string, string>
        {
            ["Name"] = "Rut Berg", ["Role"] = "Kock", ["Email"] = "rut@astad.se", ["Level"] = "Operations",
        });
        Assert.Contains("Rut Berg", html);
        Assert.Equal(OrganisationalLevel.Operations, await Factory.WithDbAsync(db => db.ContactPeople.Where(c => c.Name == "Rut Berg").Select(c => c.Level).FirstAsync()));
    }

    [SkippableFact]
    public async Task MembershipFormStoresTheTickedRolesAndRejectsALeftDateBeforeTheJoinedDate()
    {
        var client = Client();
        var actorId = (await Factory.WithDbAsync(async db =>
        {
            var store = new Masten.Data.Actors.ActorStore(db);
            return await store.CreateActorAsync(new ActorInput("Nya medlemmen", ActorType.Company, Country.Other, null, null, null));
        })).Id;
        var fields = new Dictionary<string, string>
        {
            ["MissionId"] = Id(Factory.ExampleMissionId), ["Roles[3].Selected"] = "true", ["Roles[4].Selected"] = "true",
            ["JoinedOn"] = "2025-06-01", ["LeftOn"] = "2025-05-01",
        };
        var html = await PostFormAsync(client, $"/actors/{actorId}/memberships/new", fields);
        Assert.Contains("Lämnade: kan inte vara före datumet aktören gick med (2025-06-01).", html);
        Assert.False(await Factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.ActorId == actorId)));

        fields["LeftOn"] = "";
        await PostFormAsync(client, $"/actors/{actorId}/memberships/new", fields);
        var roles = await Factory.WithDbAsync(db => db.Memberships.Where(m => m.ActorId == actorId).Select(m => m.Roles).FirstAsync());
        Assert.Equal([MissionRole.Partner, MissionRole.Navigator], roles);
    }

    [SkippableFact]
    public async Task CommitmentFormStoresGoalsAndResourcesAndRejectsNegativeMoney()
    {
        var client = Client();
        var actorId = await ActorIdAsync("Åstads kommun");
        var url = $"/missions/{Factory.ExampleMissionId}/commitments/new?actor={actorId}";
        var form = await client.GetStringAsync(url);
        var goalIndex = GoalRow(form, await GoalIdAsync("Mindre matsvinn"));
        var roundId = await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.MissionId == Factory.ExampleMissionId && r.Name == "2026").Select(r => r.Id).FirstAsync());
        var fields = new Dictionary<string, string>
        {
            ["ActorId"] = Id(actorId), ["RoundId"] = Id(roundId),
            ["Text"] = "Mäta svinnet i alla kök", ["Tier"] = "supporting", ["Status"] = "InProgress", [$"Goals[{goalIndex}].Selected"] = "true",
            ["PledgedMoney"] = "-10", ["Currency"] = "SEK", ["PersonYears"] = "0,5",
        };
        var before = await Factory.WithDbAsync(db => db.Commitments.CountAsync());
        var html = await PostFormAsync(client, url, fields);
        Assert.Contains("Pengar: kan inte vara negativ.", html);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.CountAsync()));

        fields["PledgedMoney"] = "250 000";
        html = await PostFormAsync(client, url, fields);
        Assert.Contains("Mäta svinnet i alla kök", html);
        var stored = await Factory.WithDbAsync(db => db.Commitments.SingleAsync(c => c.Text == "Mäta svinnet i alla kök"));
        Assert.Equal((250_000.0, 0.5, Currency.SEK), (stored.PledgedMoney!.Value, stored.PersonYears!.Value, stored.Currency!.Value));
        Assert.Equal([await GoalIdAsync("Mindre matsvinn")], stored.GoalIds);
    }

    /// <summary>The row index of a goal's checkbox in a ChoiceList of goals.</summary>
    private static int GoalRow(string html, int goalId)
    {
        var box = Html.Parse(html).QuerySelectorAll("input[name^='Form.Goals['][name$='].Value']")
            .Single(i => i.GetAttribute("value") == goalId.ToString(CultureInfo.InvariantCulture));
        var name = box.GetAttribute("name")!;
        return int.Parse(name["Form.Goals[".Length..name.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task RoundFormRejectsADuplicateNameAndOpensANewRound()
    {
        var client = Client();
        var url = $"/missions/{Factory.ExampleMissionId}/rounds/new";
        var html = await PostFormAsync(client, url, new Dictionary<string, string> { ["Name"] = "2026", ["Date"] = "2026-05-01" });
        Assert.Contains("Namn: används redan av en annan omgång i missionen.", html);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.SigningRounds.CountAsync(r => r.MissionId == Factory.ExampleMissionId && r.Name == "2026")));
    }

    [SkippableFact]
    public async Task RoundFormRenamesARoundAndKeepsItsCommitments()
    {
        var client = Client();
        var html = await PostFormAsync(client, $"/missions/{Factory.ExampleMissionId}/rounds/new", new Dictionary<string, string> { ["Name"] = "2027", ["Date"] = "2027-03-01" });
        // The new round heads its own row of the pledges table: its name, then its date.
        Assert.Contains(Html.Parse(html).QuerySelectorAll("th[scope=row]"), th => th.FirstChild?.TextContent.Trim() == "2027" && Html.Text(th).StartsWith("2027 (", StringComparison.Ordinal));
        var round = await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.MissionId == Factory.ExampleMissionId && r.Name == "2027").Select(r => new { r.Id, Count = db.Commitments.Count(c => c.RoundId == r.Id) }).FirstAsync());
        Assert.True(round.Count > 0, "open commitments of 2026 are carried into 2027");
        await PostFormAsync(client, $"/rounds/{round.Id}/edit", new Dictionary<string, string> { ["Name"] = "2027 (vår)", ["Date"] = "2027-04-01" });
        Assert.Equal(round.Count, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.RoundId == round.Id)));
        Assert.Equal("2027 (vår)", await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.Id == round.Id).Select(r => r.Name).FirstAsync()));
    }

    [SkippableFact]
    public async Task DriverFormNeedsACategoryAndStoresTheTickedOnes()
    {
        var client = Client();
        var actorId = await ActorIdAsync("Lantbrukarnas exempelförening");
        var url = $"/missions/{Factory.ExampleMissionId}/drivers/new?actor={actorId}";
        var html = await PostFormAsync(client, url, new Dictionary<string, string> { ["ActorId"] = Id(actorId), ["Text"] = "Lönsamma gårdar" });
        Assert.Contains("Kategorier: behöver minst en kategori.", html);
        await PostFormAsync(client, url, new Dictionary<string, string> { ["ActorId"] = Id(actorId), ["Text"] = "Lönsamma gårdar", ["Categories[2].Selected"] = "true" });
        var categories = await Factory.WithDbAsync(db => db.Drivers.Where(d => d.ActorId == actorId).Select(d => d.Categories).SingleAsync());
        Assert.Equal([DriverCategory.EconomicGain], categories);
    }

    [SkippableFact]
    public async Task OperationalGoalFormNeedsAnExplanationForAConflict()
    {
        var client = Client();
        var actorId = await ActorIdAsync("Biogas Väst AB");
        var goalId = Id(await GoalIdAsync("Hälsosamma matvanor"));
        var url = $"/actors/{actorId}/operational-goals/new";
        var fields = new Dictionary<string, string>
        {
            ["Title"] = "Mer gödsel per år", ["Owner"] = "Vd", ["Relations[0].GoalId"] = goalId, ["Relations[0].Kind"] = "Conflicts", ["Relations[0].Explanation"] = "",
        };
        var html = await PostFormAsync(client, url, fields);
        Assert.Contains("Rad 1: förklaring: måste fyllas i när målen krockar", html);
        Assert.False(await Factory.WithDbAsync(db => db.OperationalGoals.AnyAsync(g => g.Title == "Mer gödsel per år")));

        fields["Relations[0].Explanation"] = "Mer djurhållning";
        html = await PostFormAsync(client, url, fields);
        Assert.Contains("Mer djurhållning", html);
        Assert.Contains("Mer gödsel per år", await GetAsync($"/missions/{Factory.ExampleMissionId}/actors"));
    }

    [SkippableFact]
    public async Task TiersFormRefusesToDropATierInUse()
    {
        var html = await PostFormAsync(Client(), $"/missions/{Factory.ExampleMissionId}/tiers", new Dictionary<string, string> { ["Tiers"] = "leading\ncontributing" });
        Assert.Contains("Nivåer: måste behålla ”supporting”: åtaganden använder den.", html);
    }

    [SkippableFact]
    public async Task EveryEditFormOpensWithTheStoredValues()
    {
        var client = Client();
        var actorId = await ActorIdAsync("Region Exempelland");
        var ids = await Factory.WithDbAsync(async db => new
        {
            Contact = await db.ContactPeople.Where(c => c.ActorId == actorId).Select(c => c.Id).FirstAsync(),
            Membership = await db.Memberships.Where(m => m.ActorId == actorId).Select(m => m.Id).FirstAsync(),
            Commitment = await db.Commitments.Where(c => c.ActorId == actorId).Select(c => c.Id).FirstAsync(),
            Driver = await db.Drivers.Where(d => d.ActorId == actorId).Select(d => d.Id).FirstAsync(),
            Goal = await db.OperationalGoals.Where(g => g.ActorId == actorId).Select(g => g.Id).FirstAsync(),
        });
        Assert.Contains("value=\"Region Exempelland\"", await GetAsync($"/actors/{actorId}/edit"));
        Assert.Contains("value=\"Maria Nilsson\"", await GetAsync($"/contacts/{ids.Contact}/edit"));
        Assert.Contains("value=\"2024-09-01\"", await GetAsync($"/memberships/{ids.Membership}/edit"));
        Assert.Contains("Servera 40 procent ekologisk mat", await GetAsync($"/commitments/{ids.Commitment}/edit"));
        Assert.Contains("Friskare patienter", await GetAsync($"/drivers/{ids.Driver}/edit"));
        Assert.Contains("value=\"Klimatsmart vård\"", await GetAsync($"/operational-goals/{ids.Goal}/edit"));
    }

    private static readonly string[] OrganisationNumberErrors =
        ["OrganisationNumberNotDigits", "OrganisationNumberWrongLength", "OrganisationNumberCheckDigit", "CvrNotDigits", "CvrWrongLength", "CvrCheckDigit"];

    [Fact]
    public void EveryActorEnumValueAndOrganisationNumberErrorHasAText()
    {
        var texts = JsonStringLocalizer.TextsOf("sv");
        var enums = new[] { typeof(ActorType), typeof(Country), typeof(OrganisationalLevel), typeof(MissionRole), typeof(Currency), typeof(CommitmentStatus), typeof(DriverCategory), typeof(GoalRelationKind) };
        var keys = enums.SelectMany(e => Enum.GetNames(e).Select(n => $"Enum.{e.Name}.{n}"))
            .Concat(OrganisationNumberErrors.Select(c => $"Error.{c}"));
        Assert.Equal(Array.Empty<string>(), keys.Where(k => !texts.ContainsKey(k)).ToArray());
    }
}

public sealed class SqliteActorsPageTests(SqliteAppFactory factory) : ActorsPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresActorsPageTests(PostgresAppFactory factory) : ActorsPageTests(factory), IClassFixture<PostgresAppFactory>;
