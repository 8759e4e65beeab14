using Microsoft.Extensions.Localization;

namespace Masten.Web.Localization;

/// <summary>
/// Texts that name a count: "1 ny aktör", "2 nya aktörer". Each such text has its singular beside it, under the same key
/// with <c>.One</c> added, in every language; the count is argument {0}, and further arguments follow it.
/// </summary>
public static class CountTexts
{
    /// <summary>The text of <paramref name="key"/> for <paramref name="count"/>: its <c>.One</c> form when the count is 1.</summary>
    public static LocalizedString Count(this IStringLocalizer t, string key, long count, params object[] more)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t[count == 1 ? key + ".One" : key, [count, .. more]];
    }
}
