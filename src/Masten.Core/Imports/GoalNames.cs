using System.Globalization;

namespace Masten.Core.Imports;

/// <summary>
/// The goals of a mission as an import cell names them: by exact title (ignoring case) or by id, several separated by
/// semicolons or line breaks. A title two goals share must be given as an id.
/// </summary>
public sealed class GoalNames
{
    private readonly Dictionary<int, ImportGoal> byId;
    private readonly Dictionary<string, ImportGoal?> byTitle = new(StringComparer.OrdinalIgnoreCase);

    public GoalNames(IEnumerable<ImportGoal> goals)
    {
        byId = goals.ToDictionary(g => g.Id);
        foreach (var g in byId.Values)
            byTitle[g.Title.Trim()] = byTitle.ContainsKey(g.Title.Trim()) ? null : g;
    }

    /// <summary>The ids a cell names, each once and in the order given; <paramref name="fail"/> hears (value, code, message) of each item that names no single goal.</summary>
    public List<int> Read(string cell, Action<string, string, string> fail)
    {
        var ids = new List<int>();
        foreach (var item in ImportChoices.Items(cell, commas: false))
        {
            ImportGoal? goal = null;
            if (byTitle.TryGetValue(item, out var named))
            {
                if (named is null)
                    fail(item, "AmbiguousGoal", "is the title of more than one goal of this mission; give the goal's id.");
                goal = named;
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && byId.TryGetValue(id, out var found))
                goal = found;
            else
                fail(item, "UnknownGoal", "is no id or exact title of a goal of this mission.");
            if (goal is not null && !ids.Contains(goal.Id))
                ids.Add(goal.Id);
        }
        if (ids.Count > 100)
            fail("", "TooManyContributions", "names more than 100 goals.");
        return ids;
    }
}
