using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the driver form (<c>DriverEdit</c>) and their parsing into a <see cref="DriverInput"/>.</summary>
public sealed class DriverForm
{
    public string? ActorId { get; set; }
    public List<Choice> Categories { get; set; } = [];
    public string? Text { get; set; }
    public List<Choice> Goals { get; set; } = [];
    public string? Version { get; set; }

    /// <summary>A new driver, for the actor the link names (if any).</summary>
    public static DriverForm New(int? actor, IEnumerable<int> goals) => new()
    {
        ActorId = actor?.ToString(CultureInfo.InvariantCulture),
        Categories = Choice.For(Enum.GetValues<DriverCategory>(), []),
        Goals = Choice.For(goals, []),
    };

    public static DriverForm From(DriverDto dto, IEnumerable<int> goals) => new()
    {
        Categories = Choice.For(Enum.GetValues<DriverCategory>(), dto.Categories),
        Text = dto.Text,
        Goals = Choice.For(goals, dto.GoalIds),
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; <paramref name="fixedActor"/> is the actor of an existing driver (null: the actor is picked).</summary>
    public DriverInput? ToInput(FormErrors errors, int? fixedActor, int missionId, IReadOnlyCollection<int> missionGoalIds)
    {
        var actor = fixedActor ?? errors.WholeNumber("actorId", ActorId);
        var version = errors.WholeNumber("version", Version, required: fixedActor is not null);
        var input = new DriverInput(actor ?? 0, missionId, Choice.Enums<DriverCategory>(Categories), Text, Choice.Ids(Goals), version);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i, missionGoalIds));
    }
}
