using Masten.Core.Imports;
using Masten.Data.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masten.Web.Imports;

/// <summary>
/// <c>GET /api/v1/imports/templates/{kind}?format=csv|xlsx</c>: the template of an import kind (<see cref="ImportCatalog.Template"/>), its
/// header row and one example row, as CSV the way Swedish Excel opens it (UTF-8 with BOM, semicolons) or as XLSX; <c>layout=wide</c>
/// gives the wide observation table. The same file is at <c>/imports/templates/{kind}</c> for the Importera page's links. A template
/// holds no data of any mission, so anyone may fetch it. The format is a query parameter, not an extension.
/// </summary>
public static class ImportTemplatesApi
{
    public static IEndpointRouteBuilder MapImportTemplates(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/imports/templates").WithTags("Imports").AllowAnonymous().MapGet("/{kind}", Template).WithName("ImportTemplate")
            .WithSummary("The template of an import kind (observations, actors, initiatives, participants, commitments, roadmap): its header row and an example row, as CSV (format=csv, the default) or XLSX (format=xlsx); layout=wide for wide observations");
        app.MapGroup("/imports/templates").ExcludeFromDescription().AllowAnonymous().MapGet("/{kind}", Template).WithName("ImportTemplatePage")
            .WithSummary("The template of an import kind, for the Importera page's links");
        return app;
    }

    /// <summary>The link to a kind's template in <paramref name="format"/> (<c>csv</c> or <c>xlsx</c>), as the Importera page gives it.</summary>
    public static string Link(ImportKind kind, string format) =>
        $"/imports/templates/{ImportCatalog.Name(kind)}?format={format}{(kind == ImportKind.ObservationsWide ? "&layout=wide" : "")}";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Template(string kind, string? format, string? layout, CancellationToken ct)
    {
        if (ImportCatalog.Parse(kind) is not { } parsed)
            return Problem("kind", $"kind must be one of {string.Join(", ", ImportCatalog.Names)}.");
        if (layout is not (null or "" or "long" or "wide") || (layout == "wide" && parsed != ImportKind.Observations))
            return Problem("layout", "layout must be long or wide, and wide only for observations.");
        var chosen = layout == "wide" ? ImportKind.ObservationsWide : parsed;
        if (ImportCatalog.Template(chosen) is not { } template)
            return Problem("kind", $"{kind} has no template.");
        var name = $"mall-{ImportCatalog.Name(chosen)}{(chosen == ImportKind.ObservationsWide ? "-bred" : "")}";
        var table = new TableFile(name, template.Header, Rows(template.Example));
        using var buffer = new MemoryStream();
        switch (format?.ToLowerInvariant())
        {
            case null or "" or "csv":
                await TableFiles.WriteCsvAsync(table, buffer, ct);
                return TypedResults.File(buffer.ToArray(), TableFiles.CsvType + "; charset=utf-8", name + ".csv");
            case "xlsx":
                await TableFiles.WriteXlsxAsync([table], buffer, ct);
                return TypedResults.File(buffer.ToArray(), TableFiles.XlsxType, name + ".xlsx");
            default:
                return Problem("format", "format must be csv or xlsx.");
        }
    }

    private static async IAsyncEnumerable<object?[]> Rows(IReadOnlyList<string> example)
    {
        await Task.CompletedTask;
        yield return [.. example];
    }

    private static ProblemHttpResult Problem(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = message,
        });
}
