using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Web.Platform;
using Masten.Core.Missions;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Pickers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        programmes.MapGet("/", ListProgrammes).AllowAnonymous();
        programmes.MapGet("/{id:int}", GetProgramme).RequireAccess(Capability.Read, ResourceKind.Programme);
        programmes.MapPost("/", CreateProgramme).RequireAccess(Capability.Administer, ResourceKind.Platform);
        programmes.MapPut("/{id:int}", UpdateProgramme).RequireAccess(Capability.Edit, ResourceKind.Programme);

        var missions = api.MapGroup("/missions");
        missions.MapGet("/", ListMissions).AllowAnonymous();
        missions.MapGet("/{id:int}", GetMission).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPost("/", CreateMission).RequireAccess<MissionInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Programme, i.ProgrammeId));
        missions.MapPut("/{id:int}", UpdateMission).RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/goals", ListMissionGoals).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/overview", GetMissionOverview).RequireAccess(Capability.Read, ResourceKind.Mission);
        // Roadmap versions: every version stays readable; a diff compares any two.
        missions.MapGet("/{id:int}/roadmap", ListRoadmapVersions).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/roadmap/{number:int}", GetRoadmapVersion).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/roadmap/diff", CompareRoadmapVersions).RequireAccess(Capability.Read, ResourceKind.Mission);

        var goals = api.MapGroup("/goals");
        goals.MapGet("/{id:int}", GetGoal).RequireAccess(Capability.Read, ResourceKind.Goal);
        goals.MapPost("/", CreateGoal).RequireAccess<GoalInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        goals.MapPut("/{id:int}", UpdateGoal).RequireAccess(Capability.Edit, ResourceKind.Goal)
            .RequireAccess<GoalInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        goals.MapGet("/{id:int}/indicators", ListGoalIndicators).RequireAccess(Capability.Read, ResourceKind.Goal);

        var indicators = api.MapGroup("/indicators");
        indicators.MapGet("/", ListIndicators).AllowAnonymous();
        indicators.MapGet("/{id:int}", GetIndicator).RequireAccess(Capability.Read, ResourceKind.Indicator);
        indicators.MapPost("/", CreateIndicator).RequireAccess<IndicatorInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Goal, i.GoalId));
        indicators.MapPut("/{id:int}", UpdateIndicator).RequireAccess(Capability.Edit, ResourceKind.Indicator)
            .RequireAccess<IndicatorInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Goal, i.GoalId));
        indicators.MapGet("/{id:int}/observations", ListObservations).RequireAccess(Capability.Read, ResourceKind.Indicator);
        indicators.MapPost("/{id:int}/observations", AppendObservation).RequireAccess(Capability.Contribute, ResourceKind.Indicator);

        var observations = api.MapGroup("/observations");
        observations.MapGet("/{id:int}", GetObservation).RequireAccess(Capability.Read, ResourceKind.Observation);
        observations.MapPost("/{id:int}/corrections", CorrectObservation).RequireAccess(Capability.Contribute, ResourceKind.Observation);

        return app;
    }

    // Programmes.
    private static async Task<Ok<Page<ProgrammeDto>>> ListProgrammes([AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Programmes.OrderBy(p => p.Name).ThenBy(p => p.Id).ToDtos().ToPageAsync(paging, ct));

    private static Task<Results<Ok<ProgrammeDto>, NotFound>> GetProgramme(int id, MastenDbContext db, CancellationToken ct) =>
        ProgrammeAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<ProgrammeDto>> CreateProgramme(ProgrammeInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/programmes", (await store.CreateProgrammeAsync(input, ct)).Id, id => ProgrammeAsync(db, id, ct));

    private static Task<Results<Ok<ProgrammeDto>, NotFound>> UpdateProgramme(int id, ProgrammeInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateProgrammeAsync(id, input, ct).OkAfter(async () => (await ProgrammeAsync(db, id, ct))!);

    private static Task<ProgrammeDto?> ProgrammeAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Programmes.Where(p => p.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    // Missions.
    private static async Task<Ok<Page<MissionDto>>> ListMissions(int? programmeId, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Missions.Where(m => programmeId == null || m.ProgrammeId == programmeId)
            .OrderBy(m => m.Title).ThenBy(m => m.Id).ToDtos().ToPageAsync(paging, ct));

    private static Task<Results<Ok<MissionDto>, NotFound>> GetMission(int id, MastenDbContext db, CancellationToken ct) =>
        MissionAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<MissionDto>> CreateMission(MissionInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/missions", (await store.CreateMissionAsync(input, ct)).Id, id => MissionAsync(db, id, ct));

    private static async Task<Results<Ok<MissionDto>, NotFound, ProblemHttpResult>> UpdateMission(int id, MissionInput input, MissionStore store, MastenDbContext db,
        AccessService access, CancellationToken ct)
    {
        // Moving a mission to another programme also needs the right to edit that programme.
        var current = await db.Missions.Where(m => m.Id == id).Select(m => (int?)m.ProgrammeId).FirstOrDefaultAsync(ct);
        if (current is not null && current != input.ProgrammeId && !await access.MayAsync(Capability.Edit, new ResourceRef(ResourceKind.Programme, input.ProgrammeId)))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden);
        return await store.UpdateMissionAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await MissionAsync(db, id, ct))!);
    }

    private static Task<MissionDto?> MissionAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Missions.Where(m => m.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    private static Task<bool> MissionExists(MastenDbContext db, int id, CancellationToken ct) => db.Missions.AnyAsync(m => m.Id == id, ct);

    /// <summary>q: only goals whose title contains it. A mission has tens of goals, so the list is not paged.</summary>
    private static Task<Results<Ok<List<GoalDto>>, NotFound>> ListMissionGoals(int id, string? q, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => db.Goals.Where(g => g.MissionId == id).TitleContains(q).OrderBy(g => g.ParentId).ThenBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct));

    private static Task<Results<Ok<MissionOverview>, NotFound>> GetMissionOverview(int id, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        db.MissionOverviewAsync(id, clock.Today(), ct).OkOrNotFound();

    private static Task<Results<Ok<List<RoadmapVersionDto>>, NotFound>> ListRoadmapVersions(int id, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => db.RoadmapVersionsAsync(id, ct));

    private static Task<Results<Ok<RoadmapVersionDetail>, NotFound>> GetRoadmapVersion(int id, int number, MastenDbContext db, CancellationToken ct) =>
        db.RoadmapVersionAsync(id, number, ct).OkOrNotFound();

    private static Task<Results<Ok<RoadmapComparison>, NotFound>> CompareRoadmapVersions(int id, int from, int to, MastenDbContext db, CancellationToken ct) =>
        db.RoadmapDiffAsync(id, from, to, ct).OkOrNotFound();

    // Goals.
    private static Task<Results<Ok<GoalDto>, NotFound>> GetGoal(int id, MastenDbContext db, CancellationToken ct) =>
        GoalAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<GoalDto>> CreateGoal(GoalInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/goals", (await store.CreateGoalAsync(input, ct)).Id, id => GoalAsync(db, id, ct));

    private static Task<Results<Ok<GoalDto>, NotFound>> UpdateGoal(int id, GoalInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateGoalAsync(id, input, ct).OkAfter(async () => (await GoalAsync(db, id, ct))!);

    private static Task<GoalDto?> GoalAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Goals.Where(g => g.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    private static Task<Results<Ok<List<IndicatorDto>>, NotFound>> ListGoalIndicators(int id, MastenDbContext db, CancellationToken ct) =>
        db.Goals.AnyAsync(g => g.Id == id, ct).OkIfExists(() => db.Indicators.Where(i => i.GoalId == id).OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToListAsync(ct));

    // Indicators.
    private static async Task<Ok<Page<IndicatorDto>>> ListIndicators(int? missionId, int? goalId, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Indicators
            .Where(i => goalId == null || i.GoalId == goalId)
            .Where(i => missionId == null || i.Goal!.MissionId == missionId)
            .OrderBy(i => i.Name).ThenBy(i => i.Id).ToDtos().ToPageAsync(paging, ct));

    private static Task<Results<Ok<IndicatorDto>, NotFound>> GetIndicator(int id, MastenDbContext db, CancellationToken ct) =>
        IndicatorAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<IndicatorDto>> CreateIndicator(IndicatorInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/indicators", (await store.CreateIndicatorAsync(input, ct)).Id, id => IndicatorAsync(db, id, ct));

    private static Task<Results<Ok<IndicatorDto>, NotFound>> UpdateIndicator(int id, IndicatorInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateIndicatorAsync(id, input, ct).OkAfter(async () => (await IndicatorAsync(db, id, ct))!);

    private static Task<IndicatorDto?> IndicatorAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Indicators.Where(i => i.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    /// <summary>
    /// The observation log: every record, oldest first, each marked current or superseded, a page at a time
    /// (page, pageSize: 100 by default, at most 200); a page beyond the last is empty.
    /// </summary>
    private static Task<Results<Ok<Page<ObservationDto>>, NotFound>> ListObservations(int id, bool? currentOnly, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        db.Indicators.AnyAsync(i => i.Id == id, ct).OkIfExists(() => db.ObservationLogPageAsync(id, currentOnly == true, paging.Number, paging.SizeOr(MissionReads.LogPageSize), ct));

    private static async Task<Results<Created<ObservationDto>, NotFound>> AppendObservation(int id, ObservationInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await store.AppendObservationAsync(id, input, db.Author, ct) is { } created
            ? TypedResults.Created($"/api/v1/observations/{created.Id}", (await db.ObservationAsync(created.Id, ct))!)
            : TypedResults.NotFound();

    // Observations.
    private static async Task<Results<Ok<ObservationDto>, NotFound>> GetObservation(int id, MastenDbContext db, CancellationToken ct) =>
        await db.Observations.AnyAsync(o => o.Id == id, ct) ? TypedResults.Ok((await db.ObservationAsync(id, ct))!) : TypedResults.NotFound();

    /// <summary>A correction appends a new record that supersedes this one; nothing is overwritten.</summary>
    private static async Task<Results<Created<ObservationDto>, NotFound>> CorrectObservation(int id, CorrectionInput input, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await store.CorrectObservationAsync(id, input, db.Author, ct) is { } created
            ? TypedResults.Created($"/api/v1/observations/{created.Id}", (await db.ObservationAsync(created.Id, ct))!)
            : TypedResults.NotFound();
}
