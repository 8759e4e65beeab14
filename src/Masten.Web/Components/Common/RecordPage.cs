using Masten.Core.Common;
using Microsoft.AspNetCore.Components;

namespace Masten.Web.Components.Common;

/// <summary>
/// A page that shows a record it loads first: <c>@inherits RecordPage</c>, override <see cref="LoadAsync"/> to load
/// the record and say whether it exists, and start the markup with <c>@if (!Found) { return; }</c>.
/// Nothing renders until the load is done (on an asynchronous database a first render would otherwise show an
/// empty page); a record that does not exist answers 404 with the not-found page. A save that finds the record
/// gone calls <see cref="ShowNotFound"/>; an edit page saves its form through <see cref="SaveAsync{TSaved}"/>.
/// </summary>
public abstract class RecordPage : ComponentBase
{
    [Inject] private NavigationManager Navigator { get; set; } = default!;

    /// <summary>True once <see cref="LoadAsync"/> has found the record; the page renders nothing while it is false.</summary>
    protected bool Found { get; private set; }

    /// <summary>Loads what the page shows; false when its record does not exist.</summary>
    protected abstract Task<bool> LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        if (await LoadAsync())
            Found = true;
        else
            ShowNotFound();
    }

    /// <summary>Answers 404 with the not-found page instead of this page.</summary>
    protected void ShowNotFound()
    {
        Found = false;
        Navigator.NotFound();
    }

    /// <summary>
    /// The save of an edit page (post, redirect, get): runs <paramref name="save"/>; the store's refusal
    /// (<see cref="DomainException"/>) goes on the form field by field (<see cref="FormErrors.AddSaveErrors"/>), a null
    /// answer (the record is gone) answers 404, and what was saved sends the browser to <paramref name="next"/>'s address.
    /// A form that did not parse is not saved: pass its null input as <paramref name="input"/>.
    /// </summary>
    protected async Task SaveAsync<TSaved>(FormErrors errors, object? input, Func<Task<TSaved?>> save, Func<TSaved, string> next, bool onePerField = false)
        where TSaved : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(next);
        if (input is null)
            return;
        try
        {
            if (await save() is not { } saved)
            {
                ShowNotFound();
                return;
            }
            Navigator.NavigateTo(next(saved));
        }
        catch (DomainException ex)
        {
            errors.AddSaveErrors(ex.Errors, onePerField);
        }
    }
}
