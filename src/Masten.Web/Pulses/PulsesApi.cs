using System.Globalization;
using System.Runtime.CompilerServices;
using Masten.Core.Accounts;
using Masten.Core.Pulses;
using Masten.Data;
using Masten.Data.Exports;
using Masten.Data.Pulses;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Pulses;

/// <summary>
/// <c>/api/v1</c> for trust pulses: the mission's pulse, its rounds (opened and closed by hand), the results with the
/// anonymity threshold applied (JSON and CSV), and the anonymous answer to a link. Writes go through
/// <see cref="PulseStore"/>; broken rules are ProblemDetails naming the field. Everything but the answer needs
/// <see cref="Capability.Edit"/> on the mission: the programme office.
/// </summary>
public static class PulsesApi
{
    public static IEndpointRouteBuilder MapPulsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Pulses");

        var missions = api.MapGroup("/missions");
        missions.MapGet("/{id:int}/pulse", GetPulse).WithName("GetPulse").WithSummary("The mission's pulse: statements, open question, recipients, schedule, threshold").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapPut("/{id:int}/pulse", DefinePulse).WithName("DefinePulse").WithSummary("Define or change the mission's pulse (a change names the version last read)").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/pulse/rounds", GetRounds).WithName("GetPulseRounds").WithSummary("The pulse's rounds, newest first, with how many got a link and answered").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapPost("/{id:int}/pulse/rounds", OpenRound).WithName("OpenPulseRound").WithSummary("Open the next round now: every recipient gets a single-use link by e-mail").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapPost("/{id:int}/pulse/rounds/{roundId:int}/close", CloseRound).WithName("ClosePulseRound").WithSummary("Close a round now; its mean feeds the pulse's indicator").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/pulse/results", GetResults).WithName("GetPulseResults").WithSummary("Results by round and actor type; groups under the threshold, and groups that would reveal them, hold no figures").RequireAccess(Capability.Edit, ResourceKind.Mission);
        missions.MapGet("/{id:int}/pulse/results/csv", GetResultsCsv).WithName("GetPulseResultsCsv").WithSummary("The same results as CSV, with the same cells hidden").RequireAccess(Capability.Edit, ResourceKind.Mission);

        api.MapPost("/pulse-answers/{token}", Answer).WithName("AnswerPulse").WithSummary("Answer a pulse with a link's secret: no account; each link takes one answer").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<PulseDto>, NotFound>> GetPulse(int id, MastenDbContext db, CancellationToken ct) =>
        await db.PulseAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    private static async Task<Results<Ok<PulseDto>, NotFound>> DefinePulse(int id, PulseInput input, PulseStore store, MastenDbContext db, CancellationToken ct) =>
        await store.DefineAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await db.PulseAsync(id, ct))!);

    private static async Task<Results<Ok<List<PulseRoundDto>>, NotFound>> GetRounds(int id, MastenDbContext db, CancellationToken ct) =>
        await db.Pulses.AnyAsync(p => p.MissionId == id, ct) ? TypedResults.Ok(await db.PulseRoundsAsync(id, ct)) : TypedResults.NotFound();

    private static async Task<Results<Created<PulseRoundDto>, NotFound>> OpenRound(int id, PulseStore store, IPulseMail mail, MastenDbContext db, CancellationToken ct)
    {
        if (await store.OpenRoundAsync(id, mail, null, ct) is not { } round)
            return TypedResults.NotFound();
        var dto = (await db.PulseRoundsAsync(id, ct)).First(r => r.Id == round.Id);
        return TypedResults.Created($"/api/v1/missions/{id}/pulse/rounds", dto);
    }

    private static async Task<Results<NoContent, NotFound>> CloseRound(int id, int roundId, PulseStore store, MastenDbContext db, CancellationToken ct)
    {
        if (!await db.PulseRounds.AnyAsync(r => r.Id == roundId && r.MissionId == id, ct))
            return TypedResults.NotFound();
        await store.CloseAsync(roundId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PulseResultsDto>, NotFound>> GetResults(int id, MastenDbContext db, CancellationToken ct) =>
        await db.PulseResultsAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, NotFound>> GetResultsCsv(int id, MastenDbContext db, CancellationToken ct)
    {
        if (await db.PulseResultsAsync(id, ct) is not { } results)
            return TypedResults.NotFound();
        var table = new TableFile($"pulse-{id.ToString(CultureInfo.InvariantCulture)}", ["round", "actorType", "statement", "answers", "mean", "hidden"], Rows(results, ct));
        return TypedResults.Stream(body => TableFiles.WriteCsvAsync(table, body, ct), TableFiles.CsvType + "; charset=utf-8", table.Name + ".csv");
    }

    /// <summary>One row per cell and statement; a hidden cell's row says why and holds no figures.</summary>
    private static async IAsyncEnumerable<object?[]> Rows(PulseResultsDto results, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.CompletedTask;
        var numbers = results.Rounds.ToDictionary(r => r.Id, r => r.Number);
        foreach (var cell in results.Cells)
            foreach (var s in results.Statements)
            {
                ct.ThrowIfCancellationRequested();
                yield return [numbers[cell.RoundId], cell.ActorType?.ToString() ?? "All", s.Key, cell.Answers,
                    cell.Means is { } m && m.TryGetValue(s.Key, out var mean) ? mean : null, cell.Shown ? null : cell.Hidden.ToString()];
            }
    }

    private static async Task<NoContent> Answer(string token, PulseAnswerInput input, PulseStore store, CancellationToken ct)
    {
        await store.AnswerAsync(token, input, ct);
        return TypedResults.NoContent();
    }
}
