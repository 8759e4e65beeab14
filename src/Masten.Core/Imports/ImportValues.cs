using System.Globalization;

namespace Masten.Core.Imports;

/// <summary>How precise a date in an import file was: a day, or a whole month, quarter or year.</summary>
public enum DatePrecision
{
    Day,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// Reads numbers and dates as spreadsheets write them, Swedish Excel first. Pure and culture-independent:
/// the same cell text gives the same value on every machine.
/// </summary>
public static class ImportValues
{
    /// <summary>The characters accepted between groups of three digits: space, no-break space, narrow no-break space, thin space.</summary>
    public static readonly char[] ThousandsSeparators = [' ', '\u00A0', '\u202F', '\u2009'];

    /// <summary>
    /// Parses a number. Accepted: an optional sign (<c>-</c>, <c>+</c> or the minus sign U+2212); digits,
    /// optionally in groups of three separated by one of <see cref="ThousandsSeparators"/> (the first group has
    /// one to three digits, every later group exactly three: <c>1 234 567</c>); then optionally a decimal comma
    /// or point and at least one digit; or a plain number with an exponent (<c>1E+06</c>). A comma is always a
    /// decimal separator (<c>1,234</c> is 1.234), as in Swedish; a comma and a point in one number, a point
    /// or comma used as a thousands separator, or a group of other than three digits is refused rather than guessed.
    /// </summary>
    public static bool TryParseNumber(string? text, out double value, out string? error)
    {
        value = 0;
        error = null;
        if (TryPlain(text, out value))
            return true;
        var s = (text ?? "").Trim().Trim('\u00A0', '\u202F', '\u2009');
        if (s.Length == 0)
        {
            error = "is empty; a number is required.";
            return false;
        }
        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+' or '\u2212')
        {
            negative = s[0] != '+';
            i = 1;
        }
        var digits = new System.Text.StringBuilder(s.Length);
        var groupLength = 0;
        var groups = 0;
        var sawSeparator = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                groupLength++;
                continue;
            }
            if (Array.IndexOf(ThousandsSeparators, c) >= 0)
            {
                // A separator must follow a first group of 1–3 digits or a later group of exactly 3.
                if (groupLength == 0 || groupLength > 3 || (groups > 0 && groupLength != 3))
                {
                    error = "has a misplaced thousands separator; write digits in groups of three, for example 1 234 567,5.";
                    return false;
                }
                sawSeparator = true;
                groups++;
                groupLength = 0;
                continue;
            }
            break;
        }
        if (digits.Length == 0 || groupLength == 0 || (sawSeparator && groupLength != 3))
        {
            error = sawSeparator && groupLength != 0
                ? "has a misplaced thousands separator; write digits in groups of three, for example 1 234 567,5."
                : "is not a number.";
            return false;
        }
        if (i < s.Length && s[i] is ',' or '.')
        {
            var rest = s[(i + 1)..];
            if (rest.Length == 0 || !rest.All(char.IsAsciiDigit))
            {
                error = rest.Contains(',', StringComparison.Ordinal) || rest.Contains('.', StringComparison.Ordinal)
                    ? "mixes decimal and thousands separators; write 1 234,5 or 1234.5."
                    : "is not a number.";
                return false;
            }
            digits.Append('.').Append(rest);
            i = s.Length;
        }
        else if (i < s.Length && s[i] is 'e' or 'E' && !sawSeparator)
        {
            var exponent = s[(i + 1)..];
            if (!int.TryParse(exponent, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                error = "is not a number.";
                return false;
            }
            digits.Append('E').Append(exponent);
            i = s.Length;
        }
        if (i < s.Length)
        {
            error = "is not a number.";
            return false;
        }
        if (!double.TryParse(digits.ToString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            || !double.IsFinite(value) || Math.Abs(value) > Common.Rules.MaxMagnitude)
        {
            error = "is out of range.";
            value = 0;
            return false;
        }
        if (negative)
            value = -value;
        return true;
    }

    /// <summary>The common case, without allocating: digits with at most one decimal comma or point and an optional leading minus.</summary>
    private static bool TryPlain(string? text, out double value) => TryPlainNumber(text.AsSpan(), out value);

    /// <summary>
    /// The common form of a number, read from a span without allocating: digits with at most one decimal comma or point
    /// between digits and an optional leading minus (<c>1234,5</c>, <c>-0.25</c>). False for anything else, which
    /// <see cref="TryParseNumber"/> then reads (or refuses) by its full rules; where this accepts, both give the same value.
    /// </summary>
    public static bool TryPlainNumber(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.Length is 0 or > 30)
            return false;
        Span<char> buffer = stackalloc char[text.Length];
        var separators = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
                buffer[i] = c;
            else if (c is ',' or '.' && i > 0 && i < text.Length - 1 && separators++ == 0)
                buffer[i] = '.';
            else if (c == '-' && i == 0 && text.Length > 1)
                buffer[i] = c;
            else
                return false;
        }
        return double.TryParse(buffer, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && char.IsAsciiDigit(text[^1]) && (text[0] != '-' || char.IsAsciiDigit(text[1])) && Math.Abs(value) <= Common.Rules.MaxMagnitude;
    }

