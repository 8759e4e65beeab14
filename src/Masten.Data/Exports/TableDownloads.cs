using Masten.Core.History;
using Masten.Data.History;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>
/// The tables users see on Masten's pages, as files (<see cref="TableFiles"/>): the same columns as the page, the
/// page's filters applied, every row rather than one page, read from the database as the file is written. The
/// context's visibility applies; a record it cannot see gives null (not found).
/// </summary>
public static class TableDownloads
{
    /// <summary>An indicator's whole observation log, superseded values included, oldest first.</summary>
    public static async Task<TableFile?> ObservationsAsync(MastenDbContext db, int indicatorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId).Select(i => new { i.Id, i.Unit }).FirstOrDefaultAsync(ct);
        if (indicator is null)
            return null;
        var unit = indicator.Unit;
        return new TableFile($"indicator-{indicatorId}-observations",
            ["id", "date", "value", "unit", "isCurrent", "supersedesId", "correctionReason", "source", "note", "enteredBy", "enteredAt"],
            db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId).OrderBy(o => o.Id)
                .Select(o => new object?[] { o.Id, o.Date, o.Value, unit, o.IsCurrent, o.SupersedesId, o.CorrectionReason, o.Source, o.Note, o.EnteredBy, o.EnteredAt })
                .AsAsyncEnumerable());
    }

    /// <summary>The mission's commitments with their organisation and round, as the mission's actors page lists them, optionally of one round or status (the page's filters).</summary>
    public static async Task<TableFile?> CommitmentsAsync(MastenDbContext db, int missionId, int? round, Masten.Core.Actors.CommitmentStatus? status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        return new TableFile($"mission-{missionId}-commitments",
            ["id", "actor", "organisationNumber", "round", "roundDate", "tier", "text", "status", "pledgedMoney", "currency", "personYears", "dueDate", "signedOn"],
            db.Commitments.AsNoTracking().Where(c => c.MissionId == missionId && (round == null || c.RoundId == round) && (status == null || c.Status == status))
                .Join(db.Actors.AsNoTracking(), c => c.ActorId, a => a.Id, (c, a) => new { c, a.Name, a.OrganisationNumber })
                .Join(db.SigningRounds.AsNoTracking(), x => x.c.RoundId, r => r.Id, (x, r) => new { x.c, x.Name, x.OrganisationNumber, Round = r.Name, RoundDate = r.Date })
                .OrderBy(x => x.Name).ThenBy(x => x.c.Id)
                .Select(x => new object?[] { x.c.Id, x.Name, x.OrganisationNumber, x.Round, x.RoundDate, x.c.Tier, x.c.Text, x.c.Status, x.c.PledgedMoney, x.c.Currency, x.c.PersonYears, x.c.DueDate, x.c.SignedOn })
                .AsAsyncEnumerable());
    }

    /// <summary>The mission's portfolio of initiatives with their lead organisation, as the portfolio page lists them.</summary>
    public static async Task<TableFile?> InitiativesAsync(MastenDbContext db, int missionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        return new TableFile($"mission-{missionId}-initiatives",
            ["id", "title", "type", "stage", "lead", "budget", "currency", "startDate", "endDate", "levers"],
            db.Initiatives.AsNoTracking().Where(i => i.MissionId == missionId)
                .Join(db.Actors.AsNoTracking(), i => i.LeadActorId, a => a.Id, (i, a) => new { i, Lead = a.Name })
                .OrderBy(x => x.i.Title).ThenBy(x => x.i.Id)
                .Select(x => new object?[] { x.i.Id, x.i.Title, x.i.Type, x.i.Stage, x.Lead, x.i.Budget, x.i.Currency, x.i.StartDate, x.i.EndDate, x.i.Levers })
                .AsAsyncEnumerable());
    }

    /// <summary>The audit log with the audit page's filter applied, newest first, each change's stored snapshots as JSON text.</summary>
    public static TableFile Audit(MastenDbContext db, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new TableFile("audit",
            ["id", "changedAt", "changedBy", "action", "entityType", "entityId", "before", "after"],
            db.ChangeRecords.AsNoTracking().Filter(filter).OrderByDescending(c => c.Id)
                .Select(c => new object?[] { c.Id, c.ChangedAt, c.ChangedBy, c.Action, c.EntityType, c.EntityId, c.Before, c.After })
                .AsAsyncEnumerable());
    }
}
