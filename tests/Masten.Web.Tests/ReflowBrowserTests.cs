using Masten.Web.Accounts;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>
/// WCAG 2.1 criterion 1.4.10 Reflow in Chromium: at 320 CSS pixels no page scrolls sideways. Every page route of the
/// app is opened, with ids from the example data, signed in as the administrator (who sees every tool), and once
/// more as a visitor where the page is public. Wide tables scroll inside their own box, which this allows.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ReflowBrowserTests(BrowserFixture browser)
{
    // The page's width, and the outermost elements reaching past the window (for the failure message).
    private const string Overflow = """
        () => {
          const w = document.documentElement.clientWidth;
          const wide = [];
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right <= w + 1 || (el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1)) continue;
            wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' (' + Math.round(r.right) + ' px)');
          }
          return { width: document.documentElement.scrollWidth, viewport: w, wide: wide.slice(0, 4).join(', ') };
        }
        """;

    /// <summary>Every page route with its access rules, from the app's endpoints.</summary>
    private List<(string Route, IReadOnlyList<AccessAttribute> Rules)> Routes() =>
        browser.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), (IReadOnlyList<AccessAttribute>)e.Metadata.GetOrderedMetadata<AccessAttribute>().ToList()))
            .DistinctBy(r => r.Item1)
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    private static async Task<string?> ScrollsSidewaysAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        var size = await page.EvaluateAsync<System.Text.Json.JsonElement>(Overflow);
        var (width, viewport) = (size.GetProperty("width").GetInt32(), size.GetProperty("viewport").GetInt32());
        return width > viewport ? $"{url} ({(int?)response?.Status}) is {width} px wide in a {viewport} px window: {size.GetProperty("wide").GetString()}" : null;
    }

    [SkippableFact]
    public async Task NoPageScrollsSidewaysAt320Pixels()
    {
        browser.RequireBrowser();
        var world = await AccessTests.World.CreateAsync(browser.App);
        var routes = Routes();
        Assert.True(routes.Count > 40, $"found {routes.Count} page routes");
        var admin = await browser.NewPageAsync();
        await admin.SetViewportSizeAsync(320, 800);
        var visitor = await browser.NewPageAsync(signedIn: false);
        await visitor.SetViewportSizeAsync(320, 800);
        var wide = new List<string>();
        foreach (var (route, rules) in routes)
        {
            var url = world.Url(route, rules);
            if (await ScrollsSidewaysAsync(admin, url) is { } problem)
                wide.Add("as administrator: " + problem);
            if (rules.All(r => r.Need == Masten.Core.Accounts.Capability.Read) && await ScrollsSidewaysAsync(visitor, url) is { } seen)
                wide.Add("as visitor: " + seen);
        }
        Assert.True(wide.Count == 0, string.Join("\n", wide));
    }

    [SkippableFact]
    public async Task ThePagesStylesheetLoads()
    {
        var page = await browser.NewPageAsync(signedIn: false);
        var responses = new List<string>();
        page.Response += (_, r) => responses.Add($"{r.Status} {r.Url}");
        page.Console += (_, m) => responses.Add("console: " + m.Text);
        await page.GotoAsync("/");
        // The page's own stylesheet is applied: its rule for the header's menu button hides the bullet marker.
        var applied = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).display");
        var sheets = await page.EvaluateAsync<string>("() => [...document.styleSheets].map(s => s.href).join(' ')");
        Assert.True(applied == "flex", $"header display {applied}; sheets {sheets}; " + string.Join("\n", responses));
    }

    [SkippableFact]
    public async Task TheHeaderIsAMenuThatOpensFromTheKeyboardOnAPhone()
    {
        var page = await browser.NewPageAsync(signedIn: false);
        await page.SetViewportSizeAsync(320, 800);
        await page.GotoAsync("/");
        var signIn = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Logga in" });
        Assert.False(await signIn.IsVisibleAsync());
        var menu = page.GetByRole(AriaRole.Banner).Locator("summary");
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await signIn.IsVisibleAsync());
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/");
        // On a wide screen the menu is open as a row of links, with no button to press: the link is drawn where a
        // pointer finds it.
        var reachable = await page.EvaluateAsync<bool>("""
            () => {
              const link = [...document.querySelectorAll('header a')].find(a => a.textContent.trim() === 'Logga in');
              const r = link.getBoundingClientRect();
              return r.width > 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === link;
            }
            """);
        Assert.True(reachable);
        Assert.False(await menu.IsVisibleAsync());
    }

    [SkippableFact]
    public async Task NoHeadingHasAFocusBoxWhenAPageLoads()
    {
        var page = await browser.NewPageAsync(signedIn: false);
        await page.GotoAsync("/");
        await page.Locator("main a[href^='/missions/']").First.ClickAsync();
        await page.WaitForURLAsync("**/missions/*");
        var outline = await page.EvaluateAsync<string>("() => { const h = document.querySelector('h1'); return getComputedStyle(h).outlineStyle; }");
        Assert.Equal("none", outline);
    }
}
