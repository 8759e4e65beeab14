using Masten.Core.Accounts;
using Masten.Web.Accounts;
using System.Globalization;
using Masten.Core.Progress;
using Masten.Data;
using Masten.Data.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masten.Web.Progress;

/// <summary>
/// <c>GET /api/v1/indicators/{id}/progress</c> and <c>GET /api/v1/missions/{id}/progress</c>: the
/// backcast path, the assessment, its explanation in Swedish, English and Danish, and the inputs
/// and formulas behind every number. <c>asOf</c> (yyyy-MM-dd) assesses at another date than today.
/// </summary>
public static class ProgressApi
{
    private static readonly CultureInfo[] Languages = [new("sv-SE"), new("en-GB"), new("da-DK")];

    public sealed record SegmentDto(DatedValue Start, DatedValue End, string Shape, bool FellBackToLinear, double RequiredUnitsPerYear, double? RequiredPercentPerYear);

    public sealed record TrajectoryDto(DatedValue Baseline, DatedValue FinalTarget, IReadOnlyList<SegmentDto> Segments, IReadOnlyList<DatedValue> Milestones);

    public sealed record AssessmentDto(
        string Status, DateOnly AsOf, DatedValue? Latest, int? DaysSinceLatest, double? RequiredAtLatest, double RequiredAtAsOf,
        double? Gap, double? GapShare, double ProgressFraction, double RequiredFraction,
        ObservedPace? ObservedPace, RequiredPace? RequiredPace, IReadOnlyList<TargetForecast> Forecasts, ReachForecast Reach, IReadOnlyList<string> Notes);

    public sealed record IndicatorProgressDto(int IndicatorId, string Name, string Unit, TrajectoryDto Trajectory, AssessmentDto Assessment,
        IReadOnlyDictionary<string, string> Explanation, IReadOnlyList<ExplanationStep> Inputs, int? RoadmapVersion);

    public sealed record RollupDto(string Kind, int? Id, string Name, string Status, string? Rule, double? Fraction, double? RequiredFraction,
        double Weight, double? WeightShare, double? Contribution, string? DecidedBy, int ChildrenWithoutData,
        IReadOnlyDictionary<string, string> Explanation, IReadOnlyList<ExplanationStep> Inputs, IReadOnlyList<RollupDto> Children);

    /// <summary><c>RoadmapVersion</c> is the number of the roadmap version whose goals and targets were used (null: the mission has none).</summary>
    public sealed record MissionProgressDto(int MissionId, string Title, DateOnly AsOf, RollupDto Rollup, IReadOnlyList<IndicatorProgressDto> Indicators, int? RoadmapVersion);

    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Progress");
        api.MapGet("/indicators/{id:int}/progress", async Task<Results<Ok<IndicatorProgressDto>, NotFound>> (int id, DateOnly? asOf, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
            await db.IndicatorProgressAsync(id, asOf ?? Today(clock), ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Indicator);
        api.MapGet("/missions/{id:int}/progress", async Task<Results<Ok<MissionProgressDto>, NotFound>> (int id, DateOnly? asOf, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var progress = await db.MissionProgressAsync(id, asOf ?? Today(clock), ct);
            if (progress is null)
                return TypedResults.NotFound();
            var root = ToDto(progress.Rollup, "Mission", id, progress.Goals.Select(g => Walk(g)).ToList());
            return TypedResults.Ok(new MissionProgressDto(id, progress.Mission.Title, progress.AsOf, root,
                progress.AllIndicators().Select(i => ToDto(i) with { RoadmapVersion = progress.Roadmap?.Number }).ToList(), progress.Roadmap?.Number));
        }).RequireAccess(Capability.Read, ResourceKind.Mission);
        return app;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static IndicatorProgressDto ToDto(IndicatorProgress p)
    {
        var a = p.Assessment;
        var t = a.Trajectory;
        var trajectory = new TrajectoryDto(t.Baseline, t.FinalTarget,
            t.Segments.Select(s => new SegmentDto(s.Start, s.End, s.Shape.ToString(), s.FellBackToLinear, s.RequiredPacePerYear, s.RequiredPercentPerYear)).ToList(),
            t.Milestones);
        var notes = Enum.GetValues<AssessmentNotes>().Where(n => n != AssessmentNotes.None && a.Notes.HasFlag(n)).Select(n => n.ToString()).ToList();
        var assessment = new AssessmentDto(a.Status.ToString(), a.AsOf, a.Latest, a.DaysSinceLatest, a.RequiredAtLatest, a.RequiredAtAsOf,
            a.Gap, a.GapShare, a.ProgressFraction, a.RequiredFraction, a.Pace, a.RequiredPace, a.Forecasts, a.Reach, notes);
        return new IndicatorProgressDto(p.Indicator.Id, p.Indicator.Name, p.Indicator.Unit, trajectory, assessment,
            Languages.ToDictionary(c => c.TwoLetterISOLanguageName, c => Explanation.Describe(a, c)),
            Explanation.Steps(a, CultureInfo.CurrentCulture), p.Roadmap?.Number);
    }

    private static RollupDto Walk(GoalProgress goal)
    {
        // Rollup children: the goal's indicators first, then its sub-goals, in the order given.
        var indicators = goal.Indicators.Select((i, k) => ToDto(goal.Rollup.Children[k], "Indicator", i.Indicator.Id, []));
        return ToDto(goal.Rollup, "Goal", goal.Goal.Id, indicators.Concat(goal.Children.Select(Walk)).ToList());
    }

    private static RollupDto ToDto(RollupResult r, string kind, int? id, IReadOnlyList<RollupDto> children) => new(
        kind, id, r.Name, r.Status.ToString(), r.Rule?.ToString(), r.Fraction, r.RequiredFraction, r.Weight, r.WeightShare, r.Contribution,
        r.DecidedBy, r.ChildrenWithoutData,
        Languages.ToDictionary(c => c.TwoLetterISOLanguageName, c => r.Kind == RollupNodeKind.Indicator && r.Assessment is { } a ? Explanation.Describe(a, c) : Explanation.Describe(r, c)),
        r.Kind == RollupNodeKind.Indicator && r.Assessment is { } assessment ? Explanation.Steps(assessment, CultureInfo.CurrentCulture) : Explanation.Steps(r, CultureInfo.CurrentCulture),
        children);
}
