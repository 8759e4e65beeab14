using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Web.Platform;
using Masten.Core.Portfolio;
using Masten.Data;
using Masten.Data.Pickers;
using Masten.Data.Portfolio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

        var missions = api.MapGroup("/missions").RequireAccess(Capability.Read, ResourceKind.Mission);
        missions.MapGet("/{id:int}/initiatives", ListInitiatives);
        missions.MapGet("/{id:int}/portfolio", GetPortfolio);
        missions.MapGet("/{id:int}/reviews", ListReviews);

        var initiatives = api.MapGroup("/initiatives");
        initiatives.MapGet("/{id:int}", GetInitiative).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/", CreateInitiative).RequireAccess<InitiativeInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.LeadActorId));
        initiatives.MapPut("/{id:int}", UpdateInitiative).RequireAccess(Capability.Contribute, ResourceKind.Initiative)
            .RequireAccess<InitiativeInput>(Capability.Contribute, i => new ResourceRef(ResourceKind.Mission, i.MissionId, i.LeadActorId));
        initiatives.MapGet("/{id:int}/stages", ListStageChanges).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapGet("/{id:int}/hypotheses", ListHypotheses).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/{id:int}/hypotheses", CreateHypothesis).RequireAccess(Capability.Contribute, ResourceKind.Initiative);
        initiatives.MapGet("/{id:int}/check-ins", ListCheckIns).RequireAccess(Capability.Read, ResourceKind.Initiative);
        initiatives.MapPost("/{id:int}/check-ins", AddCheckIn).RequireAccess(Capability.Contribute, ResourceKind.Initiative);

        var hypotheses = api.MapGroup("/hypotheses");
        hypotheses.MapGet("/{id:int}", GetHypothesis).RequireAccess(Capability.Read, ResourceKind.Hypothesis);
        hypotheses.MapPut("/{id:int}", UpdateHypothesis).RequireAccess(Capability.Contribute, ResourceKind.Hypothesis);

        var reviews = api.MapGroup("/reviews");
        reviews.MapGet("/{id:int}", GetReview).RequireAccess(Capability.Read, ResourceKind.Review);
        reviews.MapPost("/", CreateReview).RequireAccess<ReviewInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        reviews.MapPut("/{id:int}", UpdateReview).RequireAccess(Capability.Edit, ResourceKind.Review)
            .RequireAccess<ReviewInput>(Capability.Edit, i => new ResourceRef(ResourceKind.Mission, i.MissionId));
        reviews.MapPost("/{id:int}/decisions", Decide).RequireAccess(Capability.Edit, ResourceKind.Review);

        return app;
    }

    // A mission's initiatives (q: only those whose title contains it), portfolio and reviews.
    private static Task<Results<Ok<Page<InitiativeDto>>, NotFound>> ListInitiatives(int id, string? q, InitiativeStage? stage, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        db.Missions.AnyAsync(m => m.Id == id, ct).OkIfExists(() => db.Initiatives.Where(i => i.MissionId == id && (stage == null || i.Stage == stage)).TitleContains(q)
            .OrderBy(i => i.Title).ThenBy(i => i.Id).ToDtos(db).ToPageAsync(paging, ct));

    /// <summary>The report's alerts are paged (page, pageSize; 50 by default); alertPaging says which page and how many in all.</summary>
    private static Task<Results<Ok<PortfolioOverview>, NotFound>> GetPortfolio(int id, DateOnly? asOf, [AsParameters] PageRequest paging, MastenDbContext db, TimeProvider clock, CancellationToken ct) =>
        db.PortfolioAsync(id, asOf ?? clock.Today(), ct, paging.Number, paging.SizeOr(PortfolioReads.AlertPageSize)).OkOrNotFound();

    private static Task<Results<Ok<List<ReviewDto>>, NotFound>> ListReviews(int id, MastenDbContext db, CancellationToken ct) =>
        db.Missions.AnyAsync(m => m.Id == id, ct).OkIfExists(() => db.Reviews.Where(r => r.MissionId == id).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToDtos().ToListAsync(ct));

    // Initiatives, their stage changes, hypotheses and check-ins.
    private static Task<Results<Ok<InitiativeDto>, NotFound>> GetInitiative(int id, MastenDbContext db, CancellationToken ct) =>
        InitiativeAsync(db, id, ct).OkOrNotFound();

    private static async Task<Created<InitiativeDto>> CreateInitiative(InitiativeInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/initiatives", (await store.CreateInitiativeAsync(input, ct)).Id, id => InitiativeAsync(db, id, ct));

    private static Task<Results<Ok<InitiativeDto>, NotFound>> UpdateInitiative(int id, InitiativeInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateInitiativeAsync(id, input, ct).OkAfter(async () => (await InitiativeAsync(db, id, ct))!);

    private static Task<InitiativeDto?> InitiativeAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Initiatives.Where(i => i.Id == id).ToDtos(db).FirstOrDefaultAsync(ct);

    private static Task<bool> InitiativeExists(MastenDbContext db, int id, CancellationToken ct) => db.Initiatives.AnyAsync(i => i.Id == id, ct);

    private static Task<Results<Ok<List<StageChangeDto>>, NotFound>> ListStageChanges(int id, MastenDbContext db, CancellationToken ct) =>
        InitiativeExists(db, id, ct).OkIfExists(() => db.StageChanges.Where(s => s.InitiativeId == id).OrderBy(s => s.Id).ToDtos().ToListAsync(ct));

    private static Task<Results<Ok<List<HypothesisDto>>, NotFound>> ListHypotheses(int id, MastenDbContext db, CancellationToken ct) =>
        InitiativeExists(db, id, ct).OkIfExists(() => db.Hypotheses.Where(h => h.InitiativeId == id).OrderBy(h => h.OpenedOn).ThenBy(h => h.Id).ToDtos().ToListAsync(ct));

    private static async Task<Results<Created<HypothesisDto>, NotFound>> CreateHypothesis(int id, HypothesisInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        await store.CreateHypothesisAsync(id, input, ct) is { } created
            ? TypedResults.Created($"/api/v1/hypotheses/{created.Id}", (await HypothesisAsync(db, created.Id, ct))!)
            : TypedResults.NotFound();

    private static Task<Results<Ok<List<CheckInDto>>, NotFound>> ListCheckIns(int id, MastenDbContext db, CancellationToken ct) =>
        InitiativeExists(db, id, ct).OkIfExists(() => db.CheckIns.Where(c => c.InitiativeId == id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).ToDtos().ToListAsync(ct));

    private static async Task<Results<Created<CheckInDto>, NotFound>> AddCheckIn(int id, CheckInInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        await store.AddCheckInAsync(id, input, ct) is { } created
            ? TypedResults.Created($"/api/v1/initiatives/{id}/check-ins", await db.CheckIns.Where(c => c.Id == created.Id).ToDtos().FirstAsync(ct))
            : TypedResults.NotFound();

    // Hypotheses.
    private static Task<Results<Ok<HypothesisDto>, NotFound>> GetHypothesis(int id, MastenDbContext db, CancellationToken ct) =>
        HypothesisAsync(db, id, ct).OkOrNotFound();

    private static Task<Results<Ok<HypothesisDto>, NotFound>> UpdateHypothesis(int id, HypothesisInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateHypothesisAsync(id, input, ct).OkAfter(async () => (await HypothesisAsync(db, id, ct))!);

    private static Task<HypothesisDto?> HypothesisAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Hypotheses.Where(h => h.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    // Reviews and their decisions.
    private static Task<Results<Ok<ReviewOverview>, NotFound>> GetReview(int id, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        db.ReviewAsync(id, ct, paging.Number, paging.SizeOr(PortfolioReads.AlertPageSize)).OkOrNotFound();

    private static async Task<Created<ReviewDto>> CreateReview(ReviewInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        await ApiResults.CreatedAt("/api/v1/reviews", (await store.CreateReviewAsync(input, ct)).Id, id => ReviewAsync(db, id, ct));

    private static Task<Results<Ok<ReviewDto>, NotFound>> UpdateReview(int id, ReviewInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        store.UpdateReviewAsync(id, input, ct).OkAfter(async () => (await ReviewAsync(db, id, ct))!);

    private static Task<ReviewDto?> ReviewAsync(MastenDbContext db, int id, CancellationToken ct) =>
        db.Reviews.Where(r => r.Id == id).ToDtos().FirstOrDefaultAsync(ct);

    /// <summary>Records a decision and applies it: the initiative's stage moves, linked back to the review.</summary>
    private static async Task<Results<Created<DecisionDto>, NotFound>> Decide(int id, DecisionInput input, PortfolioStore store, MastenDbContext db, CancellationToken ct) =>
        await store.DecideAsync(id, input, ct) is { } created
            ? TypedResults.Created($"/api/v1/reviews/{id}", await db.ReviewDecisions.Where(d => d.Id == created.Id).ToDtos(db).FirstAsync(ct))
            : TypedResults.NotFound();
}
