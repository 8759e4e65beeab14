using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Localization;

/// <summary>Marker type for <c>IStringLocalizer&lt;Texts&gt;</c>: all of Masten's interface texts.</summary>
public sealed class Texts;

/// <summary>
/// Interface texts from JSON files embedded in this assembly, one per feature folder and language:
/// <c>Missions/Texts.sv.json</c>, <c>Missions/Texts.en.json</c>, <c>Missions/Texts.da.json</c>.
/// Each is a flat object of key → text with <c>{0}</c> placeholders. Swedish is the default; a key
/// missing in English or Danish falls back to Swedish, and a key missing everywhere shows itself,
/// which the localization test catches.
/// </summary>
public sealed class JsonStringLocalizer : IStringLocalizer
{
    public const string DefaultCulture = "sv";
    public static readonly string[] SupportedCultures = ["sv", "en", "da"];

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> All = new(Load);

    /// <summary>Every key and text of one language, for tests.</summary>
    public static IReadOnlyDictionary<string, string> TextsOf(string culture) =>
        All.Value.TryGetValue(culture, out var texts) ? texts : FrozenDictionary<string, string>.Empty;

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
        if (All.Value.TryGetValue(CurrentLanguage(), out var texts) && texts.TryGetValue(name, out var text))
            return (text, true);
        if (All.Value[DefaultCulture].TryGetValue(name, out var fallback))
            return (fallback, true);
        return (name, false);
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizer).Assembly;
        var result = new Dictionary<string, Dictionary<string, string>>();
        foreach (var culture in SupportedCultures)
            result[culture] = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // Masten.Web.Missions.Texts.sv.json
            var parts = resource.Split('.');
            if (parts.Length < 4 || parts[^1] != "json" || parts[^3] != "Texts" || !result.TryGetValue(parts[^2], out var texts))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"{resource} is empty.");
            foreach (var (key, value) in entries)
            {
                if (!texts.TryAdd(key, value))
                    throw new InvalidOperationException($"The text key '{key}' is defined twice for '{parts[^2]}' (again in {resource}).");
            }
        }
        return result.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private static readonly JsonStringLocalizer Instance = new();

    public IStringLocalizer Create(Type resourceSource) => Instance;

    public IStringLocalizer Create(string baseName, string location) => Instance;
}
