using Masten.Core.Exports;
using Masten.Data;
using Masten.Data.Exports;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Exports;

/// <summary>
/// Open data of published missions, for anyone and without an account: each table as CSV (as Swedish Excel reads it)
/// or XLSX at <c>/open-data/missions/{id}/{table}.csv|.xlsx</c>, all tables in one workbook at <c>…/all.xlsx</c>, and
/// the DCAT-AP-SE catalogue for the national data portal at <c>/open-data/catalog.jsonld</c> (JSON-LD) and
/// <c>/open-data/catalog.rdf</c> (RDF/XML). A draft is not found. The licence, publisher, contact mailbox and themes
/// are configured under <c>OpenData</c> (see <see cref="OpenDataSettings"/>).
/// </summary>
public static class OpenDataApi
{
    public const string CatalogJsonLd = "/open-data/catalog.jsonld";
    public const string CatalogRdfXml = "/open-data/catalog.rdf";

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/open-data").WithTags("Open data").AllowAnonymous();
        files.MapGet("/missions/{id:int}/{table}.csv", Csv).WithName("OpenDataCsv")
            .WithSummary("One table of a published mission's open data as CSV: UTF-8 with BOM, semicolons, decimal commas, ISO dates. Tables: mission, goals, indicators, targets, observations, actors, memberships, commitments, initiatives, contributions, dictionary.");
        files.MapGet("/missions/{id:int}/{table}.xlsx", Xlsx).WithName("OpenDataXlsx")
            .WithSummary("One table of a published mission's open data as XLSX with typed cells; 'all' gives every table, a sheet each.");
        files.MapGet("/missions/{id:int}/kumu.json", Kumu).WithName("OpenDataKumu")
            .WithSummary("A published mission's system map as a Kumu blueprint: goals, organisations and initiatives as elements; parent goals, commitments, leads, partners and contributions as connections.");
        files.MapGet("/catalog.jsonld", JsonLd).WithName("OpenDataCatalogJsonLd")
            .WithSummary("The DCAT-AP-SE catalogue of every published mission's open data, as JSON-LD, for harvesting by the national data portal.");
        files.MapGet("/catalog.rdf", RdfXml).WithName("OpenDataCatalogRdfXml")
            .WithSummary("The same DCAT-AP-SE catalogue as RDF/XML.");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> Csv(int id, string table, MastenDbContext db, CancellationToken ct)
    {
        await OpenData.SeePublishedOnlyAsync(db, ct);
        if (await OpenData.MissionAsync(db, id, ct) is null || await OpenData.TableAsync(db, id, table, ct) is not { } file)
            return TypedResults.NotFound();
        return TypedResults.Stream(body => TableFiles.WriteCsvAsync(file, body, ct), TableFiles.CsvType + "; charset=utf-8", FileName(id, table, "csv"));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Xlsx(int id, string table, MastenDbContext db, IStringLocalizer<Texts> t, CancellationToken ct)
    {
        await OpenData.SeePublishedOnlyAsync(db, ct);
        if (await OpenData.MissionAsync(db, id, ct) is null)
            return TypedResults.NotFound();
        List<TableFile> tables;
        if (table == "all")
            tables = await OpenData.AllTablesAsync(db, id, ct);
        else if (await OpenData.TableAsync(db, id, table, ct) is { } one)
            tables = [one];
        else
            return TypedResults.NotFound();
        var file = TableFiles.TemporaryFile();
        await TableFiles.WriteXlsxAsync(tables, file, ct, TableDownloadsApi.SheetCut(t));
        file.Position = 0;
        return TypedResults.File(file, TableFiles.XlsxType, FileName(id, table, "xlsx"));
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> Kumu(int id, MastenDbContext db, CancellationToken ct)
    {
        await OpenData.SeePublishedOnlyAsync(db, ct);
        if (await OpenData.MissionAsync(db, id, ct) is null)
            return TypedResults.NotFound();
        return TypedResults.Stream(body => KumuExport.WriteAsync(db, id, body, ct), "application/json", FileName(id, "kumu", "json"));
    }

    /// <summary>A file name like <c>mission-12-observations.csv</c>: ASCII, so every browser keeps it.</summary>
    public static string FileName(int missionId, string table, string extension) => $"mission-{missionId}-{table}.{extension}";

    private static async Task<ContentHttpResult> JsonLd(HttpRequest request, MastenDbContext db, OpenDataSettings settings, CancellationToken ct) =>
        TypedResults.Content(DcatCatalog.ToJsonLd(await CatalogAsync(request, db, settings, ct)), "application/ld+json; charset=utf-8");

    private static async Task<ContentHttpResult> RdfXml(HttpRequest request, MastenDbContext db, OpenDataSettings settings, CancellationToken ct) =>
        TypedResults.Content(DcatCatalog.ToRdfXml(await CatalogAsync(request, db, settings, ct)), "application/rdf+xml; charset=utf-8");

    private static async Task<RdfNode> CatalogAsync(HttpRequest request, MastenDbContext db, OpenDataSettings settings, CancellationToken ct)
    {
        await OpenData.SeePublishedOnlyAsync(db, ct);
        var site = settings.BaseUrl(request);
        var missions = await OpenData.MissionsAsync(db, programmeId: null, ct);
        var datasets = missions.Select(m => new DcatDataset(m.Id, m.Title, m.Statement, m.Language, m.ProgrammeOffice ?? m.Programme, m.CreatedAt, m.UpdatedAt,
            $"{site}/missions/{m.Id}/open-data",
            [
                .. OpenDataTables.Tables.Append(OpenDataTables.Dictionary).SelectMany(t => new[]
                {
                    new DcatDistribution($"{t.Title.Sv} (CSV)", t.Description.Sv, $"{site}/open-data/missions/{m.Id}/{t.Name}.csv", "CSV", "text/csv"),
                    new DcatDistribution($"{t.Title.Sv} (Excel)", t.Description.Sv, $"{site}/open-data/missions/{m.Id}/{t.Name}.xlsx", "XLSX", TableFiles.XlsxType),
                }),
            ], m.BaselineYear, m.HorizonYear));
        return DcatCatalog.Build(site + CatalogJsonLd, site + "/open-data", settings.Dcat, datasets);
    }
}

/// <summary>
/// The <c>OpenData</c> settings: <c>Licence</c> (an IRI, CC BY 4.0 unless set), <c>LicenceName</c>, <c>Publisher</c>
/// (the catalogue's publisher, "Masten" unless set), <c>ContactEmail</c> (a functional mailbox, never a person's) and
/// <c>Themes</c> (EU data-theme codes separated by commas, <c>ENVI,GOVE</c> unless set). Absolute links start with
/// <c>Masten:PublicUrl</c>, or else with the request's own address.
/// </summary>
public sealed class OpenDataSettings(IConfiguration configuration, PublicLinks links)
{
    public const string DefaultLicence = "http://creativecommons.org/licenses/by/4.0/";

    public string Licence { get; } = Setting(configuration, "Licence") ?? DefaultLicence;

    public string LicenceName { get; } = Setting(configuration, "LicenceName") ?? (Setting(configuration, "Licence") is null ? "CC BY 4.0" : Setting(configuration, "Licence")!);

    public DcatSettings Dcat { get; } = new(
        Setting(configuration, "Licence") ?? DefaultLicence,
        Setting(configuration, "Publisher") ?? "Masten",
        Setting(configuration, "ContactEmail"),
        (Setting(configuration, "Themes") ?? "ENVI,GOVE").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The site's address without a trailing slash: the configured public address, else the request's.</summary>
    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return links.BaseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[$"OpenData:{name}"] is { Length: > 0 } value ? value.Trim() : null;
}
