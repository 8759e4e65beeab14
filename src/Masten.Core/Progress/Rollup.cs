using System.Globalization;
using Masten.Core.Missions;

namespace Masten.Core.Progress;

/// <summary>An indicator's assessment as a leaf of a roll-up, with its weight (finite, 0 or more).</summary>
public sealed record IndicatorNode(string Name, Assessment Assessment, double Weight = 1);

/// <summary>
/// A goal (or the mission itself, at the root) in a roll-up: its sub-goals and its indicators,
/// with its weight in its parent (finite, 0 or more).
/// </summary>
public sealed record GoalNode(string Name, IReadOnlyList<GoalNode> SubGoals, IReadOnlyList<IndicatorNode> Indicators, double Weight = 1);

public enum RollupNodeKind
{
    Goal,
    Indicator,
}

/// <summary>
/// One node of a computed roll-up. Everything needed to reproduce the figure is here: each
/// child's weight, its share of the counted weight, its fraction and its contribution.
/// </summary>
public sealed record RollupResult
{
    public required string Name { get; init; }

    public required RollupNodeKind Kind { get; init; }

    /// <summary>The rule used to combine the children; null on indicators.</summary>
    public RollupRule? Rule { get; init; }

    public required ProgressStatus Status { get; init; }

    /// <summary>The tolerances the status was judged by.</summary>
    public required ProgressTolerances Tolerances { get; init; }

    /// <summary>Share of the way from baseline to target, 0–1; null when no child below has data.</summary>
    public double? Fraction { get; init; }

    /// <summary>Share of the way the paths require at asOf, 0–1; null when no child below has data.</summary>
    public double? RequiredFraction { get; init; }

    /// <summary>The weight given in the input.</summary>
    public required double Weight { get; init; }

    /// <summary>Weight / sum of the weights of the siblings that have data; null when not counted or under a weakest-link parent.</summary>
    public double? WeightShare { get; init; }

    /// <summary><see cref="WeightShare"/> × <see cref="Fraction"/>: what this node adds to its parent's weighted fraction.</summary>
    public double? Contribution { get; init; }

    /// <summary>Whether this node has data and so counts in its parent's weighted mean.</summary>
    public bool HasData => Fraction is not null;

    /// <summary>For weakest link: the child whose status decided this node's status; null otherwise.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Children without data, reported rather than dropped.</summary>
    public int ChildrenWithoutData { get; init; }

    public IReadOnlyList<RollupResult> Children { get; init; } = [];

    /// <summary>The indicator's assessment, on indicator nodes.</summary>
    public Assessment? Assessment { get; init; }

    /// <summary>A plain-language account of how the status and fraction were reached, in the culture's language (sv, da, else en).</summary>
    public string Explain(CultureInfo culture) => ExplanationWords.Describe(this, culture);
}

