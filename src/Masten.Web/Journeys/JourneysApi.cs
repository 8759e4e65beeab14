using Masten.Core.Accounts;
using Masten.Core.Journeys;
using Masten.Data;
using Masten.Data.Journeys;
using Masten.Data.Missions;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Journeys;

/// <summary>
/// <c>/api/v1</c> for participant journeys: the journey's steps and versions, the funnel, participants (one by
/// one or in bulk), step events and their confirmation and correction, activities, caseloads. Writes go through
/// <see cref="JourneyStore"/>; broken rules are ProblemDetails naming the field. The funnel is public for a
/// published mission, as counts only; who stands where needs <see cref="Capability.ReadParticipants"/>.
/// </summary>
public static class JourneysApi
{
    /// <summary>The filters of the overview, bound from the query string.</summary>
    public sealed record FilterQuery(string? Cohort, string? Region, string? Sector, SizeClass? Size, int? Navigator)
    {
        public JourneyFilter ToFilter() => new(Cohort, Region, Sector, Size, Navigator);
    }

    public static IEndpointRouteBuilder MapJourneysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Journeys");

        var missions = api.MapGroup("/missions");
        missions.MapGet("/{id:int}/journey", GetJourney).WithName("GetJourney").WithSummary("The journey's steps, in order").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPut("/{id:int}/journey", DefineJourney).WithName("DefineJourney").WithSummary("Define or change the journey (a change needs a reason; removed steps with events need a move)").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/journey/versions", GetVersions).WithName("GetJourneyVersions").WithSummary("Every version of the journey, with its reason").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/journey/funnel", GetFunnel).WithName("GetJourneyFunnel").WithSummary("The funnel: participants at each step and the conversion, filtered; counts only").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/journey/timing", GetTiming).WithName("GetJourneyTiming").WithSummary("Time between steps (participants, median and 80th percentile in days) and cohort curves (share started by months since joining, 0 to 24), filtered").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/journey/attendance", GetAttendance).WithName("GetJourneyAttendance").WithSummary("Whether attending activities is followed by movement: for windows of 30 and 90 days, among participants whose window has ended, the share with a confirmed step within it after their first activity, against participants without any activity counted from joining; filtered, counts only. An association, not a cause").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/journey/stalled", GetStalled).WithName("GetStalledParticipants").WithSummary("Stalled participants, paged").RequireAccess(Capability.ReadParticipants, ResourceKind.Mission);
        missions.MapGet("/{id:int}/participants", GetParticipants).WithName("GetParticipants").WithSummary("Participants, filtered and paged").RequireAccess(Capability.ReadParticipants, ResourceKind.Mission);
        missions.MapPost("/{id:int}/participants", AddParticipant).WithName("AddParticipant").WithSummary("Add an actor to the journey").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapPost("/{id:int}/participants/bulk", AddParticipants).WithName("AddParticipants").WithSummary("Add many participants, all or nothing, creating missing actors by organisation number or CVR").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapPost("/{id:int}/activities", AddMissionActivity).WithName("AddMissionActivity").WithSummary("Record a lab, advice session, course or event and every participant who attended it (participantIds)").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/caseloads", GetCaseloads).WithName("GetCaseloads").WithSummary("Active participants per navigator and their balance").RequireAccess(Capability.ReadParticipants, ResourceKind.Mission);
        missions.MapGet("/{id:int}/caseload/mine", GetMyCaseload).WithName("GetMyCaseload").WithSummary("The signed-in navigator's participants, who has gone longest without a move first").RequireAccess(Capability.ReadParticipants, ResourceKind.Mission);

        var participants = api.MapGroup("/participants");
        participants.MapGet("/{id:int}", GetParticipant).WithName("GetParticipant").WithSummary("A participant with its timeline of steps and activities").RequireAccess(Capability.ReadParticipants, ResourceKind.Participant);
        participants.MapPut("/{id:int}", UpdateParticipant).WithName("UpdateParticipant").WithSummary("Change a participant (its navigator or the programme office); reassigning keeps the history").RequireAccess(Capability.Contribute, ResourceKind.Participant);
        participants.MapPost("/{id:int}/events", RecordEvent).WithName("RecordStepEvent").WithSummary("Record a step (pending when the company reports a step that needs confirmation)").RequireAccess(Capability.Contribute, ResourceKind.Participant);
        participants.MapPost("/{id:int}/activities", AddActivity).WithName("AddActivity").WithSummary("Record a lab, advice session, course or event the participant attended; participantIds names others who attended (each one the recorder may contribute to)").RequireAccess(Capability.Contribute, ResourceKind.Participant);

        var events = api.MapGroup("/step-events");
        events.MapPost("/{id:int}/confirm", ConfirmEvent).WithName("ConfirmStepEvent").WithSummary("Confirm a pending step (not by the company that reported it)").RequireAccess(Capability.Contribute, ResourceKind.StepEvent);
        events.MapPost("/{id:int}/corrections", CorrectEvent).WithName("CorrectStepEvent").WithSummary("Correct a step event: a new event supersedes it, with a reason").RequireAccess(Capability.Contribute, ResourceKind.StepEvent);
        return app;
    }

    private static async Task<Results<Ok<JourneyDto>, NotFound>> GetJourney(int id, MastenDbContext db, CancellationToken ct) =>
        await db.JourneyAsync(id, ct) is { } j ? TypedResults.Ok(j) : TypedResults.NotFound();

    private static async Task<Results<Ok<JourneyDto>, NotFound>> DefineJourney(int id, JourneyInput input, JourneyStore store, MastenDbContext db, CancellationToken ct) =>
        await store.DefineAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await db.JourneyAsync(id, ct))!);

    private static async Task<Results<Ok<List<JourneyVersionDto>>, NotFound>> GetVersions(int id, MastenDbContext db, CancellationToken ct) =>
        await db.Missions.AnyAsync(m => m.Id == id, ct) ? TypedResults.Ok(await db.JourneyVersionsAsync(id, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<JourneyOverview>, NotFound>> GetFunnel(int id, [AsParameters] FilterQuery filter, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.OverviewAsync(id, filter.ToFilter(), clock.Today(), ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound();

    // Aggregates only, like the funnel: the journey page shows them to whoever may read the mission.
    private static async Task<Results<Ok<JourneyTiming>, NotFound>> GetTiming(int id, [AsParameters] FilterQuery filter, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.TimingAsync(id, filter.ToFilter(), clock.Today(), 24, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    // Aggregates only, like the timing.
    private static async Task<Results<Ok<IReadOnlyList<MovementAfterAttendance>>, NotFound>> GetAttendance(int id, [AsParameters] FilterQuery filter, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.AttendanceAsync(id, filter.ToFilter(), clock.Today(), ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    private static async Task<Results<Ok<Page<ParticipantRow>>, NotFound>> GetStalled(int id, [AsParameters] FilterQuery filter, [AsParameters] PageRequest paging, MastenDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.JourneyAsync(id, ct) is not { } journey)
            return TypedResults.NotFound();
        // The same page the journey page shows, reused while nothing is written.
        return TypedResults.Ok(await db.StalledPageAsync(id, filter.ToFilter(), clock.Today(), journey.StallAfterDays, journey.Steps.Count - 1,
            paging.Number, paging.SizeOr(), ct));
    }

    private static async Task<Results<Ok<Page<ParticipantRow>>, NotFound>> GetParticipants(int id, [AsParameters] FilterQuery filter, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        await db.Missions.AnyAsync(m => m.Id == id, ct)
            ? TypedResults.Ok(await db.Filtered(id, filter.ToFilter()).OrderBy(p => p.Id).ToRows(db).ToPageAsync(paging, ct))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ParticipantRow>, NotFound>> AddParticipant(int id, ParticipantInput input, JourneyStore store, MastenDbContext db, CancellationToken ct) =>
        await store.AddParticipantAsync(id, input, ct) is { } p
            ? TypedResults.Created($"/api/v1/participants/{p.Id}", await db.Participants.Where(x => x.Id == p.Id).ToRows(db).FirstAsync(ct))
            : TypedResults.NotFound();

    public sealed record BulkResult(int Added);

    private static async Task<Results<Ok<BulkResult>, NotFound>> AddParticipants(int id, List<BulkParticipantInput> rows, JourneyStore store, CancellationToken ct) =>
        await store.AddParticipantsAsync(id, rows, ct) is { } added ? TypedResults.Ok(new BulkResult(added)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseloadOverview>, NotFound>> GetCaseloads(int id, MastenDbContext db, JourneyStore store, TimeProvider clock, CancellationToken ct) =>
        await db.Missions.AnyAsync(m => m.Id == id, ct)
            ? TypedResults.Ok(await db.CaseloadsAsync(id, await store.NavigatorIdsAsync(id, ct), clock.Today(), ct))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<Page<ParticipantRow>>, NotFound>> GetMyCaseload(int id, [AsParameters] PageRequest paging, MastenDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == id, ct))
            return TypedResults.NotFound();
        var me = AccessService.UserId(http.User);
        var today = clock.Today();
        return TypedResults.Ok(await db.Participants.AsNoTracking().Where(p => p.MissionId == id && p.NavigatorId == me && (p.LeftOn == null || p.LeftOn > today))
            .OrderBy(p => p.LastStepOn ?? p.JoinedOn).ThenBy(p => p.Id).ToRows(db).ToPageAsync(paging, ct));
    }

    private static async Task<Results<Ok<ParticipantDetail>, NotFound>> GetParticipant(int id, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.ParticipantAsync(id, clock.Today(), ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    private static async Task<Results<Ok<ParticipantDetail>, NotFound, ProblemHttpResult>> UpdateParticipant(int id, ParticipantInput input, JourneyStore store, MastenDbContext db, AccessService access, TimeProvider clock, CancellationToken ct)
    {
        // The company itself may report steps but not change its own participation (cohort, navigator).
        if ((await RecorderAsync(access, ResourceKind.Participant, id, ct)).AsCompany)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only the participant's navigator or the programme office changes a participant.");
        return await store.UpdateParticipantAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await db.ParticipantAsync(id, clock.Today(), ct))!);
    }

    private static async Task<Results<Created<StepEvent>, NotFound>> RecordEvent(int id, StepEventInput input, JourneyStore store, AccessService access, CancellationToken ct) =>
        await store.RecordEventAsync(id, input, await RecorderAsync(access, ResourceKind.Participant, id, ct), ct) is { } e
            ? TypedResults.Created($"/api/v1/participants/{id}", e) : TypedResults.NotFound();

    private static async Task<Results<Created<ActivityDto>, NotFound, ProblemHttpResult>> AddActivity(int id, ActivityInput input, JourneyStore store, AccessService access, CancellationToken ct)
    {
        // The others who attended are named only by someone who may record for each of them.
        foreach (var other in (input.ParticipantIds ?? []).Distinct().Take(JourneyRules.MaxAttendees))
            if (other != id && await access.AuthorizeAsync(Capability.Contribute, new ResourceRef(ResourceKind.Participant, other)) is AccessDecision.Forbidden)
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: $"participantIds names participant {other}, for whom you may not record an activity.");
        return await store.AddActivityAsync(id, input, await RecorderAsync(access, ResourceKind.Participant, id, ct), ct) is { } a
            ? TypedResults.Created($"/api/v1/participants/{id}", a) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<ActivityDto>, NotFound>> AddMissionActivity(int id, ActivityInput input, JourneyStore store, AccessService access, CancellationToken ct) =>
        await store.AddMissionActivityAsync(id, input, await RecorderAsync(access, ResourceKind.Mission, id, ct), ct) is { } a
            ? TypedResults.Created($"/api/v1/missions/{id}/journey", a) : TypedResults.NotFound();

    private static async Task<Results<Ok<StepEvent>, NotFound>> ConfirmEvent(int id, JourneyStore store, AccessService access, CancellationToken ct) =>
        await store.ConfirmEventAsync(id, await RecorderAsync(access, ResourceKind.StepEvent, id, ct), ct) is { } e ? TypedResults.Ok(e) : TypedResults.NotFound();

    private static async Task<Results<Created<StepEvent>, NotFound>> CorrectEvent(int id, StepCorrectionInput input, JourneyStore store, AccessService access, CancellationToken ct) =>
        await store.CorrectEventAsync(id, input, await RecorderAsync(access, ResourceKind.StepEvent, id, ct), ct) is { } e
            ? TypedResults.Created($"/api/v1/step-events/{e.Id}", e) : TypedResults.NotFound();

    /// <summary>
    /// Who is recording, and whether as the company: a representative of the participant's actor who is neither
    /// its assigned navigator, an editor of the mission nor an administrator.
    /// </summary>
    public static async Task<Recorder> RecorderAsync(AccessService access, ResourceKind kind, int id, CancellationToken ct)
    {
        var who = await access.PrincipalAsync(ct);
        var scope = await access.ResolveAsync(new ResourceRef(kind, id), ct);
        var name = AccessService.Author(access.Context.User);
        if (scope is null || who.IsSystemAdmin)
            return new Recorder(name, who.UserId, false);
        var office = AccessRules.Decide(who, scope with { ActorId = null }, Capability.Edit) == AccessDecision.Allowed;
        var navigator = AccessRules.IsNavigator(who, scope) && scope.NavigatorUserId == who.UserId;
        return new Recorder(name, who.UserId, !office && !navigator);
    }
}
