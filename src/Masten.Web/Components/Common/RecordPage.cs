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

    /// <summary>
    /// The record an edit page that also creates opens: none on its "new" address (<paramref name="id"/> is null), else
    /// what <paramref name="load"/> reads for the id. <c>Exists</c> is false only when the id names no record, which
    /// <see cref="LoadAsync"/> answers with false (not found).
    /// </summary>
    protected static async Task<(bool Exists, T? Record)> EditedAsync<T>(int? id, Func<int, Task<T?>> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        if (id is not { } value)
            return (true, null);
        var record = await load(value);
        return (record is not null, record);
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
    /// answer answers 404 (the record is gone) unless <paramref name="save"/> put its refusal on the form, and what was saved sends the browser to <paramref name="next"/>'s address.
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
                if (!errors.Any)
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

    /// <summary>
    /// The save of a form whose parse always gives an input, with the parse errors on <paramref name="errors"/>: with
    /// parse errors nothing is saved, but <paramref name="check"/> (the domain rules) still runs over the input so that
    /// every problem shows at once, a parse error winning its field; without, as <see cref="SaveAsync{TSaved}"/>.
    /// </summary>
    protected Task SaveAsync<TInput, TSaved>(FormErrors errors, TInput input, Action<TInput> check, Func<Task<TSaved?>> save, Func<TSaved, string> next)
        where TInput : class where TSaved : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(check);
        if (!errors.Any)
            return SaveAsync(errors, input, save, next, onePerField: true);
        try
        {
            check(input);
        }
        catch (DomainException ex)
        {
            errors.AddSaveErrors(ex.Errors, onePerField: true);
        }
        return Task.CompletedTask;
    }
}
