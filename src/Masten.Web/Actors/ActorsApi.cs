using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Web.Platform;
using Masten.Core.Actors;
using Masten.Data;
using Masten.Data.Actors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        actors.MapGet("/", ListActors).RequireAccess(Capability.Read, ResourceKind.Platform);
        actors.MapGet("/{id:int}", GetActor).RequireAccess(Capability.Read, ResourceKind.Actor);
        actors.MapPost("/", CreateActor).RequireAccess(Capability.Edit, ResourceKind.Platform);
        actors.MapPut("/{id:int}", UpdateActor).RequireAccess(Capability.Contribute, ResourceKind.Actor);
        actors.MapGet("/{id:int}/contacts", ListActorContacts).RequireAccess(Capability.Read, ResourceKind.Actor);
        actors.MapPost("/{id:int}/contacts", CreateContact).RequireAccess(Capability.Contribute, ResourceKind.Actor);
        actors.MapGet("/{id:int}/memberships", ListActorMemberships).RequireAccess(Capability.Read, ResourceKind.Actor);

        var contacts = api.MapGroup("/contacts");
        contacts.MapGet("/{id:int}", GetContact).RequireAccess(Capability.Read, ResourceKind.Contact);
        contacts.MapPut("/{id:int}", UpdateContact).RequireAccess(Capability.Contribute, ResourceKind.Contact);

        var memberships = api.MapGroup("/memberships");
        memberships.MapGet("/{id:int}", GetMembership).RequireAccess(Capability.Read, ResourceKind.Membership);
        memberships.MapPost("/", CreateMembership).RequireAccess<MembershipInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        memberships.MapPut("/{id:int}", UpdateMembership).RequireAccess(Capability.Edit, ResourceKind.Membership)
            .RequireAccess<MembershipInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));

        var missions = api.MapGroup("/missions");
        missions.MapGet("/{id:int}/memberships", ListMissionMemberships).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/rounds", ListRounds).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPost("/{id:int}/rounds", OpenRound).RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/tiers", GetTiers).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapPut("/{id:int}/tiers", SetTiers).RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/tensions", ListTensions).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/actors", GetMissionActors).RequireAccess(Capability.Read, ResourceKind.Mission);

        var rounds = api.MapGroup("/rounds");
        rounds.MapGet("/{id:int}", GetRound).RequireAccess(Capability.Read, ResourceKind.Round);
        rounds.MapPut("/{id:int}", UpdateRound).RequireAccess(Capability.Edit, ResourceKind.Round);

        var commitments = api.MapGroup("/commitments");
        commitments.MapGet("/", ListCommitments).AllowAnonymous();
        commitments.MapGet("/{id:int}", GetCommitment).RequireAccess(Capability.Read, ResourceKind.Commitment);
        commitments.MapPost("/", CreateCommitment).RequireAccess<CommitmentInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));
        commitments.MapPut("/{id:int}", UpdateCommitment).RequireAccess(Capability.Contribute, ResourceKind.Commitment)
            .RequireAccess<CommitmentInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));

        var drivers = api.MapGroup("/drivers");
        drivers.MapGet("/", ListDrivers).AllowAnonymous();
        drivers.MapGet("/{id:int}", GetDriver).RequireAccess(Capability.Read, ResourceKind.Driver);
        drivers.MapPost("/", CreateDriver).RequireAccess<DriverInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));
        drivers.MapPut("/{id:int}", UpdateDriver).RequireAccess(Capability.Contribute, ResourceKind.Driver)
            .RequireAccess<DriverInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.ActorId));

        var operationalGoals = api.MapGroup("/operational-goals");
        operationalGoals.MapGet("/", ListOperationalGoals).RequireAccess(Capability.Read, ResourceKind.Platform);
        operationalGoals.MapGet("/{id:int}", GetOperationalGoal).RequireAccess(Capability.Read, ResourceKind.OperationalGoal);
        operationalGoals.MapPost("/", CreateOperationalGoal).RequireAccess<OperationalGoalInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Actor, i.ActorId));
        operationalGoals.MapPut("/{id:int}", UpdateOperationalGoal).RequireAccess(Capability.Contribute, ResourceKind.OperationalGoal)
            .RequireAccess<OperationalGoalInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Actor, i.ActorId));

        return app;
    }

    // Actors. missionId narrows the search to the mission's members: what a picker of lead or partners offers.
    private static async Task<Ok<Page<ActorDto>>> ListActors(string? q, ActorType? type, Country? country, int? missionId, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Actors.Where(a => missionId == null || db.Memberships.Any(m => m.MissionId == missionId && m.ActorId == a.Id))
            .Search(q, type, country).ToDtos().ToPageAsync(paging, ct));

    private static Task<Results<Ok<ActorDto>, NotFound>> GetActor(int id, MastenDbContext db, CancellationToken ct) =>
        ActorAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<ActorDto>> CreateActor(ActorInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/actors", (await store.CreateActorAsync(input, ct)).Id, id => ActorAsync(db, id, ct));

    private static Task<Results<Ok<ActorDto>, NotFound>> UpdateActor(int id, ActorInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateActorAsync(id, input, ct).OkAfter(async () => (await ActorAsync(db, id, ct))!);

    private static Task<ActorDto?> ActorAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Actors.Where(a => a.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    private static Task<Results<Ok<List<ContactDto>>, NotFound>> ListActorContacts(int id, MastenDbContext db, CancellationToken ct) =>
        db.Actors.AnyAsync(a => a.Id == id, ct).OkIfExists(() => db.ContactPeople.Where(c => c.ActorId == id).OrderBy(c => c.Level).ThenBy(c => c.Name).ToDtos().ToListAsync(ct));

    private static Task<Results<Ok<List<MembershipDto>>, NotFound>> ListActorMemberships(int id, MastenDbContext db, CancellationToken ct) =>
        db.Actors.AnyAsync(a => a.Id == id, ct).OkIfExists(() => db.Memberships.Where(m => m.ActorId == id).OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).ToDtos(db).ToListAsync(ct));

    // Contact people.
    private static async Task<Results<Created<ContactDto>, NotFound>> CreateContact(int id, ContactInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await store.CreateContactAsync(id, input, ct) is { } created
            ? TypedResults.Created($"/api/v1/contacts/{created.Id}", (await ContactAsync(db, created.Id, ct))!)
            : TypedResults.NotFound();

    private static Task<Results<Ok<ContactDto>, NotFound>> GetContact(int id, MastenDbContext db, CancellationToken ct) =>
        ContactAsync(db, id, ct).OkOrNotFound();

    private static Task<Results<Ok<ContactDto>, NotFound>> UpdateContact(int id, ContactInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateContactAsync(id, input, ct).OkAfter(async () => (await ContactAsync(db, id, ct))!);

    private static Task<ContactDto?> ContactAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.ContactPeople.Where(c => c.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    // Memberships.
    private static Task<Results<Ok<MembershipDto>, NotFound>> GetMembership(int id, MastenDbContext db, CancellationToken ct) =>
        MembershipAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<MembershipDto>> CreateMembership(MembershipInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/memberships", (await store.CreateMembershipAsync(input, ct)).Id, id => MembershipAsync(db, id, ct));

    private static Task<Results<Ok<MembershipDto>, NotFound>> UpdateMembership(int id, MembershipInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateMembershipAsync(id, input, ct).OkAfter(async () => (await MembershipAsync(db, id, ct))!);

    private static Task<MembershipDto?> MembershipAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Memberships.Where(m => m.Id == id).ToDtos(db).FirstOrDefaultAsync(ct);

    // A mission's members, rounds, tiers, tensions and actor overview.
    private static Task<Results<Ok<List<MembershipDto>>, NotFound>> ListMissionMemberships(int id, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => db.Memberships.Where(m => m.MissionId == id).OrderBy(m => m.Actor!.Name).ThenBy(m => m.Id).ToDtos(db).ToListAsync(ct));

    private static Task<Results<Ok<List<RoundDto>>, NotFound>> ListRounds(int id, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => db.SigningRounds.Where(r => r.MissionId == id).OrderBy(r => r.Date).ThenBy(r => r.Id).ToDtos().ToListAsync(ct));

    /// <summary>Opens a new round and carries every open commitment of the latest round into it.</summary>
    private static async Task<Results<Created<OpenedRoundDto>, NotFound>> OpenRound(int id, RoundInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await store.OpenRoundAsync(id, input, ct) is { } opened
            ? TypedResults.Created($"/api/v1/rounds/{opened.Round.Id}", new OpenedRoundDto((await RoundAsync(db, opened.Round.Id, ct))!, opened.Carried))
            : TypedResults.NotFound();

    private static Task<Results<Ok<IReadOnlyList<string>>, NotFound>> GetTiers(int id, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => store.TiersAsync(id, ct));

    private static async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> SetTiers(int id, TiersInput input, ActorStore store, CancellationToken ct) =>
        await store.SetTiersAsync(id, input, ct) is { } set ? TypedResults.Ok<IReadOnlyList<string>>(set.Tiers) : TypedResults.NotFound();

    private static Task<Results<Ok<List<TensionDto>>, NotFound>> ListTensions(int id, MastenDbContext db, CancellationToken ct) =>
        MissionExists(db, id, ct).OkIfExists(() => db.TensionsAsync(id, ct));

    /// <summary>Members and their anchoring are paged (page, pageSize; 50 by default); memberPaging says which page and how many in all.</summary>
    private static Task<Results<Ok<MissionActorsOverview>, NotFound>> GetMissionActors(int id, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        db.MissionActorsAsync(id, ct, paging.Number, paging.SizeOr(ActorReads.MemberPageSize)).OkOrNotFound();

    private static Task<bool> MissionExists(MastenDbContext db, int id, CancellationToken ct) => db.Missions.AnyAsync(m => m.Id == id, ct);

    // Signing rounds.
    private static Task<Results<Ok<RoundDto>, NotFound>> GetRound(int id, MastenDbContext db, CancellationToken ct) =>
        RoundAsync(db, id, ct).OkOrNotFound();

    private static Task<Results<Ok<RoundDto>, NotFound>> UpdateRound(int id, RoundInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateRoundAsync(id, input, ct).OkAfter(async () => (await RoundAsync(db, id, ct))!);

    private static Task<RoundDto?> RoundAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.SigningRounds.Where(r => r.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    // Commitments.
    private static async Task<Ok<Page<CommitmentDto>>> ListCommitments(int? missionId, int? actorId, int? roundId, CommitmentStatus? status, [AsParameters] PageRequest paging,
        MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Commitments
            .Where(c => missionId == null || c.MissionId == missionId)
            .Where(c => actorId == null || c.ActorId == actorId)
            .Where(c => roundId == null || c.RoundId == roundId)
            .Where(c => status == null || c.Status == status)
            .OrderBy(c => c.Id).ToDtos(db).ToPageAsync(paging, ct));

    private static Task<Results<Ok<CommitmentDto>, NotFound>> GetCommitment(int id, MastenDbContext db, CancellationToken ct) =>
        CommitmentAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<CommitmentDto>> CreateCommitment(CommitmentInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/commitments", (await store.CreateCommitmentAsync(input, ct)).Id, id => CommitmentAsync(db, id, ct));

    private static Task<Results<Ok<CommitmentDto>, NotFound>> UpdateCommitment(int id, CommitmentInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateCommitmentAsync(id, input, ct).OkAfter(async () => (await CommitmentAsync(db, id, ct))!);

    private static Task<CommitmentDto?> CommitmentAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Commitments.Where(c => c.Id == id).ToDtos(db).FirstOrDefaultAsync(ct);

    // Drivers.
    private static async Task<Ok<Page<DriverDto>>> ListDrivers(int? missionId, int? actorId, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Drivers
            .Where(d => missionId == null || d.MissionId == missionId)
            .Where(d => actorId == null || d.ActorId == actorId)
            .OrderBy(d => d.Id).ToDtos(db).ToPageAsync(paging, ct));

    private static Task<Results<Ok<DriverDto>, NotFound>> GetDriver(int id, MastenDbContext db, CancellationToken ct) =>
        DriverAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<DriverDto>> CreateDriver(DriverInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/drivers", (await store.CreateDriverAsync(input, ct)).Id, id => DriverAsync(db, id, ct));

    private static Task<Results<Ok<DriverDto>, NotFound>> UpdateDriver(int id, DriverInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateDriverAsync(id, input, ct).OkAfter(async () => (await DriverAsync(db, id, ct))!);

    private static Task<DriverDto?> DriverAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Drivers.Where(d => d.Id == id).ToDtos(db).FirstOrDefaultAsync(ct);

    // Operational goals.
    private static async Task<Ok<Page<OperationalGoalDto>>> ListOperationalGoals(int? actorId, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.OperationalGoals.Where(g => actorId == null || g.ActorId == actorId).OrderBy(g => g.Id).ToDtos(db).ToPageAsync(paging, ct));

    private static Task<Results<Ok<OperationalGoalDto>, NotFound>> GetOperationalGoal(int id, MastenDbContext db, CancellationToken ct) =>
        OperationalGoalAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<OperationalGoalDto>> CreateOperationalGoal(OperationalGoalInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/operational-goals", (await store.CreateOperationalGoalAsync(input, ct)).Id, id => OperationalGoalAsync(db, id, ct));

    private static Task<Results<Ok<OperationalGoalDto>, NotFound>> UpdateOperationalGoal(int id, OperationalGoalInput input, ActorStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateOperationalGoalAsync(id, input, ct).OkAfter(async () => (await OperationalGoalAsync(db, id, ct))!);

    private static Task<OperationalGoalDto?> OperationalGoalAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.OperationalGoals.Where(g => g.Id == id).ToDtos(db).FirstOrDefaultAsync(ct);
}
