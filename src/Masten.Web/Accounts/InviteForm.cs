using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Accounts;

/// <summary>
/// The posted strings of the invitation form on the members page (<c>Members</c>) and their parsing
/// into a <see cref="MemberInvitation"/>.
/// </summary>
public sealed class InviteForm
{
    public string? Role { get; set; } = nameof(AccessRole.Editor);
    public string? ActorId { get; set; }
    public string? Email { get; set; }
    public string? Days { get; set; } = "7";
    public NewActorForm? NewActor { get; set; } = new();

    /// <summary>
    /// The invitation, or null with field-named errors. The new organisation counts only for a
    /// mission and only when it is given a name; its fields are parsed once the rest is sound.
    /// </summary>
    public MemberInvitation? ToInput(FormErrors errors, bool forMission)
    {
        var days = errors.WholeNumber("days", Days);
        var actorId = errors.WholeNumber("actorId", ActorId, required: false);
        var role = errors.Enum<AccessRole>("role", Role);
        if (errors.Any)
            return null;
        var newActor = forMission && !string.IsNullOrWhiteSpace(NewActor?.Name) ? NewActor : null;
        var type = newActor is null ? default : errors.Enum<ActorType>("newActor.type", newActor.Type) ?? default;
        var country = newActor is null ? default : errors.Enum<Country>("newActor.country", newActor.Country) ?? default;
        if (errors.Any)
            return null;
        var actorInput = newActor is null ? null : new ActorInput(newActor.Name, type, country, newActor.OrganisationNumber, null, null);
        return new MemberInvitation(role!.Value, actorId, Email, days!.Value, actorInput);
    }
}

/// <summary>An organisation registered with the invitation; left empty, none is.</summary>
public sealed class NewActorForm
{
    public string? Name { get; set; }
    public string? Type { get; set; } = nameof(ActorType.Municipality);
    public string? Country { get; set; } = nameof(Masten.Core.Actors.Country.Sweden);
    public string? OrganisationNumber { get; set; }
}

/// <summary>What the invitation form asks for: a role for an actor (or none), an address it is bound to (or none), how many days it lasts, and perhaps a new organisation.</summary>
public sealed record MemberInvitation(AccessRole Role, int? ActorId, string? Email, int Days, ActorInput? NewActor);
