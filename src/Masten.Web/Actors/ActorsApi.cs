using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Core.Actors;
using Masten.Data;
using Masten.Data.Actors;
using Masten.Data.Missions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Actors;

/// <summary>
/// <c>/api/v1</c> for actors, contact people, memberships, signing rounds, commitments, drivers and
/// operational goals, and the mission's actor overview. Writes go through <see cref="ActorStore"/>;
/// broken rules surface as ProblemDetails through the exception handler (400 naming the field, 409 on
/// a stale version). Updates need the <c>version</c> last read.
/// </summary>
public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Actors");

        var actors = api.MapGroup("/actors");
        // missionId narrows the search to the mission's members: what a picker of lead or partners offers.
        actors.MapGet("/", (MastenDbContext db, string? q, ActorType? type, Country? country, int? missionId, int? page, int? pageSize, CancellationToken ct) =>
            db.Actors.Where(a => missionId == null || db.Memberships.Any(m => m.MissionId == missionId && m.ActorId == a.Id))
                .Search(q, type, country).ToDtos().ToPageAsync(page ?? 1, pageSize ?? 50, ct)).RequireAccess(Capability.Read, ResourceKind.Platform);
        actors.MapGet("/{id:int}", async Task<Results<Ok<ActorDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Actors.Where(a => a.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Actor);
        actors.MapPost("/", async Task<Created<ActorDto>> (ActorInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateActorAsync(input, ct);
            return TypedResults.Created($"/api/v1/actors/{created.Id}", await db.Actors.Where(a => a.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess(Capability.Edit, ResourceKind.Platform);
        actors.MapPut("/{id:int}", async Task<Results<Ok<ActorDto>, NotFound>> (int id, ActorInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateActorAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Actors.Where(a => a.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Actor);

        actors.MapGet("/{id:int}/contacts", async Task<Results<Ok<List<ContactDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Actors.AnyAsync(a => a.Id == id, ct)
                ? TypedResults.Ok(await db.ContactPeople.Where(c => c.ActorId == id).OrderBy(c => c.Level).ThenBy(c => c.Name).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Actor);
        actors.MapPost("/{id:int}/contacts", async Task<Results<Created<ContactDto>, NotFound>> (int id, ContactInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.CreateContactAsync(id, input, ct) is { } created
                ? TypedResults.Created($"/api/v1/contacts/{created.Id}", await db.ContactPeople.Where(c => c.Id == created.Id).ToDtos().FirstAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Contribute, ResourceKind.Actor);
        actors.MapGet("/{id:int}/memberships", async Task<Results<Ok<List<MembershipDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Actors.AnyAsync(a => a.Id == id, ct)
                ? TypedResults.Ok(await db.Memberships.Where(m => m.ActorId == id).OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).ToDtos(db).ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Actor);

        var contacts = api.MapGroup("/contacts");
        contacts.MapGet("/{id:int}", async Task<Results<Ok<ContactDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.ContactPeople.Where(c => c.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Contact);
        contacts.MapPut("/{id:int}", async Task<Results<Ok<ContactDto>, NotFound>> (int id, ContactInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateContactAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.ContactPeople.Where(c => c.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Contact);

        var memberships = api.MapGroup("/memberships");
        memberships.MapGet("/{id:int}", async Task<Results<Ok<MembershipDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Memberships.Where(m => m.Id == id).ToDtos(db).FirstOrDefaultAsync(ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Membership);
        memberships.MapPost("/", async Task<Created<MembershipDto>> (MembershipInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateMembershipAsync(input, ct);
            return TypedResults.Created($"/api/v1/memberships/{created.Id}", await db.Memberships.Where(m => m.Id == created.Id).ToDtos(db).FirstAsync(ct));
        }).RequireAccess<MembershipInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        memberships.MapPut("/{id:int}", async Task<Results<Ok<MembershipDto>, NotFound>> (int id, MembershipInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateMembershipAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Memberships.Where(m => m.Id == id).ToDtos(db).FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Membership).RequireAccess<MembershipInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));

        var missions = api.MapGroup("/missions");
        missions.MapGet("/{id:int}/memberships", async Task<Results<Ok<List<MembershipDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.Memberships.Where(m => m.MissionId == id).OrderBy(m => m.Actor!.Name).ThenBy(m => m.Id).ToDtos(db).ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/rounds", async Task<Results<Ok<List<RoundDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.SigningRounds.Where(r => r.MissionId == id).OrderBy(r => r.Date).ThenBy(r => r.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        // Opens a new round and carries every open commitment of the latest round into it.
        missions.MapPost("/{id:int}/rounds", async Task<Results<Created<OpenedRoundDto>, NotFound>> (int id, RoundInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.OpenRoundAsync(id, input, ct) is { } opened
                ? TypedResults.Created($"/api/v1/rounds/{opened.Round.Id}", new OpenedRoundDto(await db.SigningRounds.Where(r => r.Id == opened.Round.Id).ToDtos().FirstAsync(ct), opened.Carried))
                : TypedResults.NotFound()).RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/tiers", async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> (int id, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct) ? TypedResults.Ok(await store.TiersAsync(id, ct)) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPut("/{id:int}/tiers", async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> (int id, TiersInput input, ActorStore store, CancellationToken ct) =>
            await store.SetTiersAsync(id, input, ct) is { } set ? TypedResults.Ok<IReadOnlyList<string>>(set.Tiers) : TypedResults.NotFound()).RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/tensions", async Task<Results<Ok<List<TensionDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct) ? TypedResults.Ok(await db.TensionsAsync(id, ct)) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        // Members and their anchoring are paged (page, pageSize; 50 by default); memberPaging says which page and how many in all.
        missions.MapGet("/{id:int}/actors", async Task<Results<Ok<MissionActorsOverview>, NotFound>> (int id, int? page, int? pageSize, MastenDbContext db, CancellationToken ct) =>
            await db.MissionActorsAsync(id, ct, page ?? 1, pageSize ?? ActorReads.MemberPageSize) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);

        var rounds = api.MapGroup("/rounds");
        rounds.MapGet("/{id:int}", async Task<Results<Ok<RoundDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.SigningRounds.Where(r => r.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Round);
        rounds.MapPut("/{id:int}", async Task<Results<Ok<RoundDto>, NotFound>> (int id, RoundInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateRoundAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.SigningRounds.Where(r => r.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Round);

        var commitments = api.MapGroup("/commitments");
        commitments.MapGet("/", (MastenDbContext db, int? missionId, int? actorId, int? roundId, CommitmentStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            db.Commitments
                .Where(c => missionId == null || c.MissionId == missionId)
                .Where(c => actorId == null || c.ActorId == actorId)
                .Where(c => roundId == null || c.RoundId == roundId)
                .Where(c => status == null || c.Status == status)
                .OrderBy(c => c.Id).ToDtos(db).ToPageAsync(page ?? 1, pageSize ?? 50, ct)).AllowAnonymous();
        commitments.MapGet("/{id:int}", async Task<Results<Ok<CommitmentDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Commitments.Where(c => c.Id == id).ToDtos(db).FirstOrDefaultAsync(ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Commitment);
        commitments.MapPost("/", async Task<Created<CommitmentDto>> (CommitmentInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateCommitmentAsync(input, ct);
            return TypedResults.Created($"/api/v1/commitments/{created.Id}", await db.Commitments.Where(c => c.Id == created.Id).ToDtos(db).FirstAsync(ct));
        }).RequireAccess<CommitmentInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));
        commitments.MapPut("/{id:int}", async Task<Results<Ok<CommitmentDto>, NotFound>> (int id, CommitmentInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateCommitmentAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Commitments.Where(c => c.Id == id).ToDtos(db).FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Commitment).RequireAccess<CommitmentInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));

        var drivers = api.MapGroup("/drivers");
        drivers.MapGet("/", (MastenDbContext db, int? missionId, int? actorId, int? page, int? pageSize, CancellationToken ct) =>
            db.Drivers
                .Where(d => missionId == null || d.MissionId == missionId)
                .Where(d => actorId == null || d.ActorId == actorId)
                .OrderBy(d => d.Id).ToDtos(db).ToPageAsync(page ?? 1, pageSize ?? 50, ct)).AllowAnonymous();
        drivers.MapGet("/{id:int}", async Task<Results<Ok<DriverDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Drivers.Where(d => d.Id == id).ToDtos(db).FirstOrDefaultAsync(ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Driver);
        drivers.MapPost("/", async Task<Created<DriverDto>> (DriverInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateDriverAsync(input, ct);
            return TypedResults.Created($"/api/v1/drivers/{created.Id}", await db.Drivers.Where(d => d.Id == created.Id).ToDtos(db).FirstAsync(ct));
        }).RequireAccess<DriverInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));
        drivers.MapPut("/{id:int}", async Task<Results<Ok<DriverDto>, NotFound>> (int id, DriverInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateDriverAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Drivers.Where(d => d.Id == id).ToDtos(db).FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Driver).RequireAccess<DriverInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));

        var operationalGoals = api.MapGroup("/operational-goals");
        operationalGoals.MapGet("/", (MastenDbContext db, int? actorId, int? page, int? pageSize, CancellationToken ct) =>
            db.OperationalGoals.Where(g => actorId == null || g.ActorId == actorId)
                .OrderBy(g => g.Id).ToDtos(db).ToPageAsync(page ?? 1, pageSize ?? 50, ct)).RequireAccess(Capability.Read, ResourceKind.Platform);
        operationalGoals.MapGet("/{id:int}", async Task<Results<Ok<OperationalGoalDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.OperationalGoals.Where(g => g.Id == id).ToDtos(db).FirstOrDefaultAsync(ct) is { } g ? TypedResults.Ok(g) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.OperationalGoal);
        operationalGoals.MapPost("/", async Task<Created<OperationalGoalDto>> (OperationalGoalInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateOperationalGoalAsync(input, ct);
            return TypedResults.Created($"/api/v1/operational-goals/{created.Id}", await db.OperationalGoals.Where(g => g.Id == created.Id).ToDtos(db).FirstAsync(ct));
        }).RequireAccess<OperationalGoalInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Actor, i.ActorId));
        operationalGoals.MapPut("/{id:int}", async Task<Results<Ok<OperationalGoalDto>, NotFound>> (int id, OperationalGoalInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateOperationalGoalAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.OperationalGoals.Where(g => g.Id == id).ToDtos(db).FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.OperationalGoal).RequireAccess<OperationalGoalInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Actor, i.ActorId));

        return app;
    }
}
