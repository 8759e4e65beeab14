using Masten.Core.Actors;
using Masten.Core.Messaging;
using Masten.Core.Pulses;
using Masten.Data.Pulses;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>A contact person answers a pulse on a small phone by keyboard; the programme office reads the results at 320 px.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PulsesBrowserTests(BrowserFixture browser)
{
    /// <summary>Keeps each link's secret instead of writing an e-mail (the e-mail itself is tested in PulsesTests).</summary>
    private sealed class Links : IPulseMail
    {
        public List<string> Secrets { get; } = [];

        public OutboxMessage Compose(PulseRecipient recipient, string missionTitle, string secret, DateOnly closesOn, string causeKey)
        {
            Secrets.Add(secret);
            return new OutboxMessage { Kind = MessageKind.Pulse, ToAddress = recipient.Email, Subject = "Puls", CauseKey = causeKey, Sensitive = true };
        }
    }

    private async Task<(PulsesTests.World World, List<string> Secrets)> RoundAsync(params (ActorType Type, int Contacts, Country Country)[] actors)
    {
        var world = await PulsesTests.WorldAsync(browser.App, actors);
        var links = new Links();
        await browser.App.WithDbAsync(async db =>
        {
            var store = new PulseStore(db);
            await store.DefineAsync(world.MissionId, new PulseInput(PulseRules.DefaultStatements, PulseRules.DefaultOpenQuestion, [.. actors.Select(a => a.Type)], StartsOn: new DateOnly(2026, 1, 1), Scheduled: false));
            return await store.OpenRoundAsync(world.MissionId, links);
        });
        return (world, links.Secrets);
    }

    [SkippableFact]
    public async Task AContactPersonAnswersAPulseOnASmallPhoneWithTheKeyboard()
    {
        browser.RequireBrowser();
        var (_, secrets) = await RoundAsync((ActorType.CivilSociety, 1, Country.Sweden));
        var page = await browser.NewPageAsync(signedIn: false);
        await page.SetViewportSizeAsync(320, 640);

        await page.GotoAsync($"/pulse/{secrets[0]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hur går samarbetet?");
        Assert.True(await FitsAsync(page), "the answer page fits 320 px without sideways scrolling");

        // Each statement is a group of radio buttons: Tab reaches it, the arrow keys choose.
        foreach (var statement in PulseRules.DefaultStatements)
        {
            var group = page.GetByRole(AriaRole.Group, new() { Name = statement.Sv });
            await group.GetByRole(AriaRole.Radio).First.FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await Assertions.Expect(group.GetByRole(AriaRole.Radio, new() { Name = "4 stämmer ganska bra" })).ToBeCheckedAsync();
        }
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Fler möten på plats.");
        await Assertions.Expect(page.GetByLabel("Vad skulle göra samarbetet i missionen bättre?")).ToHaveValueAsync("Fler möten på plats.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tack för ditt svar");
        var stored = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.PulseAnswers, a => a.Scores), a => a.OpenAnswer == "Fler möten på plats."));
        Assert.All(stored.Scores, s => Assert.Equal(4, s.Value));

        // The same link again: refused, and it says so.
        await page.GotoAsync($"/pulse/{secrets[0]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("redan använts");
    }

    [SkippableFact]
    public async Task TheProgrammeOfficeReadsTheResultsAsAChartAndATableAt320Pixels()
    {
        browser.RequireBrowser();
        var (world, secrets) = await RoundAsync((ActorType.Municipality, 6, Country.Sweden), (ActorType.Company, 2, Country.Sweden));
        await browser.App.WithDbAsync(async db =>
        {
            var store = new PulseStore(db);
            foreach (var secret in secrets)
                await store.AnswerAsync(secret, new PulseAnswerInput(PulseRules.DefaultStatements.ToDictionary(s => s.Key, s => (int?)4), null));
            return 0;
        });
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(320, 800);

        await page.GotoAsync($"/missions/{world.MissionId}/pulse/results");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Pulsens resultat");
        Assert.True(await FitsAsync(page), "the results page fits 320 px: its tables scroll in their own box");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Medelvärde och antal svar: Jag litar på de andra aktörerna i missionen" });
        await Assertions.Expect(table.GetByRole(AriaRole.Cell, new() { Name = "4,0 (8 svar)" })).ToBeVisibleAsync();
        // The companies are two: hidden, and the municipalities with them, or everyone minus municipalities would show them.
        await Assertions.Expect(table.GetByRole(AriaRole.Cell, new() { Name = "dolt: färre än 5 svar" })).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Cell, new() { Name = "dolt: skyddar en liten grupp" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure svg").First).ToBeVisibleAsync();
    }

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
