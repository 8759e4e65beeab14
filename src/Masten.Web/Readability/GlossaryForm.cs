using System.Globalization;
using Masten.Core.Readability;
using Masten.Data.Readability;
using Masten.Web.Components.Common;

namespace Masten.Web.Readability;

/// <summary>The posted strings of a glossary entry's form (<c>GlossaryPage</c>) and their parsing into a <see cref="GlossaryInput"/>.</summary>
public sealed class GlossaryForm
{
    public string? Term { get; set; }
    public string? Explanation { get; set; }
    public string? Language { get; set; } = "sv";
    public string? Version { get; set; }

    public static GlossaryForm From(GlossaryEntryDto dto) => new()
    {
        Term = dto.Term,
        Explanation = dto.Explanation,
        Language = dto.Language,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; the entry's own rules are the store's to check.</summary>
    public GlossaryInput? ToInput(FormErrors errors, int missionId, bool isNew)
    {
        var version = errors.WholeNumber("version", Version, required: !isNew);
        return errors.Any ? null : new GlossaryInput(missionId, Term, Explanation, Language, version);
    }
}
