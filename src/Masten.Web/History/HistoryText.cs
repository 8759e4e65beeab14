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
}
