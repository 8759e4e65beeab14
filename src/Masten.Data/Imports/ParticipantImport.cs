using Masten.Core.Actors;
using Masten.Core.Imports;
using Masten.Core.Journeys;
using Masten.Data.Journeys;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// The import of participants into a mission's journey (<see cref="ImportKind.Participants"/>): one row per company,
/// keyed by organisation number or CVR number, checked by <see cref="ParticipantRows"/>. A number the register lacks
/// creates a company actor; a company not yet taking part is added, one taking part is changed (a new navigator is
/// recorded as a reassignment, so the earlier one stays in its history) or left alone when nothing differs, so
/// re-importing a file changes nothing. New actors, participants and navigator assignments are written in bulk
/// (<see cref="ImportBulk"/>), changes through the context; each record gets its change record with the import as its
/// author. Then the journey's started indicator is counted again in the same transaction.
/// </summary>
internal sealed class ParticipantImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    private sealed record Loaded(ParticipantImportContext Context, DateOnly Today);

    public async Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct)
    {
        var loaded = await LoadAsync(request.MissionId, ct);
        var (preview, _) = Read(request, file, loaded);
        return await WithNamesAsync(preview, ct);
    }

    /// <summary>Nothing beyond the mission's row: participants are written only under it.</summary>
    public Task LockAsync(ImportRequest request, CancellationToken ct) => Task.CompletedTask;

    public async Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct)
    {
        var loaded = await LoadAsync(request.MissionId, ct);
        var (preview, rows) = Read(request, file, loaded);
        applying.Progress?.Report(preview.Rows);
        if (preview.HasErrors || preview.Create + preview.Update == 0)
            return preview;
        var author = db.Author;
        db.Author = applying.Cause;
        try
        {
            await WriteAsync(request.MissionId, rows, applying.Now, ct);
            await new JourneyStore(db).RecordStartedCountAsync(request.MissionId, ct);
        }
        finally
        {
            db.Author = author;
        }
        return await WithNamesAsync(preview, ct);
    }

    /// <summary>The register's numbers, the mission's participants with their first recorded date, and its navigators: five reads.</summary>
    private async Task<Loaded> LoadAsync(int missionId, CancellationToken ct)
    {
        if (!await db.Journeys.AnyAsync(j => j.MissionId == missionId, ct))
            throw new ImportFileException("NoJourney", "The mission has no journey yet: define its steps before importing participants.");
        var actors = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var a in db.Actors.AsNoTracking().Where(a => a.OrganisationNumber != null).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.OrganisationNumber }).AsAsyncEnumerable().WithCancellation(ct))
            actors.TryAdd(a.OrganisationNumber!, a.Id);
        var ofMission = db.Participants.AsNoTracking().Where(p => p.MissionId == missionId);
        var firstEvent = await db.StepEvents.AsNoTracking().Where(e => ofMission.Any(p => p.Id == e.ParticipantId))
            .GroupBy(e => e.ParticipantId).Select(g => new { Id = g.Key, First = g.Min(e => e.Date) }).ToDictionaryAsync(x => x.Id, x => x.First, ct);
        var firstActivity = await (from x in db.ActivityAttendees
                                   join a in db.JourneyActivities on x.ActivityId equals a.Id
                                   where a.MissionId == missionId
                                   group a.Date by x.ParticipantId into g
                                   select new { Id = g.Key, First = g.Min() }).ToDictionaryAsync(x => x.Id, x => x.First, ct);
        var participants = new Dictionary<int, ExistingParticipant>();
        await foreach (var p in ofMission.Select(p => new { p.Id, p.ActorId, p.Cohort, p.MunicipalityCode, p.RegionCode, p.Sector, p.SizeClass, p.NavigatorId, p.JoinedOn, p.LeftOn, p.LeftReason })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            DateOnly? first = (firstEvent.TryGetValue(p.Id, out var e), firstActivity.TryGetValue(p.Id, out var a)) switch
            {
                (true, true) => e < a ? e : a,
                (true, false) => e,
                (false, true) => a,
                _ => null,
            };
            participants[p.ActorId] = new ExistingParticipant(p.Id,
                new ParticipantValues(p.Cohort, p.MunicipalityCode, p.RegionCode, p.Sector, p.SizeClass, p.NavigatorId, p.JoinedOn, p.LeftOn, p.LeftReason), first);
        }
        var navigatorIds = await new JourneyStore(db).NavigatorIdsAsync(missionId, ct);
        var navigators = await db.Users.AsNoTracking().Where(u => navigatorIds.Contains(u.Id)).Select(u => new ImportNavigator(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
        return new Loaded(new ParticipantImportContext(actors, participants, navigators), db.Clock.Today());
    }

    /// <summary>Reads every row and checks it; returns the preview and the valid rows (all of them when there is no error).</summary>
    private (ImportPreview Preview, List<ParticipantImportRow> Rows) Read(ImportRequest request, Stream file, Loaded loaded)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var errors = new List<ImportError>();
        var rowErrors = new List<ImportError>();
        var valid = new List<ParticipantImportRow>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long errorCount = 0, rows = 0, rejected = 0;
        ParticipantHeader? header = null;
        foreach (var (row, cells) in reader.Rows())
        {
            if (header is null)
            {
                header = ParticipantRows.MapHeader(cells.Select(ImportValues.CellText).ToList());
                continue;
            }
            rows++;
            rowErrors.Clear();
            if (ParticipantRows.Check(row, cells, header, loaded.Context, loaded.Today, seen, rowErrors) is { } checkedRow)
            {
                valid.Add(checkedRow);
                continue;
            }
            rejected++;
            foreach (var e in rowErrors)
            {
                errorCount++;
                if (errors.Count < ImportStore.ShownErrors)
                    errors.Add(e);
            }
        }
        if (header is null)
            throw new ImportFileException("EmptyFile", "The file has no rows.");
        if (rows == 0)
            throw new ImportFileException("NoRows", "The file has a header row but no data rows.");
        var existing = loaded.Context.ParticipantsByActor.Values.ToDictionary(p => p.Id, p => p.Values);
        var items = valid.Take(ImportStore.ShownRows)
            .Select(r => new ImportItem(r.Row, r.OrganisationNumber, r.Name ?? "", r.Action,
                r.Action == ImportRowAction.Update && r.ParticipantId is { } id ? Changes(existing[id], r.Values) : null))
            .ToList();
        var preview = new ImportPreview(null, reader.Description, rows,
            valid.Count(r => r.Action == ImportRowAction.Create), valid.Count(r => r.Action == ImportRowAction.Update), valid.Count(r => r.Action == ImportRowAction.Unchanged),
            rejected, errorCount, errors, [], header.Ignored, new Dictionary<DatePrecision, long>(), Applied: false)
        {
            Kind = ImportKind.Participants,
            Items = items,
        };
        return (preview, valid);
    }

    /// <summary>The fields an update changes, by their English column names.</summary>
    private static string Changes(ParticipantValues before, ParticipantValues after)
    {
        var changed = new List<string>();
        void Check(bool differs, ParticipantColumn column)
        {
            if (differs)
                changed.Add(ParticipantRows.EnglishName(column));
        }
        Check(before.Cohort != after.Cohort, ParticipantColumn.Cohort);
        Check(before.MunicipalityCode != after.MunicipalityCode, ParticipantColumn.MunicipalityCode);
        Check(before.RegionCode != after.RegionCode, ParticipantColumn.RegionCode);
        Check(before.Sector != after.Sector, ParticipantColumn.Sector);
        Check(before.SizeClass != after.SizeClass, ParticipantColumn.SizeClass);
        Check(before.NavigatorId != after.NavigatorId, ParticipantColumn.Navigator);
        Check(before.JoinedOn != after.JoinedOn, ParticipantColumn.JoinedOn);
        Check(before.LeftOn != after.LeftOn, ParticipantColumn.LeftOn);
        Check(before.LeftReason != after.LeftReason, ParticipantColumn.LeftReason);
        return string.Join(", ", changed);
    }

    /// <summary>The sample's names of companies already in the register, in one read.</summary>
    private async Task<ImportPreview> WithNamesAsync(ImportPreview preview, CancellationToken ct)
    {
        var numbers = preview.Items.Where(i => i.Name.Length == 0).Select(i => i.Key).ToList();
        if (numbers.Count == 0)
            return preview;
        var names = (await db.Actors.AsNoTracking().Where(a => numbers.Contains(a.OrganisationNumber!)).OrderBy(a => a.Id)
            .Select(a => new { a.OrganisationNumber, a.Name }).ToListAsync(ct))
            .GroupBy(a => a.OrganisationNumber!).ToDictionary(g => g.Key, g => g.First().Name);
        return preview with { Items = preview.Items.Select(i => i.Name.Length > 0 ? i : i with { Name = names.GetValueOrDefault(i.Key) ?? "" }).ToList() };
    }

    /// <summary>
    /// Creates the missing actors and adds the new participants in bulk (<see cref="ImportBulk"/>), changes the participants
    /// that differ through the context, and records each navigator assignment in bulk; every record gets its change record.
    /// </summary>
    private async Task WriteAsync(int missionId, List<ParticipantImportRow> rows, DateTime now, CancellationToken ct)
    {
        var creating = rows.Where(r => r.Action == ImportRowAction.Create).ToList();
        var newActors = await ImportBulk.CreateActorsAsync(db,
            creating.Where(r => r.ActorId is null).Select(r => (r.OrganisationNumber, r.Country, ActorType.Company, r.Name!)), now, ct);

        var updates = rows.Where(r => r.Action == ImportRowAction.Update).ToDictionary(r => r.ParticipantId!.Value);
        var reassigned = new List<Participant>();
        foreach (var chunk in updates.Keys.Chunk(500))
        {
            foreach (var p in await db.Participants.Where(p => chunk.Contains(p.Id)).ToListAsync(ct))
            {
                var v = updates[p.Id].Values;
                if (p.NavigatorId != v.NavigatorId)
                    reassigned.Add(p);
                Apply(p, v);
            }
        }
        await db.SaveChangesAsync(ct);

        var added = new List<Participant>(creating.Count);
        foreach (var r in creating)
        {
            var participant = new Participant { MissionId = missionId, ActorId = r.ActorId ?? newActors[r.OrganisationNumber] };
            Apply(participant, r.Values);
            added.Add(participant);
        }
        await ImportBulk.InsertAsync(db, added, now, ct);

        var assignments = added.Where(p => p.NavigatorId is not null).Concat(reassigned)
            .Select(p => new NavigatorAssignment { ParticipantId = p.Id, NavigatorId = p.NavigatorId, AssignedAt = now, AssignedBy = db.Author }).ToList();
        await ImportBulk.InsertAsync(db, assignments, now, ct);
    }

    private static void Apply(Participant p, ParticipantValues v)
    {
        p.Cohort = v.Cohort;
        p.MunicipalityCode = v.MunicipalityCode;
        p.RegionCode = v.RegionCode;
        p.Sector = v.Sector;
        p.SizeClass = v.SizeClass;
        p.NavigatorId = v.NavigatorId;
        p.JoinedOn = v.JoinedOn;
        p.LeftOn = v.LeftOn;
        p.LeftReason = v.LeftReason;
    }
}
