using Masten.Core.Missions;
using Masten.Core.Progress;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Progress;

/// <summary>
/// The stored assessment of one indicator on <see cref="AsOf"/>, by the roadmap version valid then
/// (<see cref="RoadmapVersion"/>). It keeps what the assessment reads from the observations (latest value,
/// pace, the series' notes: a <see cref="SeriesSummary"/>), so the whole <see cref="Assessment"/> is rebuilt
/// from it and the indicator's targets without reading an observation; and the figures lists and SQL
/// aggregates show (status, share of the way, required pace, forecast date, next target).
/// Derived data: <see cref="ProgressReadModel.RebuildAsync"/> recomputes it from the base tables.
/// </summary>
public sealed class IndicatorAssessment
{
    public int IndicatorId { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>The number of the roadmap version whose targets were used; null when the mission has none.</summary>
    public int? RoadmapVersion { get; set; }
    public ProgressStatus Status { get; set; }
    /// <summary>The latest current observation on or before <see cref="AsOf"/>.</summary>
    public DateOnly? LatestDate { get; set; }
    public double? LatestValue { get; set; }
    /// <summary>The latest current observation of all.</summary>
    public DateOnly? LastDate { get; set; }
    public double? LastValue { get; set; }
    public DateOnly? PaceFrom { get; set; }
    public DateOnly? PaceTo { get; set; }
    public int? PacePoints { get; set; }
    public bool? PaceInLogSpace { get; set; }
    public double? PaceSlope { get; set; }
    public double? PaceUnitsPerYear { get; set; }
    public double? PacePercentPerYear { get; set; }
    /// <summary>The <see cref="AssessmentNotes"/> that come from the series (<see cref="SeriesSummary.SeriesNotes"/>), as flags.</summary>
    public int SeriesNotes { get; set; }
    public double ProgressFraction { get; set; }
    public double RequiredFraction { get; set; }
    public double? RequiredUnitsPerYear { get; set; }
    public double? RequiredPercentPerYear { get; set; }
    public ReachOutcome Reach { get; set; }
    public DateOnly? ReachDate { get; set; }
    public DateOnly? NextTargetDate { get; set; }
    public double? NextTargetValue { get; set; }
    /// <summary>Raised by every store; a reader refreshing an old row writes only if nobody stored one since it read.</summary>
    public long Stamp { get; set; }

    public SeriesSummary Summary() => new(
        LatestDate is { } date ? new DatedValue(date, LatestValue!.Value) : null,
        PaceFrom is { } from ? new ObservedPace(from, PaceTo!.Value, PacePoints!.Value, PaceInLogSpace!.Value, PaceSlope!.Value, PaceUnitsPerYear!.Value, PacePercentPerYear) : null,
        (AssessmentNotes)SeriesNotes);
}

internal sealed class IndicatorAssessmentConfiguration : IEntityTypeConfiguration<IndicatorAssessment>
{
    public void Configure(EntityTypeBuilder<IndicatorAssessment> b)
    {
        b.HasKey(x => x.IndicatorId);
        b.Property(x => x.IndicatorId).ValueGeneratedNever();
        b.HasOne<Indicator>().WithOne().HasForeignKey<IndicatorAssessment>(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An indicator assessed, with its latest current observation of all (which a later asOf may not have used).</summary>
public sealed record AssessedIndicator(Assessment Assessment, DatedValue? Last);

/// <summary>
/// The progress read model. Two derived things are kept in the database, in the same transaction as the
/// writes of <see cref="MissionStore"/> that change them, so that several web instances on one database
/// never serve an assessment older than the last acknowledged write:
/// <list type="bullet">
/// <item><see cref="Observation.IsCurrent"/>, set by appends and corrections for the dates they touch;</item>
/// <item>one <see cref="IndicatorAssessment"/> per indicator for today, stored by every observation write
/// (that indicator) and every mission, goal or indicator change (the whole mission).</item>
/// </list>
/// Status depends on the date (staleness, the pace window), so a stored row is for one date: a read on a
/// later day, or a read that finds no row, computes the assessment from the windowed series and stores it,
/// unless a writer stored one since (<see cref="IndicatorAssessment.Stamp"/>). Assessments at another date
/// (<c>asOf</c>) are computed on demand from the same windowed query.
/// After bulk loads, <see cref="RebuildAsync"/> recomputes everything from the base tables; start-up and
/// <c>masten migrate</c> run <see cref="BackfillAsync"/>, which rebuilds missions whose indicators have no row.
/// </summary>
public static class ProgressReadModel
{
    /// <summary>Today as the assessments of pages and the API take it: the UTC date.</summary>
    public static DateOnly Today(MastenDbContext db) => db.Clock.Today();

    /// <summary>
    /// The assessments on <paramref name="asOf"/> of <paramref name="indicators"/> (with the roadmap fields of
    /// <paramref name="roadmapVersion"/> already applied): from stored rows when they are for that date and
    /// version, else from the windowed series; rows for today that were missing or old are stored.
    /// </summary>
    public static async Task<Dictionary<int, AssessedIndicator>> AssessAsync(MastenDbContext db, IReadOnlyList<IndicatorDto> indicators, DateOnly asOf, int? roadmapVersion, CancellationToken ct)
    {
        var today = Today(db);
        var ids = indicators.Select(i => i.Id).ToList();
        var stored = asOf == today
            ? await db.IndicatorAssessments.AsNoTracking().Where(a => ids.Contains(a.IndicatorId)).ToDictionaryAsync(a => a.IndicatorId, ct)
            : [];
        var result = new Dictionary<int, AssessedIndicator>(indicators.Count);
        var missing = new List<IndicatorDto>();
        foreach (var indicator in indicators)
        {
            if (stored.TryGetValue(indicator.Id, out var row) && row.AsOf == asOf && row.RoadmapVersion == roadmapVersion)
                result[indicator.Id] = new AssessedIndicator(ProgressAssessor.Assess(Trajectory(indicator), row.Summary(), asOf),
                    row.LastDate is { } d ? new DatedValue(d, row.LastValue!.Value) : null);
            else
                missing.Add(indicator);
        }
        if (missing.Count == 0)
            return result;
        var series = await ReadSeriesAsync(db, missing, asOf, ct);
        var rows = new List<(IndicatorAssessment Row, long? Stamp)>();
        foreach (var indicator in missing)
        {
            var (summary, last) = series[indicator.Id];
            var assessment = ProgressAssessor.Assess(Trajectory(indicator), summary, asOf);
            result[indicator.Id] = new AssessedIndicator(assessment, last);
            if (asOf == today)
                rows.Add((Row(indicator, summary, last, assessment, roadmapVersion), stored.GetValueOrDefault(indicator.Id)?.Stamp));
        }
        if (rows.Count == 0)
            return result;
        // A read that refreshes a mission's rows (the first of a day) commits them once, not once per indicator: on
        // SQLite each commit takes the single writer, so forty commits made every other request of that moment wait.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var (row, stamp) in rows)
            await StoreAsync(db, row, stamp, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Recomputes and stores today's assessment of one indicator of the mission, or of all its indicators,
    /// inside the caller's write transaction (after <see cref="LockAsync"/>).
    /// </summary>
    internal static async Task RefreshAsync(MastenDbContext db, int missionId, int? indicatorId, CancellationToken ct)
    {
        var today = Today(db);
        var (indicators, roadmap) = await ProgressReads.AssessedIndicatorsAsync(db, missionId, indicatorId, today, ct);
        if (indicators.Count == 0)
            return;
        var series = await ReadSeriesAsync(db, indicators, today, ct);
        foreach (var indicator in indicators)
        {
            var (summary, last) = series[indicator.Id];
            var assessment = ProgressAssessor.Assess(Trajectory(indicator), summary, today);
            await StoreAsync(db, Row(indicator, summary, last, assessment, roadmap?.Number), expectedStamp: null, ct);
        }
    }

    /// <summary>
    /// Takes the write locks that order writers of the read model: on PostgreSQL the row of the indicator
    /// (an observation write) or, for a change of the whole mission (a roadmap change, a hand edit, an import),
    /// the mission's row and then the rows of every indicator of the mission in id order, so that a
    /// writer computes the stored assessment from what the writer before it committed. On SQLite a write
    /// transaction already excludes every other writer.
    /// <para>
    /// The one lock order of a mission's writers: <b>the mission's row first, then its indicators' rows by id</b>.
    /// An import (<see cref="Imports.ImportStore"/>) and a hand edit (<see cref="Missions.MissionStore"/>'s revisions) both
    /// take them here, before they change anything, so the one waits for the other and they never deadlock. An observation
    /// write takes only its indicator's row and never the mission's.
    /// </para>
    /// </summary>
    internal static async Task LockAsync(MastenDbContext db, int? missionId, int? indicatorId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return;
        if (indicatorId is { } id)
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Indicators" WHERE "Id" = {id} FOR UPDATE""", ct);
        }
        else if (missionId is { } mission)
        {
            await LockMissionRowAsync(db, mission, ct);
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Indicators" i JOIN "Goals" g ON g."Id" = i."GoalId" WHERE g."MissionId" = {mission} ORDER BY i."Id" FOR UPDATE OF i""", ct);
        }
    }

    /// <summary>The first lock of the order <see cref="LockAsync"/> describes: the mission's row (PostgreSQL; a no-op on SQLite).</summary>
    internal static async Task LockMissionRowAsync(MastenDbContext db, int missionId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Missions" WHERE "Id" = {missionId} FOR UPDATE""", ct);
    }

    /// <summary>
    /// Recomputes every derived column and row from the base tables, for one mission or (null) all:
    /// <see cref="Observation.IsCurrent"/> in one UPDATE, then the stored assessments mission by mission,
    /// each in its own transaction. Run it after loading observations with raw SQL.
    /// </summary>
    public static async Task RebuildAsync(MastenDbContext db, int? missionId, CancellationToken ct)
    {
        var observations = missionId is null
            ? db.Observations
            : db.Observations.Where(o => db.Indicators.Any(i => i.Id == o.IndicatorId && i.Goal!.MissionId == missionId));
        // The rule of ObservationSeries.Current: not superseded, and on its date no other unsuperseded record entered later.
        await observations.ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, o =>
            !db.Observations.Any(x => x.SupersedesId == o.Id)
            && !db.Observations.Any(x => x.IndicatorId == o.IndicatorId && x.Date == o.Date && x.Id != o.Id
                && !db.Observations.Any(y => y.SupersedesId == x.Id)
                && (x.EnteredAt > o.EnteredAt || (x.EnteredAt == o.EnteredAt && x.Id > o.Id)))), ct);
        var missions = missionId is { } one ? [one] : await db.Missions.Select(m => m.Id).OrderBy(id => id).ToListAsync(ct);
        foreach (var mission in missions)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockAsync(db, mission, null, ct);
            await RefreshAsync(db, mission, null, ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>
    /// Fills the read model of a database that lacks it (one migrated from before it existed, or filled
    /// by a bulk load): rebuilds every mission with an indicator that has no stored assessment. Returns
    /// how many missions it rebuilt; cheap when there are none.
    /// </summary>
    public static async Task<int> BackfillAsync(MastenDbContext db, CancellationToken ct)
    {
        var missions = await db.Indicators.Where(i => !db.IndicatorAssessments.Any(a => a.IndicatorId == i.Id))
            .Select(i => i.Goal!.MissionId).Distinct().ToListAsync(ct);
        foreach (var mission in missions.Order())
            await RebuildAsync(db, mission, ct);
        return missions.Count;
    }

    /// <summary>
    /// The summary on <paramref name="asOf"/> of each indicator's current series (<see cref="ProgressAssessor.Summarise"/>),
    /// read in three queries whatever the number of indicators: the current observations in the pace window,
    /// and the first, the latest on or before asOf and the latest of all by index seeks. That reduced series
    /// summarises exactly as the whole series does.
    /// </summary>
    public static async Task<Dictionary<int, (SeriesSummary Summary, DatedValue? Last)>> ReadSeriesAsync(MastenDbContext db, IReadOnlyList<IndicatorDto> indicators, DateOnly asOf, CancellationToken ct)
    {
        var ids = indicators.Select(i => i.Id).Distinct().ToList();
        var start = ProgressAssessor.PaceWindowStart(asOf);
        var ends = await db.Indicators.Where(i => ids.Contains(i.Id)).Select(i => new
        {
            i.Id,
            First = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent).OrderBy(o => o.Date).Select(o => (int?)o.Id).FirstOrDefault(),
            Latest = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent && o.Date <= asOf).OrderByDescending(o => o.Date).Select(o => (int?)o.Id).FirstOrDefault(),
            Last = db.Observations.Where(o => o.IndicatorId == i.Id && o.IsCurrent).OrderByDescending(o => o.Date).Select(o => (int?)o.Id).FirstOrDefault(),
        }).ToListAsync(ct);
        var endIds = ends.SelectMany(e => new[] { e.First, e.Latest, e.Last }).OfType<int>().Distinct().ToList();
        var window = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.IndicatorId) && o.IsCurrent && o.Date >= start && o.Date <= asOf)
            .Select(o => new { o.Id, o.IndicatorId, o.Date, o.Value }).ToListAsync(ct);
        var endRows = await db.Observations.AsNoTracking().Where(o => endIds.Contains(o.Id))
            .Select(o => new { o.Id, o.IndicatorId, o.Date, o.Value }).ToListAsync(ct);
        var byIndicator = window.Concat(endRows).DistinctBy(o => o.Id).ToLookup(o => o.IndicatorId);
        var lastById = endRows.ToDictionary(o => o.Id, o => new DatedValue(o.Date, o.Value));
        var lastOf = ends.ToDictionary(e => e.Id, e => e.Last is { } id ? lastById[id] : (DatedValue?)null);
        var result = new Dictionary<int, (SeriesSummary, DatedValue?)>(ids.Count);
        foreach (var indicator in indicators)
        {
            var series = byIndicator[indicator.Id].OrderBy(o => o.Date).Select(o => new DatedValue(o.Date, o.Value)).ToList();
            result[indicator.Id] = (ProgressAssessor.Summarise(Trajectory(indicator), series, asOf), lastOf.GetValueOrDefault(indicator.Id));
        }
        return result;
    }

    private static Trajectory Trajectory(IndicatorDto indicator) => Backcast.Build(ProgressReads.Spec(indicator));

    private static IndicatorAssessment Row(IndicatorDto indicator, SeriesSummary summary, DatedValue? last, Assessment a, int? roadmapVersion)
    {
        var next = indicator.Targets.FirstOrDefault(t => t.Date >= a.AsOf) ?? (indicator.Targets.Count > 0 ? indicator.Targets[^1] : null);
        return new IndicatorAssessment
        {
            IndicatorId = indicator.Id,
            AsOf = a.AsOf,
            RoadmapVersion = roadmapVersion,
            Status = a.Status,
            LatestDate = summary.Latest?.Date,
            LatestValue = summary.Latest?.Value,
            LastDate = last?.Date,
            LastValue = last?.Value,
            PaceFrom = summary.Pace?.From,
            PaceTo = summary.Pace?.To,
            PacePoints = summary.Pace?.Points,
            PaceInLogSpace = summary.Pace?.InLogSpace,
            PaceSlope = summary.Pace?.Slope,
            PaceUnitsPerYear = summary.Pace?.UnitsPerYear,
            PacePercentPerYear = summary.Pace?.PercentPerYear,
            SeriesNotes = (int)summary.Notes,
            ProgressFraction = a.ProgressFraction,
            RequiredFraction = a.RequiredFraction,
            RequiredUnitsPerYear = a.RequiredPace?.UnitsPerYear,
            RequiredPercentPerYear = a.RequiredPace?.PercentPerYear,
            Reach = a.Reach.Outcome,
            ReachDate = a.Reach.Date,
            NextTargetDate = next?.Date,
            NextTargetValue = next?.Value,
        };
    }

    /// <summary>
    /// Inserts or replaces the row. With <paramref name="expectedStamp"/> (a reader refreshing), it replaces
    /// only the row it read, and inserts only when there was none: a row a writer stored meanwhile wins.
    /// One statement on both databases (INSERT … ON CONFLICT), so two instances cannot both insert.
    /// </summary>
    private static async Task StoreAsync(MastenDbContext db, IndicatorAssessment r, long? expectedStamp, CancellationToken ct)
    {
        var force = expectedStamp is null;
        var expected = expectedStamp ?? -1;
        var status = r.Status.ToString();
        var reach = r.Reach.ToString();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IndicatorAssessments" ("IndicatorId", "AsOf", "RoadmapVersion", "Status", "LatestDate", "LatestValue", "LastDate", "LastValue",
                "PaceFrom", "PaceTo", "PacePoints", "PaceInLogSpace", "PaceSlope", "PaceUnitsPerYear", "PacePercentPerYear", "SeriesNotes",
                "ProgressFraction", "RequiredFraction", "RequiredUnitsPerYear", "RequiredPercentPerYear", "Reach", "ReachDate", "NextTargetDate", "NextTargetValue", "Stamp")
            VALUES ({r.IndicatorId}, {r.AsOf}, {r.RoadmapVersion}, {status}, {r.LatestDate}, {r.LatestValue}, {r.LastDate}, {r.LastValue},
                {r.PaceFrom}, {r.PaceTo}, {r.PacePoints}, {r.PaceInLogSpace}, {r.PaceSlope}, {r.PaceUnitsPerYear}, {r.PacePercentPerYear}, {r.SeriesNotes},
                {r.ProgressFraction}, {r.RequiredFraction}, {r.RequiredUnitsPerYear}, {r.RequiredPercentPerYear}, {reach}, {r.ReachDate}, {r.NextTargetDate}, {r.NextTargetValue}, 1)
            ON CONFLICT ("IndicatorId") DO UPDATE SET
                "AsOf" = excluded."AsOf", "RoadmapVersion" = excluded."RoadmapVersion", "Status" = excluded."Status",
                "LatestDate" = excluded."LatestDate", "LatestValue" = excluded."LatestValue", "LastDate" = excluded."LastDate", "LastValue" = excluded."LastValue",
                "PaceFrom" = excluded."PaceFrom", "PaceTo" = excluded."PaceTo", "PacePoints" = excluded."PacePoints", "PaceInLogSpace" = excluded."PaceInLogSpace",
                "PaceSlope" = excluded."PaceSlope", "PaceUnitsPerYear" = excluded."PaceUnitsPerYear", "PacePercentPerYear" = excluded."PacePercentPerYear",
                "SeriesNotes" = excluded."SeriesNotes", "ProgressFraction" = excluded."ProgressFraction", "RequiredFraction" = excluded."RequiredFraction",
                "RequiredUnitsPerYear" = excluded."RequiredUnitsPerYear", "RequiredPercentPerYear" = excluded."RequiredPercentPerYear",
                "Reach" = excluded."Reach", "ReachDate" = excluded."ReachDate", "NextTargetDate" = excluded."NextTargetDate", "NextTargetValue" = excluded."NextTargetValue",
                "Stamp" = "IndicatorAssessments"."Stamp" + 1
            WHERE {force} OR "IndicatorAssessments"."Stamp" = {expected}
            """, ct);
    }
}
