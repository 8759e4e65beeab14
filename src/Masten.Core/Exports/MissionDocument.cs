using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Masten.Core.Actors;
using Masten.Core.Imports;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Readability;
using Masten.Core.Reports;

namespace Masten.Core.Exports;

/// <summary>
/// One mission and everything that belongs to it, as one JSON document (schema version <see cref="Version"/>,
/// <c>docs/schema/mission-v2.schema.json</c>). Each section is a flat list of records, ordered by id, with
/// the stored fields of the record type of the same name; references between records are by their
/// <c>id</c>s, which an import into an empty database keeps. Navigation properties are never written.
/// The exporter streams the sections in this order; an importer reads the document into this type.
/// Contact people are not part of it (they are personal data of the actor register, not of the mission).
/// User accounts do not travel between databases either: the fields that hold a user's id
/// (<see cref="NotCarried"/>) are left out, and are empty after an import; the names stored as text beside
/// them (a commitment's <c>signatory</c>, an event's <c>recordedBy</c>) are kept.
/// </summary>
public sealed class MissionDocument
{
    /// <summary>The schema version this Masten writes and reads. A change to the document's shape needs a new version.</summary>
    public const int Version = 2;

    /// <summary>The identifier of the schema (its <c>$id</c>); the file is served at <c>/schema/mission-v2.schema.json</c>.</summary>
    public const string SchemaId = "urn:masten:mission-document:v2";

    /// <summary>The schema file's name, in <c>docs/schema/</c> and under <c>/schema/</c> on the web.</summary>
    public const string SchemaFileName = "mission-v2.schema.json";

    /// <summary>
    /// Stored fields that are not part of the document: user ids, which name accounts of one database only. An import
    /// leaves them empty (a commitment stays signed, with its signatory and signing time, but by no account).
    /// </summary>
    public static readonly IReadOnlyList<(Type Type, string Property)> NotCarried =
    [
        (typeof(Commitment), nameof(Commitment.SignedByUserId)),
        (typeof(Participant), nameof(Participant.NavigatorId)),
        (typeof(StepEvent), nameof(StepEvent.RecordedByUserId)),
    ];

    /// <summary>Fields whose values are assigned when the document is written or imported, not carried from record to record.</summary>
    public static readonly IReadOnlyList<string> AssignedOnImport = ["exportedAt"];

    public int SchemaVersion { get; set; } = Version;
    public DateTime ExportedAt { get; set; }
    public Programme Programme { get; set; } = new();
    public Mission Mission { get; set; } = new();
    public List<Goal> Goals { get; set; } = [];
    public List<Indicator> Indicators { get; set; } = [];
    public List<IndicatorTarget> Targets { get; set; } = [];
    /// <summary>The whole observation log, corrections and the values they superseded included.</summary>
    public List<Observation> Observations { get; set; } = [];
    public List<RoadmapVersion> RoadmapVersions { get; set; } = [];
    /// <summary>Every actor the mission's records name: members, signers, leads, partners, funders, reporters, review participants.</summary>
    public List<Actor> Actors { get; set; } = [];
    public List<Membership> Memberships { get; set; } = [];
    public List<SigningRound> SigningRounds { get; set; } = [];
    public List<CommitmentTierSet> CommitmentTiers { get; set; } = [];
    public List<Commitment> Commitments { get; set; } = [];
    public List<Driver> Drivers { get; set; } = [];
    /// <summary>The operational goals of the actors above; their relations to this mission's goals are in <see cref="GoalRelations"/>.</summary>
    public List<OperationalGoal> OperationalGoals { get; set; } = [];
    public List<GoalRelation> GoalRelations { get; set; } = [];
    public List<Review> Reviews { get; set; } = [];
    public List<Initiative> Initiatives { get; set; } = [];
    public List<InitiativeContribution> Contributions { get; set; } = [];
    public List<FundingLine> Funding { get; set; } = [];
    public List<StageChange> StageChanges { get; set; } = [];
    public List<Hypothesis> Hypotheses { get; set; } = [];
    public List<CheckIn> CheckIns { get; set; } = [];
    public List<ReviewDecision> ReviewDecisions { get; set; } = [];
    public List<GlossaryEntry> Glossary { get; set; } = [];
    /// <summary>The mission's journey (at most one), its steps (retired ones included) and every version of its definition.</summary>
    public List<Journey> Journeys { get; set; } = [];
    public List<JourneyStep> JourneySteps { get; set; } = [];
    public List<JourneyVersion> JourneyVersions { get; set; } = [];
    /// <summary>The journey's participants; each names an actor in <see cref="Actors"/>. Their navigators are accounts, so not carried.</summary>
    public List<Participant> Participants { get; set; } = [];
    /// <summary>Every step event, corrections and the events they superseded included.</summary>
    public List<StepEvent> StepEvents { get; set; } = [];
    public List<JourneyActivity> JourneyActivities { get; set; } = [];
    /// <summary>Who attended each activity: one row per activity and participant.</summary>
    public List<ActivityAttendee> ActivityAttendees { get; set; } = [];
    /// <summary>The frozen yearly reports, each with its snapshot as written.</summary>
    public List<MissionReport> Reports { get; set; } = [];
    /// <summary>The mission's import history, each import with its original file (base64).</summary>
    public List<ImportRecord> Imports { get; set; } = [];

