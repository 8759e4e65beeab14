using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>A representative on a phone (390 CSS px): signs in, lands on "Mina uppgifter", signs a commitment and adds a check-in.</summary>
[Collection(BrowserGroup.Name)]
public sealed class RepresentativeBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ARepresentativeOnAPhoneSignsACommitmentAndChecksInFromMyTasks()
    {
        browser.RequireBrowser();
        var world = await RepresentativeTests.CreateWorldAsync(browser.App);
        var page = await browser.NewPageAsync(signedIn: false);
        await page.SetViewportSizeAsync(390, 844);

        await BrowserFixture.SignInAsync(page, world.RepEmail, MastenAppFactory.AdminPassword);
        // A representative's start page after signing in.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina uppgifter");
        Assert.EndsWith("/my-tasks", page.Url, StringComparison.Ordinal);
        Assert.True(await FitsAsync(page), "Mina uppgifter fits 390 px without sideways scrolling");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Skriv under: Vi byter alla bilar") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Skriv under åtagandet");
        Assert.True(await FitsAsync(page), "the signing page fits 390 px");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Skriv under", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Underskrivet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina uppgifter");
        await Assertions.Expect(page.GetByText("Inga åtaganden väntar på underskrift.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Gör en avstämning av Elbilspilot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Elbilspilot");
        await page.GetByLabel("Säkerhet").FillAsync("8");
        await page.GetByLabel("Vad som hänt").FillAsync("Tio elbilar rullar i hemtjänsten.");
        Assert.True(await FitsAsync(page), "the check-in form fits 390 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara avstämningen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sparat" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Tio elbilar rullar i hemtjänsten." })).ToBeVisibleAsync();

        // On a phone the header's links are behind its menu.
        await page.Locator("header summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Inga insatser behöver en avstämning.")).ToBeVisibleAsync();
    }

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