/// <summary>
/// Combines indicator assessments up a goal tree to a mission.
/// <para>
/// <see cref="RollupRule.WeakestLink"/>: the status of the worst child by <see cref="Severity"/>
/// (OffTrack &gt; AtRisk &gt; Stale &gt; NotStarted &gt; OnTrack &gt; Achieved): a goal is only as
/// well as its weakest part, and missing or old data is worse than good news. The fraction is the
/// smallest fraction of a child with data.
/// </para>
/// <para>
/// <see cref="RollupRule.Weighted"/>: fraction f = Σ wᵢ·fᵢ / Σ wᵢ over children with data, clamped to
/// 0–1; the required fraction r the same over their required fractions. Status: no child with data →
/// NotStarted; f ≥ 1 → Achieved; f ≥ r → OnTrack; else the shortfall (r − f) / max(1 − r,
/// <see cref="ProgressTolerances.MinimumRemainingShare"/>) — a share of the way still to go, as for an
/// indicator — is OnTrack up to <see cref="ProgressTolerances.OnTrackGapShare"/>, AtRisk up to
/// <see cref="ProgressTolerances.AtRiskGapShare"/>, else OffTrack. Children without data are not in
/// the mean (counting them as zero would punish a new indicator) but are reported by
/// <see cref="RollupResult.ChildrenWithoutData"/> and in the explanation.
/// </para>
/// </summary>
public static class Rollup
{
    /// <summary>Severity for weakest link, higher is worse: Achieved 0, OnTrack 1, NotStarted 2, Stale 3, AtRisk 4, OffTrack 5.</summary>
    public static int Severity(ProgressStatus status) => status switch
    {
        ProgressStatus.Achieved => 0,
        ProgressStatus.OnTrack => 1,
        ProgressStatus.NotStarted => 2,
        ProgressStatus.Stale => 3,
        ProgressStatus.AtRisk => 4,
        ProgressStatus.OffTrack => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Rolls <paramref name="root"/> up by <paramref name="rule"/>, the same rule on every level (the mission's rule).</summary>
    public static RollupResult Compute(GoalNode root, RollupRule rule, ProgressTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var tol = tolerances ?? ProgressTolerances.Default;
        if (!ReferenceEquals(tol, ProgressTolerances.Default))
            tol.Validate();
        return Goal(root, rule, tol);
    }

    private static RollupResult Goal(GoalNode node, RollupRule rule, ProgressTolerances tol)
    {
        CheckWeight(node.Name, node.Weight);
        var children = Children(node, rule, tol);
        var averages = WeightedAverages.Of(children);
        return rule == RollupRule.Weighted
            ? WeightedGoal(node, children, averages, tol)
            : WorstGoal(node, rule, children, averages, tol);
    }

    /// <summary>A goal's children: its indicators as leaves, then its sub-goals rolled up by the same rule.</summary>
    private static List<RollupResult> Children(GoalNode node, RollupRule rule, ProgressTolerances tol)
    {
        var children = new List<RollupResult>((node.SubGoals?.Count ?? 0) + (node.Indicators?.Count ?? 0));
        foreach (var indicator in node.Indicators ?? [])
            children.Add(Leaf(indicator));
        foreach (var sub in node.SubGoals ?? [])
            children.Add(Goal(sub, rule, tol));
        return children;
    }

    /// <summary>The weight of the children with data, how many have none, and their weighted fractions (null without data).</summary>
    private readonly record struct WeightedAverages(double WeightWithData, int WithoutData, double? Fraction, double? Required)
    {
        public static WeightedAverages Of(List<RollupResult> children)
        {
            var weightWithData = 0.0;
            var withoutData = 0;
            double f = 0, r = 0;
            foreach (var child in children)
            {
                if (!child.HasData)
                {
                    withoutData++;
                    continue;
                }
                weightWithData += child.Weight;
                f += child.Weight * child.Fraction!.Value;
                r += child.Weight * child.RequiredFraction!.Value;
            }
            return weightWithData > 0
                ? new(weightWithData, withoutData, Math.Clamp(f / weightWithData, 0, 1), Math.Clamp(r / weightWithData, 0, 1))
                : new(weightWithData, withoutData, null, null);
        }
    }

    /// <summary>The weighted rule: each child with data gets its share of the weight and its contribution.</summary>
    private static RollupResult WeightedGoal(GoalNode node, List<RollupResult> children, WeightedAverages averages, ProgressTolerances tol)
    {
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (c.HasData && averages.WeightWithData > 0)
            {
                var share = c.Weight / averages.WeightWithData;
                children[i] = c with { WeightShare = share, Contribution = share * c.Fraction!.Value };
            }
        }
        return new RollupResult
        {
            Name = node.Name,
            Kind = RollupNodeKind.Goal,
            Rule = RollupRule.Weighted,
            Status = WeightedStatus(averages.Fraction, averages.Required, tol),
            Tolerances = tol,
            Fraction = averages.Fraction,
            RequiredFraction = averages.Required,
            Weight = node.Weight,
            ChildrenWithoutData = averages.WithoutData,
            Children = children,
        };
    }

    /// <summary>The worst-child rule: the most severe child decides the status, the smallest fraction is the goal's.</summary>
    private static RollupResult WorstGoal(GoalNode node, RollupRule rule, List<RollupResult> children, WeightedAverages averages, ProgressTolerances tol)
    {
        RollupResult? worst = null;
        foreach (var child in children)
        {
            if (worst is null || Severity(child.Status) > Severity(worst.Status))
                worst = child;
        }
        var smallest = children.Where(c => c.HasData).Select(c => c.Fraction!.Value).DefaultIfEmpty(double.NaN).Min();
        return new RollupResult
        {
            Name = node.Name,
            Kind = RollupNodeKind.Goal,
            Rule = rule,
            Status = worst?.Status ?? ProgressStatus.NotStarted,
            Tolerances = tol,
            Fraction = double.IsNaN(smallest) ? null : smallest,
            RequiredFraction = averages.Required,
            Weight = node.Weight,
            DecidedBy = worst?.Name,
            ChildrenWithoutData = averages.WithoutData,
            Children = children,
        };
    }

    private static ProgressStatus WeightedStatus(double? fraction, double? required, ProgressTolerances tol)
    {
        if (fraction is not { } f || required is not { } r)
            return ProgressStatus.NotStarted;
        if (f >= 1)
            return ProgressStatus.Achieved;
        if (f >= r)
            return ProgressStatus.OnTrack;
        var shortfall = (r - f) / Math.Max(1 - r, tol.MinimumRemainingShare);
        if (shortfall <= tol.OnTrackGapShare)
            return ProgressStatus.OnTrack;
        return shortfall <= tol.AtRiskGapShare ? ProgressStatus.AtRisk : ProgressStatus.OffTrack;
    }

    private static RollupResult Leaf(IndicatorNode node)
    {
        CheckWeight(node.Name, node.Weight);
        var a = node.Assessment;
        return new RollupResult
        {
            Name = node.Name,
            Kind = RollupNodeKind.Indicator,
            Status = a.Status,
            Tolerances = a.Tolerances,
            Fraction = a.HasData ? a.ProgressFraction : null,
            RequiredFraction = a.HasData ? a.RequiredFraction : null,
            Weight = node.Weight,
            Assessment = a,
        };
    }

    private static void CheckWeight(string name, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0)
            throw new ArgumentException($"The weight of '{name}' must be a finite number, 0 or more.", nameof(weight));
    }
}
