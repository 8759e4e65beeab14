using Masten.Core.Common;
using Masten.Core.Missions;

namespace Masten.Core.Readability;

/// <summary>One term of a mission's glossary: what it means in plain words, in one language.</summary>
public class GlossaryEntry : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public string Term { get; set; } = "";
    public string Explanation { get; set; } = "";
    /// <summary>Two-letter language of the term: sv, da or en.</summary>
    public string Language { get; set; } = "sv";
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed record GlossaryInput(int MissionId, string? Term, string? Explanation, string? Language = "sv", int? Version = null);

/// <summary>Languages Masten checks texts in, by their two-letter codes.</summary>
public static class TextLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["sv", "da", "en"];

    public static TextLanguage? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "sv" => TextLanguage.Swedish,
        "da" => TextLanguage.Danish,
        "en" => TextLanguage.English,
        _ => null,
    };

    public static string Code(TextLanguage language) => language switch
    {
        TextLanguage.Danish => "da",
        TextLanguage.English => "en",
        _ => "sv",
    };
}

/// <summary>Rules for glossary entries and a mission's plain-language settings.</summary>
public static class GlossaryRules
{
    /// <summary>The LIX a mission aims at unless it sets its own: "lättläst" ends at 40.</summary>
    public const double DefaultLixTarget = 40;

    public static void Validate(GlossaryInput input)
    {
        var rules = new Rules();
        rules.RequiredText("term", input.Term, 100).RequiredText("explanation", input.Explanation, 2000);
        if (TextLanguages.Parse(input.Language) is null)
            rules.Add("language", "UnknownValue", "is not one of the choices.");
        rules.ThrowIfAny();
    }

    public static void CheckLixTarget(Rules rules, double target)
    {
        if (!double.IsFinite(target) || target < 10 || target > 80)
            rules.Add("lixTarget", "LixTargetOutOfRange", "must be between 10 and 80.", 10, 80);
    }
}
