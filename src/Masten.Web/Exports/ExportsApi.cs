using Masten.Core.Accounts;
using Masten.Core.Exports;
using Masten.Data;
using Masten.Data.Exports;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Exports;

/// <summary>
/// The mission document over HTTP: <c>GET /api/v1/missions/{id}/export?format=json|xlsx</c> (anyone who may
/// read the mission), <c>POST /api/v1/missions/import</c> (administrators; the body is the document, into a
/// database without programmes or actors) and the schema at <c>/schema/mission-v2.schema.json</c>.
/// </summary>
public static class ExportsApi
{
    public const string SchemaPath = "/schema/mission-v2.schema.json";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/missions").WithTags("Exports");
        api.MapGet("/{id:int}/export", ExportMission).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("ExportMission")
            .WithSummary("The whole mission as one JSON document (schema version 2, see /schema/mission-v2.schema.json), or with format=xlsx as a workbook with one sheet per section. Streamed.");
        api.MapPost("/import", ImportMission).RequireAccess(Capability.Administer, ResourceKind.Platform)
            .WithName("ImportMission")
            .WithSummary("Imports a mission document (the body, application/json) into a database that has no programmes and no actors yet, keeping every id; all or nothing. A wrong schema version is refused with 400.");
        app.MapGet(SchemaPath, () => TypedResults.Stream(MissionImport.SchemaFile(), "application/schema+json"))
            .WithTags("Exports").WithSummary("The JSON Schema of the mission document, version 2.").AllowAnonymous();
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> ExportMission(
        int id, string? format, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        format = string.IsNullOrEmpty(format) ? "json" : format.Trim().ToLowerInvariant();
        if (format is not ("json" or "xlsx"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [t["Export.Problem.Format"]] }, title: t["Export.Problem.Title"]);
        if (!await db.Missions.AnyAsync(m => m.Id == id, ct))
            return TypedResults.NotFound();
        if (format == "json")
            return TypedResults.Stream(
                async body => await MissionExport.WriteJsonAsync(db, id, body, indented: false, progress: null, ct),
                "application/json", $"mission-{id}.json");
        // A workbook is a zip archive, written synchronously as it closes: it is built in a temporary file first.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await MissionWorkbook.WriteAsync(db, id, file, ct);
        file.Position = 0;
        return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"mission-{id}.xlsx");
    }

    public sealed record ImportedDto(int MissionId, IReadOnlyDictionary<string, long> Rows);

    private static async Task<Results<Created<ImportedDto>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> ImportMission(
        HttpRequest request, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        var (document, refusal) = await MissionImport.ReadAsync(request.Body, ct);
        if (document is null)
            return Refused(t, refusal!);
        var result = await MissionImport.ImportAsync(db, document, ct);
        if (!result.Succeeded)
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = t["Export.Problem.NotEmpty"], Detail = result.Error, Status = StatusCodes.Status409Conflict });
        return TypedResults.Created($"/api/v1/missions/{result.MissionId}", new ImportedDto(result.MissionId!.Value, result.Written.ToDictionary(w => w.Section, w => w.Rows)));
    }

    private static ValidationProblem Refused(IStringLocalizer t, MissionImportResult refusal) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["file"] = [refusal.Error!, .. refusal.Problems] },
            title: t["Export.Problem.Document"]);
}
