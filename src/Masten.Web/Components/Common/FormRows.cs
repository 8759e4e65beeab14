using System.Globalization;

namespace Masten.Web.Components.Common;

/// <summary>
/// Which row of a form's list each item of the input came from. A form offers spare blank rows and skips them when it
/// builds the input, so item k of the input need not be row k of the form; an error the save names on <c>targets[k]</c>
/// belongs on the row it came from. Got from <see cref="FormErrors.Rows"/>.
/// </summary>
public sealed class FormRows(string list)
{
    private readonly List<int> kept = [];

    /// <summary>The API field name of a field of a form row: <c>Field(2, "date")</c> → <c>targets[2].date</c>.</summary>
    public string Field(int row, string name) => $"{list}[{row.ToString(CultureInfo.InvariantCulture)}].{name}";

    /// <summary>Records that the next item of the input is <paramref name="row"/> of the form.</summary>
    public void Keep(int row) => kept.Add(row);

    /// <summary>The form row of the input's item <paramref name="item"/>, or null when the input has no such item.</summary>
    public int? RowOf(int item) => item < kept.Count ? kept[item] : null;
}
