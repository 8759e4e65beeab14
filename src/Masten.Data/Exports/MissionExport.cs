using System.IO.Pipelines;
using System.Text.Json;
using Masten.Core.Exports;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>
/// Writes one mission as a <see cref="MissionDocument"/> (JSON) or as a workbook with one sheet per section.
/// Every section is one streamed query read row by row (AsNoTracking, ordered by id), written as it is read
/// and flushed every 64 KB, so the mission is never held in memory. The context's visibility applies: a
/// mission it cannot see is not found.
/// </summary>
public static class MissionExport
{
    /// <summary>The sections of the document, in document order, each with the query that reads it (<see cref="MissionDocument"/>).</summary>
    public static IReadOnlyList<Section> Sections(MastenDbContext db, int missionId, IReadOnlySet<int> actorIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicatorIds = db.Indicators.Where(i => i.Goal!.MissionId == missionId).Select(i => i.Id);
        var initiativeIds = db.Initiatives.Where(i => i.MissionId == missionId).Select(i => i.Id);
        var reviewIds = db.Reviews.Where(r => r.MissionId == missionId).Select(r => r.Id);
        var goalIds = db.Goals.Where(g => g.MissionId == missionId).Select(g => g.Id);
        var journeyIds = db.Journeys.Where(j => j.MissionId == missionId).Select(j => j.Id);
        var participantIds = db.Participants.Where(p => p.MissionId == missionId).Select(p => p.Id);
        var actors = actorIds.ToList();
        return
        [
            Section.Of("goals", db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.Id)),
            Section.Of("indicators", db.Indicators.Where(i => i.Goal!.MissionId == missionId).OrderBy(i => i.Id)),
            Section.Of("targets", db.IndicatorTargets.Where(t => indicatorIds.Contains(t.IndicatorId)).OrderBy(t => t.Id)),
            Section.Of("observations", db.Observations.Where(o => indicatorIds.Contains(o.IndicatorId)).OrderBy(o => o.Id)),
            Section.Of("roadmapVersions", db.RoadmapVersions.Where(v => v.MissionId == missionId).OrderBy(v => v.Id)),
            Section.Of("actors", db.Actors.Where(a => actors.Contains(a.Id)).OrderBy(a => a.Id)),
            Section.Of("memberships", db.Memberships.Where(m => m.MissionId == missionId).OrderBy(m => m.Id)),
            Section.Of("signingRounds", db.SigningRounds.Where(r => r.MissionId == missionId).OrderBy(r => r.Id)),
            Section.Of("commitmentTiers", db.CommitmentTierSets.Where(t => t.MissionId == missionId).OrderBy(t => t.Id)),
            Section.Of("commitments", db.Commitments.Where(c => c.MissionId == missionId).OrderBy(c => c.Id)),
            Section.Of("drivers", db.Drivers.Where(d => d.MissionId == missionId).OrderBy(d => d.Id)),
            Section.Of("operationalGoals", db.OperationalGoals.Where(o => actors.Contains(o.ActorId)).OrderBy(o => o.Id)),
            Section.Of("goalRelations", db.GoalRelations.Where(r => goalIds.Contains(r.GoalId)).OrderBy(r => r.Id)),
            Section.Of("reviews", db.Reviews.Where(r => r.MissionId == missionId).OrderBy(r => r.Id)),
            Section.Of("initiatives", db.Initiatives.Where(i => i.MissionId == missionId).OrderBy(i => i.Id)),
            Section.Of("contributions", db.InitiativeContributions.Where(c => initiativeIds.Contains(c.InitiativeId)).OrderBy(c => c.Id)),
            Section.Of("funding", db.FundingLines.Where(f => initiativeIds.Contains(f.InitiativeId)).OrderBy(f => f.Id)),
            Section.Of("stageChanges", db.StageChanges.Where(s => initiativeIds.Contains(s.InitiativeId)).OrderBy(s => s.Id)),
            Section.Of("hypotheses", db.Hypotheses.Where(h => initiativeIds.Contains(h.InitiativeId)).OrderBy(h => h.Id)),
            Section.Of("checkIns", db.CheckIns.Where(c => initiativeIds.Contains(c.InitiativeId)).OrderBy(c => c.Id)),
            Section.Of("reviewDecisions", db.ReviewDecisions.Where(d => reviewIds.Contains(d.ReviewId)).OrderBy(d => d.Id)),
            Section.Of("glossary", db.GlossaryEntries.Where(e => e.MissionId == missionId).OrderBy(e => e.Id)),
            Section.Of("journeys", db.Journeys.Where(j => j.MissionId == missionId).OrderBy(j => j.Id)),
            Section.Of("journeySteps", db.JourneySteps.Where(s => journeyIds.Contains(s.JourneyId)).OrderBy(s => s.Id)),
            Section.Of("journeyVersions", db.JourneyVersions.Where(v => v.MissionId == missionId).OrderBy(v => v.Id)),
            Section.Of("participants", db.Participants.Where(p => p.MissionId == missionId).OrderBy(p => p.Id)),
            Section.Of("stepEvents", db.StepEvents.Where(e => participantIds.Contains(e.ParticipantId)).OrderBy(e => e.Id)),
            Section.Of("journeyActivities", db.JourneyActivities.Where(a => a.MissionId == missionId).OrderBy(a => a.Id)),
            Section.Of("activityAttendees", db.ActivityAttendees.Where(x => db.JourneyActivities.Any(a => a.Id == x.ActivityId && a.MissionId == missionId)).OrderBy(x => x.Id)),
            Section.Of("reports", db.MissionReports.Where(r => r.MissionId == missionId).OrderBy(r => r.Id)),
            Section.Of("imports", db.Imports.Where(x => x.MissionId == missionId).OrderBy(x => x.Id)),
        ];
    }

    /// <summary>
    /// The ids of every actor a record of the mission names. Partners and review participants are stored as
    /// lists, so those two are gathered here rather than in SQL; the result is a set of ids, not of actors.
    /// </summary>
    public static async Task<HashSet<int>> ActorIdsAsync(MastenDbContext db, int missionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = new HashSet<int>();
        ids.UnionWith(await db.Memberships.Where(m => m.MissionId == missionId).Select(m => m.ActorId).ToListAsync(ct));
        ids.UnionWith(await db.Commitments.Where(c => c.MissionId == missionId).Select(c => c.ActorId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.Drivers.Where(d => d.MissionId == missionId).Select(d => d.ActorId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.Initiatives.Where(i => i.MissionId == missionId).Select(i => i.LeadActorId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.FundingLines.Where(f => db.Initiatives.Any(i => i.Id == f.InitiativeId && i.MissionId == missionId)).Select(f => f.FunderActorId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.Participants.Where(p => p.MissionId == missionId).Select(p => p.ActorId).ToListAsync(ct));
        ids.UnionWith(await db.Indicators.Where(i => i.Goal!.MissionId == missionId && i.ReportingActorId != null).Select(i => i.ReportingActorId!.Value).Distinct().ToListAsync(ct));
        await foreach (var partners in db.Initiatives.Where(i => i.MissionId == missionId).Select(i => i.PartnerActorIds).AsAsyncEnumerable().WithCancellation(ct))
            ids.UnionWith(partners);
        await foreach (var participants in db.Reviews.Where(r => r.MissionId == missionId).Select(r => r.ParticipantActorIds).AsAsyncEnumerable().WithCancellation(ct))
            ids.UnionWith(participants);
        return ids;
    }

    /// <summary>Writes the mission's document to <paramref name="output"/>; false when the context sees no such mission (nothing written).</summary>
    public static async Task<bool> WriteJsonAsync(MastenDbContext db, int missionId, Stream output, bool indented, Action<string, long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == missionId, ct);
        if (mission is null)
            return false;
        var programme = await db.Programmes.AsNoTracking().IgnoreQueryFilters().FirstAsync(p => p.Id == mission.ProgrammeId, ct);
        var actorIds = await ActorIdsAsync(db, missionId, ct);

        // The writer fills a pipe, and only the pipe writes to the stream, asynchronously: the serializer's own
        // flushes then never block on the stream (a response body refuses synchronous writes).
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Indented = indented, Encoder = MissionDocument.Json.Encoder });
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", MissionDocument.Version);
        writer.WritePropertyName("exportedAt");
        JsonSerializer.Serialize(writer, db.Clock.GetUtcNow().UtcDateTime, MissionDocument.Json);
        writer.WritePropertyName("programme");
        JsonSerializer.Serialize(writer, programme, MissionDocument.Json);
        writer.WritePropertyName("mission");
        JsonSerializer.Serialize(writer, mission, MissionDocument.Json);
        foreach (var section in Sections(db, missionId, actorIds))
        {
            writer.WriteStartArray(section.Name);
            var count = await section.WriteAsync(writer, pipe, ct);
            writer.WriteEndArray();
            progress?.Invoke(section.Name, count);
        }
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        await pipe.CompleteAsync();
        return true;
    }

    /// <summary>One section of the document: its name, its record type and the query that reads it in order.</summary>
    public abstract class Section(string name, Type type)
    {
        public string Name { get; } = name;
        public Type Type { get; } = type;

        public static Section Of<T>(string name, IQueryable<T> query) where T : class => new Typed<T>(name, query.AsNoTracking());

        /// <summary>Writes every record as a JSON object, flushing <paramref name="pipe"/> to its stream every 64 KB; returns how many.</summary>
        public abstract Task<long> WriteAsync(Utf8JsonWriter writer, PipeWriter pipe, CancellationToken ct);

        /// <summary>Every record as the values of its stored fields, in <see cref="MissionDocument.Fields{T}"/> order (synchronous, for workbook writers).</summary>
        public abstract IEnumerable<object?[]> Rows();

        /// <summary>The names of the fields <see cref="Rows"/> gives, in order.</summary>
        public abstract IReadOnlyList<(string Name, Type Type)> Columns { get; }

        private sealed class Typed<T>(string name, IQueryable<T> query) : Section(name, typeof(T)) where T : class
        {
            private static readonly IReadOnlyList<(string Name, Type Type, Func<object, object?> Get)> Fields = MissionDocument.Fields<T>();

            public override IReadOnlyList<(string Name, Type Type)> Columns { get; } = Fields.Select(f => (f.Name, f.Type)).ToList();

            public override async Task<long> WriteAsync(Utf8JsonWriter writer, PipeWriter pipe, CancellationToken ct)
            {
                long count = 0;
                await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
                {
                    JsonSerializer.Serialize(writer, row, MissionDocument.Json);
                    count++;
                    if (writer.BytesPending + pipe.UnflushedBytes > 64 * 1024)
                    {
                        writer.Flush();
                        await pipe.FlushAsync(ct);
                    }
                }
                return count;
            }

            public override IEnumerable<object?[]> Rows()
            {
                foreach (var row in query.AsEnumerable())
                {
                    var values = new object?[Fields.Count];
                    for (var i = 0; i < values.Length; i++)
                        values[i] = Fields[i].Get(row);
                    yield return values;
                }
            }
        }
    }
}
