namespace Masten.Web.Components.Common;

/// <summary>One checkbox of a <c>ChoiceList</c>: the value it stands for and whether it is ticked.</summary>
public sealed class Choice
{
    public string? Value { get; set; }
    public bool Selected { get; set; }

    /// <summary>One choice per value, ticked when in <paramref name="selected"/>.</summary>
    public static List<Choice> For<T>(IEnumerable<T> values, IEnumerable<T> selected)
    {
        var set = selected.ToHashSet();
        return values.Select(v => new Choice { Value = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), Selected = set.Contains(v) }).ToList();
    }

    /// <summary>The ticked values that parse; anything else posted is ignored.</summary>
    public static List<TEnum> Enums<TEnum>(IEnumerable<Choice>? choices) where TEnum : struct, Enum =>
        (choices ?? []).Where(c => c.Selected && Enum.TryParse<TEnum>(c.Value, out var v) && Enum.IsDefined(v)).Select(c => Enum.Parse<TEnum>(c.Value!)).ToList();

    public static List<int> Ids(IEnumerable<Choice>? choices) =>
        (choices ?? []).Where(c => c.Selected && int.TryParse(c.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(c => int.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
