using System.Globalization;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>The goal form of <see cref="GoalEdit"/>, as typed.</summary>
public sealed class GoalForm : IRevisionForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? ParentId { get; set; }
    public string? Weight { get; set; } = "1";
    public string? Version { get; set; }
    public string? Reason { get; set; }
    public string? ReviewId { get; set; }
    public string? ValidFrom { get; set; }

    /// <summary>A new goal, under <paramref name="parentId"/> when the link that opened the form named one.</summary>
    public static GoalForm New(int? parentId) => new() { ParentId = parentId?.ToString(CultureInfo.InvariantCulture) };

    public static GoalForm From(GoalDto goal) => new()
    {
        Title = goal.Title,
        Description = goal.Description,
        ParentId = goal.ParentId?.ToString(CultureInfo.InvariantCulture),
        Weight = Format.Input(goal.Weight),
        Version = goal.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input for the store, or null with the reasons in <paramref name="errors"/>. A saved goal needs its version.</summary>
    public GoalInput? ToInput(FormErrors errors, int missionId, bool isNew)
    {
        var parent = errors.WholeNumber("parentId", ParentId, required: false);
        var weight = errors.Number("weight", Weight, required: false) ?? 1;
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var revision = this.Parse(errors);
        return errors.Any ? null
            : new GoalInput(missionId, parent, Title, Description, null, weight, version, revision.Reason, revision.ReviewId, revision.ValidFrom);
    }
}
