using System.Globalization;
using Masten.Core.Common;

namespace Masten.Web.Components.Common;

/// <summary>
/// The errors of one form post, by field (the same camelCase field names the API uses). Filled from
/// parsing the posted strings and from a <see cref="DomainException"/>; shown by
/// <see cref="ErrorSummary"/> at the top and <see cref="FieldMessage"/> by each field.
/// </summary>
public sealed class FormErrors
{
    private readonly List<FieldError> errors = [];
    private readonly Dictionary<string, FormRows> rows = new(StringComparer.Ordinal);

    public IReadOnlyList<FieldError> All => errors;

    public bool Any => errors.Count > 0;

    public void Add(FieldError error) => errors.Add(error);

    public void AddRange(IEnumerable<FieldError> more) => errors.AddRange(more);

    /// <summary>
    /// The rows of the form's list <paramref name="list"/> (<c>targets</c>): a form model's <c>ToInput</c> skips blank rows and
    /// <see cref="FormRows.Keep"/>s the row each item of the input came from, so that <see cref="AddSaveErrors"/> shows an
    /// error on item k of the input on the row of the form it came from.
    /// </summary>
    public FormRows Rows(string list)
    {
        if (!rows.TryGetValue(list, out var found))
            rows[list] = found = new FormRows(list);
        return found;
    }

    /// <summary>
    /// The errors of a save that failed, each on the field of the form it came from (<see cref="Rows"/>). With
    /// <paramref name="onePerField"/> a field that already has an error (from parsing, or earlier in the list) gets no more.
    /// </summary>
    public void AddSaveErrors(IEnumerable<FieldError> failed, bool onePerField = false)
    {
        foreach (var error in failed.Select(ToFormRow))
        {
            if (!onePerField || !Has(error.Field))
                errors.Add(error);
        }
    }

    /// <summary><c>targets[0].date</c> of the input → <c>targets[2].date</c> of the form when the first kept row was row 2.</summary>
    private FieldError ToFormRow(FieldError error)
    {
        var open = error.Field.IndexOf('[', StringComparison.Ordinal);
        var close = error.Field.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close < open || !rows.TryGetValue(error.Field[..open], out var list)
            || !int.TryParse(error.Field[(open + 1)..close], NumberStyles.None, CultureInfo.InvariantCulture, out var item)
            || list.RowOf(item) is not { } row)
            return error;
        return error with { Field = $"{error.Field[..open]}[{row.ToString(CultureInfo.InvariantCulture)}{error.Field[close..]}" };
    }

    public IEnumerable<FieldError> For(string field) => errors.Where(e => e.Field == field);

    public bool Has(string field) => errors.Exists(e => e.Field == field);

    /// <summary>The HTML id of a field's input: <c>targets[1].date</c> → <c>targets-1-date</c>.</summary>
    public static string IdFor(string field) => field.Replace("[", "-", StringComparison.Ordinal).Replace("].", "-", StringComparison.Ordinal).Replace('.', '-');

    /// <summary>The id of the element holding a field's error, for <c>aria-describedby</c>.</summary>
    public static string MessageIdFor(string field) => IdFor(field) + "-error";

    public string? DescribedBy(string field) => Has(field) ? MessageIdFor(field) : null;

    /// <summary>
    /// The form-model property behind an API field name: <c>title</c> → <c>Model.Title</c>,
    /// <c>targets[1].date</c> → <c>Model.Targets[1].Date</c>. Null when the form has no such property.
    /// </summary>
    public static Microsoft.AspNetCore.Components.Forms.FieldIdentifier? FieldOf(object model, string field)
    {
        var parts = field.Split('.');
        object? owner = model;
        for (var i = 0; i < parts.Length - 1 && owner is not null; i++)
        {
            var bracket = parts[i].IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? parts[i] : parts[i][..bracket];
            owner = Property(owner, name)?.GetValue(owner);
            if (bracket >= 0 && owner is System.Collections.IList list
                && int.TryParse(parts[i][(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                owner = index < list.Count ? list[index] : null;
        }
        var last = owner is null ? null : Property(owner, parts[^1]);
        return last is null ? null : new Microsoft.AspNetCore.Components.Forms.FieldIdentifier(owner!, last.Name);
    }

    private static System.Reflection.PropertyInfo? Property(object owner, string name) =>
        owner.GetType().GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);

    // Parsing of posted text. Numbers accept a decimal comma or point and spaces between thousands.

    public int? WholeNumber(string field, string? text, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                Add(new FieldError(field, "Required", "is required."));
            return null;
        }
        if (int.TryParse(Clean(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        Add(new FieldError(field, "NotAWholeNumber", "must be a whole number."));
        return null;
    }

    public double? Number(string field, string? text, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                Add(new FieldError(field, "Required", "is required."));
            return null;
        }
        if (double.TryParse(Clean(text).Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        Add(new FieldError(field, "NotANumber", "must be a number, for example 12,5."));
        return null;
    }

    public DateOnly? Date(string field, string? text, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                Add(new FieldError(field, "Required", "is required."));
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return value;
        Add(new FieldError(field, "NotADate", "must be a date written as 2030-12-31."));
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string? text) where TEnum : struct, System.Enum
    {
        // Only a choice's exact name: Enum.TryParse would also take numbers ("1") and lists ("Read,Write").
        if (text is not null && System.Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal))
            return System.Enum.Parse<TEnum>(text);
        Add(new FieldError(field, "UnknownValue", "is not one of the choices."));
        return null;
    }

    private static string Clean(string text) => text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal).Replace('\u2212', '-');
}
