using System.Globalization;

namespace Masten.Web.Components.Common;

/// <summary>How pages write numbers and dates: in the reader's culture, without needless decimals.</summary>
public static class Format
{
    /// <summary>1050 → "1 050" (sv) or "1,050" (en); 3.25 → "3,25".</summary>
    public static string Number(double value) => value.ToString("#,0.###", CultureInfo.CurrentCulture);

    /// <summary>A computed value (a point on a path, a forecast) rounded to what a reader needs: 75,958 → "76,0"; 1 234,5 → "1 235"; 0,0123 → "0,012".</summary>
    public static string Rounded(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "#,0" : magnitude >= 1 ? "#,0.0" : "#,0.###";
        return value.ToString(format, CultureInfo.CurrentCulture);
    }

    /// <summary>A number as it goes back into a form field: no thousands separators.</summary>
    public static string Input(double value) => value.ToString("0.##########", CultureInfo.CurrentCulture);

    /// <summary>Dates are ISO everywhere (2030-12-31): unambiguous in all three languages.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(System.DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
