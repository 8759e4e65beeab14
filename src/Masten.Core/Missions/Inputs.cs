namespace Masten.Core.Missions;

// What a user submits to create or change a record, shared by pages, the API and the CLI.
// Field names here are the field names in error messages (camelCased). Version is the version of
// the record the user started from: required when updating, ignored when creating.
// Reason, ReviewId and ValidFrom describe a roadmap revision: once a mission is no longer a draft, a
// change to its roadmap (statement, goals, indicator baselines, targets and shapes) needs a reason, may
// cite a review of the mission, and applies from ValidFrom (today when not given). See RoadmapVersion.

public sealed record ProgrammeInput(string? Name, string? Description, string? ProgrammeOffice, int? Version = null);

public sealed record MissionInput(
    int ProgrammeId,
    string? Title,
    string? Statement,
    int BaselineYear,
    int HorizonYear,
    MissionStatus Status = MissionStatus.Draft,
    RollupRule RollupRule = RollupRule.WeakestLink,
    int? Version = null,
    string? Language = "sv",
    double LixTarget = 40,
    int StaleAfterDays = 90,
    string? Reason = null,
    int? ReviewId = null,
    DateOnly? ValidFrom = null);

public sealed record GoalInput(
    int MissionId,
    int? ParentId,
    string? Title,
    string? Description,
    int? Order = null,
    double Weight = 1,
    int? Version = null,
    string? Reason = null,
    int? ReviewId = null,
    DateOnly? ValidFrom = null);

public sealed record TargetInput(DateOnly Date, double Value);

public sealed record IndicatorInput(
    int GoalId,
    string? Name,
    string? Description,
    string? Unit,
    Direction Direction,
    ReportingFrequency Frequency,
    string? Source,
    DateOnly BaselineDate,
    double BaselineValue,
    IReadOnlyList<TargetInput>? Targets,
    PathwayShape Shape = PathwayShape.Linear,
    double Weight = 1,
    int? Version = null,
    string? Reason = null,
    int? ReviewId = null,
    DateOnly? ValidFrom = null,
    int? ReportingActorId = null,
    string? Code = null);

/// <summary>The revision part of an input: why the roadmap changes, the review it cites, and from when it applies.</summary>
public sealed record RevisionInput(string? Reason, int? ReviewId, DateOnly? ValidFrom);

public sealed record ObservationInput(DateOnly Date, double Value, string? Source, string? Note);

public sealed record CorrectionInput(DateOnly Date, double Value, string? Source, string? Note, string? Reason);
