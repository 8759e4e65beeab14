using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Portfolio;
using Masten.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// The import of initiatives into a mission (<see cref="ImportKind.Initiatives"/>): one row per initiative, read and checked by
/// <see cref="InitiativeRows"/>, keyed by its id or else its title. A new initiative is created, a changed one is saved as an edit
/// is (a new version; a new stage goes into its stage history), an equal one is left alone, so importing a file again changes
/// nothing. Each row is also checked against <see cref="PortfolioRules"/>, as the form is, and a broken rule is named by its row
/// and column. The writes go through <see cref="PortfolioStore"/> in the store's transaction, each change record with the import
/// as its cause.
/// </summary>
internal sealed class InitiativeImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    public Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct) => RunAsync(request, file, null, ct);

    public Task LockAsync(ImportRequest request, CancellationToken ct) => Task.CompletedTask; // the mission's row lock covers its initiatives

    public Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct) => RunAsync(request, file, applying, ct);

    private sealed record Change(long Row, int? Id, InitiativeInput Input);

    private async Task<ImportPreview> RunAsync(ImportRequest request, Stream file, ImportApplying? applying, CancellationToken ct)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var missionId = request.MissionId;
        var stored = await LoadAsync(missionId, ct);
        var members = (await db.Memberships.AsNoTracking().Where(m => m.MissionId == missionId).Select(m => m.ActorId).ToListAsync(ct)).ToHashSet();
        var actors = await db.Actors.AsNoTracking().Where(a => a.OrganisationNumber != null).Select(a => new { a.Id, a.OrganisationNumber }).ToListAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == missionId).Select(g => new ImportGoal(g.Id, g.Title)).ToListAsync(ct);
        var indicatorGoals = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId).ToDictionaryAsync(i => i.Id, i => i.GoalId, ct);
        var goalIds = goals.Select(g => g.Id).ToHashSet();
        var allActorIds = (await db.Actors.AsNoTracking().Select(a => a.Id).ToListAsync(ct)).ToHashSet();

        var (preview, changes) = ImportRows.Run<InitiativeRows, Change>(reader, ImportKind.Initiatives,
            header =>
            {
                var rows = new InitiativeRows(InitiativeRows.MapHeader(header), actors.Select(a => new ImportActor(a.Id, a.OrganisationNumber!, members.Contains(a.Id))), goals,
                    stored.Values.Select(i => (i.Id, i.Title)));
                return (rows, rows.Header.Ignored);
            },
            (rows, row, cells, errors) =>
            {
                if (rows.Check(row, cells, errors) is not { } checkedRow)
                    return null;
                var existing = checkedRow.ExistingId is { } id ? stored[id] : null;
                var (action, input) = InitiativeRows.Merge(missionId, checkedRow, rows.Header, existing);
                try
                {
                    PortfolioRules.Validate(input, goalIds, indicatorGoals, members, allActorIds);
                }
                catch (DomainException e)
                {
                    errors.AddRange(e.Errors.Select(f => new ImportError(row, rows.Header.NameOf(InitiativeRows.ColumnOfField(f.Field)), null, f.Code, f.Message)));
                    return null;
                }
                var item = new ImportItem(row, existing is null ? "–" : $"#{existing.Id}", input.Title!, action, existing is null ? null : Changed(existing, input));
                return new CheckedRow<Change>(action, item, action == ImportRowAction.Unchanged ? null : new Change(row, existing?.Id, input));
            });
        if (applying is not null && !preview.HasErrors)
            await WriteAsync(changes, applying, ct);
        return preview;
    }

    /// <summary>Saves the changes as the form does, each change record under the import's cause.</summary>
    private Task WriteAsync(List<Change> changes, ImportApplying applying, CancellationToken ct) =>
        ImportRows.AsCauseAsync(db, applying, async () =>
        {
            var store = new PortfolioStore(db);
            foreach (var (i, change) in changes.Index())
            {
                if (change.Id is { } id)
                    await store.UpdateInitiativeAsync(id, change.Input, ct);
                else
                    await store.CreateInitiativeAsync(change.Input, ct);
                applying.Progress?.Report(i + 1);
            }
        });

    private async Task<Dictionary<int, ImportedInitiative>> LoadAsync(int missionId, CancellationToken ct)
    {
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => i.MissionId == missionId)
            .Include(i => i.Contributions).Include(i => i.Funding).AsSplitQuery().ToListAsync(ct);
        return initiatives.ToDictionary(i => i.Id, i => new ImportedInitiative(i.Id, i.Title, i.Description, i.Type, i.LeadActorId, i.PartnerActorIds, i.Stage,
            i.Budget, i.Currency, i.StartDate, i.EndDate, i.Levers,
            [.. i.Contributions.OrderBy(c => c.Id).Select(c => new ContributionInput(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence))],
            [.. i.Funding.OrderBy(f => f.Id).Select(f => new FundingInput(f.FunderActorId, f.Amount, f.Currency))],
            i.Version));
    }

    /// <summary>The fields a row changes, by their column names, for the preview.</summary>
    private static string Changed(ImportedInitiative before, InitiativeInput after)
    {
        var fields = new List<string>();
        void If(bool changed, string name)
        {
            if (changed)
                fields.Add(name);
        }
        If(before.Title != after.Title, "title");
        If(before.Description != after.Description, "description");
        If(before.Type != after.Type, "type");
        If(before.LeadActorId != after.LeadActorId, "lead");
        If(!before.PartnerActorIds.Order().SequenceEqual(after.PartnerActorIds!), "partners");
        If(!before.Contributions.Select(c => c.GoalId).Order().SequenceEqual(after.Contributions!.Select(c => c.GoalId).Order()), "goals");
        If(!before.Levers.Order().SequenceEqual(after.Levers!), "levers");
        If(before.Budget != after.Budget || before.Currency != after.Currency, "budget");
        If(before.Stage != after.Stage, "stage");
        If(before.StartDate != after.StartDate || before.EndDate != after.EndDate, "dates");
        return string.Join(", ", fields);
    }
}
