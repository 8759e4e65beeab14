using Masten.Core.Accounts;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Office;

/// <summary><c>/api/v1</c> for the programme office's explicit actions: publishing a mission.</summary>
public static class OfficeApi
{
    /// <summary>The body of a publication: optionally the version of the mission last read.</summary>
    public sealed record PublishRequest(int? Version);

    public static IEndpointRouteBuilder MapOfficeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Missions");
        api.MapPost("/missions/{id:int}/publish", PublishAsync).WithName("PublishMission")
            .WithSummary("Publishes a draft mission (Publicera): it becomes readable by everyone and its roadmap is frozen as version 1. Refused without a goal or an indicator.")
            .RequireAccess(Capability.Manage, ResourceKind.Mission);
        return app;
    }

    private static async Task<Results<Ok<MissionDto>, NotFound>> PublishAsync(int id, PublishRequest? request, MissionStore store, MastenDbContext db, CancellationToken ct) =>
        await store.PublishMissionAsync(id, request?.Version, ct: ct) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await db.Missions.Where(m => m.Id == id).ToDtos().FirstAsync(ct));
}
