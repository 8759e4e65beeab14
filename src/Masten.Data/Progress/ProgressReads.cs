using Masten.Core.Missions;
using Masten.Core.Progress;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Progress;

/// <summary>An indicator assessed at a date, with the current series it was assessed on.</summary>
public sealed record IndicatorProgress(IndicatorDto Indicator, Assessment Assessment, IReadOnlyList<ObservationDto> CurrentSeries);

/// <summary>A goal of the mission tree with its roll-up and its children's.</summary>
public sealed record GoalProgress(GoalDto Goal, RollupResult Rollup, IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<GoalProgress> Children);

/// <summary>The whole mission assessed at a date: the root roll-up and every goal and indicator in it.</summary>
public sealed record MissionProgress(MissionDto Mission, ProgrammeDto Programme, DateOnly AsOf, RollupResult Rollup, IReadOnlyList<GoalProgress> Goals)
{
    /// <summary>Every indicator of the mission, depth first.</summary>
    public IEnumerable<IndicatorProgress> AllIndicators() => Goals.SelectMany(Walk);

    private static IEnumerable<IndicatorProgress> Walk(GoalProgress goal) => goal.Indicators.Concat(goal.Children.SelectMany(Walk));
}

/// <summary>
/// Loads what the progress algorithms of <see cref="Masten.Core.Progress"/> need — indicators with
/// targets and their current observation series — in a fixed number of queries, and runs them.
/// </summary>
public static class ProgressReads
{
    /// <summary>The plain inputs of the backcast for one indicator.</summary>
    public static IndicatorSpec Spec(IndicatorDto i) => new(
        i.Name, i.Unit, i.Direction, i.Frequency, i.Shape,
        new DatedValue(i.BaselineDate, i.BaselineValue),
        i.Targets.Select(t => new DatedValue(t.Date, t.Value)).ToList());

    public static Assessment Assess(IndicatorDto indicator, IReadOnlyList<ObservationDto> currentSeries, DateOnly asOf) =>
        ProgressAssessor.Assess(Spec(indicator), currentSeries.Select(o => new DatedValue(o.Date, o.Value)).ToList(), asOf);

    public static async Task<IndicatorProgress?> IndicatorProgressAsync(this MastenDbContext db, int indicatorId, DateOnly asOf, CancellationToken ct)
    {
        var indicator = await db.Indicators.Where(i => i.Id == indicatorId).ToDtos().FirstOrDefaultAsync(ct);
        if (indicator is null)
            return null;
        var current = (await db.ObservationLogAsync([indicatorId], ct)).Where(o => o.IsCurrent).ToList();
        return new IndicatorProgress(indicator, Assess(indicator, current, asOf), current);
    }

    public static async Task<MissionProgress?> MissionProgressAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        var mission = await db.Missions.Where(m => m.Id == missionId).ToDtos().FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var programme = await db.Programmes.Where(p => p.Id == mission.ProgrammeId).ToDtos().FirstAsync(ct);
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var indicators = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToListAsync(ct);
        var log = await db.ObservationLogAsync(indicators.Select(i => i.Id).ToList(), ct);
        var series = log.Where(o => o.IsCurrent).ToLookup(o => o.IndicatorId);
        var assessed = indicators
            .Select(i => new IndicatorProgress(i, Assess(i, series[i.Id].ToList(), asOf), series[i.Id].ToList()))
            .ToLookup(p => p.Indicator.GoalId);
        var children = goals.ToLookup(g => g.ParentId);

        // The roll-up input mirrors the goal tree; a cycle in stored data cannot recurse forever.
        Core.Progress.GoalNode Node(GoalDto goal, int depth) => new(
            goal.Title,
            depth > 50 ? [] : children[goal.Id].Select(c => Node(c, depth + 1)).ToList(),
            assessed[goal.Id].Select(p => new IndicatorNode(p.Indicator.Name, p.Assessment, p.Indicator.Weight)).ToList(),
            goal.Weight);
        var root = new Core.Progress.GoalNode(mission.Title, children[null].Select(g => Node(g, 0)).ToList(), []);
        var rollup = Rollup.Compute(root, mission.RollupRule);

        // Rollup keeps the input order, indicators before sub-goals, so results pair with goals by position.
        GoalProgress Pair(GoalDto goal, RollupResult result, int depth)
        {
            var own = assessed[goal.Id].ToList();
            var subGoals = depth > 50 ? [] : children[goal.Id].ToList();
            return new GoalProgress(goal, result, own,
                subGoals.Select((g, k) => Pair(g, result.Children[own.Count + k], depth + 1)).ToList());
        }
        var top = children[null].ToList();
        return new MissionProgress(mission, programme, asOf, rollup, top.Select((g, k) => Pair(g, rollup.Children[k], 0)).ToList());
    }
}
