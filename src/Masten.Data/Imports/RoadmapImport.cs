using Masten.Core.Imports;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// The roadmap import (<see cref="ImportKind.Roadmap"/>): a mission's goals, indicators and dated targets from one template sheet,
/// read and checked by <see cref="RoadmapRows"/>, keyed by goal title (or id) and indicator code (or name within its goal), so
/// importing the same file again changes nothing. Each indicator is also checked against <see cref="MissionRules"/>, as the form is.
/// Applying is one change of the mission through <see cref="MissionStore"/>: once the mission is no longer a draft it is one roadmap
/// revision, with the reason the request gives (<see cref="ImportRequest.Revision"/>; required then), versioned and audited as a
/// hand edit is, every change record with the import as its cause.
/// </summary>
internal sealed class RoadmapImport(MastenDbContext db, ImportOptions options) : IImportKind
{
    public Task<ImportPreview> PreviewAsync(ImportRequest request, Stream file, CancellationToken ct) => RunAsync(request, file, null, ct);

    public Task LockAsync(ImportRequest request, CancellationToken ct) => Task.CompletedTask; // the mission's row lock covers its roadmap; the revision takes the read model's

    public Task<ImportPreview> ApplyAsync(ImportRequest request, Stream file, ImportApplying applying, CancellationToken ct) => RunAsync(request, file, applying, ct);

    private async Task<ImportPreview> RunAsync(ImportRequest request, Stream file, ImportApplying? applying, CancellationToken ct)
    {
        var reader = new TabularReader(file, request.Settings, options);
        var missionId = request.MissionId;
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == missionId).Select(m => new { m.BaselineYear, m.HorizonYear }).FirstOrDefaultAsync(ct)
            ?? throw new ImportFileException("UnknownMission", $"There is no mission {missionId}.");
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == missionId).OrderBy(g => g.Id)
            .Select(g => new ImportedGoal(g.Id, g.ParentId, g.Title)).ToListAsync(ct);
        var indicators = (await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId).Include(i => i.Targets).OrderBy(i => i.Id).ToListAsync(ct))
            .Select(i => new ImportedIndicator(i.Id, i.GoalId, i.Code, i.Name, i.Description, i.Unit, i.Direction, i.Frequency, i.Source, i.BaselineDate, i.BaselineValue,
                i.Shape, i.Weight, i.ReportingActorId, [.. i.Targets.OrderBy(t => t.Date).Select(t => new TargetInput(t.Date, t.Value))]))
            .ToList();

        RoadmapRows? checker = null;
        var (preview, _) = ImportRows.Run<RoadmapRows, object>(reader, ImportKind.Roadmap,
            header =>
            {
                checker = new RoadmapRows(RoadmapRows.MapHeader(header), mission.BaselineYear, mission.HorizonYear, goals, indicators);
                return (checker, checker.Header.Ignored);
            },
            (rows, row, cells, errors) => rows.Check(row, cells, errors) is { } done
                ? new CheckedRow<object>(done.Action, new ImportItem(row, done.Key, done.Name, done.Action, done.Changes), null)
                : null);
        if (applying is not null && !preview.HasErrors && preview.Create + preview.Update > 0)
        {
            await ImportRows.AsCauseAsync(db, applying, () =>
                new MissionStore(db).ImportRoadmapAsync(missionId, request.Revision ?? new RevisionInput(null, null, null), checker!.GoalChanges, checker.IndicatorChanges, ct));
        }
        return preview;
    }
}
