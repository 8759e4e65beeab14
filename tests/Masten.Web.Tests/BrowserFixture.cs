using Microsoft.Playwright;

namespace Masten.Web.Tests;

/// <summary>
/// Debian's Chromium (never a downloaded browser) driven by Playwright, against Masten on a real
/// Kestrel port. The browser path is <c>MASTEN_TEST_CHROMIUM</c>, else <c>/usr/bin/chromium</c>.
/// Without it browser tests skip, except in CI (<c>CI=true</c>), where they fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("MASTEN_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserAppFactory App { get; } = new();

    public IBrowser? Browser { get; private set; }

    public void RequireBrowser()
    {
        if (Browser is not null)
            return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI needs Chromium at {ChromiumPath}.");
        Skip.If(true, $"Chromium is not installed at {ChromiumPath}.");
    }

    private string? adminState;

    /// <summary>
    /// A page in a fresh browser context, signed in as the administrator unless asked not to be. The first
    /// signs in through the sign-in form; later ones start with its cookies (sign-ins are rate limited).
    /// </summary>
    public async Task<IPage> NewPageAsync(bool signedIn = true)
    {
        RequireBrowser();
        var options = new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), Locale = "sv-SE" };
        if (signedIn && adminState is not null)
            options.StorageState = adminState;
        var context = await Browser!.NewContextAsync(options);
        var page = await context.NewPageAsync();
        if (signedIn && adminState is null)
        {
            await SignInAsync(page, MastenAppFactory.AdminEmail, MastenAppFactory.AdminPassword);
            adminState = await context.StorageStateAsync();
        }
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        if (!File.Exists(ChromiumPath))
            return;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
