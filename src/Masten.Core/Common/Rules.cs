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
    /// <summary>
    /// Largest magnitude of any number Masten stores (values, targets, money, weights): 10¹⁵. Far above any
    /// real figure, and small enough that sums, slopes and chart scales stay finite.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public bool HasErrorFor(string field) => errors.Exists(e => e.Field == field);

    public Rules Add(string field, string code, string message, params object[] args)
    {
        errors.Add(new FieldError(field, code, message, args));
        return this;
    }

    /// <summary>
    /// Required text: present and not empty once whitespace and invisible characters (zero-width space,
    /// joiners, word joiner, byte-order mark, soft hyphen) are removed, then as <see cref="OptionalText"/>.
    /// </summary>
    public Rules RequiredText(string field, string? value, int max = ShortText, bool? multiline = null)
    {
        if (IsBlank(value))
            return Add(field, "Required", "is required.");
        return OptionalText(field, value, max, multiline);
    }

    /// <summary>
    /// Optional text of at most <paramref name="max"/> characters without control characters (NUL, escape,
    /// and the like). Texts longer than <see cref="ShortText"/> are free texts and may hold tabs and line
    /// breaks; shorter ones (titles, names, units) are single lines, unless <paramref name="multiline"/> says otherwise.
    /// </summary>
    public Rules OptionalText(string field, string? value, int max = LongText, bool? multiline = null)
    {
        if (value is null)
            return this;
        if (value.Length > max)
            return Add(field, "TooLong", $"must be at most {max} characters (it is {value.Length}).", max, value.Length);
        var lines = multiline ?? max > ShortText;
        if (value.Any(c => char.IsControl(c) && !(lines && c is '\t' or '\n' or '\r')))
            Add(field, lines ? "ControlCharacter" : "ControlCharacterInLine",
                lines ? "must not hold control characters (only tabs and line breaks are allowed)." : "must be one line without tabs or control characters.");
        return this;
    }

    /// <summary>True when the text is null, empty, or only whitespace and invisible characters.</summary>
    public static bool IsBlank(string? value) =>
        value is null || value.All(c => char.IsWhiteSpace(c) || IsInvisible(c));

    /// <summary>Characters that take no space: zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen.</summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

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

    /// <summary>A number Masten can store and draw: finite (no NaN or infinity) and at most <see cref="MaxMagnitude"/> in size.</summary>
    public Rules Finite(string field, double value)
    {
        if (!double.IsFinite(value))
            Add(field, "NotFinite", "must be a finite number.");
        else if (Math.Abs(value) > MaxMagnitude)
            Add(field, "TooLarge", "is too large: at most 10^15 (1 000 000 000 000 000) in size.", "1 000 000 000 000 000");
        return this;
    }

    /// <summary>A finite number of zero or more (money, person-years, weights), when given; <paramref name="code"/> names the message for a negative one.</summary>
    public Rules NonNegative(string field, double? value, string code = "Negative")
    {
        if (value is not { } v)
            return this;
        if (double.IsFinite(v) && v < 0)
            return Add(field, code, code == "Negative" ? "cannot be negative." : "must be zero or more.");
        return Finite(field, v);
    }

    /// <summary>Throws a validation <see cref="DomainException"/> with every collected error, if any.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
            throw new DomainException(DomainErrorKind.Validation, errors.ToArray());
    }
}
