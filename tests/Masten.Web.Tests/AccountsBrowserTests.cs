using Masten.Core.Accounts;
using Masten.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

[Collection(BrowserGroup.Name)]
public sealed class AccountsBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AnInvitedRepresentativeSignsUpSignsInEditsTheirCommitmentAndSeesItInTheHistory()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var email = $"rep-{Guid.NewGuid():N}"[..12] + "@kommun.test";
        const string password = "en mening som är lätt att minnas";
        var (secret, commitmentId) = await app.WithDbAsync(async db =>
        {
            var actor = await db.Actors.Where(a => a.Name == "Exempelby kommun").Select(a => a.Id).FirstAsync();
            var (_, secret) = await new AccountStore(db).InviteAsync(new InvitationInput(null, app.ExampleMissionId, AccessRole.ActorRepresentative, actor, email), "test");
            var commitment = await db.Commitments.Where(c => c.ActorId == actor && c.MissionId == app.ExampleMissionId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            return (secret, commitment);
        });
        var page = await browser.NewPageAsync(signedIn: false);

        await page.GotoAsync($"/invite/{secret}");
        await Assertions.Expect(page.GetByText("Du är inbjuden som aktörsrepresentant")).ToBeVisibleAsync();
        await page.GetByLabel("Namn som visas").FillAsync("Rut Representant");
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Upprepa lösenordet").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa konto och ta emot inbjudan" }).ClickAsync();
        await page.WaitForURLAsync($"**/missions/{app.ExampleMissionId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Logga in" })).ToBeVisibleAsync();
        await BrowserFixture.SignInAsync(page, email, password);

        await page.GotoAsync($"/commitments/{commitmentId}/edit");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Vi serverar vegetariskt två dagar i veckan i alla skolor.");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/edit", StringComparison.Ordinal));

        await page.GotoAsync($"/history/Commitment/{commitmentId}");
        var latest = page.Locator("section.change").First;
        await Assertions.Expect(latest).ToContainTextAsync("Av: " + email);
        await Assertions.Expect(latest).ToContainTextAsync("Vi serverar vegetariskt två dagar i veckan i alla skolor.");
    }
}
