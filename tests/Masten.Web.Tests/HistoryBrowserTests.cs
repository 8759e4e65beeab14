using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class HistoryBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task EditingAnActorShowsTheOldAndNewNameInItsHistory()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/actors?q=Biogas");
        await page.GetByRole(AriaRole.Link, new() { Name = "Biogas Väst AB", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ändra aktören" }).ClickAsync();
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Biogas Väst och Norr AB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Biogas Väst och Norr AB");

        await page.GetByRole(AriaRole.Link, new() { Name = "Historik för Biogas Väst och Norr AB", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Historik: Aktör Biogas Väst och Norr AB");
        var latest = page.Locator("section.change").First;
        await Assertions.Expect(latest.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Ändrad");
        await Assertions.Expect(latest).ToContainTextAsync("Av: " + MastenAppFactory.AdminEmail);
        var name = latest.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Namn", Exact = true }) });
        await Assertions.Expect(name.Locator("td.before")).ToHaveTextAsync("Biogas Väst AB");
        await Assertions.Expect(name.Locator("td.after")).ToHaveTextAsync("Biogas Väst och Norr AB");
    }
}
