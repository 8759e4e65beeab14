using System.Text.RegularExpressions;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class PickerBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task OnAPhoneAnActorIsSearchedPickedAndSavedWithoutTheTypedTextBeingLost()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(320, 800);
        await page.GotoAsync($"/missions/{browser.App.ExampleMissionId}/drivers/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny drivkraft");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Vi vill att barnen äter bättre i skolan.");
        await page.GetByLabel("Samhällsnytta", new() { Exact = true }).CheckAsync();

        var picker = page.GetByRole(AriaRole.Group, new() { Name = "Aktör", Exact = true });
        await picker.GetByLabel("Sökord").FillAsync("åstad");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await Assertions.Expect(picker.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 träff");
        // The search posted the whole form: what was typed is still there, and nothing was flagged.
        await Assertions.Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("Vi vill att barnen äter bättre i skolan.");
        await Assertions.Expect(page.Locator(".error-summary")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the form with its matches fits 320 px without sideways scrolling");

        await picker.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Åstads kommun") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aktörer:");

        var stored = await browser.App.WithDbAsync(db => db.Drivers.Where(d => d.Text == "Vi vill att barnen äter bättre i skolan.").Select(d => new { d.Actor!.Name, d.Categories }).SingleAsync());
        Assert.Equal("Åstads kommun", stored.Name);
        Assert.Equal([DriverCategory.SocietalImpact], stored.Categories);
    }
}
