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
