using Masten.Core.Missions;
using Masten.Core.Progress;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Progress;

/// <summary>
/// An indicator assessed at a date, with the roadmap version whose targets were used. <see cref="CurrentSeries"/>
/// is the current series as far as the read needed it, in date order: the whole series (bounded) on the indicator
/// page's chart, only the latest current observation on mission reads, which never load a series.
/// </summary>
public sealed record IndicatorProgress(IndicatorDto Indicator, Assessment Assessment, IReadOnlyList<DatedValue> CurrentSeries, RoadmapVersionDto? Roadmap = null);

/// <summary>A goal of the mission tree with its roll-up and its children's.</summary>
public sealed record GoalProgress(GoalDto Goal, RollupResult Rollup, IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<GoalProgress> Children);

/// <summary>
/// The whole mission assessed at a date: the root roll-up and every goal and indicator in it, by the
/// roadmap version valid on that date (<see cref="Roadmap"/>; null when the mission has no versions).
/// </summary>
public sealed record MissionProgress(MissionDto Mission, ProgrammeDto Programme, DateOnly AsOf, RollupResult Rollup, IReadOnlyList<GoalProgress> Goals, RoadmapVersionDto? Roadmap = null)
{
    /// <summary>Every indicator of the mission, depth first.</summary>
    public IEnumerable<IndicatorProgress> AllIndicators() => Goals.SelectMany(Walk);

    private static IEnumerable<IndicatorProgress> Walk(GoalProgress goal) => goal.Indicators.Concat(goal.Children.SelectMany(Walk));
}

/// <summary>
/// Loads what the progress algorithms of <see cref="Masten.Core.Progress"/> need — indicators with
/// targets and their current observation series — in a fixed number of queries, and runs them.
/// An assessment as of a date uses the roadmap valid then (<see cref="RoadmapReads.RoadmapValidAtAsync"/>):
/// the goals, weights, baselines, targets and shapes of that version; the observations are always the current series.
/// </summary>
public static class ProgressReads
{
    /// <summary>The plain inputs of the backcast for one indicator.</summary>
    public static IndicatorSpec Spec(IndicatorDto i) => new(
        i.Name, i.Unit, i.Direction, i.Frequency, i.Shape,
        new DatedValue(i.BaselineDate, i.BaselineValue),
        i.Targets.Select(t => new DatedValue(t.Date, t.Value)).ToList());

    public static Assessment Assess(IndicatorDto indicator, IReadOnlyList<DatedValue> currentSeries, DateOnly asOf) =>
        ProgressAssessor.Assess(Spec(indicator), currentSeries, asOf);

    /// <summary>The most observations the indicator chart draws: the latest ones.</summary>
    public const int ChartPoints = 2000;

