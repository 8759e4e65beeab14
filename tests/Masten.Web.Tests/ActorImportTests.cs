using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>Actor imports (kind=actors) over the API and on the Importera page: preview, apply, re-import, changes audited, bad files; on SQLite and PostgreSQL.</summary>
public abstract class ActorImportTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>A valid Swedish organisation number no other test uses.</summary>
    private static string NewNumber()
    {
        var nine = "55" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return $"{nine[..6]}-{nine[6..]}{OrganisationNumber.LuhnCheckDigit(nine)}";
    }

    private async Task<int> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        return (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Aktörsimport", statement = "Alla med.", baselineYear = 2020, horizonYear = 2035 }), HttpStatusCode.Created))["id"]!;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [SkippableFact]
    public async Task ADryRunPreviewsTheApplyCreatesActorsWithContactsAndAReimportChangesNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = await MissionAsync(client);
        var (a, b) = (NewNumber(), NewNumber());
        var file = $"organisationsnummer;typ;namn;kontaktperson;e-post;roll\n{a.Replace("-", "", StringComparison.Ordinal)};Kommun;Norrby kommun;Anna Andersson;anna@norrby.se;Miljöstrateg\n"
            + $"{a};Kommun;Norrby kommun;Bo Berg;bo@norrby.se;\n{b};Företag;Söderverken AB;;;\n";
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors&dryRun=true", Csv(file)), HttpStatusCode.OK);
        Assert.Equal(("Actors", 3, 3, 0, 0), ((string)preview["kind"]!, (int)preview["rows"]!, (int)preview["create"]!, (int)preview["update"]!, (int)preview["unchanged"]!));
        Assert.Equal([a, a, b], preview["items"]!.AsArray().Select(i => (string)i!["key"]!));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Actors.CountAsync(x => x.OrganisationNumber == a || x.OrganisationNumber == b)));

        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv(file)), HttpStatusCode.Created);
        var importId = (int)applied["importId"]!;
        var actor = await Factory.WithDbAsync(db => db.Actors.AsNoTracking().SingleAsync(x => x.OrganisationNumber == a));
        Assert.Equal(("Norrby kommun", ActorType.Municipality, Country.Sweden, 1), (actor.Name, actor.Type, actor.Country, actor.Version));
        var contacts = await ApiJson.Read(await client.GetAsync($"/api/v1/actors/{actor.Id}/contacts"), HttpStatusCode.OK);
        Assert.Equal(["Anna Andersson", "Bo Berg"], contacts.AsArray().Select(c => (string)c!["name"]!).Order());
        var cause = $"import #{importId} by ";
        Assert.Equal(["Actor", "Actor", "ContactPerson", "ContactPerson"],
            (await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.ChangedBy.StartsWith(cause)).Select(c => c.EntityType).ToListAsync())).Order());

        var changesBefore = await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "Actor" || c.EntityType == "ContactPerson"));
        // The same file again changes nothing: nothing to apply, and no import recorded.
        var again = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv(file)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 3, true, false), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!, (bool)again["applied"]!));
        Assert.Equal(changesBefore, await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "Actor" || c.EntityType == "ContactPerson")));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Actors.Where(x => x.OrganisationNumber == a).Select(x => x.Version).SingleAsync()));
        Assert.Null((int?)again["importId"]);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Set<Masten.Core.Imports.ImportRecord>().CountAsync(x => x.MissionId == mission)));
    }

    [SkippableFact]
    public async Task AChangedNameOrRoleUpdatesTheActorAndContactAsAVersionedEditWithTheImportAsCause()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = await MissionAsync(client);
        var a = NewNumber();
        await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv($"orgnr;typ;namn;kontaktperson;e-post;roll\n{a};Region;Region Väst;Cia Ek;cia@vast.se;Analytiker\n")), HttpStatusCode.Created);
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors&dryRun=true",
            Csv($"orgnr;typ;namn;kontaktperson;e-post;roll\n{a};Region;Region Västra;Cia Ek;CIA@vast.se;Chef\n")), HttpStatusCode.OK);
        Assert.Equal((0, 1, "namn, kontaktperson"), ((int)preview["create"]!, (int)preview["update"]!, (string)preview["items"]![0]!["changes"]!));
        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors",
            Csv($"orgnr;typ;namn;kontaktperson;e-post;roll\n{a};Region;Region Västra;Cia Ek;CIA@vast.se;Chef\n")), HttpStatusCode.Created);
        var stored = await Factory.WithDbAsync(db => db.Actors.AsNoTracking().SingleAsync(x => x.OrganisationNumber == a));
        var (name, version, actorId) = (stored.Name, stored.Version, stored.Id);
        Assert.Equal(("Region Västra", 2), (name, version));
        var contact = await Factory.WithDbAsync(db => db.ContactPeople.AsNoTracking().SingleAsync(c => c.ActorId == actorId));
        Assert.Equal(("Chef", "CIA@vast.se", 2), (contact.Role, contact.Email, contact.Version));
        var updates = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.ChangedBy.StartsWith($"import #{(int)applied["importId"]!} by ")).Select(c => c.Action).ToListAsync());
        Assert.Equal(2, updates.Count);
    }

    [SkippableFact]
    public async Task BadRowsAreAProblemByRowAndColumnAndNothingIsStored()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = await MissionAsync(client);
        var a = NewNumber();
        var file = $"organisationsnummer;typ;namn\n{a};Kommun;Ettby\n{a};Kommun;Ettby\n212000-0143;Kommun;Tvåby\n{NewNumber()};Kooperativ;Treby\n{NewNumber()};Kommun\n";
        var problem = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv(file)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal([(3, "organisationsnummer", "DuplicateActorRow"), (4, "organisationsnummer", "OrganisationNumberCheckDigit"), (5, "typ", "UnknownActorType"), (6, null, "RaggedRow")],
            problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["code"]!)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Actors.CountAsync(x => x.OrganisationNumber == a)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));

        var headerOnly = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv("organisationsnummer;typ;namn\n")), HttpStatusCode.BadRequest);
        Assert.Equal("NoRows", (string)headerOnly["importErrors"]![0]!["code"]!);
        var empty = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=actors", Csv("")), HttpStatusCode.BadRequest);
        Assert.NotNull(empty["errors"]!["file"]);
        var unknownKind = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=planets", Csv(file)), HttpStatusCode.BadRequest);
        Assert.NotNull(unknownKind["errors"]!["kind"]);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));
    }

    [SkippableFact]
    public async Task TheImporteraPageOffersActorsPreviewsAPastedTableAndAppliesIt()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var mission = await MissionAsync(client);
        var url = $"/missions/{mission}/import";
        var page = Parser.ParseDocument(await client.GetStringAsync(url));
        var kinds = page.QuerySelector("select#kind")!.QuerySelectorAll("option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToList();
        Assert.Contains(("actors", "Aktörer och kontaktpersoner (efter organisationsnummer)"), kinds);
        var a = NewNumber();
        var (status, preview) = await PostAsync(client, url, "preview", page, new() { ["Form.Kind"] = "actors", ["Form.Paste"] = $"organisationsnummer\ttyp\tnamn\n{a}\tFinansiär\tStiftelsen Exempel\n" });
        Assert.Equal(HttpStatusCode.OK, status);
        var row = preview.QuerySelectorAll("table").Single(t => t.QuerySelector("thead")!.TextContent.Contains("Nyckel", StringComparison.Ordinal)).QuerySelector("tbody tr")!;
        Assert.Equal(["2", a, "Stiftelsen Exempel", "–", "Skapas"], row.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Actors.CountAsync(x => x.OrganisationNumber == a)));
        var (appliedStatus, _) = await PostAsync(client, url, "apply", preview, []);
        Assert.True(appliedStatus is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, appliedStatus.ToString());
        Assert.Equal(ActorType.Funder, await Factory.WithDbAsync(db => db.Actors.Where(x => x.OrganisationNumber == a).Select(x => x.Type).SingleAsync()));
    }

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> PostAsync(HttpClient client, string url, string handler, IHtmlDocument from, Dictionary<string, string> fields)
    {
        var form = from.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == handler));
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden"))
            if (!fields.ContainsKey(hidden.Name!))
                content.Add(new StringContent(hidden.Value), hidden.Name!);
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        var response = await client.PostAsync(url, content);
        return (response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }
}

public sealed class SqliteActorImportTests(SqliteAppFactory factory) : ActorImportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresActorImportTests(PostgresAppFactory factory) : ActorImportTests(factory), IClassFixture<PostgresAppFactory>;
