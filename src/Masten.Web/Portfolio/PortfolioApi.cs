using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Core.Portfolio;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Pickers;
using Masten.Data.Portfolio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Portfolio;

/// <summary>
/// <c>/api/v1</c> for initiatives, their stage history, hypotheses and check-ins, the mission's
/// portfolio analysis, reviews and their decisions. Writes go through <see cref="PortfolioStore"/>;
/// broken rules surface as ProblemDetails through the exception handler (400 naming the field, 409 on
/// a stale version). Updates need the <c>version</c> last read. <c>asOf</c> (yyyy-MM-dd) analyses the
/// portfolio at another date than today.
/// </summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Portfolio");

        var missions = api.MapGroup("/missions");
        // q: only initiatives whose title contains it.
        missions.MapGet("/{id:int}/initiatives", async Task<Results<Ok<Page<InitiativeDto>>, NotFound>> (int id, string? q, InitiativeStage? stage, int? page, int? pageSize, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.Initiatives.Where(i => i.MissionId == id && (stage == null || i.Stage == stage)).TitleContains(q)
                    .OrderBy(i => i.Title).ThenBy(i => i.Id).ToDtos(db).ToPageAsync(page ?? 1, pageSize ?? 50, ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        // The report's alerts are paged (page, pageSize; 50 by default); alertPaging says which page and how many in all.
        missions.MapGet("/{id:int}/portfolio", async Task<Results<Ok<PortfolioOverview>, NotFound>> (int id, DateOnly? asOf, int? page, int? pageSize, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
            await db.PortfolioAsync(id, asOf ?? Today(clock), ct, page ?? 1, pageSize ?? PortfolioReads.AlertPageSize) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/reviews", async Task<Results<Ok<List<ReviewDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Missions.AnyAsync(m => m.Id == id, ct)
                ? TypedResults.Ok(await db.Reviews.Where(r => r.MissionId == id).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Mission);

        var initiatives = api.MapGroup("/initiatives");
        initiatives.MapGet("/{id:int}", async Task<Results<Ok<InitiativeDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Initiatives.Where(i => i.Id == id).ToDtos(db).FirstOrDefaultAsync(ct) is { } i ? TypedResults.Ok(i) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/", async Task<Created<InitiativeDto>> (InitiativeInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateInitiativeAsync(input, ct);
            return TypedResults.Created($"/api/v1/initiatives/{created.Id}", await db.Initiatives.Where(i => i.Id == created.Id).ToDtos(db).FirstAsync(ct));
        }).RequireAccess<InitiativeInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.LeadActorId));
        initiatives.MapPut("/{id:int}", async Task<Results<Ok<InitiativeDto>, NotFound>> (int id, InitiativeInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateInitiativeAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Initiatives.Where(i => i.Id == id).ToDtos(db).FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Initiative).RequireAccess<InitiativeInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.LeadActorId));
        initiatives.MapGet("/{id:int}/stages", async Task<Results<Ok<List<StageChangeDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Initiatives.AnyAsync(i => i.Id == id, ct)
                ? TypedResults.Ok(await db.StageChanges.Where(s => s.InitiativeId == id).OrderBy(s => s.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapGet("/{id:int}/hypotheses", async Task<Results<Ok<List<HypothesisDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Initiatives.AnyAsync(i => i.Id == id, ct)
                ? TypedResults.Ok(await db.Hypotheses.Where(h => h.InitiativeId == id).OrderBy(h => h.OpenedOn).ThenBy(h => h.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/{id:int}/hypotheses", async Task<Results<Created<HypothesisDto>, NotFound>> (int id, HypothesisInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.CreateHypothesisAsync(id, input, ct) is { } created
                ? TypedResults.Created($"/api/v1/hypotheses/{created.Id}", await db.Hypotheses.Where(h => h.Id == created.Id).ToDtos().FirstAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Contribute, ResourceKind.Initiative);
        initiatives.MapGet("/{id:int}/check-ins", async Task<Results<Ok<List<CheckInDto>>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Initiatives.AnyAsync(i => i.Id == id, ct)
                ? TypedResults.Ok(await db.CheckIns.Where(c => c.InitiativeId == id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).ToDtos().ToListAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/{id:int}/check-ins", async Task<Results<Created<CheckInDto>, NotFound>> (int id, CheckInInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.AddCheckInAsync(id, input, ct) is { } created
                ? TypedResults.Created($"/api/v1/initiatives/{id}/check-ins", await db.CheckIns.Where(c => c.Id == created.Id).ToDtos().FirstAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Contribute, ResourceKind.Initiative);

        var hypotheses = api.MapGroup("/hypotheses");
        hypotheses.MapGet("/{id:int}", async Task<Results<Ok<HypothesisDto>, NotFound>> (int id, MastenDbContext db, CancellationToken ct) =>
            await db.Hypotheses.Where(h => h.Id == id).ToDtos().FirstOrDefaultAsync(ct) is { } h ? TypedResults.Ok(h) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Hypothesis);
        hypotheses.MapPut("/{id:int}", async Task<Results<Ok<HypothesisDto>, NotFound>> (int id, HypothesisInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateHypothesisAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Hypotheses.Where(h => h.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Contribute, ResourceKind.Hypothesis);

        var reviews = api.MapGroup("/reviews");
        reviews.MapGet("/{id:int}", async Task<Results<Ok<ReviewOverview>, NotFound>> (int id, int? page, int? pageSize, MastenDbContext db, CancellationToken ct) =>
            await db.ReviewAsync(id, ct, page ?? 1, pageSize ?? PortfolioReads.AlertPageSize) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound()).RequireAccess(Capability.Read, ResourceKind.Review);
        reviews.MapPost("/", async Task<Created<ReviewDto>> (ReviewInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        {
            var created = await store.CreateReviewAsync(input, ct);
            return TypedResults.Created($"/api/v1/reviews/{created.Id}", await db.Reviews.Where(r => r.Id == created.Id).ToDtos().FirstAsync(ct));
        }).RequireAccess<ReviewInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        reviews.MapPut("/{id:int}", async Task<Results<Ok<ReviewDto>, NotFound>> (int id, ReviewInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.UpdateReviewAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await db.Reviews.Where(r => r.Id == id).ToDtos().FirstAsync(ct))).RequireAccess(Capability.Edit, ResourceKind.Review).RequireAccess<ReviewInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        // Records a decision and applies it: the initiative's stage moves, linked back to the review.
        reviews.MapPost("/{id:int}/decisions", async Task<Results<Created<DecisionDto>, NotFound>> (int id, DecisionInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
            await store.DecideAsync(id, input, ct) is { } created
                ? TypedResults.Created($"/api/v1/reviews/{id}", await db.ReviewDecisions.Where(d => d.Id == created.Id).ToDtos(db).FirstAsync(ct))
                : TypedResults.NotFound()).RequireAccess(Capability.Edit, ResourceKind.Review);

        return app;
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