    /// <summary>
    /// The common form of a date, read from a span without allocating: exactly <c>yyyy-MM-dd</c> with ASCII digits, a real
    /// day, within the years Masten accepts. False for anything else, which <see cref="TryParseDate"/> then reads (or
    /// refuses) by its full rules; where this accepts, both give the same day.
    /// </summary>
    public static bool TryIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
            return false;
        int year = Digits(text[..4]), month = Digits(text[5..7]), day = Digits(text[8..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return date >= Common.Rules.MinDate && date <= Common.Rules.MaxDate;

        static int Digits(ReadOnlySpan<char> digits)
        {
            var n = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                    return -1;
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }

    /// <summary>
    /// Parses a date: ISO <c>2024-05-31</c> (a time of day after it is ignored), <c>d/m/yyyy</c>, or a period
    /// that stands for its last day: a year <c>2024</c> (31 December), a quarter <c>2024-Q3</c>, <c>2024Q3</c> or
    /// <c>2024 Q3</c> (30 September), a month <c>2024-05</c> or <c>2024M05</c> as SCB writes it (31 May).
    /// Periods end on their last day because that is when the value they sum up is complete.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date, out DatePrecision precision, out string? error)
    {
        date = default;
        precision = DatePrecision.Day;
        error = null;
        // The common case first: an ISO date, read without allocating.
        if (TryIsoDate(text.AsSpan(), out date))
            return true;
        var s = (text ?? "").Trim();
        if (s.Length == 0)
        {
            error = "is empty; a date is required.";
            return false;
        }
        var space = s.IndexOfAny([' ', 'T']);
        if (space == 10 && s.Length > 10 && s[4] == '-')
            s = s[..10]; // 2024-05-31 00:00:00 as spreadsheets write dates with a time
        var ok = false;
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            ok = TryMake(year, 12, 31, out date);
            precision = DatePrecision.Year;
        }
        else if (TryQuarter(s, out year, out var quarter))
        {
            ok = TryMake(year, quarter * 3, 0, out date);
            precision = DatePrecision.Quarter;
        }
        else if (TryMonth(s, out year, out var month))
        {
            ok = TryMake(year, month, 0, out date);
            precision = DatePrecision.Month;
        }
        else if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(s, ["d/M/yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            ok = true;
        }
        if (!ok)
        {
            error = "is not a date; write 2024-05-31, 31/5/2024, 2024, 2024-Q3 or 2024-05.";
            return false;
        }
        if (date < Common.Rules.MinDate || date > Common.Rules.MaxDate)
        {
            error = $"is outside the years {Common.Rules.MinDate.Year}–{Common.Rules.MaxDate.Year}.";
            return false;
        }
        return true;
    }

    /// <summary>The date an Excel cell holding a date or a bare year stands for.</summary>
    public static bool TryDateFromCell(object? cell, out DateOnly date, out DatePrecision precision, out string? error)
    {
        switch (cell)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                precision = DatePrecision.Day;
                error = null;
                return true;
            case double d when d == Math.Floor(d) && d is >= 1000 and <= 9999:
                return TryParseDate(((int)d).ToString(CultureInfo.InvariantCulture), out date, out precision, out error);
            default:
                return TryParseDate(CellText(cell), out date, out precision, out error);
        }
    }

    /// <summary>The number an Excel cell holds: a numeric cell as it is, a text cell parsed.</summary>
    public static bool TryNumberFromCell(object? cell, out double value, out string? error)
    {
        if (cell is double or int or long or decimal or float)
        {
            value = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
            error = null;
            if (double.IsFinite(value) && Math.Abs(value) <= Common.Rules.MaxMagnitude)
                return true;
            error = "is out of range.";
            return false;
        }
        return TryParseNumber(CellText(cell), out value, out error);
    }

    /// <summary>A cell as the text a user sees, culture-independent.</summary>
    public static string CellText(object? cell) => cell switch
    {
        null => "",
        string s => s,
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || year > 9999 || month < 1 || month > 12)
            return false;
        date = new DateOnly(year, month, day == 0 ? DateTime.DaysInMonth(year, month) : day);
        return true;
    }

    private static bool TryQuarter(string s, out int year, out int quarter)
    {
        year = quarter = 0;
        var q = s.IndexOfAny(['Q', 'q', 'K', 'k']); // K for kvartal, as Swedish tables write it
        if (q != 4 && q != 5)
            return false;
        if (q == 5 && s[4] is not ('-' or ' '))
            return false;
        return int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && s.Length == q + 2 && s[q + 1] is >= '1' and <= '4' && (quarter = s[q + 1] - '0') > 0;
    }

    private static bool TryMonth(string s, out int year, out int month)
    {
        year = month = 0;
        if (s.Length != 7 || s[4] is not ('-' or 'M' or 'm'))
            return false;
        return int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month);
    }
}
