using System.Text.Json;
using System.Text.Json.Serialization;

namespace Masten.Core.Journeys;

// What a user submits; field names are the camelCased names in error messages.

/// <summary>One step as submitted: <see cref="Id"/> names an existing step to keep, null adds a new one.</summary>
public sealed record StepInput(int? Id, string? Name, string? Description, string? Evidence, bool NeedsConfirmation, bool IsStarted);

/// <summary>Where the events of a removed step go: to a step that stays.</summary>
public sealed record StepMove(int FromStepId, int ToStepId);

/// <summary>
/// The whole journey as it should be after the change, in order. <see cref="Reason"/> is required when a
/// journey is changed after its first version. Steps that are left out are removed; if events were recorded
/// for one, <see cref="Moves"/> must say where they go.
/// </summary>
public sealed record JourneyInput(IReadOnlyList<StepInput>? Steps, int StallAfterDays = 90, string? Reason = null, IReadOnlyList<StepMove>? Moves = null, int? Version = null, int? StartedIndicatorId = null);

public sealed record ParticipantInput(
    int ActorId,
    string? Cohort,
    string? MunicipalityCode,
    string? RegionCode,
    string? Sector,
    SizeClass SizeClass,
    int? NavigatorId,
    DateOnly JoinedOn,
    DateOnly? LeftOn = null,
    string? LeftReason = null,
    bool NamedPublicly = false,
    int? Version = null);

/// <summary>One row of a bulk add: the actor is named by its organisation number (or CVR), and created when missing.</summary>
public sealed record BulkParticipantInput(
    string? OrganisationNumber,
    string? Name,
    Masten.Core.Actors.Country Country,
    string? Cohort,
    string? MunicipalityCode,
    string? RegionCode,
    string? Sector,
    SizeClass SizeClass,
    int? NavigatorId,
    DateOnly JoinedOn);

public sealed record StepEventInput(int StepId, DateOnly Date, string? Evidence);

public sealed record StepCorrectionInput(int StepId, DateOnly Date, string? Evidence, string? Reason);

/// <summary>
/// An activity and who attended it. Recorded for one participant, <see cref="ParticipantIds"/> names the
/// others who attended too (it may be left out); recorded for a mission, it names every attendee.
/// </summary>
public sealed record ActivityInput(DateOnly Date, ActivityKind Kind, string? Title, string? Host, IReadOnlyList<int>? ParticipantIds = null);

public sealed record SnapshotStep(int Id, string Name, string? Description, string? Evidence, bool NeedsConfirmation, bool IsStarted);

/// <summary>The steps of a journey at one moment: what a <see cref="JourneyVersion"/> freezes.</summary>
public sealed record JourneySnapshot(int StallAfterDays, IReadOnlyList<SnapshotStep> Steps, IReadOnlyList<StepMove> Moves)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static JourneySnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<JourneySnapshot>(json, Options) ?? throw new JsonException("The journey snapshot is empty.");
}
