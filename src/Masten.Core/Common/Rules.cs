namespace Masten.Core.Common;

/// <summary>
/// Collects field errors while a rule set runs, then throws them all at once so the user sees every
/// problem in one round trip. Limits are here so that page forms, the API and the CLI share them.
/// </summary>
public sealed class Rules
{
    /// <summary>Longest single-line text (titles, names, units).</summary>
    public const int ShortText = 200;
    /// <summary>Longest free text (statements, descriptions, notes).</summary>
    public const int LongText = 8000;
    /// <summary>Earliest date Masten accepts anywhere.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    /// <summary>Latest date Masten accepts anywhere.</summary>
    public static readonly DateOnly MaxDate = new(2200, 12, 31);

    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public bool HasErrorFor(string field) => errors.Exists(e => e.Field == field);

    public Rules Add(string field, string code, string message, params object[] args)
    {
        errors.Add(new FieldError(field, code, message, args));
        return this;
    }

    /// <summary>Required single-line text: present, not only spaces, at most <paramref name="max"/> characters.</summary>
    public Rules RequiredText(string field, string? value, int max = ShortText)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, "Required", "is required.");
        return OptionalText(field, value, max);
    }

    public Rules OptionalText(string field, string? value, int max = LongText)
    {
        if (value is not null && value.Length > max)
            Add(field, "TooLong", $"must be at most {max} characters (it is {value.Length}).", max, value.Length);
        return this;
    }

    public Rules Year(string field, int year)
    {
        if (year < MinDate.Year || year > MaxDate.Year)
            Add(field, "YearOutOfRange", $"must be a year between {MinDate.Year} and {MaxDate.Year}.", MinDate.Year, MaxDate.Year);
        return this;
    }

    public Rules Date(string field, DateOnly date)
    {
        if (date < MinDate || date > MaxDate)
            Add(field, "DateOutOfRange", $"must be a date between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.", MinDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), MaxDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public Rules Finite(string field, double value)
    {
        if (!double.IsFinite(value))
            Add(field, "NotFinite", "must be a finite number.");
        return this;
    }

    /// <summary>Throws a validation <see cref="DomainException"/> with every collected error, if any.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
            throw new DomainException(DomainErrorKind.Validation, errors.ToArray());
    }
}
