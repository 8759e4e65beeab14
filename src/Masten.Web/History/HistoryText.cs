using Microsoft.Extensions.Localization;

namespace Masten.Web.History;

/// <summary>How the history views name a stored field.</summary>
public static class HistoryText
{
    /// <summary>The form's label when Masten has one for the field (<c>Name</c> → "Namn"), else the stored name.</summary>
    public static string FieldLabel(IStringLocalizer t, string field)
    {
        if (field.Length == 0)
            return t["History.Snapshot"].Value;
        var label = t[$"Field.{char.ToLowerInvariant(field[0])}{field[1..]}"];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>The enum a field holds when its name alone does not say (<c>Frequency</c> holds a <c>ReportingFrequency</c>).</summary>
    private static readonly Dictionary<string, string> EnumOfField = new(StringComparer.Ordinal)
    {
        ["Frequency"] = "ReportingFrequency",
        ["Shape"] = "PathwayShape",
        ["Level"] = "OrganisationalLevel",
        ["Size"] = "Level",
        ["Confidence"] = "Level",
        ["Stage"] = "InitiativeStage",
        ["FromStage"] = "InitiativeStage",
        ["ToStage"] = "InitiativeStage",
    };

    /// <summary>
    /// A stored value as the reader knows it: a status, stage or other choice by its label in the reader's language
    /// (<c>Exploring</c> → "Utforskar"), found as <c>Enum.{Type}{Field}</c> (a commitment's <c>Status</c> is a
    /// <c>CommitmentStatus</c>), by the field's known enum, or <c>Enum.{Field}</c>; any other value as stored.
    /// </summary>
    public static string Value(IStringLocalizer t, string? entityType, string field, string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterUpper(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            return value;
        foreach (var name in (string?[])[entityType is null ? null : entityType + field, EnumOfField.GetValueOrDefault(field), field])
        {
            if (name is null)
                continue;
            var label = t[$"Enum.{name}.{value}"];
            if (!label.ResourceNotFound)
                return label.Value;
        }
        return value;
    }
}
