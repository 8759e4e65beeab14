using Masten.Data;
using Masten.Web.Accounts;
using Masten.Web.Components.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Masten.Web.Actors;

/// <summary>
/// The edit page of one actor's record in a mission (a commitment or a driver): <c>/missions/{MissionId}/…/new</c>
/// (with <c>?actor=</c> to preselect) and <c>/…/{Id}/edit</c>. It holds what both pages load (the mission with its
/// goals, the actor, the actor picker of a new record) and saves on behalf of the actor (<see cref="ActorFormErrors.SaveForActorAsync"/>).
/// </summary>
public abstract class ActorRecordEdit<TForm> : RecordPage where TForm : class
{
    [Parameter] public int? Id { get; set; }
    [Parameter] public int? MissionId { get; set; }
    [SupplyParameterFromQuery(Name = "actor")] protected int? Actor { get; set; }
    [SupplyParameterFromForm] protected TForm? Form { get; set; }
    [CascadingParameter] protected HttpContext? HttpContext { get; set; }
    [Inject] protected AccessService Access { get; set; } = default!;
    [Inject] protected MastenDbContext Db { get; set; } = default!;

    protected FormErrors Errors { get; } = new();

    /// <summary>The record's mission with its goals, once loaded.</summary>
    protected MissionGoals Mission { get; private set; } = null!;

    /// <summary>The actor of a stored record, or of a new one whose actor is fixed; <see cref="ActorPicker"/> chooses it otherwise.</summary>
    protected int ActorId { get; set; }
    protected string ActorName { get; set; } = "";
    protected PickerModel? ActorPicker { get; set; }

    /// <summary>
    /// Loads the mission of the record (<paramref name="recordMissionId"/> for a stored one, else the route's) with its goals;
    /// false when there is no such mission.
    /// </summary>
    protected async Task<bool> LoadMissionAsync(int? recordMissionId)
    {
        if (await MissionGoals.LoadAsync(Db, recordMissionId ?? MissionId ?? 0) is not { } goals)
            return false;
        Mission = goals;
        return true;
    }

    /// <summary>
    /// Saves the form on behalf of the actor it names, unless the post was a search of the actor picker: parses it with
    /// <paramref name="parse"/> (null when it did not parse), saves it with <paramref name="save"/> and goes to the
    /// mission's actors page at <paramref name="fragment"/>.
    /// </summary>
    protected async Task SaveForActorAsync<TInput, TSaved>(Func<TInput?> parse, Func<TInput, int> actorOf, Func<TInput, Task<TSaved?>> save, string fragment)
        where TInput : class where TSaved : class
    {
        if (PickerModel.IsSearch(HttpContext) || parse() is not { } input)
            return;
        await SaveAsync(Errors, input, () => Access.SaveForActorAsync(Errors, Mission.MissionId, actorOf(input), () => save(input)),
            _ => Saved.Url($"/missions/{Mission.MissionId}/actors#{fragment}"));
    }
}
