using System.Globalization;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Masten.Web.Platform;

/// <summary>Endpoints that are not part of any feature: the language switch (health is in <see cref="Health"/>).</summary>
public static partial class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        // The language switch is a plain GET form, so it works without JavaScript and puts no antiforgery token on
        // the page (which then can be reused for every visitor). The POST is kept for forms from earlier versions.
        app.MapGet("/language", SwitchLanguage).WithTags("Platform").ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/language", SwitchLanguageByForm).WithTags("Platform").ExcludeFromDescription().AllowAnonymous();

        return app;
    }

    private static RedirectHttpResult SwitchLanguageByForm(HttpContext http, [FromForm] string culture, [FromForm] string? returnUrl) =>
        SwitchLanguage(http, culture, returnUrl);

    private static RedirectHttpResult SwitchLanguage(HttpContext http, string? culture, string? returnUrl)
    {
        if (culture is null || !JsonStringLocalizer.SupportedCultures.Contains(culture))
            culture = JsonStringLocalizer.DefaultCulture;
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(FullCulture(culture))),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(LocalPath(returnUrl));
    }

    /// <summary>
    /// A return address that stays on this site (<c>/missions/1</c>), never another host (<c>//evil</c>, <c>/\evil</c>)
    /// and never one a Location header cannot carry (control characters; other non-ASCII is percent-encoded); <c>/</c> otherwise.
    /// </summary>
    public static string LocalPath(string? url)
    {
        if (url is not { Length: > 0 } || url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) || url.Any(char.IsControl))
            return "/";
        return url.All(char.IsAscii) ? url : NonAscii().Replace(url, m => Uri.EscapeDataString(m.Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\x00-\x7F]+")]
    private static partial System.Text.RegularExpressions.Regex NonAscii();

    /// <summary>The cultures pages are formatted in: Swedish first (the default), then English and Danish.</summary>
    public static CultureInfo[] Cultures() =>
        JsonStringLocalizer.SupportedCultures.Select(c => new CultureInfo(FullCulture(c))).ToArray();

    /// <summary>The culture of a supported language: sv-SE, en-GB, da-DK.</summary>
    public static string FullCulture(string language) => language switch { "sv" => "sv-SE", "da" => "da-DK", _ => "en-GB" };
}
