using System.Globalization;
using Masten.Core.Portfolio;
using Masten.Data.Portfolio;
using Masten.Web.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Portfolio;

/// <summary>The review form of <see cref="ReviewEdit"/>, as typed.</summary>
public sealed class ReviewForm
{
    public string? Date { get; set; }
    public string? Kind { get; set; }
    public string? Participants { get; set; }
    public string? Insights { get; set; }
    public List<Choice> Actors { get; set; } = [];
    public string? Version { get; set; }

    /// <summary>A new review: a sensemaking review held <paramref name="today"/>.</summary>
    public static ReviewForm New(DateOnly today) => new() { Date = Format.Date(today), Kind = nameof(ReviewKind.Sensemaking) };

    public static ReviewForm From(ReviewDto review) => new()
    {
        Date = Format.Date(review.Date),
        Kind = review.Kind.ToString(),
        Participants = review.Participants,
        Insights = review.Insights,
        Actors = PickerModel.Choices(review.ParticipantActorIds),
        Version = review.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input for the store, or null with the reasons in <paramref name="errors"/>. A saved review needs its version.</summary>
    public ReviewInput? ToInput(FormErrors errors, int missionId, bool isNew)
    {
        var date = errors.Date("date", Date);
        var kind = errors.Enum<ReviewKind>("kind", Kind);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        return errors.Any ? null : new ReviewInput(missionId, date ?? default, kind ?? default, Participants, Choice.Ids(Actors), Insights, version);
    }
}
