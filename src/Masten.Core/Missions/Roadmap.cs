using System.Text.Json;
using System.Text.Json.Serialization;
using Masten.Core.Common;

namespace Masten.Core.Missions;

/// <summary>
/// One recorded version of a mission's roadmap (färdplan): the statement, the goal tree and every
/// indicator's baseline, targets and pathway shape, frozen as <see cref="Snapshot"/> (JSON of a
/// <see cref="RoadmapSnapshot"/>). Version 1 is the roadmap when the mission became active; each later
/// version is a revision with a <see cref="Reason"/>, optionally citing a review of the same mission.
/// Versions are only ever added.
/// </summary>
public class RoadmapVersion
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    /// <summary>1, 2, 3 … per mission.</summary>
    public int Number { get; set; }
    /// <summary>The date from which this version applies; the progress engine uses it for assessments as of a date.</summary>
    public DateOnly ValidFrom { get; set; }
    /// <summary>Why the roadmap was revised; null only for the first version.</summary>
    public string? Reason { get; set; }
    /// <summary>The review (lärande avstämning) the revision cites, if any.</summary>
    public int? ReviewId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Snapshot { get; set; } = "";
}

public sealed record RoadmapTarget(DateOnly Date, double Value);

public sealed record RoadmapGoal(int Id, int? ParentId, string Title, string? Description, double Weight, int Order);

public sealed record RoadmapIndicator(int Id, int GoalId, string Name, string Unit, Direction Direction, PathwayShape Shape,
    DateOnly BaselineDate, double BaselineValue, double Weight, IReadOnlyList<RoadmapTarget> Targets);

/// <summary>The whole roadmap of a mission at one moment: what a <see cref="RoadmapVersion"/> freezes.</summary>
public sealed record RoadmapSnapshot(string Title, string Statement, int BaselineYear, int HorizonYear,
    IReadOnlyList<RoadmapGoal> Goals, IReadOnlyList<RoadmapIndicator> Indicators)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static RoadmapSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<RoadmapSnapshot>(json, Options) ?? throw new JsonException("The roadmap snapshot is empty.");
}

public enum RoadmapChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One field that differs between two versions. <see cref="Field"/> is the camelCase field name
/// (<c>statement</c>, <c>weight</c>), or <c>target</c> for one dated target, whose date is then
/// <see cref="TargetDate"/>. Values are the typed values (string, int, double, DateOnly, enum); null means absent.
/// </summary>
public sealed record RoadmapFieldChange(string Field, object? Before, object? After, DateOnly? TargetDate = null);

public sealed record RoadmapGoalChange(int GoalId, string Title, RoadmapChangeKind Kind, IReadOnlyList<RoadmapFieldChange> Fields);

public sealed record RoadmapIndicatorChange(int IndicatorId, string Name, RoadmapChangeKind Kind, IReadOnlyList<RoadmapFieldChange> Fields);

/// <summary>What changed from one roadmap snapshot to another.</summary>
public sealed record RoadmapDiff(IReadOnlyList<RoadmapFieldChange> Mission, IReadOnlyList<RoadmapGoalChange> Goals, IReadOnlyList<RoadmapIndicatorChange> Indicators)
{
    public bool IsEmpty => Mission.Count == 0 && Goals.Count == 0 && Indicators.Count == 0;
}

/// <summary>Comparing roadmap versions and choosing the one valid on a date.</summary>
public static class Roadmaps
{
    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>. Compared are the roadmap
    /// fields: the mission's title, statement, baseline and horizon years; each goal's title, description,
    /// parent and weight (added and removed goals as a whole); each indicator's goal, name, unit, direction,
    /// pathway shape, baseline date and value, weight, and its targets date by date (a target whose date
    /// moved is one removed and one added). Goal order is not compared. Goals and indicators are matched
    /// by id; lists are ordered by the position in <paramref name="after"/>, then removed ones.
    /// </summary>
    public static RoadmapDiff Diff(RoadmapSnapshot before, RoadmapSnapshot after)
    {
        var mission = new List<RoadmapFieldChange>();
        Compare(mission, "title", before.Title, after.Title);
        Compare(mission, "statement", before.Statement, after.Statement);
        Compare(mission, "baselineYear", before.BaselineYear, after.BaselineYear);
        Compare(mission, "horizonYear", before.HorizonYear, after.HorizonYear);

        var goals = new List<RoadmapGoalChange>();
        var oldGoals = before.Goals.ToDictionary(g => g.Id);
        var newGoalIds = after.Goals.Select(g => g.Id).ToHashSet();
        foreach (var g in after.Goals)
        {
            if (!oldGoals.TryGetValue(g.Id, out var old))
            {
                goals.Add(new RoadmapGoalChange(g.Id, g.Title, RoadmapChangeKind.Added, GoalFields(null, g)));
                continue;
            }
            var fields = GoalFields(old, g);
            if (fields.Count > 0)
                goals.Add(new RoadmapGoalChange(g.Id, g.Title, RoadmapChangeKind.Changed, fields));
        }
        goals.AddRange(before.Goals.Where(g => !newGoalIds.Contains(g.Id))
            .Select(g => new RoadmapGoalChange(g.Id, g.Title, RoadmapChangeKind.Removed, GoalFields(g, null))));

        var indicators = new List<RoadmapIndicatorChange>();
        var oldIndicators = before.Indicators.ToDictionary(i => i.Id);
        var newIndicatorIds = after.Indicators.Select(i => i.Id).ToHashSet();
        foreach (var i in after.Indicators)
        {
            if (!oldIndicators.TryGetValue(i.Id, out var old))
            {
                indicators.Add(new RoadmapIndicatorChange(i.Id, i.Name, RoadmapChangeKind.Added, IndicatorFields(null, i)));
                continue;
            }
            var fields = IndicatorFields(old, i);
            if (fields.Count > 0)
                indicators.Add(new RoadmapIndicatorChange(i.Id, i.Name, RoadmapChangeKind.Changed, fields));
        }
        indicators.AddRange(before.Indicators.Where(i => !newIndicatorIds.Contains(i.Id))
            .Select(i => new RoadmapIndicatorChange(i.Id, i.Name, RoadmapChangeKind.Removed, IndicatorFields(i, null))));

        return new RoadmapDiff(mission, goals, indicators);
    }

