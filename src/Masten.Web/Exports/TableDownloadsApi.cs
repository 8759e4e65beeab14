using Masten.Core.Accounts;
using Masten.Core.History;
using Masten.Data;
using Masten.Data.Exports;
using Masten.Data.History;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Masten.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Exports;

/// <summary>
/// Downloads of the tables users see, one route per table and one way of answering for all of them: <c>?format=csv</c>
/// (the default; as Swedish Excel reads it) or <c>?format=xlsx</c>, every row streamed from the database, the page's
/// filters given as the same query parameters. Access is the page's own. A page offers them with <see cref="TableDownloadLinks"/>.
/// </summary>
public static class TableDownloadsApi
{
    public static IEndpointRouteBuilder MapTableDownloadsApi(this IEndpointRouteBuilder app)
    {
        var downloads = app.MapGroup("/downloads").WithTags("Downloads");
        downloads.MapGet("/indicators/{id:int}/observations", Observations).RequireAccess(Capability.Read, ResourceKind.Indicator)
            .WithName("DownloadObservations").WithSummary("An indicator's whole observation log, superseded values included, as CSV or XLSX (format=csv|xlsx).");
        downloads.MapGet("/missions/{id:int}/commitments", Commitments).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("DownloadCommitments").WithSummary("Every commitment of the mission with its organisation and round, as CSV or XLSX.");
        downloads.MapGet("/missions/{id:int}/initiatives", Initiatives).RequireAccess(Capability.Read, ResourceKind.Mission)
            .WithName("DownloadInitiatives").WithSummary("The mission's portfolio of initiatives, as CSV or XLSX.");
        downloads.MapGet("/audit", Audit).RequireAccess(Capability.Administer, ResourceKind.Platform)
            .WithName("DownloadAudit").WithSummary("The audit log with the audit page's filters (person, entityType, entityId, from, to, action), newest first, as CSV or XLSX.");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> Observations(
        int id, string? format, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct) =>
        await SendAsync(format, t, () => TableDownloads.ObservationsAsync(db, id, ct), ct);

    private static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> Commitments(
        int id, string? format, string? round, string? status, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        // The actors page's filters: a round id and a status; empty means all.
        int? roundId = null;
        Masten.Core.Actors.CommitmentStatus? statusValue = null;
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(round))
        {
            if (int.TryParse(round, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r))
                roundId = r;
            else
                errors["round"] = [t["Download.Problem.Round"]];
        }
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<Masten.Core.Actors.CommitmentStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
                statusValue = s;
            else
                errors["status"] = [t["Download.Problem.Status"]];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: t["Download.Problem.Title"]);
        return await SendAsync(format, t, () => TableDownloads.CommitmentsAsync(db, id, roundId, statusValue, ct), ct);
    }

    private static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> Initiatives(
        int id, string? format, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct) =>
        await SendAsync(format, t, () => TableDownloads.InitiativesAsync(db, id, ct), ct);

    private static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> Audit(
        string? format, string? person, string? entityType, string? entityId, string? from, string? to, string? action,
        MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        var (filter, _, errors) = AuditFilter.Parse(person, entityType, entityId, from, to, action, null, db.EntityTypes());
        if (filter is null)
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => ErrorText.Sentence(t, e)).ToArray()),
                title: t["Download.Problem.Title"]);
        return await SendAsync(format, t, () => Task.FromResult<TableFile?>(TableDownloads.Audit(db, filter)), ct);
    }

    /// <summary>The last row of a sheet cut at Excel's row limit, in the reader's language: how many rows it kept, and that the CSV has them all.</summary>
    public static Func<int, string> SheetCut(IStringLocalizer t) =>
        kept => t["Download.SheetCut", kept.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)].Value;

    /// <summary>The one way every table download answers: the format checked (400 naming <c>format</c>), a missing record 404, then the file.</summary>
    public static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, NotFound, ValidationProblem>> SendAsync(
        string? format, IStringLocalizer t, Func<Task<TableFile?>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(read);
        format = string.IsNullOrEmpty(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (format is not ("csv" or "xlsx"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [t["Download.Problem.Format"]] }, title: t["Download.Problem.Title"]);
        if (await read() is not { } table)
            return TypedResults.NotFound();
        if (format == "csv")
            return TypedResults.Stream(body => TableFiles.WriteCsvAsync(table, body, ct), TableFiles.CsvType + "; charset=utf-8", table.Name + ".csv");
        var file = TableFiles.TemporaryFile();
        await TableFiles.WriteXlsxAsync([table], file, ct, SheetCut(t));
        file.Position = 0;
        return TypedResults.File(file, TableFiles.XlsxType, table.Name + ".xlsx");
    }
}
