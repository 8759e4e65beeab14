using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>A visitor without an account reads a published mission on a phone in Chromium.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PublicPageBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AVisitorOnAPhoneReadsWhereTheMissionStandsWhyAndWhoTakesPart()
    {
        var page = await browser.NewPageAsync(signedIn: false);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}");
        var main = page.GetByRole(AriaRole.Main);

        await Assertions.Expect(main.Locator("p.summary")).ToHaveTextAsync(new Regex(@"^\d+ av \d+ indikatorer följer planen"));
        // No editor tools for a visitor.
        await Assertions.Expect(main.GetByRole(AriaRole.Link, new() { Name = "Ändra missionen" })).ToHaveCountAsync(0);
        await Assertions.Expect(main.Locator("details.klarsprak")).ToHaveCountAsync(0);

        // The reason is visible text under the indicator, and its figures open from the keyboard.
        var indicator = main.Locator("li.indicator").Filter(new() { HasText = "Matsvinn i hushållen" });
        await Assertions.Expect(indicator.Locator("p.why")).ToBeVisibleAsync();
        await Assertions.Expect(indicator.Locator("p.why")).ToContainTextAsync("Bedömning:");
        await Assertions.Expect(indicator.GetByRole(AriaRole.Img, new() { Name = "Matsvinn i hushållen i kg per person och år" })).ToBeVisibleAsync();
        var figures = indicator.Locator("summary");
        await figures.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(indicator.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Vilka är med" })).ToBeVisibleAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Vad som händer" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page fits 390 px");
    }
}