    /// <summary>
    /// Rewrites, in place, a version 2 document written before an activity could have several attendees: there each of
    /// <c>journeyActivities</c> names its one <c>participantId</c> and there is no <c>activityAttendees</c> section. The
    /// participant becomes the activity's one attendee (the attendee row takes the activity's id) and the activity takes
    /// the mission's id. Returns false, changing nothing, for a document that has the section.
    /// </summary>
    public static bool UpgradeSingleAttendeeActivities(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.ContainsKey("activityAttendees") || root["journeyActivities"] is not JsonArray activities)
            return false;
        var missionId = root["mission"] is JsonObject mission ? mission["id"] : null;
        var attendees = new JsonArray();
        foreach (var activity in activities.OfType<JsonObject>())
        {
            if (!activity.TryGetPropertyValue("participantId", out var participant))
                continue;
            activity.Remove("participantId");
            activity["missionId"] = missionId?.DeepClone();
            attendees.Add(new JsonObject { ["id"] = activity["id"]?.DeepClone(), ["activityId"] = activity["id"]?.DeepClone(), ["participantId"] = participant });
        }
        root["activityAttendees"] = attendees;
        return true;
    }

    /// <summary>
    /// How the document is written and read: camelCase names, enums by name, times in UTC to the
    /// microsecond (what both databases keep), every field present (null when empty), unknown fields refused.
    /// </summary>
    public static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(), new UtcMicrosecondConverter() },
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { StoredFieldsOnly } },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Drops navigation properties (a record or a list of records of Masten's domain): the document keeps only stored fields.</summary>
    private static void StoredFieldsOnly(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type == typeof(MissionDocument))
            return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
            if (IsDomainRecord(type.Properties[i].PropertyType)
                || NotCarried.Any(n => n.Type == type.Type && string.Equals(n.Property, type.Properties[i].AttributeProvider is System.Reflection.MemberInfo m ? m.Name : null, StringComparison.Ordinal)))
                type.Properties.RemoveAt(i);
    }

    private static bool IsDomainRecord(Type t)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            t = t.GetGenericArguments()[0];
        return t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("Masten.Core", StringComparison.Ordinal) == true;
    }

    /// <summary>The stored fields of <typeparamref name="T"/> in document order: name and getter, for tabular exports of the same records.</summary>
    public static IReadOnlyList<(string Name, Type Type, Func<object, object?> Get)> Fields<T>() =>
        Json.GetTypeInfo(typeof(T)).Properties.Where(p => p.Get is not null).Select(p => (p.Name, p.PropertyType, p.Get!)).ToList();

    /// <summary>
    /// The JSON Schema of the document, generated from this type with <see cref="Json"/>: every field
    /// required (an exporter always writes it), <c>schemaVersion</c> fixed, unknown fields refused. The file
    /// <c>docs/schema/mission-v2.schema.json</c> is this output; a test keeps them equal.
    /// </summary>
    public static JsonObject Schema()
    {
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = RequireEveryField };
        var schema = (JsonObject)Json.GetJsonSchemaAsNode(typeof(MissionDocument), exporter);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = SchemaId,
            ["title"] = "Masten mission document, version 2",
            ["description"] = "One mission of Masten and everything that belongs to it: goals, indicators, targets, the whole observation log "
                + "(superseded values included), roadmap versions, the actors involved with memberships, commitments by signing round, drivers, "
                + "operational goals, initiatives with contributions, funding, stage changes, check-ins and hypotheses, reviews and decisions, "
                + "the glossary, the journey (steps, definition versions, participants, step events, activities and their attendees), the frozen yearly reports and "
                + "the import history with each original file. Each section is a list of records ordered by id; references are by id. "
                + "Contact people are not included. User accounts do not travel between databases: a commitment's signing account, a "
                + "participant's navigator and the account that recorded a step event are left out (empty after an import); the names kept "
                + "as text (signatory, recordedBy, createdBy) stay. Version 1 documents (without journeys, reports and imports, with "
                + "signedByUserId) are not read. Fields marked x-assignedOnImport are set when a document is written or imported and are not compared in a round trip.",
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }
        var properties = (JsonObject)root["properties"]!;
        properties["schemaVersion"] = new JsonObject { ["const"] = Version, ["description"] = "The schema version: 2." };
        foreach (var name in AssignedOnImport)
            properties[name]!["x-assignedOnImport"] = true;
        properties["exportedAt"]!["description"] = "When the document was written (UTC).";
        return root;
    }

    private static JsonNode RequireEveryField(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(DateTime))
            return context.TypeInfo.Type == type
                ? new JsonObject { ["type"] = "string", ["format"] = "date-time" }
                : new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" };
        if (node is JsonObject obj && obj["properties"] is JsonObject properties && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            obj["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Key)).ToArray());
            obj["additionalProperties"] = false;
        }
        return node;
    }

    /// <summary>Times as UTC with six decimals: PostgreSQL keeps microseconds, so a round trip between databases compares equal.</summary>
    private sealed class UtcMicrosecondConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
            utc = new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
            writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }
    }
}
