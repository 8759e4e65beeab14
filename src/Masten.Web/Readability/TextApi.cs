using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Masten.Web.Platform;
using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Readability;
using Masten.Data;
using Masten.Data.Readability;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Readability;

/// <summary>
/// <c>POST /api/v1/text/check</c> (klarspråk check of any text) and a mission's glossary under
/// <c>/api/v1/missions/{id}/glossary</c> and <c>/api/v1/glossary/{id}</c>.
/// </summary>
public static class TextApi
{
    /// <summary>The largest text the API checks in one request (characters).</summary>
    public const int MaxTextLength = 5_000_000;

    public sealed record TextCheckRequest(string? Text, string? Language, int? MissionId);

    public sealed record ScoreDto(string Kind, string Name, double Value, string? Band, string? Label);

    public sealed record FindingDto(string RuleId, string Severity, int Start, int Length, string Text, string? Suggestion, string Message);

    public sealed record GlossaryOccurrenceDto(string Term, string Explanation, int Start, int Length);

    /// <summary>
    /// The check of one text. <see cref="TooShortForScore"/> is true for a text under about 30 words: its scores are
    /// given, but say little, and Masten's pages show none for it.
    /// </summary>
    public sealed record TextCheckResponse(string Language, TextStatistics Statistics, IReadOnlyList<ScoreDto> Scores,
        IReadOnlyList<FindingDto> Findings, IReadOnlyList<GlossaryOccurrenceDto> GlossaryOccurrences, bool TooShortForScore = false);

    public static IEndpointRouteBuilder MapTextApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Plain language");
        api.MapPost("/text/check", CheckText).RequireAccess(Capability.Read, ResourceKind.Platform);
        api.MapGet("/missions/{id:int}/glossary", ListGlossary).RequireAccess(Capability.Read, ResourceKind.Mission);
        api.MapPost("/missions/{id:int}/glossary", CreateGlossaryEntry).RequireAccess(Capability.Edit, ResourceKind.Mission);
        api.MapPut("/glossary/{id:int}", UpdateGlossaryEntry).RequireAccess(Capability.Edit, ResourceKind.GlossaryEntry);
        api.MapDelete("/glossary/{id:int}", DeleteGlossaryEntry).RequireAccess(Capability.Edit, ResourceKind.GlossaryEntry);
        return app;
    }

    private static async Task<Ok<TextCheckResponse>> CheckText(TextCheckRequest request, MastenDbContext db, GlossaryStore store, CancellationToken ct)
    {
        var rules = new Rules();
        if (request.Text is null)
            rules.Add("text", "Required", "is required.");
        else
            rules.OptionalText("text", request.Text, MaxTextLength);
        var language = TextLanguages.Parse(request.Language ?? "sv");
        if (language is null)
            rules.Add("language", "UnknownValue", "is not one of the choices.");
        if (request.MissionId is { } missionId && !await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            rules.Add("missionId", "UnknownMission", "is not an existing mission.");
        rules.ThrowIfAny();
        var glossary = request.MissionId is { } id ? GlossaryStore.Terms(await store.ListAsync(id, ct)) : [];
        var result = TextChecker.Check(request.Text!, language!.Value, new TextCheckOptions { Glossary = glossary });
        return TypedResults.Ok(ToDto(result, UiLanguage()));
    }

    private static Task<Results<Ok<List<GlossaryEntryDto>>, NotFound>> ListGlossary(int id, MastenDbContext db, GlossaryStore store, CancellationToken ct) =>
        db.Missions.AnyAsync(m => m.Id == id, ct).OkIfExists(() => store.ListAsync(id, ct));

    private static async Task<Results<Created<GlossaryEntryDto>, NotFound>> CreateGlossaryEntry(int id, GlossaryInput input, MastenDbContext db, GlossaryStore store, CancellationToken ct)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == id, ct))
            return TypedResults.NotFound();
        var e = await store.CreateAsync(input with { MissionId = id }, ct);
        return TypedResults.Created($"/api/v1/glossary/{e.Id}", ToDto(e));
    }

    private static async Task<Results<Ok<GlossaryEntryDto>, NotFound>> UpdateGlossaryEntry(int id, GlossaryInput input, GlossaryStore store, CancellationToken ct) =>
        await store.UpdateAsync(id, input, ct) is { } e ? TypedResults.Ok(ToDto(e)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteGlossaryEntry(int id, GlossaryStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static GlossaryEntryDto ToDto(GlossaryEntry e) => new(e.Id, e.MissionId, e.Term, e.Explanation, e.Language, e.Version);

    /// <summary>The reader's language for messages and labels: the page's or the request's culture.</summary>
    public static TextLanguage UiLanguage() => ReadabilityText.LanguageOf(CultureInfo.CurrentUICulture.Name) ?? TextLanguage.Swedish;

    public static TextCheckResponse ToDto(TextCheckResult result, TextLanguage ui) => new(
        TextLanguages.Code(result.Language),
        result.Statistics,
        result.Scores.Select(s => new ScoreDto(s.Kind.ToString(), ReadabilityText.ScoreName(s.Kind, ui), Math.Round(s.Value, 2), s.Band?.ToString(), s.Label(ui))).ToList(),
        result.Findings.Select(f => new FindingDto(f.RuleId, f.Severity.ToString(), f.Start, f.Length, f.Text, f.Suggestion, f.Message(ui))).ToList(),
        result.GlossaryOccurrences.Select(g => new GlossaryOccurrenceDto(g.Term.Term, g.Term.Explanation, g.Start, g.Length)).ToList(),
        result.TooShortForScore);
}
