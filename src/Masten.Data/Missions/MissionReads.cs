using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Missions;

// Read models shared by the API and the pages. Queries filter and order the entities, then project
// to these records with ToDtos() last (EF cannot filter on a record's constructor arguments); none
// loads an entity graph, and none runs one query per row.

public sealed record ProgrammeDto(int Id, string Name, string? Description, string? ProgrammeOffice, int Version, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record MissionDto(int Id, int ProgrammeId, string Title, string Statement, int BaselineYear, int HorizonYear,
    MissionStatus Status, RollupRule RollupRule, int Version, DateTime CreatedAt, DateTime UpdatedAt, string Language, double LixTarget, int StaleAfterDays);

public sealed record GoalDto(int Id, int MissionId, int? ParentId, int Order, string Title, string? Description, double Weight, int Version);

public sealed record TargetDto(DateOnly Date, double Value);

public sealed record IndicatorDto(int Id, int GoalId, string Name, string? Description, string Unit, Direction Direction,
    ReportingFrequency Frequency, string? Source, DateOnly BaselineDate, double BaselineValue, PathwayShape Shape,
    double Weight, int Version, IReadOnlyList<TargetDto> Targets, int? ReportingActorId = null, string? Code = null);

/// <summary>One record of an indicator's observation log; <see cref="IsCurrent"/> says whether it is in the current series.</summary>
public sealed record ObservationDto(int Id, int IndicatorId, DateOnly Date, double Value, string? Source, string? Note,
    string EnteredBy, DateTime EnteredAt, int? SupersedesId, int? SupersededById, string? CorrectionReason, bool IsCurrent);

/// <summary>An indicator as the mission page shows it: with its latest current value and next target.</summary>
public sealed record IndicatorOverview(IndicatorDto Indicator, ObservationDto? Latest, TargetDto? NextTarget);

/// <summary>A goal with its indicators and sub-goals, for the mission page.</summary>
public sealed record GoalNode(GoalDto Goal, IReadOnlyList<IndicatorOverview> Indicators, IReadOnlyList<GoalNode> Children);

public sealed record MissionOverview(MissionDto Mission, ProgrammeDto Programme, IReadOnlyList<GoalNode> Goals);

public static class MissionReads
{
    public static IQueryable<ProgrammeDto> ToDtos(this IQueryable<Programme> query) =>
        query.AsNoTracking().Select(p => new ProgrammeDto(p.Id, p.Name, p.Description, p.ProgrammeOffice, p.Version, p.CreatedAt, p.UpdatedAt));

    public static IQueryable<MissionDto> ToDtos(this IQueryable<Mission> query) =>
        query.AsNoTracking().Select(m => new MissionDto(m.Id, m.ProgrammeId, m.Title, m.Statement, m.BaselineYear, m.HorizonYear,
            m.Status, m.RollupRule, m.Version, m.CreatedAt, m.UpdatedAt, m.Language, m.LixTarget, m.StaleAfterDays));

    public static IQueryable<GoalDto> ToDtos(this IQueryable<Goal> query) =>
        query.AsNoTracking().Select(g => new GoalDto(g.Id, g.MissionId, g.ParentId, g.Order, g.Title, g.Description, g.Weight, g.Version));

    public static IQueryable<IndicatorDto> ToDtos(this IQueryable<Indicator> query) =>
        query.AsNoTracking().Select(i => new IndicatorDto(i.Id, i.GoalId, i.Name, i.Description, i.Unit, i.Direction, i.Frequency,
            i.Source, i.BaselineDate, i.BaselineValue, i.Shape, i.Weight, i.Version,
            i.Targets.OrderBy(t => t.Date).Select(t => new TargetDto(t.Date, t.Value)).ToList(), i.ReportingActorId, i.Code));

    /// <summary>How many records of an indicator's observation log a page holds unless asked otherwise.</summary>
    public const int LogPageSize = 100;

    /// <summary>
    /// One page of an indicator's observation log, oldest first (by date, then by entry), each record marked current or
    /// superseded as the stored <see cref="Observation.IsCurrent"/> says; only current records with <paramref name="currentOnly"/>.
    /// A page beyond the last is empty.
    /// </summary>
    public static Task<Page<ObservationDto>> ObservationLogPageAsync(this MastenDbContext db, int indicatorId, bool currentOnly, int page, int pageSize, CancellationToken ct) =>
        db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && (!currentOnly || o.IsCurrent))
            .OrderBy(o => o.Date).ThenBy(o => o.EnteredAt).ThenBy(o => o.Id).ToLogDtos(db).ToPageAsync(page, pageSize, ct);

    /// <summary>One record of the log, marked current or not, by its id; null when there is none.</summary>
    public static Task<ObservationDto?> ObservationAsync(this MastenDbContext db, int id, CancellationToken ct) =>
        db.Observations.AsNoTracking().Where(o => o.Id == id).ToLogDtos(db).FirstOrDefaultAsync(ct);

    /// <summary>The current series of an indicator, newest first, a page at a time.</summary>
    public static Task<Page<ObservationDto>> CurrentObservationsAsync(this MastenDbContext db, int indicatorId, int page, int pageSize, CancellationToken ct) =>
        db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && o.IsCurrent)
            .OrderByDescending(o => o.Date).ThenByDescending(o => o.Id).ToLogDtos(db).ToPageAsync(page, pageSize, ct);

    /// <summary>Records as the log shows them, current by the stored <see cref="Observation.IsCurrent"/>.</summary>
    private static IQueryable<ObservationDto> ToLogDtos(this IQueryable<Observation> query, MastenDbContext db) =>
        query.Select(o => new ObservationDto(o.Id, o.IndicatorId, o.Date, o.Value, o.Source, o.Note, o.EnteredBy, o.EnteredAt, o.SupersedesId,
            db.Observations.Where(s => s.SupersedesId == o.Id).Select(s => (int?)s.Id).FirstOrDefault(), o.CorrectionReason, o.IsCurrent));

    /// <summary>The mission with its goal tree, each indicator with its latest current value and next target after <paramref name="today"/>.</summary>
    public static async Task<MissionOverview?> MissionOverviewAsync(this MastenDbContext db, int missionId, DateOnly today, CancellationToken ct)
    {
        var mission = await db.Missions.Where(m => m.Id == missionId).ToDtos().FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var programme = await db.Programmes.Where(p => p.Id == mission.ProgrammeId).ToDtos().FirstAsync(ct);
        var goals = await db.Goals.Where(g => g.MissionId == missionId).ToDtos().ToListAsync(ct);
        var indicators = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).ToDtos().ToListAsync(ct);
        // The latest current observation of each indicator, by index seeks on (indicator, current, date).
        var latestIds = await db.Indicators.Where(i => i.Goal!.MissionId == missionId)
            .Select(i => db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent).OrderByDescending(o => o.Date).Select(o => (int?)o.Id).FirstOrDefault())
            .ToListAsync(ct);
        var ids = latestIds.OfType<int>().ToList();
        var latest = await db.Observations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new ObservationDto(o.Id, o.IndicatorId, o.Date, o.Value, o.Source, o.Note, o.EnteredBy, o.EnteredAt,
                o.SupersedesId, null, o.CorrectionReason, true))
            .ToDictionaryAsync(o => o.IndicatorId, ct);

        var overviews = indicators
            .OrderBy(i => i.Name, StringComparer.CurrentCulture)
            .Select(i => new IndicatorOverview(i, latest.GetValueOrDefault(i.Id), i.Targets.FirstOrDefault(t => t.Date >= today) ?? (i.Targets.Count > 0 ? i.Targets[^1] : null)))
            .ToLookup(o => o.Indicator.GoalId);
        var children = goals.ToLookup(g => g.ParentId);

        IReadOnlyList<GoalNode> Build(int? parentId, int depth) => depth > 50 ? [] :
            children[parentId].OrderBy(g => g.Order).ThenBy(g => g.Id)
                .Select(g => new GoalNode(g, overviews[g.Id].ToList(), Build(g.Id, depth + 1)))
                .ToList();

        return new MissionOverview(mission, programme, Build(null, 0));
    }
}
