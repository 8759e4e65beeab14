using Masten.Core.Accounts;
using Masten.Core.Tasks;
using Masten.Data;
using Masten.Data.Actors;
using Masten.Data.Tasks;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tasks;

/// <summary>
/// <c>/api/v1</c> for a representative's tasks and for signing. <c>GET /me/tasks</c> answers what "Mina uppgifter"
/// shows (<see cref="TaskReads.TasksForAsync"/>); <c>POST /commitments/{id}/sign</c> signs as the token's account;
/// <c>POST /commitments/{id}/paper-signature</c> enters a signature given on paper (the programme office).
/// A refused signature is a ProblemDetails naming the field (400 <c>actorId</c> or <c>roundId</c>, 409 <c>status</c>).
/// </summary>
public static class TasksApi
{
    /// <summary>The body of a signature: optionally the version of the commitment last read.</summary>
    public sealed record SignRequest(int? Version);

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Tasks");
        api.MapGet("/me/tasks", MyTasksAsync).WithName("MyTasks")
            .WithSummary("What the signed-in person is expected to do: commitments to sign, check-ins and values due, invitations waiting. kind pages one list.")
            .RequireAccess(Capability.Read, ResourceKind.Platform);
        api.MapPost("/commitments/{id:int}/sign", SignAsync).WithName("SignCommitment")
            .WithSummary("Signs a commitment for its actor (Skriv under): records who signed and when. Only a representative of the actor, in the open round.")
            .RequireAccess(Capability.Read, ResourceKind.Commitment).RequireAuthorization(Policies.SignedIn);
        api.MapPost("/commitments/{id:int}/paper-signature", RecordPaperSignatureAsync).WithName("RecordPaperSignature")
            .WithSummary("Enters a signature given on paper (the programme office): who signed and on which date, as on the paper, and who entered it. Only in the open round, on an open commitment not signed yet.")
            .RequireAccess(Capability.Manage, ResourceKind.Commitment);
        return app;
    }

    private static async Task<Ok<MyTasks>> MyTasksAsync(HttpContext http, MastenDbContext db, TimeProvider clock, TaskKind? kind, [AsParameters] PageRequest paging, CancellationToken ct)
    {
        var userId = AccessService.UserId(http.User) ?? 0;
        return TypedResults.Ok(await db.TasksForAsync(userId, clock.Today(), ct, kind, paging.Number, paging.SizeOr(TaskReads.DefaultPageSize)));
    }

    private static async Task<Results<Ok<CommitmentDto>, NotFound>> RecordPaperSignatureAsync(int id, PaperSignatureInput input, HttpContext http,
        ActorStore store, MastenDbContext db, CancellationToken ct)
    {
        // A read-only token is refused by the access policy: entering a signature is a change (Manage).
        if (await store.RecordPaperSignatureAsync(id, input, await PaperSignatureEntry.EnteredByAsync(db, http.User, ct), ct) is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(await db.Commitments.Where(c => c.Id == id).ToDtos(db).FirstAsync(ct));
    }

    private static async Task<Results<Ok<CommitmentDto>, NotFound, ProblemHttpResult>> SignAsync(int id, SignRequest? request, HttpContext http,
        AccessService access, ActorStore store, MastenDbContext db, CancellationToken ct)
    {
        var who = await access.PrincipalAsync(ct);
        // A read-only token reads; signing is a change.
        if (who.ReadOnly || who.UserId is not { } userId)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "A read-only token cannot sign.");
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct) ?? "";
        if (await store.SignCommitmentAsync(id, userId, name, request?.Version, ct) is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(await db.Commitments.Where(c => c.Id == id).ToDtos(db).FirstAsync(ct));
    }
}
