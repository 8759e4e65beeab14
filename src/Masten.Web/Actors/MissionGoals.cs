using System.Globalization;
using Masten.Data;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Actors;

/// <summary>
/// The mission an actor's driver or commitment belongs to, with the goals its form offers as
/// choices, in the order of the mission's goal tree. Loaded once by each of those edit pages.
/// </summary>
public sealed class MissionGoals
{
    private MissionGoals(int missionId, string title, IReadOnlyList<GoalDto> goals)
    {
        MissionId = missionId;
        Title = title;
        Goals = goals;
        Titles = goals.ToDictionary(g => g.Id.ToString(CultureInfo.InvariantCulture), g => g.Title);
    }

    public int MissionId { get; }

    public string Title { get; }

    public IReadOnlyList<GoalDto> Goals { get; }

    /// <summary>Goal titles by the id a checkbox posts.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; }

    public IReadOnlyList<int> Ids => Goals.Select(g => g.Id).ToList();

    /// <summary>The label of a goal checkbox: its title, or the posted value for a goal that is gone.</summary>
    public string LabelOf(string? value) => Titles.GetValueOrDefault(value ?? "", value ?? "");

    /// <summary>The mission and its goals; null when there is no such mission (the page shows not found).</summary>
    public static async Task<MissionGoals?> LoadAsync(MastenDbContext db, int missionId)
    {
        var title = await db.MissionTitleAsync(missionId);
        if (title is null)
            return null;
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.ParentId).ThenBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync();
        return new MissionGoals(missionId, title, goals);
    }
}
