namespace Masten.Core.Exports;

/// <summary>
/// Text cells of CSV and XLSX downloads made safe to open in a spreadsheet (OWASP "CSV injection"): a cell
/// that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return could be taken for a
/// formula, so it is prefixed with a single quote, which spreadsheets show as text and do not evaluate.
/// Numbers and dates are written as typed values and never pass through here.
/// </summary>
public static class CellText
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula.</summary>
    public static readonly IReadOnlyList<char> FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary><paramref name="text"/> unchanged unless it starts like a formula; then with a leading <c>'</c>.</summary>
    public static string? Neutralise(string? text) =>
        string.IsNullOrEmpty(text) || !FormulaStarts.Contains(text[0]) ? text : "'" + text;
}
