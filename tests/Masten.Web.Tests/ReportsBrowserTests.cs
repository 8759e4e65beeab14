using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TheOfficeFreezesAYearlyReportAndReadsItAsItWillPrint()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Årliga avstämningar", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Årliga avstämningar");
        await page.GetByRole(AriaRole.Link, new() { Name = "Frys en ny rapport", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Frys en ny rapport");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Avstämning med myndigheterna");
        await page.GetByLabel("Sammanfattning", new() { Exact = true }).FillAsync("Året då spillvärmen tog fart.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Frys rapporten" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Avstämning med myndigheterna");
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("ändras inte i efterhand");
        await Assertions.Expect(page.GetByText("Året då spillvärmen tog fart.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Indikatorer", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Word-dokument (DOCX)" })).ToBeVisibleAsync();
        // With the script running, the print button shows (the stylesheet hides it without the script, and everything
        // but the report in print).
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skriv ut" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Årliga avstämningar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Avstämning med myndigheterna" })).ToBeVisibleAsync();
    }
}
