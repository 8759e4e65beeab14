using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Core.Missions;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Pickers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Missions;

/// <summary>
/// <c>/api/v1</c> for programmes, missions, goals, indicators and observations. Writes go through
/// <see cref="MissionStore"/>; broken rules surface as ProblemDetails through the exception handler
/// (400 with field errors, 409 on a stale version). Updates need the <c>version</c> last read.
/// Once a mission is not a draft, a change to its roadmap needs a <c>reason</c> (and may send
/// <c>reviewId</c> and <c>validFrom</c>); the roadmap routes read its versions and compare two.
/// </summary>
public static class MissionsApi
{
    public static IEndpointRouteBuilder MapMissionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Missions");

        var programmes = api.MapGroup("/programmes");
        programmes.MapGet("/", (MastenDbContext db, int? page, int? pageSize, CancellationToken ct) =>
            db.Programmes.OrderBy(p => p.Name).ThenBy(p => p.Id).ToDtos().ToPageAsync(page ?? 1, pageSize ?? 50, ct)).AllowAnonymous();
        programmes.MapGet("/{id:int}", async Task<Results<Ok<ProgrammeDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Programmes.Where(p => p.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Programme);
        programmes.MapPost("/", async Task<Created<ProgrammeDto>> (ProgrammeInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateProgrammeAsync(input, ct);
            return TypedResults.Created($"/api/v1/programmes/{created.Id}", await db.Programmes.Where(p => p.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess(Capability.Administer, ResourceKind.Platform);
        programmes.MapPut("/{id:int}", async Task<Results<Ok<ProgrammeDto>, NotFound>> (int id, ProgrammeInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateProgrammeAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Programmes.Where(p => p.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Programme);

        var missions = api.MapGroup("/missions");
        missions.MapGet("/", (MastenDbContext db, int? programmeId, int? page, int? pageSize, CancellationToken ct) =>
            db.Missions.Where(m => programmeId == null || m.ProgrammeId == programmeId)
                .OrderBy(m => m.Title).ThenBy(m => m.Id).ToDtos().ToPageAsync(page ?? 1, pageSize ?? 50, ct)).AllowAnonymous();
        missions.MapGet("/{id:int}", async Task<Results<Ok<MissionDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.Where(m => m.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPost("/", async Task<Created<MissionDto>> (MissionInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateMissionAsync(input, ct);
            return TypedResults.Created($"/api/v1/missions/{created.Id}", await db.Missions.Where(m => m.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess<MissionInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Programme, i.ProgrammeId));
        missions.MapPut("/{id:int}", async Task<Results<Ok<MissionDto>, NotFound, ProblemHttpResult>> (int id, MissionInput input, MissionStore store, MastenDbContext db, AccessService access, CancellationToken ct) =>
        {
            // Moving a mission to another programme also needs the right to edit that programme.
            var current = await db.Missions.Where(m => m.Id == id).Select(m => (int?)m.ProgrammeId).FirstOrDefaultAsync(ct);
            if (current is not null && current != input.ProgrammeId && !await access.MayAsync(Capability.Edit, new ResourceRef(ResourceKind.Programme, input.ProgrammeId)))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden);
            return await store.UpdateMissionAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Missions.Where(m => m.Id == id).ToDtos().FirstAsync(ct));
        }).RequireAccess(Capability.Edit, ResourceKind.Mission);
        // q: only goals whose title contains it. A mission has tens of goals, so the list is not paged.
        missions.MapGet("/{id:int}/goals", async Task<Results<Ok<List<GoalDto>>, NotFound>> (int id, string? q, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.Goals.Where(g => g.MissionId == id).TitleContains(q).OrderBy(g => g.ParentId).ThenBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/overview", async Task<Results<Ok<MissionOverview>, NotFound>> (int id, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
            await db.MissionOverviewAsync(id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);

        // Roadmap versions: every version stays readable; a diff compares any two.
        missions.MapGet("/{id:int}/roadmap", async Task<Results<Ok<List<RoadmapVersionDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct) ? TypedResults.Ok(await db.RoadmapVersionsAsync(id, ct)) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/roadmap/{number:int}", async Task<Results<Ok<RoadmapVersionDetail>, NotFound>> (int id, int number, MastenDbContext db, CancellationToken ct) =>
            await db.RoadmapVersionAsync(id, number, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/roadmap/diff", async Task<Results<Ok<RoadmapComparison>, NotFound>> (int id, int from, int to, MastenDbContext db, CancellationToken ct) =>
            await db.RoadmapDiffAsync(id, from, to, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);

        var goals = api.MapGroup("/goals");
        goals.MapGet("/{id:int}", async Task<Results<Ok<GoalDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Goals.Where(g => g.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } g ? TypedResults.Ok(g) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Goal);
        goals.MapPost("/", async Task<Created<GoalDto>> (GoalInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateGoalAsync(input, ct);
            return TypedResults.Created($"/api/v1/goals/{created.Id}", await db.Goals.Where(g => g.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess<GoalInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        goals.MapPut("/{id:int}", async Task<Results<Ok<GoalDto>, NotFound>> (int id, GoalInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateGoalAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Goals.Where(g => g.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Goal).RequireAccess<GoalInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        goals.MapGet("/{id:int}/indicators", async Task<Results<Ok<List<IndicatorDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Goals.AnyAsync(g => g.Id == id, ct)
                ? TypedResults.Ok(await db.Indicators.Where(i => i.GoalId == id).OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Goal);

        var indicators = api.MapGroup("/indicators");
        indicators.MapGet("/", (MastenDbContext db, int? missionId, int? goalId, int? page, int? pageSize, CancellationToken ct) =>
            db.Indicators
                .Where(i => goalId == null || i.GoalId == goalId)
                .Where(i => missionId == null || i.Goal!.MissionId == missionId)
                .OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToPageAsync(page ?? 1, pageSize ?? 50, ct)).AllowAnonymous();
        indicators.MapGet("/{id:int}", async Task<Results<Ok<IndicatorDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Indicators.Where(i => i.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } i ? TypedResults.Ok(i) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Indicator);
        indicators.MapPost("/", async Task<Created<IndicatorDto>> (IndicatorInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateIndicatorAsync(input, ct);
            return TypedResults.Created($"/api/v1/indicators/{created.Id}", await db.Indicators.Where(i => i.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess<IndicatorInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Goal, i.GoalId));
        indicators.MapPut("/{id:int}", async Task<Results<Ok<IndicatorDto>, NotFound>> (int id, IndicatorInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateIndicatorAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Indicators.Where(i => i.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Indicator).RequireAccess<IndicatorInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Goal, i.GoalId));

        // The observation log: every record, oldest first, each marked current or superseded, a page at a time
        // (page, pageSize: 100 by default, at most 200); a page beyond the last is empty.
        indicators.MapGet("/{id:int}/observations", async Task<Results<Ok<Page<ObservationDto>>, NotFound>> (int id, bool? currentOnly, int? page, int? pageSize, MastenDbContext db, CancellationToken ct) =>
            await db.Indicators.AnyAsync(i => i.Id == id, ct)
                ? TypedResults.Ok(await db.ObservationLogPageAsync(id, currentOnly == true, page ?? 1, pageSize ?? MissionReads.LogPageSize, ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Indicator);
        indicators.MapPost("/{id:int}/observations", async Task<Results<Created<ObservationDto>, NotFound>> (int id, ObservationInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.AppendObservationAsync(id, input, db.Author, ct);
            return created is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/observations/{created.Id}", await ObservationAsync(db, created.Id, ct));
        }).RequireAccess(Capability.Contribute, ResourceKind.Indicator);

        var observations = api.MapGroup("/observations");
        observations.MapGet("/{id:int}", async Task<Results<Ok<ObservationDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Observations.AnyAsync(o => o.Id == id, ct) ? TypedResults.Ok(await ObservationAsync(db, id, ct)) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Observation);
        // A correction appends a new record that supersedes this one; nothing is overwritten.
        observations.MapPost("/{id:int}/corrections", async Task<Results<Created<ObservationDto>, NotFound>> (int id, CorrectionInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CorrectObservationAsync(id, input, db.Author, ct);
            return created is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/observations/{created.Id}", await ObservationAsync(db, created.Id, ct));
        }).RequireAccess(Capability.Contribute, ResourceKind.Observation);

        return app;
    }

    private static async Task<ObservationDto> ObservationAsync(MastenDbContext db, int id, CancellationToken ct) =>
        (await db.ObservationAsync(id, ct))!;
}