    /// <summary>The indicator assessed on asOf, by the roadmap valid then; its series for the chart, the latest <see cref="ChartPoints"/>.</summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per indicator, asOf and today.</remarks>
    public static async Task<IndicatorProgress?> IndicatorProgressAsync(this MastenDbContext db, int indicatorId, DateOnly asOf, CancellationToken ct)
    {
        var missionId = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (int?)i.Goal!.MissionId).FirstOrDefaultAsync(ct);
        if (missionId is null)
            return null;
        return (await db.ReuseAsync("indicator-progress", missionId.Value, (indicatorId, asOf, ProgressReadModel.Today(db)),
            async () => new Found<IndicatorProgress>(await ReadIndicatorProgressAsync(db, missionId.Value, indicatorId, asOf, ct)), ct)).Value;
    }

    // What StampedReads keeps: also that there is nothing.
    private sealed record Found<T>(T? Value) where T : class;

    private static async Task<IndicatorProgress?> ReadIndicatorProgressAsync(MastenDbContext db, int missionId, int indicatorId, DateOnly asOf, CancellationToken ct)
    {
        var (indicators, roadmap) = await AssessedIndicatorsAsync(db, missionId, indicatorId, asOf, ct);
        var indicator = indicators[0];
        var assessed = await ProgressReadModel.AssessAsync(db, indicators, asOf, roadmap?.Number, ct);
        var series = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && o.IsCurrent)
            .OrderByDescending(o => o.Date).Take(ChartPoints).Select(o => new DatedValue(o.Date, o.Value)).ToListAsync(ct);
        series.Reverse();
        return new IndicatorProgress(indicator, assessed[indicatorId].Assessment, series, roadmap);
    }

    /// <summary>
    /// The mission's indicators (one, or all) as they are assessed on <paramref name="asOf"/>: with the roadmap
    /// fields of the version valid then where that version has them (an indicator added later keeps its own),
    /// and that version.
    /// </summary>
    internal static async Task<(List<IndicatorDto> Indicators, RoadmapVersionDto? Roadmap)> AssessedIndicatorsAsync(MastenDbContext db, int missionId, int? indicatorId, DateOnly asOf, CancellationToken ct)
    {
        var query = db.Indicators.Where(i => i.Goal!.MissionId == missionId);
        if (indicatorId is { } id)
            query = query.Where(i => i.Id == id);
        var indicators = await query.OrderBy(i => i.Id).ToDtos().ToListAsync(ct);
        var roadmap = await db.RoadmapValidAtAsync(missionId, asOf, ct);
        if (roadmap?.Snapshot is { } then)
        {
            var old = then.Indicators.ToDictionary(i => i.Id);
            indicators = indicators.Select(i => old.TryGetValue(i.Id, out var o) ? AsIn(i, o) : i).ToList();
        }
        return (indicators, roadmap?.Version);
    }

    /// <summary>
    /// The mission as it stood on <paramref name="asOf"/>: by the roadmap version valid then, that version's statement,
    /// goal tree and indicators (those that still exist, with today's descriptive fields); the live records when the
    /// latest version (or none) is valid. Null when the mission does not exist.
    /// </summary>
    private static async Task<(MissionDto Mission, List<GoalDto> Goals, List<IndicatorDto> Indicators, RoadmapVersionDto? Roadmap)?> MissionAsOfAsync(
        MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        var mission = await db.Missions.Where(m => m.Id == missionId).ToDtos().FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var indicators = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToListAsync(ct);
        var roadmap = await db.RoadmapValidAtAsync(missionId, asOf, ct);
        if (roadmap?.Snapshot is { } then)
        {
            // The mission as it stood: that version's statement, goal tree and indicators, with today's
            // descriptive fields (frequency, source) for indicators that still exist.
            mission = mission with { Title = then.Title, Statement = then.Statement, BaselineYear = then.BaselineYear, HorizonYear = then.HorizonYear };
            var liveGoals = goals.ToDictionary(g => g.Id);
            goals = then.Goals.OrderBy(g => g.Order).ThenBy(g => g.Id)
                .Select(g => new GoalDto(g.Id, missionId, g.ParentId, g.Order, g.Title, g.Description, g.Weight, liveGoals.GetValueOrDefault(g.Id)?.Version ?? 0))
                .ToList();
            var liveIndicators = indicators.ToDictionary(i => i.Id);
            indicators = then.Indicators.Where(i => liveIndicators.ContainsKey(i.Id))
                .Select(i => AsIn(liveIndicators[i.Id], i))
                .OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id)
                .ToList();
        }
        return (mission, goals, indicators, roadmap?.Version);
    }

    /// <summary>
    /// The pace each indicator of the mission still needs on <paramref name="asOf"/>, as <see cref="MissionProgressAsync"/>
    /// would assess it (<see cref="Assessment.RequiredPace"/>), in the same order (<see cref="MissionProgress.AllIndicators"/>)
    /// and with the same roadmap fields, and the mission as it stood then. It assesses nothing and writes nothing: the
    /// required pace needs only each indicator's latest current observation on or before asOf, read in one query by index seeks.
    /// Null when the mission does not exist.
    /// </summary>
    public static async Task<(MissionDto Mission, List<(IndicatorDto Indicator, RequiredPace? Pace)> Indicators)?> RequiredPacesAsync(
        this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        if (await MissionAsOfAsync(db, missionId, asOf, ct) is not { } asOfThen)
            return null;
        var (mission, goals, indicators, _) = asOfThen;
        var latest = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).Select(i => new
        {
            i.Id,
            Date = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent && o.Date <= asOf).OrderByDescending(o => o.Date).Select(o => (DateOnly?)o.Date).FirstOrDefault(),
            Value = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent && o.Date <= asOf).OrderByDescending(o => o.Date).Select(o => (double?)o.Value).FirstOrDefault(),
        }).ToDictionaryAsync(l => l.Id, l => l.Date is { } d ? new DatedValue(d, l.Value!.Value) : (DatedValue?)null, ct);
        var byGoal = indicators.ToLookup(i => i.GoalId);
        var children = goals.ToLookup(g => g.ParentId);
        // The goal tree depth first, a goal's indicators before its sub-goals, as the roll-up pairs them; a cycle in stored data cannot recurse forever.
        IEnumerable<IndicatorDto> Walk(GoalDto goal, int depth) => byGoal[goal.Id].Concat(depth > 50 ? [] : children[goal.Id].SelectMany(c => Walk(c, depth + 1)));
        var paces = children[null].SelectMany(g => Walk(g, 0))
            .Select(i => (i, ProgressAssessor.RequiredPaceFrom(Backcast.Build(Spec(i)), latest.GetValueOrDefault(i.Id))))
            .ToList();
        return (mission, paces);
    }

    /// <summary>
    /// The mission assessed on asOf, by the roadmap version valid then. Reads no observation when the read
    /// model holds today's assessments (<see cref="ProgressReadModel"/>); other dates read the windowed series.
    /// </summary>
    /// <remarks>Reused while nothing is written (<see cref="StampedReads"/>), per asOf and today.</remarks>
    public static async Task<MissionProgress?> MissionProgressAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct) =>
        (await db.ReuseAsync("mission-progress", missionId, (asOf, ProgressReadModel.Today(db)),
            async () => new Found<MissionProgress>(await db.ReadMissionProgressAsync(missionId, asOf, ct)), ct)).Value;

    private static async Task<MissionProgress?> ReadMissionProgressAsync(this MastenDbContext db, int missionId, DateOnly asOf, CancellationToken ct)
    {
        if (await MissionAsOfAsync(db, missionId, asOf, ct) is not { } asOfThen)
            return null;
        var (mission, goals, indicators, roadmapVersion) = asOfThen;
        var programme = await db.Programmes.Where(p => p.Id == mission.ProgrammeId).ToDtos().FirstAsync(ct);
        var assessments = await ProgressReadModel.AssessAsync(db, indicators, asOf, roadmapVersion?.Number, ct);
        var assessed = indicators
            .Select(i => new IndicatorProgress(i, assessments[i.Id].Assessment, assessments[i.Id].Last is { } last ? [last] : []))
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
        return new MissionProgress(mission, programme, asOf, rollup, top.Select((g, k) => Pair(g, rollup.Children[k], 0)).ToList(), roadmapVersion);
    }

    /// <summary>The indicator with the roadmap fields of an earlier version.</summary>
    private static IndicatorDto AsIn(IndicatorDto live, RoadmapIndicator then) => live with
    {
        GoalId = then.GoalId,
        Name = then.Name,
        Unit = then.Unit,
        Direction = then.Direction,
        Shape = then.Shape,
        BaselineDate = then.BaselineDate,
        BaselineValue = then.BaselineValue,
        Weight = then.Weight,
        Targets = then.Targets.Select(t => new TargetDto(t.Date, t.Value)).ToList(),
    };
}
