using System.Globalization;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Pickers;
using Masten.Web.Actors;

namespace Masten.Web.Components.Common;

/// <summary>
/// What one <see cref="Picker"/> shows on this request: the current choice(s) with their labels and, after
/// its "Sök" button or a page button was pressed, one page of matches. It reads the search from the posted
/// form itself (<c>pick</c>, the submitter, and <c>pick-q.{field}</c>, the search text), so an edit page
/// only builds one per chooser after its form model, and skips saving when <see cref="IsSearch"/> says the
/// post was a search. The form model keeps the chosen id(s) under its usual field names.
/// </summary>
public sealed class PickerModel
{
    /// <summary>The name of the search and page buttons; the value is the picker's field, and <c>|page</c> for a page button.</summary>
    public const string SubmitName = "pick";

    private PickerModel(string field, string name, bool multiple, bool optional)
    {
        Field = field;
        Name = name;
        Multiple = multiple;
        Optional = optional;
    }

    /// <summary>The API field name, as errors name it: <c>actorId</c>, <c>funding[0].funderActorId</c>.</summary>
    public string Field { get; }

    /// <summary>The posted name of the choice: <c>Form.ActorId</c>, or for several <c>Form.Partners</c> (as <c>[i].Value</c>/<c>[i].Selected</c>).</summary>
    public string Name { get; }

    public bool Multiple { get; }

    /// <summary>A single choice that may be left empty: the matches offer "none".</summary>
    public bool Optional { get; }

    public string? Query { get; private set; }

    public IReadOnlyList<PickItem> Chosen { get; private set; } = [];

    /// <summary>The page of matches shown, or null when the picker shows only what is chosen.</summary>
    public Page<PickItem>? Results { get; private set; }

    /// <summary>Whether this picker's own search was submitted (its search field gets the focus back).</summary>
    public bool Searched { get; private set; }

    public string Id => FormErrors.IdFor(Field);

    public string QueryName => "pick-q." + Field;

    public string PageValue(int page) => $"{Field}|{page.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the form was posted by a picker's search or page button: show the matches, do not save or validate.</summary>
    public static bool IsSearch(HttpContext? http) => Submitted(http) is not null;

    /// <summary>A picker of one item; <paramref name="chosen"/> is the form's posted or stored id.</summary>
    public static Task<PickerModel> OneAsync(HttpContext? http, string field, string name, IQueryable<PickItem> source, string? chosen, bool optional = false, CancellationToken ct = default)
    {
        var ids = int.TryParse(chosen, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new[] { id } : [];
        // A required choice not yet made lists the first page at once, as a select would.
        return new PickerModel(field, name, multiple: false, optional).LoadAsync(http, source, ids, listWhenEmpty: !optional, ct);
    }

    /// <summary>A picker of several items; <paramref name="chosen"/> are the form's choices, the ticked ones chosen.</summary>
    public static Task<PickerModel> ManyAsync(HttpContext? http, string field, string name, IQueryable<PickItem> source, IEnumerable<Choice>? chosen, CancellationToken ct = default) =>
        new PickerModel(field, name, multiple: true, optional: true).LoadAsync(http, source, Choice.Ids(chosen).Distinct().ToArray(), listWhenEmpty: false, ct);

    /// <summary>The form's choices of a many-picker as ticked <see cref="Choice"/>s, for a form model built from stored ids.</summary>
    public static List<Choice> Choices(IEnumerable<int> ids) => Choice.For(ids, ids);

    private async Task<PickerModel> LoadAsync(HttpContext? http, IQueryable<PickItem> source, int[] ids, bool listWhenEmpty, CancellationToken ct)
    {
        var found = await source.ByIdsAsync(ids, ct);
        // An id the source does not hold (no longer a member, say) stays chosen, shown by number, so saving names the problem.
        Chosen = [.. found, .. ids.Where(i => !found.Exists(f => f.Id == i)).Select(i => new PickItem { Id = i, Label = "#" + i.ToString(CultureInfo.InvariantCulture) })];
        var form = http?.Request.HasFormContentType == true ? http.Request.Form : null;
        Query = form?[QueryName].FirstOrDefault()?.Trim();
        var submitted = Submitted(http);
        Searched = submitted?.Field == Field;
        if (Searched || (listWhenEmpty && Chosen.Count == 0))
            Results = await source.SearchAsync(Searched ? Query : null, Searched ? submitted!.Value.Page : 1, ids, ct);
        return this;
    }

    private static (string Field, int Page)? Submitted(HttpContext? http)
    {
        if (http?.Request.HasFormContentType != true)
            return null;
        var value = http.Request.Form[SubmitName].FirstOrDefault();
        if (string.IsNullOrEmpty(value))
            return null;
        var bar = value.LastIndexOf('|');
        if (bar < 0)
            return (value, 1);
        return int.TryParse(value[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? (value[..bar], page) : (value[..bar], 1);
    }
}
