using System.Globalization;
using Masten.Core.Common;

namespace Masten.Core.History;

/// <summary>What a change record says happened to its record.</summary>
public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// A valid filter of the audit log. <see cref="Person"/> matches anywhere in the author's name, ignoring
/// case; <see cref="From"/> and <see cref="To"/> are inclusive dates in UTC (a change at 23:59 UTC on
/// <see cref="To"/> is included).
/// </summary>
public sealed record AuditFilter(string? Person, string? EntityType, int? EntityId, DateOnly? From, DateOnly? To, ChangeAction? Action)
{
    public static readonly AuditFilter None = new(null, null, null, null, null, null);

    /// <summary>
    /// Reads a filter as typed into a form or a query string. <paramref name="knownTypes"/> are the
    /// entity type names that may be asked for; the match ignores case and answers the known spelling.
    /// Every field that cannot be read becomes a <see cref="FieldError"/> (fields <c>person</c>,
    /// <c>entityType</c>, <c>entityId</c>, <c>from</c>, <c>to</c>, <c>action</c>, <c>page</c>), and the
    /// filter is then null.
    /// </summary>
    public static (AuditFilter? Filter, int Page, IReadOnlyList<FieldError> Errors) Parse(
        string? person, string? entityType, string? entityId, string? from, string? to, string? action, string? page, IEnumerable<string> knownTypes)
    {
        var errors = new List<FieldError>();
        person = string.IsNullOrWhiteSpace(person) ? null : person.Trim();
        errors.AddRange(new Rules().OptionalText("person", person, Rules.ShortText).Errors);

        string? type = null;
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            type = knownTypes.FirstOrDefault(t => string.Equals(t, entityType.Trim(), StringComparison.OrdinalIgnoreCase));
            if (type is null)
                errors.Add(new FieldError("entityType", "UnknownValue", "is not one of the choices."));
        }

        int? id = null;
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            if (int.TryParse(entityId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
                id = value;
            else
                errors.Add(new FieldError("entityId", "NotAnId", "must be a whole number above zero."));
        }

        var fromDate = Date("from", from, errors);
        var toDate = Date("to", to, errors);
        if (fromDate is { } f && toDate is { } t && f > t)
            errors.Add(new FieldError("to", "ToBeforeFrom", $"must be on or after the from date ({f:yyyy-MM-dd}).", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        ChangeAction? changeAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (Enum.TryParse<ChangeAction>(action.Trim(), ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(action, out _))
                changeAction = a;
            else
                errors.Add(new FieldError("action", "UnknownValue", "is not one of the choices."));
        }

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page))
        {
            if (int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0)
                pageNumber = p;
            else
                errors.Add(new FieldError("page", "NotAnId", "must be a whole number above zero."));
        }

        return errors.Count > 0
            ? (null, pageNumber, errors)
            : (new AuditFilter(person, type, id, fromDate, toDate, changeAction), pageNumber, errors);
    }

    private static DateOnly? Date(string field, string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return value;
        errors.Add(new FieldError(field, "NotADate", "must be a date written as 2030-12-31."));
        return null;
    }
}
