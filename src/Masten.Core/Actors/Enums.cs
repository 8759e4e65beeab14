namespace Masten.Core.Actors;

/// <summary>What kind of organisation an actor is.</summary>
public enum ActorType
{
    NationalAgency,
    Region,
    Municipality,
    CivilSociety,
    Company,
    University,
    ResearchInstitute,
    Funder,
    Other,
}

/// <summary>Where an actor is registered; decides which organisation number it has.</summary>
public enum Country
{
    /// <summary>Swedish organisationsnummer, NNNNNN-NNNN.</summary>
    Sweden,
    /// <summary>Danish CVR number, 8 digits.</summary>
    Denmark,
    /// <summary>Any registration number, not checked.</summary>
    Other,
}

/// <summary>Where in its organisation a contact person works.</summary>
public enum OrganisationalLevel
{
    Leadership,
    Management,
    Operations,
}

/// <summary>A role an actor can have in a mission; a membership holds one or more.</summary>
public enum MissionRole
{
    ProgrammeOffice,
    NeedOwner,
    Funder,
    Partner,
    Navigator,
}

public enum Currency
{
    SEK,
    DKK,
}

/// <summary>How far a commitment has come. Proposed, signed and in progress are open; fulfilled and withdrawn are closed.</summary>
public enum CommitmentStatus
{
    Proposed,
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "'Signed' is the status a signed commitment has, not the integer type.")]
    Signed,
    InProgress,
    Fulfilled,
    Withdrawn,
}

/// <summary>Why an actor takes part.</summary>
public enum DriverCategory
{
    SocietalImpact,
    LegalMandate,
    EconomicGain,
    CompetenceAndLearning,
    Reputation,
    PoliticalPriority,
    Innovation,
    PersonalEngagement,
    Other,
}

/// <summary>How an actor's own operational goal relates to a mission goal.</summary>
public enum GoalRelationKind
{
    Supports,
    Neutral,
    Conflicts,
}
