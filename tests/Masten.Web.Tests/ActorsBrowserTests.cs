using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed partial class ActorsBrowserTests(BrowserFixture browser)
{
    [GeneratedRegex(@"2\s777\s000 SEK")]
    private static partial Regex PledgedForWaste();

    [SkippableFact]
    public async Task RegisteringAnActorAndAddingACommitmentShowsInTheMissionTotals()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Aktörer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrera en aktör" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrera en aktör");
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Webbläsarens odlare AB");
        await page.GetByLabel("Typ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Företag" });
        await page.GetByLabel("Organisationsnummer").FillAsync(ActorsApiTests.NewSwedishNumber());
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Webbläsarens odlare AB");

        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Aktörer och åtaganden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nytt åtagande", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nytt åtagande");
        // The actor is searched in the register (a picker, not a select of every actor), then chosen among the matches.
        var actorPicker = page.GetByRole(AriaRole.Group, new() { Name = "Aktör", Exact = true });
        await actorPicker.GetByLabel("Sökord").FillAsync("webbläsarens");
        await actorPicker.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await Assertions.Expect(actorPicker.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 träff");
        await actorPicker.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Webbläsarens odlare AB") }).CheckAsync();
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Sälja överbliven skörd till skolköken.");
        await page.GetByLabel("Mindre matsvinn", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Pengar", new() { Exact = true }).FillAsync("777 000");
        await page.GetByLabel("Valuta").SelectOptionAsync("SEK");
        await page.GetByLabel("Personår").FillAsync("1,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();

        // 2026 already holds the agency's 2 000 000 SEK carried from 2025; the new 777 000 SEK adds to it.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aktörer:");
        var row = page.Locator("table.totals tbody tr").Filter(new() { HasText = "2026" }).Filter(new() { HasText = "Mindre matsvinn" });
        await Assertions.Expect(row).ToContainTextAsync(PledgedForWaste());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Sälja överbliven skörd till skolköken." })).ToBeVisibleAsync();
    }
}
