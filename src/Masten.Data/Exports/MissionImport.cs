using System.Data.Common;
using System.Text.Json;
using Json.Schema;
using Masten.Core.Exports;
using Masten.Core.Missions;
using Masten.Data.Generation;
using Masten.Data.History;
using Masten.Data.Progress;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>What a mission import did: the mission it created, or why the file was refused (nothing stored then).</summary>
public sealed record MissionImportResult(int? MissionId, string? Error, IReadOnlyList<string> Problems, IReadOnlyList<(string Section, long Rows)> Written)
{
    public bool Succeeded => MissionId is not null;

    public static MissionImportResult Refused(string error, IReadOnlyList<string>? problems = null) => new(null, error, problems ?? [], []);
}

/// <summary>
/// Reads a <see cref="MissionDocument"/> back into a database. The document is checked against its schema
/// first (a wrong <c>schemaVersion</c> is refused before anything else); then every record is written with
/// its own id by <see cref="BulkWriter"/>, in one transaction, so a failure stores nothing. Because ids are
/// kept, the target must hold no programme and no actor yet (a freshly migrated database); anything else
/// is refused, naming what was found. The progress read model is rebuilt afterwards, and one change record
/// notes the import.
/// </summary>
public static class MissionImport
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(MissionImport).Assembly.GetManifestResourceStream("Masten.Data.Exports." + MissionDocument.SchemaFileName)
            ?? throw new InvalidOperationException("The mission document schema is not embedded.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>The schema file (<c>docs/schema/mission-v2.schema.json</c>), as embedded.</summary>
    public static Stream SchemaFile() =>
        typeof(MissionImport).Assembly.GetManifestResourceStream("Masten.Data.Exports." + MissionDocument.SchemaFileName)!;

    /// <summary>Checks the document: well-formed JSON, the schema version this Masten reads, then the schema. Returns it, or the refusal.</summary>
    public static async Task<(MissionDocument? Document, MissionImportResult? Refusal)> ReadAsync(Stream input, CancellationToken ct)
    {
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(input, new JsonDocumentOptions { MaxDepth = 64 }, ct);
        }
        catch (JsonException ex)
        {
            return (null, MissionImportResult.Refused($"The file is not JSON: {ex.Message}"));
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version))
                return (null, MissionImportResult.Refused("The file is not a Masten mission document: it has no schemaVersion."));
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != MissionDocument.Version)
                return (null, MissionImportResult.Refused(
                    $"The file is a mission document of schema version {version.GetRawText()}; this Masten reads version {MissionDocument.Version} only. Nothing was imported."));
            // A version 2 document from before activities had several attendees is read as the one-attendee activities it holds.
            if (!root.TryGetProperty("activityAttendees", out _) && System.Text.Json.Nodes.JsonObject.Create(root) is { } earlier
                && MissionDocument.UpgradeSingleAttendeeActivities(earlier))
            {
                using var upgraded = JsonDocument.Parse(earlier.ToJsonString());
                return Check(upgraded.RootElement);
            }
            return Check(root);
        }
    }

    /// <summary>Checks a document of this version against the schema and reads it.</summary>
    private static (MissionDocument? Document, MissionImportResult? Refusal) Check(JsonElement root)
    {
        var results = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var problems = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .Distinct()
                .Take(20)
                .ToList();
            return (null, MissionImportResult.Refused($"The file does not match the mission document schema (version {MissionDocument.Version}). Nothing was imported.", problems));
        }
        try
        {
            return (root.Deserialize<MissionDocument>(MissionDocument.Json), null);
        }
        catch (JsonException ex)
        {
            return (null, MissionImportResult.Refused($"The file does not match the mission document schema: {ex.Message}"));
        }
    }

    /// <summary>Imports the document in <paramref name="input"/>; nothing is stored unless the whole mission is.</summary>
    public static async Task<MissionImportResult> ImportAsync(MastenDbContext db, Stream input, CancellationToken ct, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (document, refusal) = await ReadAsync(input, ct);
        return document is null ? refusal! : await ImportAsync(db, document, ct, dryRun);
    }

    /// <summary>
    /// Writes the document's records in one transaction. With <paramref name="dryRun"/> every record is written and checked
    /// by the database (keys, references, uniqueness) and the transaction is then rolled back, so nothing is stored.
    /// </summary>
    public static async Task<MissionImportResult> ImportAsync(MastenDbContext db, MissionDocument d, CancellationToken ct, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(d);
        if (await RefusalAsync(db, d, ct) is { } refusal)
            return MissionImportResult.Refused(refusal);

        // Change records are not part of the document; the one noting the import follows any already there.
        var changeId = (await db.ChangeRecords.MaxAsync(c => (long?)c.Id, ct) ?? 0) + 1;
        var written = new List<(string, long)>();
        try
        {
            await using var writer = await BulkWriter.BeginAsync(db, exactValues: true, ct);
            await WriteRecordsAsync(writer, d, ImportRecord(db, d, changeId), written, ct);
            if (!dryRun)
                await writer.CommitAsync(ct);
        }
        catch (DbException ex)
        {
            return MissionImportResult.Refused($"The document's records do not fit together ({ex.Message}). Nothing was imported.");
        }
        catch (MissionDocumentException ex)
        {
            return MissionImportResult.Refused($"{ex.Message} Nothing was imported.");
        }
        if (dryRun)
            return new MissionImportResult(d.Mission.Id, null, [], written);
        // The new mission was not among the missions the context was limited to; the rebuild must see it.
        db.SeeAllMissions();
        await ProgressReadModel.RebuildAsync(db, d.Mission.Id, ct);
        return new MissionImportResult(d.Mission.Id, null, [], written);
    }

    /// <summary>Why the document cannot go into this database at all (it has programmes or actors, or the mission names another programme); null when it can.</summary>
    private static async Task<string?> RefusalAsync(MastenDbContext db, MissionDocument d, CancellationToken ct)
    {
        var programmes = await db.Programmes.IgnoreQueryFilters().CountAsync(ct);
        var actors = await db.Actors.CountAsync(ct);
        if (programmes > 0 || actors > 0)
            return $"A mission document is imported into a database without programmes and actors, so that every record keeps its id; this one has {programmes} programme(s) and {actors} actor(s). Nothing was imported.";
        if (d.Mission.ProgrammeId != d.Programme.Id)
            return "mission.programmeId does not name the document's programme. Nothing was imported.";
        return null;
    }

    /// <summary>The change record noting the import, with id <paramref name="changeId"/>.</summary>
    private static ChangeRecord ImportRecord(MastenDbContext db, MissionDocument d, long changeId) => new()
    {
        Id = changeId,
        EntityType = nameof(Mission),
        EntityId = d.Mission.Id,
        Action = "Created",
        After = JsonSerializer.Serialize(new { Import = "mission document", d.SchemaVersion, d.ExportedAt, d.Mission.Title }),
        ChangedBy = db.Author,
        ChangedAt = db.Clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Copies every table of the document in, each after the tables it points at, noting each table's row count in <paramref name="written"/>.</summary>
    private static async Task WriteRecordsAsync(BulkWriter writer, MissionDocument d, ChangeRecord importRecord, List<(string, long)> written, CancellationToken ct)
    {
        async Task Write<T>(string name, IEnumerable<T> rows) where T : class => written.Add((name, await writer.WriteAsync(rows, ct)));
        await Write("actors", d.Actors);
        await Write("programme", [d.Programme]);
        await Write("mission", [d.Mission]);
        await Write("goals", ParentsFirst(d.Goals, g => g.Id, g => g.ParentId, "goals: some goals name a parent that is not in the document (or form a cycle)."));
        await Write("indicators", d.Indicators);
        await Write("targets", d.Targets);
        await Write("observations", d.Observations.OrderBy(o => o.Id));
        await Write("memberships", d.Memberships);
        await Write("signingRounds", d.SigningRounds);
        await Write("commitmentTiers", d.CommitmentTiers);
        await Write("commitments", d.Commitments.OrderBy(c => c.Id));
        await Write("drivers", d.Drivers);
        await Write("operationalGoals", d.OperationalGoals);
        await Write("goalRelations", d.GoalRelations);
        await Write("reviews", d.Reviews);
        await Write("initiatives", d.Initiatives);
        await Write("contributions", d.Contributions);
        await Write("funding", d.Funding);
        await Write("stageChanges", d.StageChanges);
        await Write("hypotheses", d.Hypotheses);
        await Write("checkIns", d.CheckIns);
        await Write("reviewDecisions", d.ReviewDecisions);
        await Write("roadmapVersions", d.RoadmapVersions);
        await Write("glossary", d.Glossary);
        await Write("journeys", d.Journeys);
        await Write("journeySteps", ParentsFirst(d.JourneySteps, s => s.Id, s => s.MovedToStepId, "journeySteps: some steps move their events to a step that is not in the document (or form a cycle)."));
        await Write("journeyVersions", d.JourneyVersions);
        await Write("participants", d.Participants);
        await Write("stepEvents", d.StepEvents.OrderBy(e => e.Id));
        await Write("journeyActivities", d.JourneyActivities);
        await Write("activityAttendees", d.ActivityAttendees);
        await Write("reports", d.Reports);
        await Write("imports", d.Imports);
        await Write("changeRecords", [importRecord]);
    }

    /// <summary>Records (goals, journey steps) with every record they point at before them, as the foreign key needs when rows are copied in.</summary>
    private static IEnumerable<T> ParentsFirst<T>(List<T> records, Func<T, int> id, Func<T, int?> parent, string problem)
    {
        var children = records.ToLookup(parent);
        var queue = new Queue<T>(children[null].OrderBy(id));
        var seen = 0;
        while (queue.Count > 0)
        {
            var record = queue.Dequeue();
            seen++;
            yield return record;
            foreach (var child in children[id(record)].OrderBy(id))
                queue.Enqueue(child);
        }
        if (seen != records.Count)
            throw new MissionDocumentException(problem);
    }
}

/// <summary>A document whose records do not fit together, found while importing it.</summary>
public sealed class MissionDocumentException(string message) : Exception(message);
