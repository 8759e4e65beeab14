using Masten.Data.Missions;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class BrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AddingAGoalOnTheExampleMissionShowsItOnTheMissionPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoSeeder.MissionTitle }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoSeeder.MissionTitle);

        await page.GetByRole(AriaRole.Link, new() { Name = "Nytt delmål", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nytt delmål");
        await page.GetByLabel("Titel").FillAsync("Mer mat från lokala odlare");
        await page.GetByLabel("Beskrivning").FillAsync("Fler kommuner köper frukt och grönt från närområdet.");
        // The example mission is active: a new goal revises its roadmap and needs a reason.
        await page.GetByLabel("Anledning till ändringen").FillAsync("Lokal mat saknades i färdplanen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoSeeder.MissionTitle);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mer mat från lokala odlare" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task AFormWithErrorsKeepsWhatWasTypedAndPointsAtTheField()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}/edit");
        await page.GetByLabel("Målår").FillAsync("2010");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Målår: måste vara efter basåret (2019).");
        await Assertions.Expect(page.GetByLabel("Målår")).ToHaveValueAsync("2010");
        await Assertions.Expect(page.GetByLabel("Målår")).ToHaveAttributeAsync("aria-invalid", "true");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Målår")).ToBeFocusedAsync();
    }
}

[Collection(BrowserGroup.Name)]
public sealed class ProgressBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task OpeningAnIndicatorShowsChartTableAndExplanation()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Matsvinn i hushållen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Matsvinn i hushållen");
        var chart = page.Locator("figure.chart [role=img]");
        await Assertions.Expect(chart).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Matsvinn i hushållen i kg per person och år: uppmätta värden"));
        await Assertions.Expect(chart.Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Värden vid varje årsskifte (kg per person och år)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.explanation")).ToContainTextAsync("Matsvinn i hushållen behöver minska med");
        var how = page.Locator("details.how");
        await how.Locator("summary").ClickAsync();
        await Assertions.Expect(how.GetByRole(AriaRole.Columnheader, new() { Name = "Beräkning" })).ToBeVisibleAsync();
    }
}

[Collection(BrowserGroup.Name)]
public sealed class ReadabilityBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TheLanguagePageListsTheMissionsTextsAndLeadsToTheGlossary()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Språk", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Språk:");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Missionens texter efter läsbarhet" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ordlista (3)" }).ClickAsync();
        await page.GetByLabel("Ord", new() { Exact = true }).FillAsync("Baslinje");
        await page.GetByLabel("Förklaring").FillAsync("Läget när vi började mäta.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till ett ord" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Baslinje" })).ToBeVisibleAsync();
    }
}
