namespace Masten.Core.Actors;

/// <summary>
/// Checks and normalises organisation numbers.
/// <list type="bullet">
/// <item>Sweden (organisationsnummer): 10 digits, written <c>NNNNNN-NNNN</c> or without the hyphen. The last
/// digit is a Luhn check digit over the first nine: double every other digit from the first, add the digits
/// of the products and the undoubled digits; the check digit makes the sum a multiple of 10.
/// Normalised to <c>NNNNNN-NNNN</c>.</item>
/// <item>Denmark (CVR): 8 digits, spaces allowed. Valid when the sum of the digits times the weights
/// 2 7 6 5 4 3 2 1 is a multiple of 11. Normalised to the 8 digits.</item>
/// <item>Other countries: free text of at most 50 characters, trimmed, not checked.</item>
/// </list>
/// </summary>
public static class OrganisationNumber
{
    private static readonly int[] CvrWeights = [2, 7, 6, 5, 4, 3, 2, 1];

    /// <summary>The result of a check: the normalised number, or an error code and English message.</summary>
    public sealed record Result(string? Normalised, string? ErrorCode, string? ErrorMessage, IReadOnlyList<object> Args)
    {
        public bool IsValid => ErrorCode is null;
    }

    public static Result Check(Country country, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return country switch
        {
            Country.Sweden => Swedish(trimmed),
            Country.Denmark => Danish(trimmed.Replace(" ", "", StringComparison.Ordinal)),
            _ => trimmed.Length <= 50 ? new(trimmed, null, null, []) : Fail("TooLong", $"must be at most 50 characters (it is {trimmed.Length}).", 50, trimmed.Length),
        };
    }

    private static Result Swedish(string text)
    {
        var digits = text.IndexOf('-', StringComparison.Ordinal) == 6 && text.LastIndexOf('-') == 6 ? text.Remove(6, 1) : text;
        if (!digits.All(char.IsAsciiDigit))
            return Fail("OrganisationNumberNotDigits", "must be 10 digits, written NNNNNN-NNNN or without the hyphen.");
        if (digits.Length != 10)
            return Fail("OrganisationNumberWrongLength", $"must be 10 digits (it has {digits.Length}).", digits.Length);
        if (LuhnCheckDigit(digits[..9]) != digits[9] - '0')
            return Fail("OrganisationNumberCheckDigit", "has the wrong check digit; check for a mistyped digit.");
        return new($"{digits[..6]}-{digits[6..]}", null, null, []);
    }

    private static Result Danish(string digits)
    {
        if (!digits.All(char.IsAsciiDigit))
            return Fail("CvrNotDigits", "must be 8 digits.");
        if (digits.Length != 8)
            return Fail("CvrWrongLength", $"must be 8 digits (it has {digits.Length}).", digits.Length);
        if (CvrSum(digits) % 11 != 0)
            return Fail("CvrCheckDigit", "does not pass the CVR check; check for a mistyped digit.");
        return new(digits, null, null, []);
    }

    /// <summary>The Luhn check digit (0–9) for a string of digits, doubling from the first digit (as for nine-digit Swedish numbers).</summary>
    public static int LuhnCheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = (digits[i] - '0') * ((digits.Length - i) % 2 == 1 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>Σ digit × weight with weights 2 7 6 5 4 3 2 1; a valid CVR number gives a multiple of 11.</summary>
    public static int CvrSum(string eightDigits)
    {
        ArgumentNullException.ThrowIfNull(eightDigits);
        var sum = 0;
        for (var i = 0; i < 8 && i < eightDigits.Length; i++)
            sum += (eightDigits[i] - '0') * CvrWeights[i];
        return sum;
    }

    private static Result Fail(string code, string message, params object[] args) =>
        new(null, code, message, args);
}
