using Masten.Web.Localization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>Plain language over HTTP: the text check, the glossary and the language pages, on SQLite and PostgreSQL.</summary>
public abstract class ReadabilityTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [SkippableFact]
    public async Task TextCheckGivesLixAndFindingsWithSpans()
    {
        var text = "A bc def ghij klmno pqrstu vxyzåäö. A bc def ghij klmno pqrstu vxyzåäö. A bc def ghij klmno pqrstu vxyzåäö. A bc def ghij klmno pqrstu vxyzåäö. ";
        var response = await Client().PostAsJsonAsync("/api/v1/text/check", new { text, language = "sv" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var lix = body["scores"]!.AsArray().Single(s => (string)s!["kind"]! == "Lix")!;
        Assert.Equal(21.29, (double)lix["value"]!);
        Assert.Equal("mycket lättläst", (string)lix["label"]!);

        var jargon = await Json(await Client().PostAsJsonAsync("/api/v1/text/check", new { text = "Vi ska möjliggöra samverkan.", language = "sv" }));
        var finding = jargon["findings"]!.AsArray().First(f => (string)f!["ruleId"]! == "jargon")!;
        Assert.Equal("möjliggöra", "Vi ska möjliggöra samverkan."[(int)finding["start"]!..((int)finding["start"]! + (int)finding["length"]!)]);
        Assert.Contains("jargong", (string)finding["message"]!);
    }

    [SkippableFact]
    public async Task TextCheckWithoutTextOrWithAnUnknownLanguageNamesTheField()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/text/check", new { language = "fi" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("text"));
        Assert.True(errors.ContainsKey("language"));
    }

    [SkippableFact]
    public async Task GlossaryTermUsedWithoutItsExplanationIsFlaggedForTheMission()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/text/check", new { text = "Vi minskar matsvinn i skolan.", language = "sv", missionId = Factory.ExampleMissionId });
        var body = await Json(response);
        Assert.Contains(body["findings"]!.AsArray(), f => (string)f!["ruleId"]! == "glossary.unexplained");
        Assert.Equal("matsvinn", (string)body["glossaryOccurrences"]!.AsArray().Single()!["term"]!);
    }

    [SkippableFact]
    public async Task GlossaryCanBeAddedChangedAndRemovedAndRejectsDuplicates()
    {
        var client = Client();
        var missionId = Factory.ExampleMissionId;
        var created = await client.PostAsJsonAsync($"/api/v1/missions/{missionId}/glossary", new { term = "Backcasting", explanation = "Att planera baklänges från målet.", language = "sv" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await Json(created))["id"]!;

        var duplicate = await client.PostAsJsonAsync($"/api/v1/missions/{missionId}/glossary", new { term = "backcasting", explanation = "Igen.", language = "sv" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await Json(duplicate))["errors"]!.AsObject().ContainsKey("term"));

        var updated = await client.PutAsJsonAsync($"/api/v1/glossary/{id}", new { missionId, term = "Backcasting", explanation = "Att börja i målet och räkna baklänges till i dag.", language = "sv", version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (int)(await Json(updated))["version"]!);
        var stale = await client.PutAsJsonAsync($"/api/v1/glossary/{id}", new { missionId, term = "Backcasting", explanation = "Gammal.", language = "sv", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/glossary/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/glossary/{id}")).StatusCode);
        var history = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "GlossaryEntry" && c.EntityId == id).Select(c => c.Action).ToListAsync());
        Assert.Equal(["Created", "Updated", "Deleted"], history);
    }

    [SkippableFact]
    public async Task MissionPageShowsTheKlarsprakPanelAndLinksGlossaryTerms()
    {
        var page = Html.Parse(await Client().GetStringAsync($"/missions/{Factory.ExampleMissionId}"));
        // The example statement has 27 words: too short for a LIX figure that means anything.
        Assert.Contains("Klarspråk – Önskat framtida läge: för kort för ett LIX-värde", Html.Text(page.Body!), StringComparison.Ordinal);
        // A glossary term in the text links to its entry in the glossary, which explains it.
        var term = page.QuerySelector("a[href*='#glossary-']");
        Assert.NotNull(term);
        var entry = page.GetElementById(term!.GetAttribute("href")![(term.GetAttribute("href")!.IndexOf('#') + 1)..]);
        Assert.Equal("dt", entry?.LocalName);
        Assert.Contains(page.QuerySelectorAll("dd"), d => Html.Text(d) == "Mat som kastas fast den hade kunnat ätas.");
    }

    [SkippableFact]
    public async Task EachCommitmentShowsItsKlarsprakCheck()
    {
        var page = Html.Parse(await Client().GetStringAsync($"/missions/{Factory.ExampleMissionId}/actors"));
        // In the table of commitments, a commitment's text carries its klarspråk check.
        var texts = JsonStringLocalizer.TextsOf("sv");
        var commitments = page.QuerySelectorAll("table").Where(t => t.QuerySelector("caption") is not null
            && t.QuerySelectorAll("thead th").Any(th => Html.Text(th) == texts["Field.text"])).ToList();
        Assert.NotEmpty(commitments);
        Assert.Contains(commitments, t => System.Text.RegularExpressions.Regex.IsMatch(Html.Text(t), "Klarspråk – [^:]+: för kort för ett LIX-värde"));
    }

    [SkippableFact]
    public async Task LanguagePageListsEveryTextHardestFirst()
    {
        var html = WebUtility.HtmlDecode(await Client().GetStringAsync($"/missions/{Factory.ExampleMissionId}/language"));
        Assert.Contains("Målet är ett LIX på högst 40", html);
        Assert.Contains("Önskat framtida läge: " , html);
        Assert.Contains("Delmålets beskrivning: Mindre matsvinn", html);
        Assert.Contains("Åtagande: ", html);
    }

    [SkippableFact]
    public async Task UnknownMissionLanguageAndGlossaryPagesAre404()
    {
        var client = Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missions/999999/language")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missions/999999/glossary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/missions/999999/glossary")).StatusCode);
    }

    [SkippableFact]
    public async Task GlossaryFormAddsATermAndShowsErrorsByTheField()
    {
        var client = Client();
        var url = $"/missions/{Factory.ExampleMissionId}/glossary";
        var bad = await PageTests.PostFormAsync(client, url, new Dictionary<string, string> { ["Term"] = "", ["Explanation"] = "", ["Language"] = "sv" });
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Ord: måste fyllas i.", badHtml);
        var badPage = Html.Parse(badHtml);
        Html.AssertSummaryLinksTo(badPage, "term", "Ord: måste fyllas i.");
        Html.AssertSummaryLinksTo(badPage, "explanation");
        Assert.NotEmpty(Html.Text(badPage.GetElementById("explanation-error")!));

        var good = await PageTests.PostFormAsync(client, url, new Dictionary<string, string> { ["Term"] = "Indikator", ["Explanation"] = "Något vi mäter för att se om vi närmar oss målet.", ["Language"] = "sv" });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Något vi mäter för att se om vi närmar oss målet.", WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync()));
    }
}

public sealed class SqliteReadabilityTests(SqliteAppFactory factory) : ReadabilityTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReadabilityTests(PostgresAppFactory factory) : ReadabilityTests(factory), IClassFixture<PostgresAppFactory>;
