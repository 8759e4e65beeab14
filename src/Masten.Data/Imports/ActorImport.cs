using Masten.Core.Actors;
using Masten.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// The import of actors and their contact people into the actor register (<see cref="ImportKind.Actors"/>), from the
/// Importera page of a mission, which keeps the file in its history. Each actor is found by its organisation number
/// (<see cref="ActorRows"/>): a new number creates the actor, a changed name or type updates it, an equal one is left
/// alone. A contact person is found among the actor's by e-mail address, else by name: a new one is added (at the
/// operational level), a changed role or name updates it. Every change is versioned and audited as an edit is, with the
/// import as its author, so importing the same file again changes nothing.
/// </summary>
internal sealed class ActorImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct) =>
        (await RunAsync(request, file, ct)).Preview;

    public Task LockAsync(ImportRequest request, CancellationToken ct) => Task.CompletedTask;

    public async Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct)
    {
        var (preview, rows) = await RunAsync(request, file, ct);
        if (preview.HasErrors || preview.Create + preview.Update == 0)
            return preview;
        var author = db.Author;
        db.Author = applying.Cause;
        try
        {
            await WriteAsync(rows, applying.Now, ct);
        }
        finally
        {
            db.Author = author;
        }
        return preview;
    }

    /// <summary>
    /// Creates the actors the register lacks and their contact people in bulk (<see cref="ImportBulk"/>); changes names,
    /// types and contact people that differ through the context. Every record gets its change record.
    /// </summary>
    private async Task WriteAsync(List<ActorRow> rows, DateTime now, CancellationToken ct)
    {
        var numbers = rows.Select(r => r.OrganisationNumber).Distinct().ToList();
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
            foreach (var a in await db.Actors.Where(a => a.OrganisationNumber != null && chunk.Contains(a.OrganisationNumber)).ToListAsync(ct))
                actors.TryAdd(a.OrganisationNumber!, a);
        var created = await ImportBulk.CreateActorsAsync(db,
            rows.Where(r => !actors.ContainsKey(r.OrganisationNumber)).Select(r => (r.OrganisationNumber, r.Country, r.Type, r.Name)), now, ct);
        var ids = actors.Values.Select(a => a.Id).ToList();
        var found = new Dictionary<(int ActorId, string Key), ContactPerson>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var c in await db.ContactPeople.Where(c => chunk.Contains(c.ActorId)).OrderBy(c => c.Id).ToListAsync(ct))
                found.TryAdd((c.ActorId, new ActorContactRow(c.Name, c.Email, c.Role).Key), c);
        var newContacts = new List<ContactPerson>();
        foreach (var r in rows)
        {
            int actorId;
            if (actors.TryGetValue(r.OrganisationNumber, out var actor))
            {
                actorId = actor.Id;
                if (actor.Name != r.Name || actor.Type != r.Type)
                {
                    actor.Name = r.Name;
                    actor.Type = r.Type;
                }
            }
            else
            {
                actorId = created[r.OrganisationNumber];
            }
            if (r.Contact is not { } contact)
                continue;
            if (found.TryGetValue((actorId, contact.Key), out var person))
            {
                person.Name = contact.Name;
                person.Email = contact.Email;
                person.Role = contact.Role;
            }
            else
            {
                person = new ContactPerson { ActorId = actorId, Name = contact.Name, Email = contact.Email, Role = contact.Role, Level = OrganisationalLevel.Operations };
                newContacts.Add(person);
                found[(actorId, contact.Key)] = person;
            }
        }
        await db.SaveChangesAsync(ct);
        await ImportBulk.InsertAsync(db, newContacts, now, ct);
    }

    private sealed record Known(string Name, ActorType Type, Dictionary<string, ActorContactRow> Contacts);

    /// <summary>Reads and checks every row and compares it with the register: the preview, and the valid rows to write.</summary>
    private async Task<(ImportPreview Preview, List<ActorRow> Rows)> RunAsync(ImportRequest request, Stream file, CancellationToken ct)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var errors = new List<ImportError>();
        var rowErrors = new List<ImportError>();
        var valid = new List<ActorRow>();
        var items = new List<ImportItem>();
        long errorCount = 0, rows = 0, rejected = 0;
        ActorHeader? header = null;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstOfActor = new Dictionary<string, ActorRow>(StringComparer.Ordinal);
        foreach (var (row, cells) in reader.Rows())
        {
            if (header is null)
            {
                header = ActorRows.MapHeader(cells.Select(ImportValues.CellText).ToList());
                continue;
            }
            rows++;
            rowErrors.Clear();
            var parsed = ActorRows.Check(row, cells, header, rowErrors);
            if (parsed is { } p)
            {
                var numberColumn = header.NameOf(ActorColumn.OrganisationNumber);
                if (!seen.TryAdd(p.Key, row))
                {
                    rowErrors.Add(new ImportError(row, numberColumn, p.OrganisationNumber, "DuplicateActorRow",
                        $"repeats the actor{(p.Contact is null ? "" : " and contact person")} of row {seen[p.Key]}; each may appear once in a file."));
                    parsed = null;
                }
                else if (firstOfActor.TryGetValue(p.OrganisationNumber, out var first) && (first.Name != p.Name || first.Type != p.Type || first.Country != p.Country))
                {
                    rowErrors.Add(new ImportError(row, numberColumn, p.OrganisationNumber, "ConflictingRow",
                        $"names the actor of row {first.Row} with another name, type or country; the rows of one actor must agree."));
                    parsed = null;
                }
                else
                {
                    firstOfActor.TryAdd(p.OrganisationNumber, p);
                }
            }
            if (parsed is null)
            {
                rejected++;
                foreach (var e in rowErrors)
                {
                    errorCount++;
                    if (errors.Count < ImportStore.ShownErrors)
                        errors.Add(e);
                }
                continue;
            }
            valid.Add(parsed);
        }
        if (header is null)
            throw new ImportFileException("EmptyFile", "The file has no rows.");
        if (rows == 0)
            throw new ImportFileException("NoRows", "The file has a header row but no data rows.");

        var known = await LoadAsync(valid.Select(r => r.OrganisationNumber).Distinct().ToList(), ct);
        long create = 0, update = 0, unchanged = 0;
        var actorCounted = new HashSet<string>(StringComparer.Ordinal);
        var createdHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in valid)
        {
            ImportRowAction action;
            var changes = new List<string>();
            if (!known.TryGetValue(r.OrganisationNumber, out var actor))
            {
                action = ImportRowAction.Create;
                known[r.OrganisationNumber] = actor = new Known(r.Name, r.Type, []);
                actorCounted.Add(r.OrganisationNumber);
                createdHere.Add(r.OrganisationNumber);
                if (r.Contact is { } c)
                    actor.Contacts[c.Key] = c;
            }
            else if (createdHere.Contains(r.OrganisationNumber))
            {
                action = ImportRowAction.Create; // a further contact person of an actor this file creates
            }
            else
            {
                if (actorCounted.Add(r.OrganisationNumber))
                {
                    if (actor.Name != r.Name)
                        changes.Add("namn");
                    if (actor.Type != r.Type)
                        changes.Add("typ");
                }
                if (r.Contact is { } c)
                {
                    if (!actor.Contacts.TryGetValue(c.Key, out var old))
                        changes.Add("ny kontaktperson");
                    else if (old != c)
                        changes.Add("kontaktperson");
                    actor.Contacts[c.Key] = c;
                }
                action = changes.Count > 0 ? ImportRowAction.Update : ImportRowAction.Unchanged;
            }
            switch (action)
            {
                case ImportRowAction.Create: create++; break;
                case ImportRowAction.Update: update++; break;
                default: unchanged++; break;
            }
            if (items.Count < ImportStore.ShownRows)
                items.Add(new ImportItem(r.Row, r.OrganisationNumber, r.Contact is { } who ? $"{r.Name} ({who.Name})" : r.Name, action, changes.Count > 0 ? string.Join(", ", changes) : null));
        }
        var preview = new ImportPreview(null, reader.Description, rows, create, update, unchanged, rejected, errorCount, errors, [], header.Ignored,
            new Dictionary<DatePrecision, long>(), Applied: false)
        {
            Kind = ImportKind.Actors,
            Items = items,
        };
        return (preview, valid);
    }

    /// <summary>The register's actors with these organisation numbers, with their contact people.</summary>
    private async Task<Dictionary<string, Known>> LoadAsync(List<string> numbers, CancellationToken ct)
    {
        var known = new Dictionary<string, Known>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            var actors = await db.Actors.AsNoTracking().Where(a => a.OrganisationNumber != null && chunk.Contains(a.OrganisationNumber))
                .Select(a => new { a.Id, a.OrganisationNumber, a.Name, a.Type }).ToListAsync(ct);
            var ids = actors.Select(a => a.Id).ToList();
            var contacts = await db.ContactPeople.AsNoTracking().Where(c => ids.Contains(c.ActorId)).Select(c => new { c.ActorId, c.Name, c.Email, c.Role }).ToListAsync(ct);
            foreach (var a in actors)
            {
                var of = new Dictionary<string, ActorContactRow>(StringComparer.Ordinal);
                foreach (var c in contacts.Where(c => c.ActorId == a.Id))
                {
                    var row = new ActorContactRow(c.Name, string.IsNullOrWhiteSpace(c.Email) ? null : c.Email, string.IsNullOrWhiteSpace(c.Role) ? null : c.Role);
                    of.TryAdd(row.Key, row);
                }
                known[a.OrganisationNumber!] = new Known(a.Name, a.Type, of);
            }
        }
        return known;
    }
}
