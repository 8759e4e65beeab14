using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the membership form (<c>MembershipEdit</c>) and their parsing into a <see cref="MembershipInput"/>.</summary>
public sealed class MembershipForm
{
    public string? MissionId { get; set; }
    public List<Choice> Roles { get; set; } = [];
    public string? JoinedOn { get; set; }
    public string? LeftOn { get; set; }
    public string? Version { get; set; }

    public static MembershipForm From(MembershipDto dto) => new()
    {
        MissionId = dto.MissionId.ToString(CultureInfo.InvariantCulture),
        Roles = Choice.For(Enum.GetValues<MissionRole>(), dto.Roles),
        JoinedOn = Format.Date(dto.JoinedOn),
        LeftOn = dto.LeftOn is { } left ? Format.Date(left) : null,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; <paramref name="fixedMission"/> is the mission of an existing membership (null: it is chosen).</summary>
    public MembershipInput? ToInput(FormErrors errors, int actorId, int? fixedMission)
    {
        var mission = fixedMission ?? errors.WholeNumber("missionId", MissionId);
        var joined = errors.Date("joinedOn", JoinedOn);
        var left = errors.Date("leftOn", LeftOn, required: false);
        var version = errors.WholeNumber("version", Version, required: fixedMission is not null);
        var input = new MembershipInput(actorId, mission ?? 0, Choice.Enums<MissionRole>(Roles), joined ?? default, left, version);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i));
    }
}
