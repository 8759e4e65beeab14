using System.Text.RegularExpressions;
using Masten.Core.Accounts;
using Masten.Core.Imports;
using Masten.Data;
using Masten.Data.Imports;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Masten.Web.Imports",
    Justification = "The feature folder is named after the capability; Masten is C# only.")]

namespace Masten.Web.Imports;

/// <summary>
/// <c>/api/v1/missions/{id}/imports</c>: upload a file (multipart, field <c>file</c>) or send it as the body
/// (<c>text/csv</c>, <c>text/plain</c> for pasted tab-separated text, or the XLSX media type), with <c>dryRun=true</c> for the
/// preview (nothing stored) or without it to apply (one transaction: 201 with what was done, or 422 with every row error and
/// nothing stored; 200 with <c>nothingToApply</c> and nothing recorded when every row is as stored); <c>dryRun=true&amp;keep=true</c> also keeps the file as a previewed import, applied later exactly as previewed by
/// <c>POST …/imports/{importId}/apply</c> (once: 409 after). <c>kind</c> says what the file holds (<see cref="ImportCatalog.Names"/>; default <c>observations</c>).
/// <c>format</c>, <c>delimiter</c>, <c>encoding</c> and <c>layout</c> (<c>long</c>: one row per indicator and date;
/// <c>wide</c>: one column per year or period) override detection. <c>reason</c> says why the roadmap changes: a roadmap import
/// (<c>kind=roadmap</c>) into a mission that is no longer a draft is one roadmap revision and needs it (400 naming <c>reason</c> otherwise);
/// <c>reviewId</c> and <c>validFrom</c> may cite a review and date the revision, as the forms do. The history lists each applied
/// import; <c>/file</c> returns its original file. Needs the right to edit the mission.
/// </summary>
public static partial class ImportsApi
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection("Imports"));
        return services;
    }

    public static long MaxFileBytes(IConfiguration configuration) =>
        configuration.GetValue("Imports:MaxFileBytes", new ImportOptions().MaxFileBytes);

    /// <summary>Whether the request uploads an import (so it may be larger than other requests).</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is { } path && UploadPath().IsMatch(path);

    [GeneratedRegex(@"^/(api/v1/missions/\d+/imports|missions/\d+/import)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex UploadPath();

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/missions/{id:int}/imports").WithTags("Imports");
        imports.MapPost("/", Upload).WithName("ImportObservations")
            .WithSummary("Preview (dryRun=true) or apply an import (kind, default observations; kind=roadmap with reason for a roadmap revision) from CSV, XLSX or pasted tab-separated text")
            // The body is read by the handler (multipart field "file", or the file itself as text/csv, text/plain or XLSX), not
            // declared with Accepts: that would answer 415 before access is checked.
            .WithDescription("Body: multipart/form-data with the field file, or the file itself as text/csv, text/plain (pasted tab-separated text) or the XLSX media type.")
            .DisableAntiforgery()
            .RequireAccess(Capability.Edit, ResourceKind.Mission);
        imports.MapGet("/", History).WithName("ImportHistory").WithSummary("The mission's imports, newest first").RequireAccess(Capability.Edit, ResourceKind.Mission);
        imports.MapGet("/{importId:int}", Status).WithName("ImportStatus").WithSummary("One import: who, when, what it read and did").RequireAccess(Capability.Edit, ResourceKind.Mission);
        imports.MapPost("/{importId:int}/apply", ApplyKept).WithName("ApplyKeptImport")
            .WithSummary("Apply a preview kept by dryRun=true&keep=true: exactly the file previewed, once (409 when applied already)")
            .DisableAntiforgery().RequireAccess(Capability.Edit, ResourceKind.Mission);
        imports.MapGet("/{importId:int}/file", File).WithName("ImportFile").WithSummary("The original file of an import").RequireAccess(Capability.Edit, ResourceKind.Mission);
        // The same download beside the Importera page, where the browser's session signs it.
        app.MapGroup("/missions/{id:int}/imports").ExcludeFromDescription().MapGet("/{importId:int}/file", File)
            .WithName("ImportFilePage").WithSummary("The original file of an import").RequireAccess(Capability.Edit, ResourceKind.Mission);
        app.MapImportTemplates();
        return app;
    }

    private static async Task<Results<Ok<ImportPreview>, Created<ImportPreview>, NotFound, ProblemHttpResult>> Upload(
        int id, HttpRequest request, ImportStore store, MastenDbContext db, IOptions<ImportOptions> options,
        bool? dryRun, bool? keep, string? kind, string? format, string? delimiter, string? encoding, string? layout, string? fileName, string? reason, int? reviewId, DateOnly? validFrom, CancellationToken ct)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == id, ct))
            return TypedResults.NotFound();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.Value.MaxFileBytes + 64 * 1024;
        if (ImportCatalog.Parse(kind) is not { } importKind)
            return Problem(StatusCodes.Status400BadRequest, "kind", $"kind must be one of {string.Join(", ", ImportCatalog.Names)}.");
        var (settings, refused) = ReadSettings(format, delimiter, encoding, layout);
        if (refused is not null)
            return refused;
        try
        {
            if (await OpenAsync(request, fileName, settings!, ct) is not { } upload)
                return Problem(StatusCodes.Status400BadRequest, "file", "Send the file in the form field \"file\".");
            await using (upload.Body)
            {
                var importRequest = new ImportRequest(id, upload.Name, upload.Settings, db.Author, importKind) { Revision = new(reason, reviewId, validFrom) };
                if (dryRun == true && keep == true)
                    return TypedResults.Ok(await store.StageAsync(importRequest, upload.Body, ct));
                if (dryRun == true)
                    return TypedResults.Ok(await store.PreviewAsync(importRequest, upload.Body, ct));
                var applied = await store.ApplyAsync(importRequest, upload.Body, null, ct);
                if (applied is null)
                    return TypedResults.NotFound();
                // A file that changes nothing is not recorded: 200 with nothingToApply, no import to point at.
                return applied.Applied ? TypedResults.Created($"/api/v1/missions/{id}/imports/{applied.ImportId}", applied) : TypedResults.Ok(applied);
            }
        }
        catch (ImportFileException e)
        {
            var status = e.Code == "FileTooLarge" ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Problem(status, "file", e.Message, [e.ToError()]);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "file", $"The file is larger than {options.Value.MaxFileBytes / 1024 / 1024} MB, the largest accepted.");
        }
        catch (InvalidDataException e)
        {
            // A multipart body over the form limits.
            return Problem(StatusCodes.Status413PayloadTooLarge, "file", e.Message);
        }
        catch (ImportRejectedException e)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "rows",
                $"{e.Preview.ErrorCount} errors in the file; nothing was stored. Each is listed with its row, column and value.", e.Preview.Errors, e.Preview);
        }
    }

    /// <summary>How the query says to read the file (format, delimiter, encoding, layout; each detected when not given), or the 400 naming the first bad one.</summary>
    private static (ImportFileSettings? Settings, ProblemHttpResult? Refused) ReadSettings(string? format, string? delimiter, string? encoding, string? layout)
    {
        ImportFormat? chosen = format?.ToLowerInvariant() switch
        {
            null or "" => null,
            "csv" => ImportFormat.Csv,
            "xlsx" => ImportFormat.Xlsx,
            "text" => ImportFormat.Text,
            _ => (ImportFormat?)(ImportFormat)(-1),
        };
        if (chosen == (ImportFormat)(-1))
            return (null, Problem(StatusCodes.Status400BadRequest, "format", "format must be csv, xlsx or text."));
        ImportLayout? chosenLayout = layout?.ToLowerInvariant() switch
        {
            null or "" => null,
            "long" => ImportLayout.Long,
            "wide" => ImportLayout.Wide,
            _ => (ImportLayout?)(ImportLayout)(-1),
        };
        if (chosenLayout == (ImportLayout)(-1))
            return (null, Problem(StatusCodes.Status400BadRequest, "layout", "layout must be long or wide."));
        char? separator = delimiter switch { null or "" => null, "tab" or "\\t" => '\t', { Length: 1 } d => d[0], _ => '\0' };
        if (separator == '\0')
            return (null, Problem(StatusCodes.Status400BadRequest, "delimiter", "delimiter must be one character, or tab."));
        return (new ImportFileSettings(chosen, separator, encoding, chosenLayout), null);
    }

    private sealed record UploadedFile(Stream Body, string Name, ImportFileSettings Settings);

    /// <summary>
    /// The uploaded file: the multipart field <c>file</c>, or the body itself (pasted text when it is <c>text/plain</c>);
    /// null when a form has no field <c>file</c>.
    /// </summary>
    private static async Task<UploadedFile?> OpenAsync(HttpRequest request, string? fileName, ImportFileSettings settings, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return form.Files.GetFile("file") is { } file ? new UploadedFile(file.OpenReadStream(), fileName ?? file.FileName, settings) : null;
        }
        var pasted = request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        return new UploadedFile(request.Body, fileName ?? (pasted ? "inklistrat.txt" : "import.csv"),
            settings.Format is null && pasted ? settings with { Format = ImportFormat.Text } : settings);
    }

    private static ProblemHttpResult Problem(int status, string field, string message, IReadOnlyList<ImportError>? errors = null, ImportPreview? preview = null)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = errors is { Count: > 0 } ? [.. errors.Select(e => e.Row == 0 ? e.Message : $"row {e.Row}, column {e.Column ?? "-"}, value \"{e.Value}\": {e.Message}")] : [message],
        })
        {
            Status = status,
            Title = message,
        };
        if (errors is not null)
            problem.Extensions["importErrors"] = errors;
        if (preview is not null)
            problem.Extensions["preview"] = preview with { Errors = [] };
        return TypedResults.Problem(problem);
    }

    private static async Task<Results<Ok<PagedImports>, NotFound>> History(int id, [AsParameters] PageRequest paging, ImportStore store, MastenDbContext db, CancellationToken ct)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == id, ct))
            return TypedResults.NotFound();
        var (items, page) = await store.HistoryAsync(id, paging.Number, paging.SizeOr(), ct);
        return TypedResults.Ok(new PagedImports(items, page));
    }

    /// <summary>
    /// Applies a kept preview (<see cref="ImportStore.ApplyStagedAsync"/>): 200 with what it did; 404 when the mission has no such
    /// import; 409 when it is applied already (or is being applied); 422 with every row error when the mission changed since the
    /// preview so that rows no longer fit, nothing stored; 200 with <c>nothingToApply</c> (and <c>applied</c> false) when the file
    /// changes nothing any more, the preview still kept. <c>reason</c>, <c>reviewId</c>, <c>validFrom</c>: the roadmap revision (a roadmap import, see <c>Upload</c>).
    /// </summary>
    private static async Task<Results<Ok<ImportPreview>, NotFound, ProblemHttpResult>> ApplyKept(int id, int importId, string? reason, int? reviewId, DateOnly? validFrom, ImportStore store, MastenDbContext db, CancellationToken ct)
    {
        if (await store.FindAsync(id, importId, ct) is not { } kept)
            return TypedResults.NotFound();
        var applied = kept.Status == Masten.Core.Imports.ImportStatus.Previewed ? null : "applied";
        try
        {
            if (applied is null && await store.ApplyStagedAsync(id, importId, db.Author, new(reason, reviewId, validFrom), ct) is { } done)
                return TypedResults.Ok(done);
        }
        catch (ImportFileException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "file", e.Message, [e.ToError()]);
        }
        catch (ImportRejectedException e)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "rows",
                $"{e.Preview.ErrorCount} errors in the file; nothing was stored. Each is listed with its row, column and value.", e.Preview.Errors, e.Preview);
        }
        return Problem(StatusCodes.Status409Conflict, "importId", $"Import #{importId} has been applied already; nothing was stored again.");
    }

    private static async Task<Results<Ok<ImportSummary>, NotFound>> Status(int id, int importId, ImportStore store, CancellationToken ct) =>
        await store.FindAsync(id, importId, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    /// <summary>The original file, streamed from a temporary copy (the result closes it, which deletes it).</summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> File(int id, int importId, ImportStore store, CancellationToken ct) =>
        await store.FileAsync(id, importId, ct) is { } file
            ? TypedResults.File(file.Content, ContentType(file.FileName), file.FileName)
            : TypedResults.NotFound();

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".txt" or ".tsv" => "text/plain",
        _ => "text/csv",
    };
}

/// <summary>One page of a mission's import history.</summary>
public sealed record PagedImports(IReadOnlyList<ImportSummary> Items, Paging Paging);