    private static List<RoadmapFieldChange> GoalFields(RoadmapGoal? a, RoadmapGoal? b)
    {
        var fields = new List<RoadmapFieldChange>();
        Compare(fields, "title", a?.Title, b?.Title);
        Compare(fields, "description", a?.Description, b?.Description);
        Compare(fields, "parentId", a?.ParentId, b?.ParentId);
        Compare(fields, "weight", a?.Weight, b?.Weight);
        return fields;
    }

    private static List<RoadmapFieldChange> IndicatorFields(RoadmapIndicator? a, RoadmapIndicator? b)
    {
        var fields = new List<RoadmapFieldChange>();
        Compare(fields, "goalId", a?.GoalId, b?.GoalId);
        Compare(fields, "name", a?.Name, b?.Name);
        Compare(fields, "unit", a?.Unit, b?.Unit);
        Compare(fields, "direction", a?.Direction, b?.Direction);
        Compare(fields, "shape", a?.Shape, b?.Shape);
        Compare(fields, "baselineDate", a?.BaselineDate, b?.BaselineDate);
        Compare(fields, "baselineValue", a?.BaselineValue, b?.BaselineValue);
        Compare(fields, "weight", a?.Weight, b?.Weight);
        var oldTargets = (a?.Targets ?? []).ToDictionary(t => t.Date, t => t.Value);
        var newTargets = (b?.Targets ?? []).ToDictionary(t => t.Date, t => t.Value);
        foreach (var date in oldTargets.Keys.Union(newTargets.Keys).Order())
        {
            object? before = oldTargets.TryGetValue(date, out var x) ? x : null;
            object? after = newTargets.TryGetValue(date, out var y) ? y : null;
            if (!Equals(before, after))
                fields.Add(new RoadmapFieldChange("target", before, after, date));
        }
        return fields;
    }

    private static void Compare<T>(List<RoadmapFieldChange> fields, string field, T before, T after)
    {
        // Texts compare as stored; an empty description is the same as none.
        object? a = before is string s && s.Length == 0 ? null : before;
        object? b = after is string t && t.Length == 0 ? null : after;
        if (!Equals(a, b))
            fields.Add(new RoadmapFieldChange(field, a, b));
    }

    /// <summary>
    /// The number of the version valid on <paramref name="asOf"/>: the one with the latest
    /// <c>ValidFrom</c> on or before it (the higher number when two share a date). Before the first
    /// version's date the first version is the best record of the plan, so it is chosen. Null when
    /// there are no versions.
    /// </summary>
    public static int? ValidAt(IEnumerable<(int Number, DateOnly ValidFrom)> versions, DateOnly asOf)
    {
        var list = versions.ToList();
        if (list.Count == 0)
            return null;
        var valid = list.Where(v => v.ValidFrom <= asOf).OrderByDescending(v => v.ValidFrom).ThenByDescending(v => v.Number).ToList();
        return valid.Count > 0 ? valid[0].Number : list.Min(v => v.Number);
    }

    /// <summary>
    /// A revision needs a reason; <paramref name="validFrom"/> may not come before the previous
    /// version's date (<paramref name="previousValidFrom"/>), so later versions always apply later.
    /// </summary>
    public static void ValidateRevision(string? reason, DateOnly validFrom, DateOnly? previousValidFrom)
    {
        var rules = new Rules();
        if (Rules.IsBlank(reason))
            rules.Add("reason", "RevisionReasonRequired", "is required when the roadmap of a mission that is not a draft changes: say why it changes.");
        else
            rules.OptionalText("reason", reason, Rules.LongText);
        rules.Date("validFrom", validFrom);
        if (!rules.HasErrorFor("validFrom") && previousValidFrom is { } previous && validFrom < previous)
            rules.Add("validFrom", "ValidFromBeforePrevious", $"cannot be before the previous version's date ({previous:yyyy-MM-dd}).",
                previous.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        rules.ThrowIfAny();
    }
}
