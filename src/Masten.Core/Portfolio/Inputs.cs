using Masten.Core.Actors;

namespace Masten.Core.Portfolio;

// What a user submits, shared by pages, the API and the CLI. Field names are the camelCased
// property names; Version is required when updating and ignored when creating.

public sealed record ContributionInput(int GoalId, int? IndicatorId, ContributionDirection Direction, double? SizePerYear, Level? Size, Level Confidence);

public sealed record FundingInput(int FunderActorId, double Amount, Currency Currency);

public sealed record InitiativeInput(
    int MissionId,
    string? Title,
    string? Description,
    InitiativeType Type,
    int LeadActorId,
    IReadOnlyList<int>? PartnerActorIds,
    InitiativeStage Stage,
    double? Budget,
    Currency? Currency,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<SystemLever>? Levers,
    IReadOnlyList<ContributionInput>? Contributions,
    IReadOnlyList<FundingInput>? Funding,
    int? Version = null);

public sealed record HypothesisInput(string? Belief, string? Test, HypothesisResult Result = HypothesisResult.Open, string? Learning = null, DateOnly? OpenedOn = null, int? Version = null);

public sealed record CheckInInput(DateOnly Date, CheckInStatus Status, int Confidence, string? WhatHappened, string? Next, string? Blockers);

public sealed record ReviewInput(int MissionId, DateOnly Date, ReviewKind Kind, string? Participants, IReadOnlyList<int>? ParticipantActorIds, string? Insights, int? Version = null);

public sealed record DecisionInput(int InitiativeId, DecisionKind Kind, string? Rationale);
