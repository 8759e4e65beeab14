using Masten.Core.Missions;

namespace Masten.Core.Actors;

/// <summary>An organisation that can take part in missions (aktör).</summary>
public class Actor : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ActorType Type { get; set; }
    public Country Country { get; set; }
    /// <summary>Normalised: <c>NNNNNN-NNNN</c> in Sweden, 8 digits in Denmark; unique when present.</summary>
    public string? OrganisationNumber { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A person at an actor, and the organisational level they work at.</summary>
public class ContactPerson : IVersioned
{
    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public string? Email { get; set; }
    public OrganisationalLevel Level { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An actor's part in a mission (medverkan): one or more roles, from a date, possibly until a date.</summary>
public class Membership : IVersioned
{
    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public int MissionId { get; set; }
    public List<MissionRole> Roles { get; set; } = [];
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One yearly signing of a mission's contract, such as "2026". Names are unique per mission. It opens on
/// <see cref="Date"/> and takes signatures until <see cref="ClosesOn"/>, that day included (see
/// <see cref="Tasks.TaskRules.IsRoundOpen"/>).
/// </summary>
public class SigningRound : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
    /// <summary>The last day signatures are taken, on or after <see cref="Date"/>; null: open until the next round opens.</summary>
    public DateOnly? ClosesOn { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// What an actor pledges to a mission in one signing round (åtagande). A new round copies every open
/// commitment into a new record that points back with <see cref="CarriedFromId"/>; the original stays as it was.
/// </summary>
public class Commitment : IVersioned
{
    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public int MissionId { get; set; }
    public int RoundId { get; set; }
    public SigningRound? Round { get; set; }
    public string Text { get; set; } = "";
    /// <summary>One of the mission's tiers, e.g. <c>leading</c>.</summary>
    public string Tier { get; set; } = "";
    /// <summary>Goals of the same mission this commitment contributes to.</summary>
    public List<int> GoalIds { get; set; } = [];
    /// <summary>Money pledged, in <see cref="Currency"/>; zero or more.</summary>
    public double? PledgedMoney { get; set; }
    public Currency? Currency { get; set; }
    /// <summary>Work pledged, in person-years (1 = one full-time person for a year); zero or more.</summary>
    public double? PersonYears { get; set; }
    public DateOnly? DueDate { get; set; }
    public CommitmentStatus Status { get; set; }
    public string? EvidenceNotes { get; set; }
    /// <summary>Links to evidence, one per line, each http or https.</summary>
    public string? EvidenceLinks { get; set; }
    public string? Signatory { get; set; }
    public DateOnly? SignedOn { get; set; }
    /// <summary>The account that signed with "Skriv under"; null when not signed, or signed before signing was an action.</summary>
    public int? SignedByUserId { get; set; }
    /// <summary>When it was signed with "Skriv under", or when a signature on paper was entered, UTC.</summary>
    public DateTime? SignedAt { get; set; }
    /// <summary>
    /// Who in the programme office entered a signature given on paper (then <see cref="SignedByUserId"/> is null, and
    /// <see cref="Signatory"/> and <see cref="SignedOn"/> are as written on the paper); null for any other signature.
    /// </summary>
    public string? SignatureEnteredBy { get; set; }
    /// <summary>The commitment of an earlier round this one carries forward, if any.</summary>
    public int? CarriedFromId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Why an actor takes part in a mission (drivkraft), and which of its goals that connects to.</summary>
public class Driver : IVersioned
{
    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public int MissionId { get; set; }
    public List<DriverCategory> Categories { get; set; } = [];
    public string Text { get; set; } = "";
    public List<int> GoalIds { get; set; } = [];
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An actor's own operational goal (verksamhetsmål) and how it relates to mission goals.</summary>
public class OperationalGoal : IVersioned
{
    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Who owns the goal within the actor's organisation.</summary>
    public string? Owner { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<GoalRelation> Relations { get; set; } = [];
}

/// <summary>How one operational goal relates to one mission goal; edited with its operational goal.</summary>
public class GoalRelation
{
    public int Id { get; set; }
    public int OperationalGoalId { get; set; }
    public int GoalId { get; set; }
    public GoalRelationKind Kind { get; set; }
    public string? Explanation { get; set; }
}

/// <summary>The tiers a mission's commitments can have, in order, when the mission has chosen its own.</summary>
public class CommitmentTierSet : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public List<string> Tiers { get; set; } = [];
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
