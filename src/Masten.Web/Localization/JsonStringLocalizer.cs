using System.Globalization;
using Masten.Core.Localization;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Localization;

/// <summary>Marker type for <c>IStringLocalizer&lt;Texts&gt;</c>: all of Masten's interface texts.</summary>
public sealed class Texts;

/// <summary>
/// Interface texts from JSON files embedded in this assembly and in Core (see <see cref="TextCatalog"/>), one per
/// feature folder and language: <c>Missions/Texts.sv.json</c>, <c>Missions/Texts.en.json</c>, <c>Missions/Texts.da.json</c>.
/// Each is a flat object of key → text with <c>{0}</c> placeholders. Swedish is the default; a key
/// missing in English or Danish falls back to Swedish, and a key missing everywhere shows itself,
/// which the localization test catches.
/// </summary>
public sealed class JsonStringLocalizer : IStringLocalizer
{
    public const string DefaultCulture = "sv";
    public static readonly string[] SupportedCultures = ["sv", "en", "da"];

    // The web project's texts and Core's (the explanation's words), read by the one loader the CLI uses too.
    private static readonly Lazy<TextCatalog> All = new(() => TextCatalog.Load(typeof(JsonStringLocalizer).Assembly, typeof(TextCatalog).Assembly));

    /// <summary>Every key and text of one language, for tests.</summary>
    public static IReadOnlyDictionary<string, string> TextsOf(string culture) => All.Value.Of(culture);

    public LocalizedString this[string name]
    {
        get
        {
            var (value, found) = Find(name);
            return new LocalizedString(name, value, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var (value, found) = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, value, arguments), resourceNotFound: !found);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        TextsOf(CurrentLanguage()).Select(kv => new LocalizedString(kv.Key, kv.Value));

    /// <summary>The two-letter language of the current UI culture, or Swedish when it is not supported.</summary>
    public static string CurrentLanguage()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return SupportedCultures.Contains(language) ? language : DefaultCulture;
    }

    private static (string Value, bool Found) Find(string name)
    {
        if (All.Value.Of(CurrentLanguage()).TryGetValue(name, out var text))
            return (text, true);
        if (All.Value.Of(DefaultCulture).TryGetValue(name, out var fallback))
            return (fallback, true);
        return (name, false);
    }
}

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private static readonly JsonStringLocalizer Instance = new();

    public IStringLocalizer Create(Type resourceSource) => Instance;

    public IStringLocalizer Create(string baseName, string location) => Instance;
}
