using System.Globalization;
using Masten.Core.Accounts;
using Masten.Core.Common;
using Masten.Core.History;
using Masten.Data;
using Masten.Data.History;
using Masten.Data.Missions;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Masten.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masten.Web.History;

/// <summary>
/// Every address of the audit log in one place: the entity history (readable by those who may read
/// the record) and the audit page (for administrators). Pages take their routes from here with
/// <c>@attribute [Route(...)]</c>, so a policy can be put on each in one place.
/// </summary>
public static class HistoryRoutes
{
    public const string EntityPage = "/history/{EntityType}/{Id:int}";
    public const string AuditPage = "/admin/audit";
    public const string EntityApi = "/api/v1/history";
    public const string AuditApi = "/api/v1/audit";

    /// <summary>The history page of one record: <c>/history/Actor/12</c>.</summary>
    public static string Entity(string entityType, int id) => $"/history/{Uri.EscapeDataString(entityType)}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The page that shows a record, for the types that have one; null otherwise.</summary>
    public static string? Record(string entityType, int id) => entityType switch
    {
        "Programme" => $"/programmes/{id}/edit",
        "Mission" => $"/missions/{id}",
        "Goal" => $"/goals/{id}/edit",
        "Indicator" => $"/indicators/{id}",
        "Actor" => $"/actors/{id}",
        "ContactPerson" => $"/contacts/{id}/edit",
        "Membership" => $"/memberships/{id}/edit",
        "SigningRound" => $"/rounds/{id}/edit",
        "Commitment" => $"/commitments/{id}/edit",
        "Driver" => $"/drivers/{id}/edit",
        "OperationalGoal" => $"/operational-goals/{id}/edit",
        "Initiative" => $"/initiatives/{id}",
        "Hypothesis" => $"/hypotheses/{id}/edit",
        "Review" => $"/reviews/{id}",
        "GlossaryEntry" => $"/glossary/{id}/edit",
        _ => null,
    };
}

/// <summary>
/// <c>GET /api/v1/history/{entityType}/{id}</c> and <c>GET /api/v1/audit</c>: the audit log, read only.
/// There is deliberately no POST, PUT or DELETE here or anywhere: change records are written by the
/// database context on every save and never changed. Bad filters answer 400 naming the field.
/// </summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        // One group per audience, so each can carry its own policy.
        var history = app.MapGroup(HistoryRoutes.EntityApi).WithTags("History").RequireAccess(Capability.Read, ResourceKind.Record);
        var audit = app.MapGroup(HistoryRoutes.AuditApi).WithTags("History").RequireAccess(Capability.Administer, ResourceKind.Platform);

        history.MapGet("/{entityType}/{id:int}", EntityHistory)
            .WithSummary("Every change of one record, newest first (50 a page), with each field's value before and after.");
        audit.MapGet("/", AuditLog)
            .WithSummary("The audit log filtered by person (part of the name), entity type and id, dates from and to (yyyy-MM-dd, UTC, inclusive) and action (Created, Updated, Deleted); newest first, 50 a page.");
        return app;
    }

    private static async Task<Results<Ok<Page<HistoryEntry>>, NotFound, ValidationProblem>> EntityHistory(
        string entityType, int id, string? page, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        var (_, pageNumber, errors) = AuditFilter.Parse(null, null, null, null, null, null, page, []);
        if (errors.Count > 0)
            return Problem(t, errors);
        if (db.EntityTypeNamed(entityType) is not { } type)
            return TypedResults.NotFound();
        var entries = await db.EntityHistoryAsync(type, id, pageNumber, ct);
        return entries.TotalCount == 0 ? TypedResults.NotFound() : TypedResults.Ok(entries);
    }

    private static async Task<Results<Ok<Page<HistoryEntry>>, ValidationProblem>> AuditLog(
        string? person, string? entityType, string? entityId, string? from, string? to, string? action, string? page,
        MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        var (filter, pageNumber, errors) = AuditFilter.Parse(person, entityType, entityId, from, to, action, page, db.EntityTypes());
        return filter is null ? Problem(t, errors) : TypedResults.Ok(await db.AuditAsync(filter, pageNumber, ct));
    }

    private static ValidationProblem Problem(IStringLocalizer t, IReadOnlyList<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => ErrorText.Sentence(t, e)).ToArray()),
            title: t["Problem.BadFilter"]);
}
