using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class RoadmapBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ARevisedTargetBecomesANewVersionThatCanBeComparedWithTheOneBefore()
    {
        var page = await browser.NewPageAsync();
        var indicator = await browser.App.WithDbAsync(db => db.Indicators.Where(i => i.Goal!.MissionId == browser.App.ExampleMissionId && i.Name == "Matsvinn i hushållen").Select(i => i.Id).FirstAsync());
        await page.GotoAsync($"/indicators/{indicator}/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ändra indikatorn");
        await page.GetByLabel("Värde för mål 1", new() { Exact = true }).FillAsync("35");
        await page.GetByLabel("Anledning till ändringen", new() { Exact = true }).FillAsync("Hushållen har minskat svinnet snabbare än väntat.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Matsvinn i hushållen");

        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Färdplanens versioner", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Färdplanens versioner:");
        var versions = page.GetByRole(AriaRole.Table, new() { Name = "Färdplanens versioner, den äldsta först" });
        await Assertions.Expect(versions.GetByRole(AriaRole.Cell, new() { Name = "Hushållen har minskat svinnet snabbare än väntat." })).ToBeVisibleAsync();

        // The form compares the two latest versions unless told otherwise.
        await page.GetByRole(AriaRole.Button, new() { Name = "Jämför" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Vad ändrades från version");
        var changes = page.GetByRole(AriaRole.Table, new() { Name = "Ändringar för Matsvinn i hushållen" });
        await Assertions.Expect(changes.GetByRole(AriaRole.Rowheader, new() { Name = "Mål 2030-12-31" })).ToBeVisibleAsync();
        await Assertions.Expect(changes.GetByRole(AriaRole.Cell, new() { Name = "40" })).ToBeVisibleAsync();
        await Assertions.Expect(changes.GetByRole(AriaRole.Cell, new() { Name = "35" })).ToBeVisibleAsync();
    }
}
