using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>
/// A mission's system map as a Kumu blueprint (the JSON Kumu imports: <c>elements</c> and <c>connections</c>, which
/// name their ends by the elements' labels). Elements are the mission's goals, the organisations taking part and the
/// initiatives; connections are a goal's place under its parent, an organisation's commitments to goals, an
/// initiative's lead and partners, and its expected contributions to goals. Organisations only, never people. A
/// label that two elements share gets the element's id appended, so every connection finds its ends.
/// </summary>
public static class KumuExport
{
    /// <summary>Writes the blueprint of mission <paramref name="missionId"/> (the caller has checked that it may be shown).</summary>
    public static async Task WriteAsync(MastenDbContext db, int missionId, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = missionId;
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == id).OrderBy(g => g.Id)
            .Select(g => new { g.Id, g.ParentId, g.Title, g.Description }).ToListAsync(ct);
        var actorIds = (await MissionExport.ActorIdsAsync(db, id, ct)).ToList();
        var actors = await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Type, a.Description, a.Website }).ToListAsync(ct);
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => i.MissionId == id).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Description, i.Stage, i.Type, i.LeadActorId, i.PartnerActorIds }).ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MissionId == id).OrderBy(c => c.Id)
            .Select(c => new { c.ActorId, c.GoalIds, c.Tier, c.Status }).ToListAsync(ct);
        var contributions = await db.InitiativeContributions.AsNoTracking()
            .Where(c => db.Initiatives.Any(i => i.Id == c.InitiativeId && i.MissionId == id)).OrderBy(c => c.Id)
            .Select(c => new { c.InitiativeId, c.GoalId, c.Direction, c.Confidence }).ToListAsync(ct);

        var all = goals.Select(g => ("goal", g.Id, g.Title)).Concat(actors.Select(a => ("actor", a.Id, a.Name))).Concat(initiatives.Select(i => ("initiative", i.Id, i.Title))).ToList();
        var shared = all.GroupBy(e => e.Item3, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var labels = all.ToDictionary(e => (e.Item1, e.Item2), e => shared.Contains(e.Item3) ? $"{e.Item3} (#{e.Item2})" : e.Item3);

        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("elements");
        foreach (var g in goals)
            Element(json, labels[("goal", g.Id)], "Goal", g.Description, ("masten id", $"goal-{g.Id}"));
        foreach (var a in actors)
            Element(json, labels[("actor", a.Id)], "Organisation", a.Description, ("masten id", $"actor-{a.Id}"), ("actor type", a.Type.ToString()), ("website", a.Website));
        foreach (var i in initiatives)
            Element(json, labels[("initiative", i.Id)], "Initiative", i.Description, ("masten id", $"initiative-{i.Id}"), ("stage", i.Stage.ToString()), ("initiative type", i.Type.ToString()));
        json.WriteEndArray();

        json.WriteStartArray("connections");
        foreach (var g in goals.Where(g => g.ParentId is not null && labels.ContainsKey(("goal", g.ParentId!.Value))))
            Connection(json, labels[("goal", g.Id)], labels[("goal", g.ParentId!.Value)], "Part of");
        foreach (var c in commitments)
        {
            foreach (var goalId in c.GoalIds.Where(g => labels.ContainsKey(("goal", g))))
            {
                if (labels.TryGetValue(("actor", c.ActorId), out var actor))
                    Connection(json, actor, labels[("goal", goalId)], "Commitment", ("tier", c.Tier), ("status", c.Status.ToString()));
            }
        }
        foreach (var i in initiatives)
        {
            if (labels.TryGetValue(("actor", i.LeadActorId), out var lead))
                Connection(json, lead, labels[("initiative", i.Id)], "Leads");
            foreach (var partner in i.PartnerActorIds)
            {
                if (labels.TryGetValue(("actor", partner), out var p))
                    Connection(json, p, labels[("initiative", i.Id)], "Partner in");
            }
        }
        foreach (var c in contributions.Where(c => labels.ContainsKey(("goal", c.GoalId))))
            Connection(json, labels[("initiative", c.InitiativeId)], labels[("goal", c.GoalId)], "Contributes to", ("effect", c.Direction.ToString()), ("confidence", c.Confidence.ToString()));
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void Element(Utf8JsonWriter json, string label, string type, string? description, params (string Name, string? Value)[] fields)
    {
        json.WriteStartObject();
        json.WriteString("label", label);
        json.WriteString("type", type);
        if (!string.IsNullOrWhiteSpace(description))
            json.WriteString("description", description);
        foreach (var (name, value) in fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
            json.WriteString(name, value);
        json.WriteEndObject();
    }

    private static void Connection(Utf8JsonWriter json, string from, string to, string type, params (string Name, string? Value)[] fields)
    {
        json.WriteStartObject();
        json.WriteString("from", from);
        json.WriteString("to", to);
        json.WriteString("type", type);
        json.WriteString("direction", "directed");
        foreach (var (name, value) in fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
            json.WriteString(name, value);
        json.WriteEndObject();
    }
}
