using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>A form that can carry a roadmap revision: the reason, the cited review and the date it applies from, as typed.</summary>
public interface IRevisionForm
{
    string? Reason { get; set; }
    string? ReviewId { get; set; }
    string? ValidFrom { get; set; }
}

/// <summary>A review a revision may cite, as the review select offers it.</summary>
public sealed record ReviewChoice(int Id, DateOnly Date, Masten.Core.Portfolio.ReviewKind Kind);

public static class RevisionForms
{
    /// <summary>The mission's reviews, newest first, for the review select of <see cref="RevisionFields"/>.</summary>
    public static Task<List<ReviewChoice>> ReviewChoicesAsync(this Masten.Data.MastenDbContext db, int missionId) =>
        db.Reviews.AsNoTracking().Where(r => r.MissionId == missionId).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)
            .Select(r => new ReviewChoice(r.Id, r.Date, r.Kind)).ToListAsync();

    /// <summary>Parses the revision fields; parse errors go to <paramref name="errors"/> under <c>reviewId</c> and <c>validFrom</c>.</summary>
    public static RevisionInput Parse(this IRevisionForm form, FormErrors errors) => new(
        form.Reason,
        errors.WholeNumber("reviewId", form.ReviewId, required: false),
        errors.Date("validFrom", form.ValidFrom, required: false));
}

/// <summary>How the roadmap pages show a changed field and its values.</summary>
public static class RoadmapText
{
    public static string Label(Microsoft.Extensions.Localization.IStringLocalizer t, RoadmapFieldChange change) =>
        change.Field == "target" && change.TargetDate is { } date ? t["Roadmap.TargetOn", Format.Date(date)] : t[$"Field.{change.Field}"];

    /// <summary>A value as the page shows it; goal ids become goal titles (<paramref name="goalTitles"/>), a missing parent reads "directly under the mission".</summary>
    public static string Value(Microsoft.Extensions.Localization.IStringLocalizer t, string field, object? value, IReadOnlyDictionary<int, string> goalTitles) => value switch
    {
        null when field == "parentId" => t["Goal.NoParent"],
        null => "–",
        int id when field is "parentId" or "goalId" => goalTitles.TryGetValue(id, out var title) ? title : $"#{id}",
        double d => Format.Number(d),
        DateOnly date => Format.Date(date),
        Direction direction => t[$"Enum.Direction.{direction}"],
        PathwayShape shape => t[$"Enum.PathwayShape.{shape}"],
        _ => Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture) ?? "",
    };
}
