namespace Masten.Core.Portfolio;

/// <summary>What kind of work an initiative (insats) is.</summary>
public enum InitiativeType
{
    Experiment,
    Demonstration,
    Lab,
    Research,
    Investment,
    PolicyChange,
    CapacityBuilding,
}

/// <summary>The part of the system an initiative pushes on (systemhävstång).</summary>
public enum SystemLever
{
    Technology,
    PolicyAndRegulation,
    Financing,
    BusinessModels,
    BehaviourAndCulture,
    Infrastructure,
    KnowledgeAndSkills,
    OrganisationAndGovernance,
}

/// <summary>How far an initiative has come. Exploring, testing and scaling are active; idea and ended are not.</summary>
public enum InitiativeStage
{
    Idea,
    Exploring,
    Testing,
    Scaling,
    Ended,
}

/// <summary>Whether an initiative is expected to move an indicator towards its target or away from it.</summary>
public enum ContributionDirection
{
    Improves,
    Worsens,
}

/// <summary>A rough size or a degree of confidence: low, medium or high.</summary>
public enum Level
{
    Low,
    Medium,
    High,
}

/// <summary>What testing a hypothesis showed so far.</summary>
public enum HypothesisResult
{
    Open,
    Supported,
    Refuted,
}

/// <summary>How an initiative is doing at a check-in.</summary>
public enum CheckInStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
}

/// <summary>What kind of review (lärande avstämning) a meeting is.</summary>
public enum ReviewKind
{
    Sensemaking,
    YearlyCheckIn,
}

/// <summary>What a review decides for one initiative.</summary>
public enum DecisionKind
{
    Continue,
    Scale,
    Pivot,
    Stop,
    StartNew,
}
