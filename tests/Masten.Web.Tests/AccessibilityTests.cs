using System.Text.Json;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA rules) on the main pages in Chromium. axe-core comes from npm:
/// <c>npm ci --prefix tests/Masten.Web.Tests/a11y</c> (run by .ci/run). Without it these tests skip,
/// except in CI, where they fail.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string AxePath = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../a11y/node_modules/axe-core/axe.min.js"));

    public static TheoryData<string> Pages => new()
    {
        "/",
        "/missions/{mission}",
        "/missions/{mission}/progress",
        "/missions/{mission}/language",
        "/missions/{mission}/glossary",
        "/missions/{mission}/edit",
        "/missions/{mission}/actors",
        "/indicators/{indicator}",
        "/indicators/{indicator}/history",
        "/actors",
        "/missions/{mission}/portfolio",
        "/missions/{mission}/initiatives/new",
        "/missions/{mission}/reviews/new",
        // A required picker with nothing chosen opens on its first page of matches.
        "/missions/{mission}/commitments/new",
        "/history/Indicator/{indicator}",
        "/admin/audit",
        "/account/login",
        "/account",
        "/missions/{mission}/members",
        "/invite/not-a-real-link",
        "/admin/audit?from=2026-02-01&to=2026-01-31",
        "/missions/{mission}/roadmap",
        "/missions/{mission}/roadmap/1",
        "/missions/{mission}/roadmap/diff?from=1&to=2",
        "/goals/{goal}/edit",
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task PageHasNoWcagViolations(string path)
    {
        if (!File.Exists(AxePath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI needs axe-core at {AxePath}: npm ci --prefix tests/Masten.Web.Tests/a11y");
            Skip.If(true, "axe-core is not installed (npm ci --prefix tests/Masten.Web.Tests/a11y).");
        }
        var page = await browser.NewPageAsync();
        var indicator = await browser.App.WithDbAsync(db => Task.FromResult(db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).First()));
        var goal = await browser.App.WithDbAsync(db => Task.FromResult(db.Goals.Where(g => g.MissionId == browser.App.ExampleMissionId).OrderBy(g => g.Id).Select(g => g.Id).First()));
        await page.GotoAsync(path.Replace("{mission}", browser.App.ExampleMissionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{indicator}", indicator.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{goal}", goal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // Evaluated rather than added as a <script> element, which the Content-Security-Policy would refuse.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
        Assert.Equal(Array.Empty<string>(), violations.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
