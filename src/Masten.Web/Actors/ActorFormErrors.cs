using Masten.Core.Common;
using Masten.Web.Accounts;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>What the actor forms share beyond the common form helpers: the domain rules after parsing, the refusal to change another actor's data, and the save on behalf of an actor.</summary>
public static class ActorFormErrors
{
    /// <summary>The refusal when a representative names an actor (or mission) that is not theirs to change.</summary>
    public static FieldError NotYourActor(string field) =>
        new(field, "NotYourActor", "you may only change data of the actor you represent.");

    /// <summary>
    /// The parsed input when parsing found nothing wrong; otherwise null, with what the domain rules
    /// also say about the fields parsing left alone, so that one post names every wrong field.
    /// </summary>
    public static TInput? Checked<TInput>(this FormErrors errors, TInput input, Action<TInput> rules) where TInput : class
    {
        if (!errors.Any)
            return input;
        try
        {
            rules(input);
        }
        catch (DomainException ex)
        {
            errors.AddRange(ex.Errors.Where(e => !errors.Has(e.Field)));
        }
        return null;
    }

    /// <summary>
    /// Saves a record of one actor in a mission, if the person may contribute for that actor (a representative only
    /// for their own); null when refused, with the refusal on <paramref name="field"/>, or when the record is gone
    /// (no errors: the page shows not found). The rules' refusal is left to the page's save (<see cref="RecordPage"/>).
    /// </summary>
    public static async Task<TSaved?> SaveForActorAsync<TSaved>(this AccessService access, FormErrors errors, int missionId, int actorId,
        Func<Task<TSaved?>> save, string field = "actorId") where TSaved : class
    {
        if (await access.MayContributeForAsync(missionId, actorId))
            return await save();
        errors.Add(NotYourActor(field));
        return null;
    }
}
