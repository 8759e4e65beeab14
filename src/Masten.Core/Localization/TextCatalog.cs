using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Masten.Core.Localization;

/// <summary>
/// Masten's visible texts, from JSON files embedded in its assemblies: one per feature folder and language,
/// <c>Missions/Texts.sv.json</c>, <c>Missions/Texts.en.json</c>, <c>Missions/Texts.da.json</c>. Each is a flat
/// object of key → text with <c>{0}</c> placeholders. The web project's localizer and the explanation's words
/// (<see cref="Progress.ExplanationWords"/>, used by the CLI too) read the same files through this one loader.
/// A project embeds its files with <c>&lt;EmbeddedResource Include="**/Texts.*.json" WithCulture="false" /&gt;</c>.
/// </summary>
public sealed class TextCatalog
{
    /// <summary>The languages with texts; Swedish first, as the default.</summary>
    public static readonly IReadOnlyList<string> Languages = ["sv", "en", "da"];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage;

    private TextCatalog(FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage) => this.byLanguage = byLanguage;

    /// <summary>Every key and text of one language (empty for a language without texts).</summary>
    public IReadOnlyDictionary<string, string> Of(string language) =>
        byLanguage.TryGetValue(language, out var texts) ? texts : FrozenDictionary<string, string>.Empty;

    /// <summary>Reads every <c>Texts.{language}.json</c> embedded in the assemblies; a key defined twice in one language is an error.</summary>
    public static TextCatalog Load(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var result = Languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var assembly in assemblies)
        {
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
        }
        return new(result.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal)));
    }
}
