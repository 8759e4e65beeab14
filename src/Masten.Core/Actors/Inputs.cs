namespace Masten.Core.Actors;

// What a user submits, shared by pages, the API and the CLI. Field names are the camelCased
// property names; Version is required when updating and ignored when creating.

public sealed record ActorInput(
    string? Name,
    ActorType Type,
    Country Country,
    string? OrganisationNumber,
    string? Website,
    string? Description,
    int? Version = null);

public sealed record ContactInput(string? Name, string? Role, string? Email, OrganisationalLevel Level, int? Version = null);

public sealed record MembershipInput(
    int ActorId,
    int MissionId,
    IReadOnlyList<MissionRole>? Roles,
    DateOnly JoinedOn,
    DateOnly? LeftOn = null,
    int? Version = null);

/// <summary>A signing round: its name, the day it opens and, optionally, the last day it takes signatures.</summary>
public sealed record RoundInput(string? Name, DateOnly Date, int? Version = null, DateOnly? ClosesOn = null);

public sealed record CommitmentInput(
    int ActorId,
    int MissionId,
    int RoundId,
    string? Text,
    string? Tier,
    IReadOnlyList<int>? GoalIds,
    double? PledgedMoney,
    Currency? Currency,
    double? PersonYears,
    DateOnly? DueDate,
    CommitmentStatus Status = CommitmentStatus.Proposed,
    string? EvidenceNotes = null,
    string? EvidenceLinks = null,
    string? Signatory = null,
    DateOnly? SignedOn = null,
    int? Version = null);

public sealed record DriverInput(
    int ActorId,
    int MissionId,
    IReadOnlyList<DriverCategory>? Categories,
    string? Text,
    IReadOnlyList<int>? GoalIds,
    int? Version = null);

public sealed record GoalRelationInput(int GoalId, GoalRelationKind Kind, string? Explanation);

public sealed record OperationalGoalInput(
    int ActorId,
    string? Title,
    string? Owner,
    IReadOnlyList<GoalRelationInput>? Relations,
    int? Version = null);

public sealed record TiersInput(IReadOnlyList<string>? Tiers, int? Version = null);
