namespace Masten.Web.Components.Common;

/// <summary>
/// The confirmation after a save ("Sparat"): the page that saved redirects with <c>?saved=…</c> (post, redirect,
/// get), and <see cref="SavedMessage"/>, once in the layout, shows it as a status message on the page it lands on.
/// Nothing is kept on the server, so it works on every instance and without JavaScript.
/// </summary>
public static class Saved
{
    public const string Parameter = "saved";

    /// <summary>What was done, by the value of <c>saved</c>: each has a text <c>Saved.{value}</c>.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "Saved", "Signed", "Published", "Invited" };

    /// <summary><paramref name="url"/> with the flag, before any <c>#fragment</c>: <c>/missions/3/actors?saved=Saved#commitments</c>.</summary>
    public static string Url(string url, string kind = "Saved")
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        return $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Parameter}={kind}{fragment}";
    }
}
