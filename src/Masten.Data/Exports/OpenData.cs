using Masten.Core.Exports;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>A published mission as the open-data page and the catalogue describe it.</summary>
public sealed record OpenMission(int Id, string Title, string Statement, int ProgrammeId, string Programme, string? ProgrammeOffice,
    string Language, int BaselineYear, int HorizonYear, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>
/// The open data of published missions (<see cref="OpenDataTables"/>): which missions are published, and each
/// table's rows as one streamed, ordered query, in the dictionary's column order. A draft is never open, even to a
/// context that may see it. The queries name only the columns the dictionary lists, so a personal field (a contact,
/// a user name, an account id) cannot reach a file by accident.
/// </summary>
public static class OpenData
{
    /// <summary>
    /// Limits <paramref name="db"/> to the published missions and their programmes, whoever asks: open data is the
    /// same for everyone, and a draft never appears, not even to its editors. The open-data routes call this first
    /// (their file routes end in an extension, which the request's own visibility step passes by).
    /// </summary>
    public static async Task SeePublishedOnlyAsync(MastenDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.Missions.IgnoreQueryFilters().AsNoTracking().Where(m => m.Status != MissionStatus.Draft)
            .Select(m => new { m.Id, m.ProgrammeId }).ToListAsync(ct);
        db.SeeOnly(published.Select(m => m.Id).ToHashSet(), published.Select(m => m.ProgrammeId).ToHashSet());
    }

    /// <summary>The published missions, by programme and title, optionally only one programme's.</summary>
    public static Task<List<OpenMission>> MissionsAsync(MastenDbContext db, int? programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Published(db).Where(m => programmeId == null || m.ProgrammeId == programmeId)
            .Join(db.Programmes.IgnoreQueryFilters(), m => m.ProgrammeId, p => p.Id, (m, p) => new { m, p })
            .OrderBy(x => x.p.Name).ThenBy(x => x.m.Title).ThenBy(x => x.m.Id)
            .Select(x => new OpenMission(x.m.Id, x.m.Title, x.m.Statement, x.p.Id, x.p.Name, x.p.ProgrammeOffice, x.m.Language, x.m.BaselineYear, x.m.HorizonYear, x.m.CreatedAt, x.m.UpdatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The published mission <paramref name="missionId"/>, or null when there is none (or it is a draft).</summary>
    public static async Task<OpenMission?> MissionAsync(MastenDbContext db, int missionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = missionId;
        return await Published(db).Where(m => m.Id == id)
            .Join(db.Programmes.IgnoreQueryFilters(), m => m.ProgrammeId, p => p.Id, (m, p) => new OpenMission(
                m.Id, m.Title, m.Statement, p.Id, p.Name, p.ProgrammeOffice, m.Language, m.BaselineYear, m.HorizonYear, m.CreatedAt, m.UpdatedAt))
            .FirstOrDefaultAsync(ct);
    }

    private static IQueryable<Mission> Published(MastenDbContext db) => db.Missions.AsNoTracking().Where(m => m.Status != MissionStatus.Draft);

    /// <summary>
    /// The file of <paramref name="table"/> for the published mission <paramref name="missionId"/> (its rows are read
    /// as the file is written), or null when the table is unknown. The caller has checked that the mission is published.
    /// </summary>
    public static async Task<TableFile?> TableAsync(MastenDbContext db, int missionId, string table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (table == OpenDataTables.Dictionary.Name)
            return File(OpenDataTables.Dictionary, OpenDataTables.DictionaryRows().ToAsyncEnumerable());
        if (OpenDataTables.Find(table) is not { } definition || await RowsAsync(db, missionId, table, ct) is not { } rows)
            return null;
        return File(definition, rows.AsAsyncEnumerable());
    }

    /// <summary>The rows of <paramref name="table"/> for the mission, in the column order of its definition; null for an unknown table.</summary>
    private static async Task<IQueryable<object?[]>?> RowsAsync(MastenDbContext db, int id, string table, CancellationToken ct)
    {
        var indicators = db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == id);
        var initiatives = db.Initiatives.AsNoTracking().Where(i => i.MissionId == id);
        switch (table)
        {
            case "mission":
                return Published(db).Where(m => m.Id == id)
                    .Join(db.Programmes.IgnoreQueryFilters(), m => m.ProgrammeId, p => p.Id, (m, p) => new object?[]
                        { m.Id, p.Name, p.ProgrammeOffice, m.Title, m.Statement, m.BaselineYear, m.HorizonYear, m.Status, m.Language, m.UpdatedAt });
            case "goals":
                return db.Goals.AsNoTracking().Where(g => g.MissionId == id).OrderBy(g => g.Id)
                    .Select(g => new object?[] { g.Id, g.ParentId, g.Order, g.Title, g.Description, g.Weight });
            case "indicators":
                return indicators.OrderBy(i => i.Id).Select(i => new object?[]
                    { i.Id, i.GoalId, i.Code, i.Name, i.Description, i.Unit, i.Direction, i.Frequency, i.Source, i.BaselineDate, i.BaselineValue, i.Shape, i.Weight, i.ReportingActorId });
            case "targets":
                return db.IndicatorTargets.AsNoTracking().Join(indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { t, i.Code, i.Unit })
                    .OrderBy(x => x.t.Id).Select(x => new object?[] { x.t.Id, x.t.IndicatorId, x.Code, x.t.Date, x.t.Value, x.Unit });
            case "observations":
                // No EnteredBy and no CorrectionReason: the first is a user name, the second can name one ("import #12 by …").
                return db.Observations.AsNoTracking().Join(indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { o, i.Code, i.Unit })
                    .OrderBy(x => x.o.Id).Select(x => new object?[]
                        { x.o.Id, x.o.IndicatorId, x.Code, x.o.Date, x.o.Value, x.Unit, x.o.Source, x.o.Note, x.o.EnteredAt, x.o.SupersedesId, x.o.IsCurrent });
            case "actors":
                var actorIds = (await MissionExport.ActorIdsAsync(db, id, ct)).ToList();
                return db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).OrderBy(a => a.Id)
                    .Select(a => new object?[] { a.Id, a.Name, a.Type, a.Country, a.OrganisationNumber, a.Website });
            case "memberships":
                return db.Memberships.AsNoTracking().Where(m => m.MissionId == id).OrderBy(m => m.Id)
                    .Select(m => new object?[] { m.Id, m.ActorId, m.Roles, m.JoinedOn, m.LeftOn });
            case "commitments":
                // No Signatory, SignedByUserId or evidence notes: they name or point at people.
                return db.Commitments.AsNoTracking().Where(c => c.MissionId == id)
                    .Join(db.SigningRounds.AsNoTracking(), c => c.RoundId, r => r.Id, (c, r) => new { c, Round = r.Name, RoundDate = r.Date })
                    .OrderBy(x => x.c.Id).Select(x => new object?[]
                        { x.c.Id, x.c.ActorId, x.Round, x.RoundDate, x.c.Text, x.c.Tier, x.c.GoalIds, x.c.PledgedMoney, x.c.Currency, x.c.PersonYears, x.c.DueDate, x.c.Status, x.c.SignedOn, x.c.CarriedFromId });
            case "initiatives":
                return initiatives.OrderBy(i => i.Id).Select(i => new object?[]
                    { i.Id, i.Title, i.Description, i.Type, i.Stage, i.LeadActorId, i.PartnerActorIds, i.Budget, i.Currency, i.StartDate, i.EndDate, i.Levers });
            case "contributions":
                return db.InitiativeContributions.AsNoTracking().Where(c => initiatives.Any(i => i.Id == c.InitiativeId)).OrderBy(c => c.Id)
                    .Select(c => new object?[] { c.Id, c.InitiativeId, c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Confidence });
            default:
                return null;
        }
    }

    private static TableFile File(OpenTable table, IAsyncEnumerable<object?[]> rows) => new(table.Name, table.Columns.Select(c => c.Name).ToList(), rows);

    /// <summary>Every table of the mission, the dictionary last, for the workbook that holds them all.</summary>
    public static async Task<List<TableFile>> AllTablesAsync(MastenDbContext db, int missionId, CancellationToken ct)
    {
        var files = new List<TableFile>();
        foreach (var table in OpenDataTables.Tables.Append(OpenDataTables.Dictionary))
            files.Add((await TableAsync(db, missionId, table.Name, ct))!);
        return files;
    }
}
