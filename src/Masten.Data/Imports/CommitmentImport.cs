using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Tasks;
using Masten.Data.Actors;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// The import of memberships and commitments for a mission's signing round (<see cref="ImportKind.Commitments"/>): one row per
/// commitment, read and checked by <see cref="CommitmentRows"/>, keyed by its id or else by its actor, round and text. An actor that
/// does not take part in the mission yet gets its membership (the row's roles, Partner when none; joined today). A new commitment is
/// created proposed and never signed (<see cref="PaperSignatures.CheckCreate"/>), a changed one is saved as an edit is (which keeps
/// its signature: <see cref="TaskRules.CheckEditKeepsSignature"/>), an equal one is left alone, so importing a file again changes
/// nothing. Each row is also checked against <see cref="ActorRules"/>, as the form is. The writes go through <see cref="ActorStore"/>
/// in the store's transaction, each change record with the import as its cause.
/// </summary>
internal sealed class CommitmentImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    public Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct) => RunAsync(request, file, null, ct);

    public Task LockAsync(ImportRequest request, CancellationToken ct) => Task.CompletedTask; // the mission's row lock covers its memberships and commitments

    public Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct) => RunAsync(request, file, applying, ct);

    private sealed record Change(int? Id, CommitmentInput Input, bool CommitmentChanges, IReadOnlyList<MissionRole>? NewMembership);

    private async Task<ImportPreview> RunAsync(ImportRequest request, Stream file, ImportApplying? applying, CancellationToken ct)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var missionId = request.MissionId;
        var today = db.Clock.Today();
        var members = (await db.Memberships.AsNoTracking().Where(m => m.MissionId == missionId).Select(m => m.ActorId).ToListAsync(ct)).ToHashSet();
        var actors = await db.Actors.AsNoTracking().Where(a => a.OrganisationNumber != null).Select(a => new { a.Id, a.OrganisationNumber }).ToListAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == missionId).Select(g => new ImportGoal(g.Id, g.Title)).ToListAsync(ct);
        var goalIds = goals.Select(g => g.Id).ToHashSet();
        var rounds = await db.SigningRounds.AsNoTracking().Where(r => r.MissionId == missionId).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var tiers = await new ActorStore(db).TiersAsync(missionId, ct);
        var stored = await db.Commitments.AsNoTracking().Where(c => c.MissionId == missionId)
            .Select(c => new ImportedCommitment(c.Id, c.ActorId, c.RoundId, c.Text, c.Tier, c.GoalIds, c.PledgedMoney, c.Currency, c.PersonYears, c.DueDate,
                c.Status, c.EvidenceNotes, c.EvidenceLinks, c.Signatory, c.SignedOn, c.Version)).ToListAsync(ct);

        var (preview, changes) = ImportRows.Run<CommitmentRows, Change>(reader, ImportKind.Commitments,
            header =>
            {
                var rows = new CommitmentRows(CommitmentRows.MapHeader(header), actors.Select(a => new ImportActor(a.Id, a.OrganisationNumber!, members.Contains(a.Id))),
                    rounds.Select((r, i) => new ImportRound(r.Id, r.Name, i == 0)), goals, stored);
                return (rows, rows.Header.Ignored);
            },
            (rows, row, cells, errors) =>
            {
                if (rows.Check(row, cells, errors) is not { } checkedRow)
                    return null;
                var existing = checkedRow.ExistingId is { } id ? rows.Stored(id) : null;
                var (action, input) = CommitmentRows.Merge(missionId, checkedRow, rows.Header, existing);
                // The form's rules, then the signature rules: every broken rule named by its row and column.
                var before = errors.Count;
                foreach (var rule in (Action[])[
                    () => ActorRules.Validate(input, goalIds, tiers),
                    existing is null
                        ? () => PaperSignatures.CheckCreate(input.Status, input.SignedOn, input.Signatory)
                        : () => TaskRules.CheckEditKeepsSignature(existing.Status, existing.SignedOn, existing.Signatory, input.Status, input.SignedOn, input.Signatory)])
                {
                    try
                    {
                        rule();
                    }
                    catch (DomainException e)
                    {
                        errors.AddRange(e.Errors.Select(f => new ImportError(row, rows.Header.NameOf(CommitmentRows.ColumnOfField(f.Field)), Value(rows.Header, cells, f.Field), f.Code, f.Message)));
                    }
                }
                if (errors.Count > before)
                    return null;
                var item = new ImportItem(row, existing is null ? checkedRow.OrganisationNumber : $"{checkedRow.OrganisationNumber} #{existing.Id}",
                    $"{checkedRow.RoundName}: {Short(input.Text!)}", action, Described(existing, input, checkedRow.NewMembership));
                return new CheckedRow<Change>(action, item, action == ImportRowAction.Unchanged ? null
                    : new Change(existing?.Id, input, existing is null || CommitmentRows.Changes(existing, input).Count > 0, checkedRow.NewMembership));
            });
        if (applying is not null && !preview.HasErrors)
            await WriteAsync(missionId, today, changes, applying, ct);
        return preview;
    }

    /// <summary>Saves the changes as the forms do (the membership first), each change record under the import's cause.</summary>
    private Task WriteAsync(int missionId, DateOnly today, List<Change> changes, ImportApplying applying, CancellationToken ct) =>
        ImportRows.AsCauseAsync(db, applying, async () =>
        {
            var store = new ActorStore(db);
            foreach (var (i, change) in changes.Index())
            {
                if (change.NewMembership is { } roles)
                    await store.CreateMembershipAsync(new MembershipInput(change.Input.ActorId, missionId, roles, today), ct);
                if (change.Id is { } id && change.CommitmentChanges)
                    await store.UpdateCommitmentAsync(id, change.Input, ct);
                else if (change.Id is null)
                    await store.CreateCommitmentAsync(change.Input, ct);
                applying.Progress?.Report(i + 1);
            }
        });

    /// <summary>What a row changes, for the preview: the membership it creates and the commitment's fields by their column names.</summary>
    private static string? Described(ImportedCommitment? before, CommitmentInput after, IReadOnlyList<MissionRole>? newMembership)
    {
        var parts = new List<string>();
        if (newMembership is not null)
            parts.Add($"membership ({string.Join(", ", newMembership.Select(r => r.ToString().ToLowerInvariant()))})");
        if (before is not null)
            parts.AddRange(CommitmentRows.Changes(before, after));
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string? Value(ColumnMap<CommitmentColumn> header, IReadOnlyList<object?> cells, string field) =>
        header.Has(CommitmentRows.ColumnOfField(field)) ? header.Text(cells, CommitmentRows.ColumnOfField(field)) : null;

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
