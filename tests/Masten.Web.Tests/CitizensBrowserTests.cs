using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>
/// What the programme office and the public see at a desk: the commitments table on a 1280-px screen, a yearly report as
/// it prints, and pages zoomed to 200 %.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CitizensBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TheCommitmentsTableFitsA1280PixelScreenWithReadableColumns()
    {
        browser.RequireBrowser();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}/actors");
        var table = page.Locator("table.commitments").First;
        await Assertions.Expect(table).ToBeVisibleAsync();

        var size = await table.EvaluateAsync<JsonElement>("""
            t => {
                const widths = [...t.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width);
                const text = [...t.querySelectorAll('thead th')].find(th => th.textContent.trim() === 'Text');
                return {
                    page: document.documentElement.scrollWidth, view: window.innerWidth,
                    table: t.scrollWidth, box: t.parentElement.clientWidth,
                    rows: t.querySelectorAll('tbody tr').length,
                    narrowest: Math.min(...widths.slice(0, -1)),
                    text: text ? text.getBoundingClientRect().width : 0,
                    font: parseFloat(getComputedStyle(t.querySelector('tbody td')).fontSize),
                };
            }
            """);
        int Px(string name) => (int)Math.Ceiling(size.GetProperty(name).GetDouble());

        Assert.True(Px("rows") > 0, "the example mission has commitments");
        Assert.True(Px("page") <= Px("view"), $"the page is {Px("page")} px wide in a {Px("view")} px window");
        Assert.True(Px("table") <= Px("box"), $"the table is {Px("table")} px wide in a {Px("box")} px box: it scrolls at 1280 px");
        Assert.True(Px("text") >= 180, $"the commitment's text has a column of {Px("text")} px");
        Assert.True(Px("narrowest") >= 48, $"the narrowest column is {Px("narrowest")} px");
        Assert.True(size.GetProperty("font").GetDouble() >= 14, "the table's text is at least 14 px");
    }

    [SkippableFact]
    public async Task AYearlyReportPrintsItsContentWithoutTheSitesNavigation()
    {
        browser.RequireBrowser();
        var mission = browser.App.ExampleMissionId;
        var api = browser.App.CreateClientWithToken(browser.App.AdminToken);
        var frozen = await api.PostAsJsonAsync($"/api/v1/missions/{mission}/reports",
            new { title = "Avstämning för utskrift", asOf = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), summary = "Året i korthet." });
        Assert.Equal(HttpStatusCode.Created, frozen.StatusCode);
        var reportId = (await frozen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{mission}/reports/{reportId}");
        var navigation = page.Locator("header.site-header nav");
        var downloads = page.GetByRole(AriaRole.Link, new() { Name = "Word-dokument (DOCX)" });
        // On screen the site's navigation and the downloads are there: the print check below can fail.
        await Assertions.Expect(navigation).ToBeVisibleAsync();
        await Assertions.Expect(downloads).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("footer.site-footer")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".breadcrumb")).ToBeHiddenAsync();
        await Assertions.Expect(downloads).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skriv ut" })).ToBeHiddenAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Avstämning för utskrift");
        await Assertions.Expect(page.GetByText("Året i korthet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("ändras inte i efterhand");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Indikatorer", Exact = true })).ToBeVisibleAsync();
        // A wide table prints whole: its box does not cut it off to scroll.
        var clipped = await page.Locator("article.report .table-scroll").EvaluateAllAsync<string[]>("boxes => boxes.map(b => getComputedStyle(b).overflowX).filter(o => o !== 'visible')");
        Assert.Empty(clipped);
        Assert.True(await page.Locator("article.report table").CountAsync() >= 3, "the report's tables are there in print");
    }

    /// <summary>
    /// WCAG 2.1 criterion 1.4.4: a 1280 × 800 window zoomed to 200 % (640 × 400 CSS px at two device pixels each) shows
    /// every text twice as large on the screen, and nothing scrolls sideways.
    /// </summary>
    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/missions/{mission}")]
    [InlineData("/missions/{mission}/actors")]
    [InlineData("/missions/{mission}/reports")]
    public async Task TextZoomedTo200PercentDoublesAndNothingScrollsSideways(string route)
    {
        browser.RequireBrowser();
        var url = route.Replace("{mission}", browser.App.ExampleMissionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        const string Measure = "() => ({ h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) * devicePixelRatio, p: parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize) * devicePixelRatio, width: document.documentElement.scrollWidth, view: document.documentElement.clientWidth })";
        async Task<JsonElement> MeasureAsync(int width, int height, float scale)
        {
            var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.App.BaseAddress.ToString(), Locale = "sv-SE", ViewportSize = new() { Width = width, Height = height }, DeviceScaleFactor = scale });
            var page = await context.NewPageAsync();
            await page.GotoAsync(url);
            var size = await page.EvaluateAsync<JsonElement>(Measure);
            await context.CloseAsync();
            return size;
        }
        var normal = await MeasureAsync(1280, 800, 1);
        var zoomed = await MeasureAsync(640, 400, 2);

        // The paragraph text keeps its size in CSS pixels, so it doubles on the screen; headings may shrink a little on a narrow screen but still grow.
        Assert.Equal(2 * normal.GetProperty("p").GetDouble(), zoomed.GetProperty("p").GetDouble(), 0.5);
        Assert.True(zoomed.GetProperty("h1").GetDouble() >= 1.5 * normal.GetProperty("h1").GetDouble(), $"{url}: the heading grows from {normal.GetProperty("h1")} to {zoomed.GetProperty("h1")} device px");
        Assert.True(zoomed.GetProperty("width").GetInt32() <= zoomed.GetProperty("view").GetInt32(),
            $"{url} is {zoomed.GetProperty("width").GetInt32()} px wide in a {zoomed.GetProperty("view").GetInt32()} px window at 200 %");
    }
}
