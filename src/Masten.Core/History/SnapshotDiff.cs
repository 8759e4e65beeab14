using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Masten.Core.History;

/// <summary>
/// One field of a change: its value before and after, as display text (null when absent).
/// <see cref="IsBookkeeping"/> marks fields Masten stamps itself (<c>Version</c>, <c>UpdatedAt</c>):
/// kept so nothing is hidden from an audit, but views may leave them out.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After, bool IsBookkeeping);

/// <summary>
/// Compares two snapshots of a record, each a JSON object of its scalar properties as stored on a
/// change record (<c>{"Name":"Åstads kommun","Version":2,"Targets":[{"Date":"2030-12-31","Value":5}]}</c>).
/// </summary>
public static class SnapshotDiff
{
    /// <summary>Fields stamped on every save; they change every time and say nothing about the content.</summary>
    public static readonly IReadOnlySet<string> BookkeepingFields = new HashSet<string>(StringComparer.Ordinal) { "Version", "UpdatedAt" };

    /// <summary>
    /// The fields of a change, in field-name order (ordinal). When both snapshots are given (an update)
    /// only fields whose JSON values differ are listed; when one is missing (a create or a delete) every
    /// field of the other is listed. A field present on one side only counts as changed. Values are
    /// display text: strings as they are, numbers in invariant form (<c>12.5</c>), <c>true</c>/<c>false</c>,
    /// arrays compactly (<c>1, 2</c>; objects in arrays as <c>{Date: 2030-12-31, Value: 5}; {…}</c>).
    /// A snapshot that is not a JSON object is shown whole under the field name <c>""</c>.
    /// </summary>
    public static IReadOnlyList<FieldChange> Compare(string? before, string? after)
    {
        using var beforeDoc = Parse(before);
        using var afterDoc = Parse(after);
        var b = beforeDoc?.RootElement;
        var a = afterDoc?.RootElement;
        if (b is { ValueKind: not JsonValueKind.Object } || a is { ValueKind: not JsonValueKind.Object })
        {
            var whole = new FieldChange("", b is { } x ? Text(x) : null, a is { } y ? Text(y) : null, false);
            return whole.Before == whole.After ? [] : [whole];
        }
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        if (b is { } bo)
            fields.UnionWith(bo.EnumerateObject().Select(p => p.Name));
        if (a is { } ao)
            fields.UnionWith(ao.EnumerateObject().Select(p => p.Name));
        var isUpdate = b is not null && a is not null;
        var changes = new List<FieldChange>();
        foreach (var field in fields)
        {
            JsonElement? bv = b is { } bb && bb.TryGetProperty(field, out var v1) ? v1 : null;
            JsonElement? av = a is { } aa && aa.TryGetProperty(field, out var v2) ? v2 : null;
            if (isUpdate && bv is { } x && av is { } y && JsonElement.DeepEquals(x, y))
                continue;
            changes.Add(new FieldChange(field, bv is { } bx ? Text(bx) : null, av is { } ax ? Text(ax) : null, BookkeepingFields.Contains(field)));
        }
        return changes;
    }

    /// <summary>A short name for the record in a snapshot: its <c>Name</c>, <c>Title</c> or <c>Term</c>, or null.</summary>
    public static string? Title(string? snapshot)
    {
        using var doc = Parse(snapshot);
        if (doc?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            return null;
        foreach (var field in new[] { "Name", "Title", "Term" })
        {
            if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                return text;
        }
        return null;
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON: show the stored text as it is rather than hide it.
            return JsonDocument.Parse(JsonSerializer.Serialize(json));
        }
    }

    /// <summary>A JSON value as display text; null stays null.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => Compact(value),
    };

    private static string Compact(JsonElement value)
    {
        var text = new StringBuilder();
        Append(text, value, nested: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement value, bool nested)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                if (value.GetArrayLength() == 0)
                {
                    text.Append("[]");
                    break;
                }
                if (nested)
                    text.Append('[');
                var separator = value.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array) ? "; " : ", ";
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                        text.Append(separator);
                    first = false;
                    Append(text, item, nested: true);
                }
                if (nested)
                    text.Append(']');
                break;
            case JsonValueKind.Object:
                text.Append('{');
                var firstProperty = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!firstProperty)
                        text.Append(", ");
                    firstProperty = false;
                    text.Append(property.Name).Append(": ");
                    Append(text, property.Value, nested: true);
                }
                text.Append('}');
                break;
            default:
                text.Append(Text(value) ?? "null");
                break;
        }
    }
}
