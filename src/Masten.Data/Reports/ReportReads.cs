using Masten.Core.Reports;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Reports;

/// <summary>A report as lists show it: its queryable columns, without the document.</summary>
public sealed record ReportSummaryDto(int Id, int MissionId, string Title, DateOnly AsOf, DateTime CreatedAt, string CreatedBy, int SchemaVersion);

/// <summary>A report with its frozen content.</summary>
public sealed record ReportDto(int Id, int MissionId, string Title, DateOnly AsOf, DateTime CreatedAt, string CreatedBy, int SchemaVersion, ReportSnapshot Content);

public static class ReportReads
{
    /// <summary>How many reports a page lists unless asked otherwise.</summary>
    public const int PageSize = 20;

    /// <summary>The mission's reports, the latest date first (ties: the later freeze first), one page at a time.</summary>
    public static Task<Page<ReportSummaryDto>> ReportsAsync(this MastenDbContext db, int missionId, int page, int pageSize, CancellationToken ct) =>
        db.MissionReports.AsNoTracking().Where(r => r.MissionId == missionId)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
            .Select(r => new ReportSummaryDto(r.Id, r.MissionId, r.Title, r.AsOf, r.CreatedAt, r.CreatedBy, r.SchemaVersion))
            .ToPageAsync(page, pageSize, ct);

    /// <summary>A report of the mission with its content, or null when the mission has no such report.</summary>
    public static async Task<ReportDto?> ReportAsync(this MastenDbContext db, int missionId, int reportId, CancellationToken ct)
    {
        var row = await db.MissionReports.AsNoTracking().Where(r => r.Id == reportId && r.MissionId == missionId).FirstOrDefaultAsync(ct);
        return row is null ? null : new ReportDto(row.Id, row.MissionId, row.Title, row.AsOf, row.CreatedAt, row.CreatedBy, row.SchemaVersion, ReportDocument.Deserialize(row.Document));
    }

    /// <summary>Two reports of the mission compared; null when either is not one of its reports.</summary>
    public static async Task<ReportComparison?> CompareReportsAsync(this MastenDbContext db, int missionId, int fromId, int toId, CancellationToken ct)
    {
        var from = await db.ReportAsync(missionId, fromId, ct);
        var to = await db.ReportAsync(missionId, toId, ct);
        return from is null || to is null ? null : ReportComparer.Compare(from.Content, to.Content);
    }
}
