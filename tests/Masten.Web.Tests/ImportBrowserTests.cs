using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TheOfficePastesATableFromExcelPreviewsItAppliesItAndSeesTheValueOnTheIndicatorPage()
    {
        var page = await browser.NewPageAsync();
        var indicator = await browser.App.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == browser.App.ExampleMissionId && i.Name == "Matsvinn i hushållen").Select(i => i.Id).FirstAsync());
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importera", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importera");

        // As Excel puts cells on the clipboard: tab-separated, a decimal comma.
        await page.GetByLabel("Eller klistra in en tabell", new() { Exact = true }).FillAsync($"indikator\tdatum\tvärde\tkälla\n{indicator}\t2022-06-30\t66,6\tPlockanalys\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska" }).ClickAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Raderna i filen" });
        await Assertions.Expect(rows.GetByRole(AriaRole.Row).Filter(new() { HasText = "2022-06-30" })).ToContainTextAsync("Nytt värde");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Vad filens 1 rad gör" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Tillämpa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "är tillämpad" })).ToContainTextAsync("1 nytt värde");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "inklistrat.txt" })).ToBeVisibleAsync();

        await page.GotoAsync($"/indicators/{indicator}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "2022-06-30" });
        await Assertions.Expect(row).ToContainTextAsync("66,6");
        await Assertions.Expect(row).ToContainTextAsync("Plockanalys");
    }
}
