using Masten.Core.Actors;
using Masten.Core.Pulses;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Pulses;

/// <summary>A mission's pulse as the page and the API show it.</summary>
public sealed record PulseDto(int Id, int MissionId, IReadOnlyList<PulseStatement> Statements, PulseText? OpenQuestion, IReadOnlyList<ActorType> ActorTypes,
    int RoundsPerYear, DateOnly StartsOn, int OpenDays, int Threshold, bool Scheduled, int? IndicatorId, string? IndicatorStatement, int Version, DateTime UpdatedAt);

/// <summary>One round: when it opened and closes, how many got a link and how many links were used (counts only).</summary>
public sealed record PulseRoundDto(int Id, int Number, DateOnly OpenedOn, DateOnly ClosesOn, bool Closed, bool Scheduled, int Recipients, int Answers);

/// <summary>A round's open answers: shown only when at least the threshold of people wrote one, sorted by text, nothing else with them.</summary>
public sealed record PulseOpenAnswersDto(int RoundId, int Number, bool Shown, IReadOnlyList<string> Answers);

/// <summary>
/// A pulse's results: every cell by round and actor type (and everyone) after <see cref="PulseResults.Cells"/>, so a cell
/// under the threshold, or one that would give such a cell away by subtraction, holds no figures.
/// </summary>
public sealed record PulseResultsDto(int MissionId, int Threshold, IReadOnlyList<PulseStatement> Statements, IReadOnlyList<PulseRoundDto> Rounds,
    IReadOnlyList<ActorType> ActorTypes, IReadOnlyList<PulseCell> Cells, IReadOnlyList<PulseOpenAnswersDto> OpenAnswers);

public static class PulseReads
{
    public static async Task<PulseDto?> PulseAsync(this MastenDbContext db, int missionId, CancellationToken ct = default)
    {
        var p = await db.Pulses.AsNoTracking().FirstOrDefaultAsync(p => p.MissionId == missionId, ct);
        return p is null ? null : new PulseDto(p.Id, p.MissionId, PulseRules.ReadStatements(p.Statements), PulseRules.ReadText(p.OpenQuestion), p.ActorTypes,
            p.RoundsPerYear, p.StartsOn, p.OpenDays, p.Threshold, p.Scheduled, p.IndicatorId, p.IndicatorStatement, p.Version, p.UpdatedAt);
    }

    /// <summary>The pulse's rounds, newest first. The answer count is the round's total only (no types).</summary>
    public static async Task<List<PulseRoundDto>> PulseRoundsAsync(this MastenDbContext db, int missionId, CancellationToken ct = default) =>
        await db.PulseRounds.AsNoTracking().Where(r => r.MissionId == missionId).OrderByDescending(r => r.Number)
            .Select(r => new PulseRoundDto(r.Id, r.Number, r.OpenedOn, r.ClosesOn, r.ClosedAt != null, r.ScheduledFor != null, r.Recipients,
                db.PulseAnswers.Count(a => a.RoundId == r.Id)))
            .ToListAsync(ct);

    /// <summary>
    /// The results of the mission's pulse, by round (oldest first) and actor type, with the threshold applied: the larger of
    /// the pulse's threshold now and the one the round was opened with, so lowering it later shows no round more than was
    /// promised. Three queries; null without a pulse.
    /// </summary>
    public static async Task<PulseResultsDto?> PulseResultsAsync(this MastenDbContext db, int missionId, CancellationToken ct = default)
    {
        var pulse = await db.PulseAsync(missionId, ct);
        if (pulse is null)
            return null;
        var rounds = (await db.PulseRoundsAsync(missionId, ct)).OrderBy(r => r.Number).ToList();
        var thresholds = await db.PulseRounds.AsNoTracking().Where(r => r.MissionId == missionId).ToDictionaryAsync(r => r.Id, r => Math.Max(r.Threshold, pulse.Threshold), ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var answers = await db.PulseAnswers.AsNoTracking().Where(a => ids.Contains(a.RoundId)).GroupBy(a => new { a.RoundId, a.ActorType })
            .Select(g => new { g.Key.RoundId, g.Key.ActorType, Count = g.Count() }).ToListAsync(ct);
        var sums = (await db.PulseScores.AsNoTracking().Where(s => ids.Contains(s.RoundId)).GroupBy(s => new { s.RoundId, s.ActorType, s.StatementKey })
            .Select(g => new { g.Key.RoundId, g.Key.ActorType, g.Key.StatementKey, Sum = g.Sum(s => s.Value) }).ToListAsync(ct))
            .ToLookup(s => (s.RoundId, s.ActorType));
        var counts = answers.Select(a => new PulseGroupCount(a.RoundId, a.ActorType, a.Count,
            sums[(a.RoundId, a.ActorType)].ToDictionary(s => s.StatementKey, s => s.Sum))).ToList();
        var cells = rounds.SelectMany(r => PulseResults.Cells([r.Id], pulse.ActorTypes, counts, thresholds[r.Id])).ToList();
        var open = await db.PulseAnswers.AsNoTracking().Where(a => ids.Contains(a.RoundId) && a.OpenAnswer != null)
            .Select(a => new { a.RoundId, a.OpenAnswer }).ToListAsync(ct);
        var byRound = open.ToLookup(a => a.RoundId, a => a.OpenAnswer!);
        var openAnswers = rounds.Where(r => byRound[r.Id].Any())
            .Select(r => PulseResults.OpenAnswers(byRound[r.Id], thresholds[r.Id]) is var shown ? new PulseOpenAnswersDto(r.Id, r.Number, shown.Count > 0, shown) : null!)
            .ToList();
        var statements = rounds.Count > 0
            ? (await db.PulseRounds.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Statements).ToListAsync(ct))
                .SelectMany(PulseRules.ReadStatements).Concat(pulse.Statements).DistinctBy(s => s.Key).ToList()
            : [.. pulse.Statements];
        return new PulseResultsDto(missionId, pulse.Threshold, statements, rounds, [.. cells.Where(c => c.ActorType is not null).Select(c => c.ActorType!.Value).Distinct().Order()], cells, openAnswers);
    }
}
