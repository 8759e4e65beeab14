using Masten.Core.Common;

namespace Masten.Web.Actors;

/// <summary>Errors the actor forms add themselves, beyond parsing and the domain rules.</summary>
public static class ActorFormErrors
{
    /// <summary>The refusal when a representative names an actor (or mission) that is not theirs to change.</summary>
    public static FieldError NotYourActor(string field) =>
        new(field, "NotYourActor", "you may only change data of the actor you represent.");
}
