using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Masten.Web.Localization;

/// <summary>
/// The browser's language (<c>Accept-Language</c>) by its language part: <c>en</c>, <c>en-US</c> and <c>en-GB</c> all
/// give English (en-GB), <c>da</c> Danish (da-DK), <c>sv</c> or <c>sv-FI</c> Swedish (sv-SE), taking the first
/// supported language in the order of the header's quality values. ASP.NET Core's own provider matches only the
/// supported cultures themselves and their parents, so <c>Accept-Language: en</c> would fall back to Swedish.
/// </summary>
public sealed class LanguageHeaderCultureProvider(Func<string, string> fullCulture) : RequestCultureProvider
{
    /// <summary>Header values looked at, at most (the rest is ignored, as ASP.NET Core's provider does).</summary>
    private const int MaxValues = 5;

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.AcceptLanguage.ToString();
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
            return NullProviderCultureResult;
        foreach (var value in values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1).Take(MaxValues))
        {
            var tag = value.Value.Value ?? "";
            var language = tag.Split('-')[0].ToLowerInvariant();
            if (JsonStringLocalizer.SupportedCultures.Contains(language))
            {
                var culture = fullCulture(language);
                return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
            }
        }
        return NullProviderCultureResult;
    }
}
