using Masten.Core.Actors;
using Masten.Core.Missions;

namespace Masten.Core.Portfolio;

/// <summary>
/// One piece of work in a mission's portfolio (insats): who leads it, who takes part, which goals it is
/// expected to move and through which system levers, how far it has come and what it costs.
/// </summary>
public class Initiative : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public InitiativeType Type { get; set; }
    public int LeadActorId { get; set; }
    public Actor? LeadActor { get; set; }
    /// <summary>Other actors taking part; each is a member of the mission.</summary>
    public List<int> PartnerActorIds { get; set; } = [];
    public InitiativeStage Stage { get; set; }
    /// <summary>The whole budget, in <see cref="Currency"/>; zero or more.</summary>
    public double? Budget { get; set; }
    public Currency? Currency { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public List<SystemLever> Levers { get; set; } = [];
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<InitiativeContribution> Contributions { get; set; } = [];
    public List<FundingLine> Funding { get; set; } = [];
}

/// <summary>
/// What an initiative is expected to do for one goal, and for one of its indicators when named: a yearly
/// size in the indicator's unit (<see cref="SizePerYear"/>) or a rough <see cref="Size"/>.
/// Edited with its initiative.
/// </summary>
public class InitiativeContribution
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public int GoalId { get; set; }
    public int? IndicatorId { get; set; }
    public ContributionDirection Direction { get; set; }
    /// <summary>Expected change per year in the indicator's unit, as a positive amount; <see cref="Direction"/> says which way.</summary>
    public double? SizePerYear { get; set; }
    public Level? Size { get; set; }
    public Level Confidence { get; set; }
}

/// <summary>Money one funder puts into an initiative. Edited with its initiative.</summary>
public class FundingLine
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public int FunderActorId { get; set; }
    public double Amount { get; set; }
    public Currency Currency { get; set; }
}

/// <summary>One step in an initiative's stage history; never changed once written. A review decision that caused it is linked.</summary>
public class StageChange
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public InitiativeStage Stage { get; set; }
    public DateOnly Date { get; set; }
    public int? ReviewId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>What an initiative believes, how it tests that, and what it learned.</summary>
public class Hypothesis : IVersioned
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public string Belief { get; set; } = "";
    public string? Test { get; set; }
    public HypothesisResult Result { get; set; }
    public string? Learning { get; set; }
    /// <summary>The date the hypothesis was written down; an open one older than the limit needs attention.</summary>
    public DateOnly OpenedOn { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A dated status report of an initiative. Check-ins are only added, never changed: they are its history.</summary>
public class CheckIn
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public DateOnly Date { get; set; }
    public CheckInStatus Status { get; set; }
    /// <summary>How confident the team is that the initiative will deliver, 1 (not at all) to 10 (fully).</summary>
    public int Confidence { get; set; }
    public string? WhatHappened { get; set; }
    public string? Next { get; set; }
    public string? Blockers { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A review of the portfolio (lärande avstämning): who met, what they saw, and what they decided.</summary>
public class Review : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public DateOnly Date { get; set; }
    public ReviewKind Kind { get; set; }
    /// <summary>People taking part, free text.</summary>
    public string? Participants { get; set; }
    public List<int> ParticipantActorIds { get; set; } = [];
    /// <summary>Patterns seen across initiatives.</summary>
    public string? Insights { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A review's decision on one initiative. Applying it moves the initiative's stage and links the change back here.</summary>
public class ReviewDecision
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    public int InitiativeId { get; set; }
    public DecisionKind Kind { get; set; }
    public string Rationale { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
