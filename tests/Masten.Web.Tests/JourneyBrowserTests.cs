using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Journeys;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>
/// The journey's main path in Chromium: the office filters the funnel and opens a stalled company, the
/// company's representative reports a step, its navigator confirms it, and the office sees the funnel move.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class JourneyBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ANavigatorConfirmsAReportedStepAndTheFilteredFunnelMoves()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (mission, participant, company) = await app.WithDbAsync(async db =>
        {
            var missions = new MissionStore(db);
            var programmeId = await db.Programmes.Select(p => p.Id).FirstAsync();
            var m = await missions.CreateMissionAsync(new MissionInput(programmeId, "Företag i gång " + tag, "Fler företag ställer om.", 2024, 2030));
            var goal = await missions.CreateGoalAsync(new GoalInput(m.Id, null, "Företag i gång", null));
            await missions.CreateIndicatorAsync(new IndicatorInput(goal.Id, "Företag i gång", null, "företag", Direction.HigherIsBetter, ReportingFrequency.Yearly, null,
                new DateOnly(2024, 12, 31), 0, [new TargetInput(new DateOnly(2030, 12, 31), 100)]));
            await missions.PublishMissionAsync(m.Id);
            var store = new JourneyStore(db);
            await store.DefineAsync(m.Id, new JourneyInput(JourneyWorld.Steps, StallAfterDays: 60));
            var first = await db.JourneySteps.Where(s => db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == m.Id) && s.Order == 0).Select(s => s.Id).FirstAsync();
            int? mine = null;
            var name = "";
            foreach (var (cohort, region) in new[] { ("2025", "01"), ("2024", "14") })
            {
                var actor = new Actor { Name = $"Snickeri {cohort} {tag} AB", Type = ActorType.Company, Country = Country.Sweden, OrganisationNumber = ActorsApiTests.NewSwedishNumber() };
                db.Actors.Add(actor);
                await db.SaveChangesAsync();
                var p = (await store.AddParticipantAsync(m.Id, new ParticipantInput(actor.Id, cohort, null, region, "16.23", SizeClass.Small, null, new DateOnly(2025, 1, 15))))!;
                await store.RecordEventAsync(p.Id, new StepEventInput(first, new DateOnly(2025, 2, 1), null), new Recorder("kansliet", null, AsCompany: false));
                if (mine is null)
                    (mine, name) = (p.Id, actor.Name);
            }
            var actorId = await db.Participants.Where(p => p.Id == mine).Select(p => p.ActorId).FirstAsync();
            return (m.Id, mine!.Value, (actorId, name));
        });
        var (navigator, _) = await app.CreateUserAsync($"navigator-{tag}@masten.test", [new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator }]);
        await app.CreateUserAsync($"foretaget-{tag}@masten.test", [new RoleAssignment { MissionId = mission, Role = AccessRole.ActorRepresentative, ActorId = company.actorId }]);
        await app.WithDbAsync(async db =>
        {
            var p = await db.Participants.AsNoTracking().FirstAsync(x => x.Id == participant);
            await new JourneyStore(db).UpdateParticipantAsync(participant, new ParticipantInput(p.ActorId, p.Cohort, null, p.RegionCode, p.Sector, p.SizeClass, navigator.Id, p.JoinedOn, Version: p.Version));
            return 0;
        });

        // The office filters the funnel to the 2025 cohort: its one company stands at the first step.
        var office = await browser.NewPageAsync();
        await office.GotoAsync($"/missions/{mission}/journey");
        await office.GetByLabel("Omgång").SelectOptionAsync(new SelectOptionValue { Label = "2025" });
        await office.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
        await office.WaitForURLAsync(url => url.Contains("cohort=2025", StringComparison.Ordinal));
        await Assertions.Expect(At(office, "Första kontakt")).ToHaveTextAsync("1");
        await Assertions.Expect(At(office, "Kartlagd värdekedja")).ToHaveTextAsync("0");
        await Assertions.Expect(office.GetByText("1 deltar. 0 har kommit i gång.", new() { Exact = false })).ToBeVisibleAsync();

        // It has stalled, so the office can open it from the list.
        await office.GetByRole(AriaRole.Link, new() { Name = company.name }).ClickAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(company.name);

        // The company reports the next step; it waits for its navigator.
        var representative = await browser.NewPageAsync(signedIn: false);
        await BrowserFixture.SignInAsync(representative, $"foretaget-{tag}@masten.test", MastenAppFactory.AdminPassword);
        await representative.GotoAsync($"/participants/{participant}");
        await representative.GetByLabel("Steg", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kartlagd värdekedja" });
        await representative.GetByLabel("Underlag (länk eller dokumentnamn)").FillAsync("https://example.org/var-vardekedja");
        await representative.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Rapportera ett steg" }).ClickAsync();
        await Assertions.Expect(representative.GetByRole(AriaRole.Cell, new() { Name = "Väntar på bekräftelse" })).ToBeVisibleAsync();
        await office.GotoAsync($"/missions/{mission}/journey?cohort=2025");
        await Assertions.Expect(At(office, "Kartlagd värdekedja")).ToHaveTextAsync("0");

        // Its navigator confirms it.
        var nav = await browser.NewPageAsync(signedIn: false);
        await BrowserFixture.SignInAsync(nav, $"navigator-{tag}@masten.test", MastenAppFactory.AdminPassword);
        await nav.GotoAsync($"/participants/{participant}");
        await nav.GetByRole(AriaRole.Button, new() { Name = "Bekräfta Kartlagd värdekedja" }).ClickAsync();
        // The report is replaced by the confirmation (the earlier first step reads "Bekräftat" already).
        await Assertions.Expect(nav.GetByRole(AriaRole.Cell, new() { Name = "Ersatt av en senare händelse" })).ToBeVisibleAsync();

        // The funnel has moved: the company now stands at the started step.
        await office.GotoAsync($"/missions/{mission}/journey?cohort=2025");
        await Assertions.Expect(At(office, "Första kontakt")).ToHaveTextAsync("0");
        await Assertions.Expect(At(office, "Kartlagd värdekedja")).ToHaveTextAsync("1");
        await Assertions.Expect(office.GetByText("1 deltar. 1 har kommit i gång.", new() { Exact = false })).ToBeVisibleAsync();
        // The other cohort did not move.
        await office.GotoAsync($"/missions/{mission}/journey?cohort=2024");
        await Assertions.Expect(At(office, "Första kontakt")).ToHaveTextAsync("1");
    }

    /// <summary>The "Vid steget" cell of a step's row in the funnel table.</summary>
    private static ILocator At(IPage page, string step) =>
        page.Locator("section[aria-labelledby=funnel-heading] tbody tr").Filter(new() { HasText = step }).Locator("td").First;
}
