using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class PortfolioBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AReviewGoesFromItsAgendaToADecisionThatMovesTheInitiativesStage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Portfölj", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Portfölj:");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny avstämning", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny avstämning");
        var participants = page.GetByRole(AriaRole.Group, new() { Name = "Deltagande aktörer", Exact = true });
        await participants.GetByLabel("Sökord").FillAsync("Region");
        await participants.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await participants.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Region Exempelland") }).CheckAsync();
        await page.GetByLabel("Deltagare", new() { Exact = true }).FillAsync("Maria Nilsson, Sofia Dahl");
        await page.GetByLabel("Insikter", new() { Exact = true }).FillAsync("Spillvärmen fungerar bättre än väntat.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta avstämningen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dagordning" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol.agenda")).ToContainTextAsync("Mindre svinn i skolköken");
        var initiative = page.GetByRole(AriaRole.Group, new() { Name = "Insats", Exact = true });
        await initiative.GetByLabel("Sökord").FillAsync("spillvärme");
        await initiative.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        // Wait for the search's answer before choosing: a choice made in the list shown before it is replaced.
        await Assertions.Expect(initiative.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 träff");
        await initiative.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Spillvärme till växthus") }).CheckAsync();
        // "Beslut" also names the decisions section, so the select is found by its id.
        await page.Locator("select#kind").SelectOptionAsync(new SelectOptionValue { Label = "Skala upp" });
        await page.GetByLabel("Motivering", new() { Exact = true }).FillAsync("Växthusen sparar hälften av sin gas.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Besluta och ändra fasen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Växthusen sparar hälften av sin gas." })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Spillvärme till växthus", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#stage")).ToHaveTextAsync("Skalar upp");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "beslut vid avstämning" })).ToBeVisibleAsync();
    }
}
