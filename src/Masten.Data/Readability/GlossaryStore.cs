using Masten.Core.Common;
using Masten.Core.Readability;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Readability;

public sealed record GlossaryEntryDto(int Id, int MissionId, string Term, string Explanation, string Language, int Version);

/// <summary>A text the mission holds, for the language overview: where it is and what it says.</summary>
public sealed record MissionText(string Kind, int Id, string Label, string Text, string Link);

/// <summary>Writes and reads of a mission's glossary, and the texts its language overview checks.</summary>
public sealed class GlossaryStore(MastenDbContext db)
{
    public async Task<GlossaryEntry> CreateAsync(GlossaryInput input, CancellationToken ct = default)
    {
        GlossaryRules.Validate(input);
        if (!await db.Missions.AnyAsync(m => m.Id == input.MissionId, ct))
            throw new DomainException(DomainErrorKind.Validation, [new FieldError("missionId", "UnknownMission", "is not an existing mission.")]);
        var entry = new GlossaryEntry { MissionId = input.MissionId };
        await ApplyAsync(entry, input, ct);
        db.GlossaryEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<GlossaryEntry?> UpdateAsync(int id, GlossaryInput input, CancellationToken ct = default)
    {
        var entry = await db.GlossaryEntries.FindAsync([id], ct);
        if (entry is null)
            return null;
        input = input with { MissionId = entry.MissionId };
        GlossaryRules.Validate(input);
        db.ExpectVersion(entry, input.Version);
        await ApplyAsync(entry, input, ct);
        await db.SaveVersionedAsync(ct);
        return entry;
    }

    /// <summary>Removes a term; its last values stay in the change log.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        var entry = await db.GlossaryEntries.FindAsync([id], ct);
        if (entry is null)
            return false;
        db.GlossaryEntries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task ApplyAsync(GlossaryEntry entry, GlossaryInput input, CancellationToken ct)
    {
        var term = input.Term!.Trim();
        var language = input.Language!.Trim().ToLowerInvariant();
        // A glossary holds a few hundred terms at most: compare case-insensitively in memory, the same on both databases.
        var others = await db.GlossaryEntries.Where(g => g.MissionId == entry.MissionId && g.Language == language && g.Id != entry.Id).Select(g => g.Term).ToListAsync(ct);
        if (others.Exists(t => string.Equals(t, term, StringComparison.OrdinalIgnoreCase)))
            throw new DomainException(DomainErrorKind.Validation, [new FieldError("term", "DuplicateTerm", "is already in the glossary.")]);
        entry.Term = term;
        entry.Explanation = input.Explanation!.Trim();
        entry.Language = language;
    }

    /// <summary>The mission's glossary by language and term; reused while nothing is written (<see cref="StampedReads"/>), a copy each call.</summary>
    public async Task<List<GlossaryEntryDto>> ListAsync(int missionId, CancellationToken ct = default) =>
        [.. await db.ReuseAsync<IReadOnlyList<GlossaryEntryDto>>("glossary", missionId, 0, async () =>
            await db.GlossaryEntries.AsNoTracking().Where(g => g.MissionId == missionId).OrderBy(g => g.Language).ThenBy(g => g.Term)
                .Select(g => new GlossaryEntryDto(g.Id, g.MissionId, g.Term, g.Explanation, g.Language, g.Version)).ToListAsync(ct), ct)];

    /// <summary>The glossary as the checker takes it.</summary>
    public static IReadOnlyList<GlossaryTerm> Terms(IEnumerable<GlossaryEntryDto> entries) =>
        entries.Where(e => TextLanguages.Parse(e.Language) is not null)
            .Select(e => new GlossaryTerm(TextLanguages.Parse(e.Language)!.Value, e.Term, e.Explanation)).ToList();

    /// <summary>Every text of a mission: its statement, each goal's and indicator's name and description, and the actors' commitments and drivers.</summary>
    public async Task<IReadOnlyList<MissionText>> TextsAsync(int missionId, CancellationToken ct = default)
    {
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == missionId).Select(m => new { m.Title, m.Statement }).FirstAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == missionId).OrderBy(g => g.Order).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.Title, g.Description }).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId).OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name, i.Description }).ToListAsync(ct);
        var texts = new List<MissionText>
        {
            new("mission.title", missionId, mission.Title, mission.Title, $"/missions/{missionId}/edit"),
            new("mission.statement", missionId, mission.Title, mission.Statement, $"/missions/{missionId}/edit"),
        };
        foreach (var g in goals)
        {
            texts.Add(new("goal.title", g.Id, g.Title, g.Title, $"/goals/{g.Id}/edit"));
            if (!string.IsNullOrWhiteSpace(g.Description))
                texts.Add(new("goal.description", g.Id, g.Title, g.Description, $"/goals/{g.Id}/edit"));
        }
        foreach (var i in indicators)
        {
            if (!string.IsNullOrWhiteSpace(i.Description))
                texts.Add(new("indicator.description", i.Id, i.Name, i.Description, $"/indicators/{i.Id}/edit"));
        }
        // Commitments as signed in the latest round (earlier rounds hold copies of the same texts).
        var latestRound = await db.SigningRounds.AsNoTracking().Where(r => r.MissionId == missionId)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MissionId == missionId && c.RoundId == latestRound)
            .OrderBy(c => c.Actor!.Name).Select(c => new { c.Id, Actor = c.Actor!.Name, c.Text }).ToListAsync(ct);
        texts.AddRange(commitments.Select(c => new MissionText("commitment.text", c.Id, c.Actor, c.Text, $"/commitments/{c.Id}/edit")));
        var drivers = await db.Drivers.AsNoTracking().Where(d => d.MissionId == missionId)
            .OrderBy(d => d.Actor!.Name).Select(d => new { d.Id, Actor = d.Actor!.Name, d.Text }).ToListAsync(ct);
        texts.AddRange(drivers.Where(d => !string.IsNullOrWhiteSpace(d.Text)).Select(d => new MissionText("driver.text", d.Id, d.Actor, d.Text, $"/drivers/{d.Id}/edit")));
        return texts;
    }
}
