using Masten.Core.Accounts;
using Masten.Web.Accounts;
using System.ComponentModel;
using System.Globalization;
using Masten.Core.Progress;
using Masten.Data;
using Masten.Data.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masten.Web.Progress;

/// <summary>
/// <c>GET /api/v1/indicators/{id}/progress</c> and <c>GET /api/v1/missions/{id}/progress</c>: the
/// backcast path, the assessment, its explanation, and the inputs and formulas behind every number.
/// <c>asOf</c> (yyyy-MM-dd) assesses at another date than today. <c>languages</c> names the explanations'
/// languages (<c>sv</c>, <c>en</c>, <c>da</c>, comma-separated, or <c>all</c>); without it, only the request's
/// language, so that a national mission's answer does not carry every text three times.
/// </summary>
public static class ProgressApi
{
    private static readonly CultureInfo[] Languages = [new("sv-SE"), new("en-GB"), new("da-DK")];

    /// <summary>How the <c>languages</c> parameter is described in the OpenAPI document and in a refusal.</summary>
    private const string LanguagesHelp = "The explanations' languages: sv, en, da (comma-separated) or all. Without it, the request's language only.";

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
        api.MapGet("/indicators/{id:int}/progress", GetIndicatorProgress).RequireAccess(Capability.Read, ResourceKind.Indicator);
        api.MapGet("/missions/{id:int}/progress", GetMissionProgress).RequireAccess(Capability.Read, ResourceKind.Mission);
        return app;
    }

    private static async Task<Results<Ok<IndicatorProgressDto>, NotFound, ValidationProblem>> GetIndicatorProgress(int id, DateOnly? asOf,
        [Description(LanguagesHelp)] string? languages, MastenDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (LanguagesOf(languages) is not { } cultures)
            return LanguagesRefused();
        return await db.IndicatorProgressAsync(id, asOf ?? clock.Today(), ct) is { } p ? TypedResults.Ok(ToDto(p, cultures)) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MissionProgressDto>, NotFound, ValidationProblem>> GetMissionProgress(int id, DateOnly? asOf,
        [Description(LanguagesHelp)] string? languages, MastenDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (LanguagesOf(languages) is not { } cultures)
            return LanguagesRefused();
        // The answer is reused while nothing is written (StampedReads): it depends on the date, today, the languages
        // and the request's culture (the steps' numbers), besides the mission's records.
        var today = clock.Today();
        var day = asOf ?? today;
        var key = (day, today, string.Join(',', cultures.Select(c => c.Name)), CultureInfo.CurrentCulture.Name);
        var answer = await db.ReuseAsync("progress-api", id, key,
            async () => new MissionProgressAnswer(await MissionProgressDtoAsync(db, id, day, cultures, ct)), ct);
        return answer.Dto is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();
    }

    // What StampedReads keeps: also that the mission does not exist.
    private sealed record MissionProgressAnswer(MissionProgressDto? Dto);

    private static async Task<MissionProgressDto?> MissionProgressDtoAsync(MastenDbContext db, int id, DateOnly asOf, IReadOnlyList<CultureInfo> cultures, CancellationToken ct)
    {
        var progress = await db.MissionProgressAsync(id, asOf, ct);
        if (progress is null)
            return null;
        // Each indicator's explanations and steps are written once and shared by its entry and its node of the
        // roll-up tree, which say the same of the same assessment.
        var indicators = progress.AllIndicators().Select(i => ToDto(i, cultures) with { RoadmapVersion = progress.Roadmap?.Number }).ToList();
        var texts = new Dictionary<Assessment, IndicatorProgressDto>(ReferenceEqualityComparer.Instance);
        foreach (var (indicator, dto) in progress.AllIndicators().Zip(indicators))
            texts.TryAdd(indicator.Assessment, dto);
        var root = ToDto(progress.Rollup, "Mission", id, progress.Goals.Select(g => Walk(g, cultures, texts)).ToList(), cultures);
        return new MissionProgressDto(id, progress.Mission.Title, progress.AsOf, root, indicators, progress.Roadmap?.Number);
    }

    /// <summary>
    /// The cultures the <c>languages</c> parameter names; the request's language (Swedish when it is none of the three)
    /// without it; null when it names something else.
    /// </summary>
    internal static IReadOnlyList<CultureInfo>? LanguagesOf(string? languages)
    {
        if (string.IsNullOrWhiteSpace(languages))
            return [Languages.FirstOrDefault(c => c.TwoLetterISOLanguageName == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Languages[0]];
        var names = languages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 1 && names[0].Equals("all", StringComparison.OrdinalIgnoreCase))
            return Languages;
        var cultures = names.Select(n => Languages.FirstOrDefault(c => c.TwoLetterISOLanguageName.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        return cultures.Count == 0 || cultures.Any(c => c is null) ? null : cultures.OfType<CultureInfo>().Distinct().ToList();
    }

    private static ValidationProblem LanguagesRefused() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["languages"] = [$"languages is not a list of sv, en and da, or all. {LanguagesHelp}"] });

    /// <summary>The API's answer for one indicator, with explanations in <paramref name="languages"/> (all three when null).</summary>
    public static IndicatorProgressDto ToDto(IndicatorProgress p, IReadOnlyList<CultureInfo>? languages = null)
    {
        languages ??= Languages;
        var a = p.Assessment;
        var t = a.Trajectory;
        var trajectory = new TrajectoryDto(t.Baseline, t.FinalTarget,
            t.Segments.Select(s => new SegmentDto(s.Start, s.End, s.Shape.ToString(), s.FellBackToLinear, s.RequiredPacePerYear, s.RequiredPercentPerYear)).ToList(),
            t.Milestones);
        var notes = Enum.GetValues<AssessmentNotes>().Where(n => n != AssessmentNotes.None && a.Notes.HasFlag(n)).Select(n => n.ToString()).ToList();
        var assessment = new AssessmentDto(a.Status.ToString(), a.AsOf, a.Latest, a.DaysSinceLatest, a.RequiredAtLatest, a.RequiredAtAsOf,
            a.Gap, a.GapShare, a.ProgressFraction, a.RequiredFraction, a.Pace, a.RequiredPace, a.Forecasts, a.Reach, notes);
        return new IndicatorProgressDto(p.Indicator.Id, p.Indicator.Name, p.Indicator.Unit, trajectory, assessment,
            languages.ToDictionary(c => c.TwoLetterISOLanguageName, c => ExplanationWords.Describe(a, c)),
            ExplanationWords.Steps(a, CultureInfo.CurrentCulture), p.Roadmap?.Number);
    }

    private static RollupDto Walk(GoalProgress goal, IReadOnlyList<CultureInfo> languages, IReadOnlyDictionary<Assessment, IndicatorProgressDto> texts)
    {
        // Rollup children: the goal's indicators first, then its sub-goals, in the order given.
        var indicators = goal.Indicators.Select((i, k) => ToDto(goal.Rollup.Children[k], "Indicator", i.Indicator.Id, [], languages, texts));
        return ToDto(goal.Rollup, "Goal", goal.Goal.Id, indicators.Concat(goal.Children.Select(g => Walk(g, languages, texts))).ToList(), languages, texts);
    }

    /// <summary>A node of the roll-up; an indicator's node takes its texts from <paramref name="texts"/> when that holds its assessment.</summary>
    private static RollupDto ToDto(RollupResult r, string kind, int? id, IReadOnlyList<RollupDto> children, IReadOnlyList<CultureInfo> languages,
        IReadOnlyDictionary<Assessment, IndicatorProgressDto>? texts = null)
    {
        var indicator = r.Kind == RollupNodeKind.Indicator ? r.Assessment : null;
        if (indicator is not null && texts?.GetValueOrDefault(indicator) is { } known)
            return Node(known.Explanation, known.Inputs);
        return Node(
            languages.ToDictionary(c => c.TwoLetterISOLanguageName, c => indicator is not null ? ExplanationWords.Describe(indicator, c) : ExplanationWords.Describe(r, c)),
            indicator is not null ? ExplanationWords.Steps(indicator, CultureInfo.CurrentCulture) : ExplanationWords.Steps(r, CultureInfo.CurrentCulture));

        RollupDto Node(IReadOnlyDictionary<string, string> explanation, IReadOnlyList<ExplanationStep> inputs) => new(
            kind, id, r.Name, r.Status.ToString(), r.Rule?.ToString(), r.Fraction, r.RequiredFraction, r.Weight, r.WeightShare, r.Contribution,
            r.DecidedBy, r.ChildrenWithoutData, explanation, inputs, children);
    }
}
