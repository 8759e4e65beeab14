using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>The Importera page without script: paste or upload, preview (nothing stored but the file), apply once, history with the file; on SQLite and PostgreSQL.</summary>
public abstract class ImportPageTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>A mission of its own with one indicator coded "F1" and one observation (2023: 40).</summary>
    private async Task<(int Mission, int Indicator)> MissionAsync(HttpClient client)
    {
        async Task<JsonNode> Created(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body);
            return JsonNode.Parse(body)!;
        }
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await Created(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Importsidan", statement = "Allt mäts.", baselineYear = 2020, horizonYear = 2035 })))["id"]!;
        var goal = (int)(await Created(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Mätt" })))["id"]!;
        var indicator = (int)(await Created(await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Fosfor", code = "F1", unit = "t", direction = "LowerIsBetter", frequency = "Yearly", source = "SMHI",
            baselineDate = "2020-12-31", baselineValue = 50.0, shape = "Linear", targets = new[] { new { date = "2035-12-31", value = 5.0 } },
        })))["id"]!;
        await Created(await client.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2023-12-31", value = 40.0 }));
        return (mission, indicator);
    }

    /// <summary>Posts the page's form named <paramref name="handler"/> as a browser does: its hidden fields (token, handler) and the given ones, multipart with an optional file.</summary>
    internal static async Task<(HttpStatusCode Status, IHtmlDocument Page)> PostAsync(HttpClient client, string url, string handler, IHtmlDocument from,
        Dictionary<string, string> fields, (string Name, byte[] Content)? file = null)
    {
        var form = from.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == handler));
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden"))
            if (!fields.ContainsKey(hidden.Name!))
                content.Add(new StringContent(hidden.Value), hidden.Name!);
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        if (file is { } f)
            content.Add(new ByteArrayContent(f.Content), "file", f.Name);
        var response = await client.PostAsync(url, content);
        return (response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static Dictionary<string, string> Counts(IHtmlDocument page) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Vad filens", StringComparison.Ordinal))
            .QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());

    /// <summary>Numbers as the page groups them (a no-break or narrow space between thousands), with plain spaces.</summary>
    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [SkippableFact]
    public async Task APastedTableIsPreviewedWithoutChangingAnythingAndAppliedOnceWithItsFileInTheHistory()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        var url = $"/missions/{mission}/import";
        var empty = Parser.ParseDocument(await client.GetStringAsync(url));
        Assert.Equal("Importera", empty.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ingen import är tillämpad ännu.", empty.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Parser.ParseDocument(await client.GetStringAsync($"/missions/{mission}")).QuerySelectorAll("a"), a => a.GetAttribute("href") == url && a.TextContent == "Importera");

        const string pasted = "indikator\tdatum\tvärde\tkälla\nF1\t2023\t41,5\tSMHI\nF1\t2024-Q2\t1\u00A0234,5\tSMHI\n";
        var (status, page) = await PostAsync(client, url, "preview", empty, new() { ["Form.Paste"] = pasted });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, string> { ["Nytt värde"] = "1", ["Rättas"] = "1", ["Oförändrat"] = "0", ["Fel"] = "0" }, Counts(page));
        var rows = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Raderna i filen").QuerySelectorAll("tbody tr")
            .Select(r => string.Join("|", r.Children.Select(c => Spaced(c.TextContent.Trim())))).ToList();
        Assert.Equal(["2|F1 Fosfor|2023-12-31|41,5|40|Rättas", "3|F1 Fosfor|2024-06-30|1 234,5|–|Nytt värde"], rows);
        Assert.Contains("1 som kvartal", page.Body!.TextContent, StringComparison.Ordinal);
        // The preview stored no observation, and its file is no entry of the history.
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        Assert.Contains("Ingen import är tillämpad ännu.", page.Body.TextContent, StringComparison.Ordinal);

        var (appliedStatus, applied) = await PostAsync(client, url, "apply", page, []);
        Assert.Equal(HttpStatusCode.OK, appliedStatus);
        var message = applied.QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("är tillämpad", message, StringComparison.Ordinal);
        Assert.Contains("1 nytt värde, 1 rättat, 0 oförändrade.", message, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        Assert.Equal(41.5, await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == indicator && o.IsCurrent && o.Date == new DateOnly(2023, 12, 31)).Select(o => o.Value).SingleAsync()));
        var reason = await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == indicator && o.SupersedesId != null).Select(o => o.CorrectionReason).SingleAsync());
        Assert.StartsWith("import #", reason, StringComparison.Ordinal);

        var history = applied.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Tillämpade importer (1)", StringComparison.Ordinal));
        var link = history.QuerySelector("tbody a")!;
        Assert.Equal("inklistrat.txt", link.TextContent);
        Assert.Equal(Encoding.UTF8.GetBytes(pasted), await client.GetByteArrayAsync(link.GetAttribute("href")));

        // Applying the same preview again changes nothing and says why.
        var (againStatus, again) = await PostAsync(client, url, "apply", page, []);
        Assert.Equal(HttpStatusCode.Conflict, againStatus);
        Assert.Contains("redan tillämpad", again.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission && i.Status == ImportStatus.Applied)));
    }

    [SkippableFact]
    public async Task AnUploadedFileWithErrorsListsEachByRowAndColumnOffersNoApplyAndKeepsNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, indicator) = await MissionAsync(client);
        var url = $"/missions/{mission}/import";
        var empty = Parser.ParseDocument(await client.GetStringAsync(url));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Windows-1252 as Swedish Excel saves CSV: "värde" with ä as one byte.
        var file = Encoding.GetEncoding(1252).GetBytes("indikator;datum;värde\nF1;2024;12\nOkänd;2024;2\nF1;2022;mycket\n");
        var (status, page) = await PostAsync(client, url, "preview", empty, [], ("fel.csv", file));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("windows-1252", page.Body!.TextContent, StringComparison.Ordinal);
        var errors = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Fel i filen (2)").QuerySelectorAll("tbody tr")
            .Select(r => (Row: r.Children[0].TextContent, Column: r.Children[1].TextContent, Value: r.Children[2].TextContent)).ToList();
        Assert.Equal([("3", "indikator", "Okänd"), ("4", "värde", "mycket")], errors);
        Assert.Contains("är varken kod, id eller namn", page.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Forms, f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == "apply"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
    }

    [SkippableTheory]
    [InlineData("", "Välj en fil eller klistra in en tabell.")]
    [InlineData("indikator\tdatum\tvärde\n", "Filen har en rubrikrad men inga rader med värden.")]
    [InlineData("namn\tår\n", "Rubrikraden saknar kolumner.")]
    public async Task AFileThatCannotBeReadIsRefusedWithAMessageAndNothingIsKept(string pasted, string expected)
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _) = await MissionAsync(client);
        var url = $"/missions/{mission}/import";
        var (status, page) = await PostAsync(client, url, "preview", Parser.ParseDocument(await client.GetStringAsync(url)), new() { ["Form.Paste"] = pasted });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Imports.CountAsync(i => i.MissionId == mission)));
    }

    [SkippableFact]
    public async Task APreviewOfAnotherMissionCannotBeAppliedHere()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (first, _) = await MissionAsync(client);
        var (second, indicator) = await MissionAsync(client);
        var url = $"/missions/{first}/import";
        var (_, page) = await PostAsync(client, url, "preview", Parser.ParseDocument(await client.GetStringAsync(url)), new() { ["Form.Paste"] = "indikator\tdatum\tvärde\nF1\t2022\t3\n" });
        var staged = page.QuerySelector("input[name='Form.ImportId']")!.GetAttribute("value")!;
        var other = $"/missions/{second}/import";
        // The other mission's page shows only the preview form: its token, with the apply form's fields.
        var (status, _) = await PostAsync(client, other, "preview", Parser.ParseDocument(await client.GetStringAsync(other)), new() { ["_handler"] = "apply", ["Form.ImportId"] = staged });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Observations.CountAsync(o => o.IndicatorId == indicator)));
    }
}

public sealed class SqliteImportPageTests(SqliteAppFactory factory) : ImportPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresImportPageTests(PostgresAppFactory factory) : ImportPageTests(factory), IClassFixture<PostgresAppFactory>;
