using Masten.Core.Accounts;
using Masten.Core.Common;
using Masten.Core.Reports;
using Masten.Data;
using Masten.Data.Missions;
using Masten.Data.Reports;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Reports;

/// <summary>
/// Yearly reports (årlig avstämning) under <c>/api/v1/missions/{id}/reports</c>: freeze one, list them, read one,
/// compare two, and download one as DOCX or XLSX. A report is read like its mission (a published mission's reports
/// are public); freezing needs edit rights on the mission. The downloads are also served beside the report's page
/// (<c>/missions/{id}/reports/{reportId}/docx</c>), where the browser's session signs them.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/missions/{id:int}/reports").WithTags("Reports");
        api.MapPost("/", FreezeAsync).RequireAccess(Capability.Edit, ResourceKind.Mission)
            .WithName("FreezeReport").WithSummary("Freezes the mission as of a date (asOf, yyyy-MM-dd) into a report with a title and a summary; it never changes afterwards.");
        api.MapGet("/", ListAsync).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("ListReports").WithSummary("The mission's reports, latest date first, paged (page, pageSize; 20 by default).");
        api.MapGet("/{reportId:int}", GetAsync).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("GetReport").WithSummary("One report with its frozen content (schemaVersion says the shape of content).");
        api.MapGet("/compare", CompareAsync).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("CompareReports").WithSummary("Two reports of the mission side by side (from, to: report ids): what improved and what got worse.");
        MapDownloads(api, "Api");
        MapDownloads(app.MapGroup("/missions/{id:int}/reports").ExcludeFromDescription(), "Page");
        return app;
    }

    private static void MapDownloads(RouteGroupBuilder group, string name)
    {
        group.MapGet("/{reportId:int}/docx", DocxAsync).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName($"DownloadReportDocx{name}").WithSummary("The report as a Word document (DOCX), made from its frozen content.");
        group.MapGet("/{reportId:int}/xlsx", XlsxAsync).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName($"DownloadReportXlsx{name}").WithSummary("The report as a spreadsheet (XLSX), one sheet per table, made from its frozen content.");
    }

    private static async Task<Results<Created<ReportDto>, NotFound>> FreezeAsync(int id, ReportInput input, ReportStore store, MastenDbContext db, CancellationToken ct)
    {
        if (await store.FreezeAsync(id, input, ct) is not { } report)
            return TypedResults.NotFound();
        return TypedResults.Created($"/api/v1/missions/{id}/reports/{report.Id}", await db.ReportAsync(id, report.Id, ct));
    }

    private static async Task<Results<Ok<Page<ReportSummaryDto>>, NotFound>> ListAsync(int id, [AsParameters] PageRequest paging, MastenDbContext db, CancellationToken ct) =>
        await db.Missions.AnyAsync(m => m.Id == id, ct)
            ? TypedResults.Ok(await db.ReportsAsync(id, paging.Number, paging.SizeOr(ReportReads.PageSize), ct))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ReportDto>, NotFound>> GetAsync(int id, int reportId, MastenDbContext db, CancellationToken ct) =>
        await db.ReportAsync(id, reportId, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    private static async Task<Results<Ok<ReportComparison>, NotFound>> CompareAsync(int id, int? from, int? to, MastenDbContext db, CancellationToken ct)
    {
        var missing = new Rules();
        if (from is null)
            missing.Add("from", "Required", "is required.");
        if (to is null)
            missing.Add("to", "Required", "is required.");
        missing.ThrowIfAny();
        return await db.CompareReportsAsync(id, from!.Value, to!.Value, ct) is { } comparison ? TypedResults.Ok(comparison) : TypedResults.NotFound();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DocxAsync(int id, int reportId, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct) =>
        await db.ReportAsync(id, reportId, ct) is { } report
            ? TypedResults.File(ReportFiles.Docx(report.Content, t, JsonStringLocalizer.CurrentLanguage()), ReportFiles.DocxType, ReportFiles.FileName(report, "docx"))
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> XlsxAsync(int id, int reportId, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct) =>
        await db.ReportAsync(id, reportId, ct) is { } report
            ? TypedResults.File(ReportFiles.Xlsx(report.Content, t), ReportFiles.XlsxType, ReportFiles.FileName(report, "xlsx"))
            : TypedResults.NotFound();
}
