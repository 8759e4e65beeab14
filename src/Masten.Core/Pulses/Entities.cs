using Masten.Core.Actors;
using Masten.Core.Missions;

namespace Masten.Core.Pulses;

/// <summary>
/// A mission's trust pulse (puls): a few statements answered on a 1–5 scale and one optional open question, sent
/// to the contact people of the mission's actors of the chosen types on a schedule (rounds). One per mission,
/// versioned and audited like every edit. Its results are shown only for groups of at least <see cref="Threshold"/>
/// answers (<see cref="PulseResults"/>).
/// </summary>
public class Pulse : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    /// <summary>The statements as JSON (<see cref="PulseStatement"/>, in order; <see cref="PulseRules.ReadStatements"/>).</summary>
    public string Statements { get; set; } = "[]";
    /// <summary>The open question as JSON (<see cref="PulseText"/>), or null when there is none.</summary>
    public string? OpenQuestion { get; set; }
    /// <summary>The actor types whose contact people get the pulse.</summary>
    public List<ActorType> ActorTypes { get; set; } = [];
    /// <summary>Rounds per year (1–4); the default two means every six months from <see cref="StartsOn"/>.</summary>
    public int RoundsPerYear { get; set; } = PulseRules.DefaultRoundsPerYear;
    /// <summary>The day of the first scheduled round; later ones follow every 12 / <see cref="RoundsPerYear"/> months.</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>Days a round stays open for answers.</summary>
    public int OpenDays { get; set; } = PulseRules.DefaultOpenDays;
    /// <summary>The smallest group whose results are shown (never below <see cref="PulseRules.MinThreshold"/>).</summary>
    public int Threshold { get; set; } = PulseRules.DefaultThreshold;
    /// <summary>Whether the background work opens rounds by the schedule (off: only by hand).</summary>
    public bool Scheduled { get; set; } = true;
    /// <summary>An indicator of the mission fed with a statement's mean per closed round, like the journey's computed indicator.</summary>
    public int? IndicatorId { get; set; }
    /// <summary>The key of the statement whose mean feeds <see cref="IndicatorId"/>.</summary>
    public string? IndicatorStatement { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One round of a pulse: the statements as they were when it opened (so a later edit changes no answered round),
/// when it closes, and how many were sent a link. Closing records the indicator value once, when the round is over,
/// so no single answer can be read off the change it makes.
/// </summary>
public class PulseRound
{
    public int Id { get; set; }
    public int PulseId { get; set; }
    public int MissionId { get; set; }
    /// <summary>1, 2, 3 … per pulse.</summary>
    public int Number { get; set; }
    /// <summary>The schedule's day this round was opened for; null for a round opened by hand.</summary>
    public DateOnly? ScheduledFor { get; set; }
    public DateOnly OpenedOn { get; set; }
    /// <summary>The last day answers are taken.</summary>
    public DateOnly ClosesOn { get; set; }
    /// <summary>Set once the round is over and its indicator value (if any) was recorded.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>The statements as they were at opening (JSON, as <see cref="Pulse.Statements"/>).</summary>
    public string Statements { get; set; } = "[]";
    public string? OpenQuestion { get; set; }
    public int Threshold { get; set; }
    /// <summary>How many links were sent.</summary>
    public int Recipients { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A single-use link of one round. It holds the hash of the link's secret, the round, the recipient's actor type (for
/// the answer) and whether it was used. It names no person: who got which link is known only to the e-mail, whose body
/// the outbox clears once sent. No time is stored, and links are inserted in a shuffled order, so neither order nor time
/// ties a link to the recipient list or to an answer.
/// </summary>
public class PulseLink
{
    /// <summary>SHA-256 of the link's secret, hex (the key: random, so its order says nothing).</summary>
    public string TokenHash { get; set; } = "";
    public int RoundId { get; set; }
    public ActorType ActorType { get; set; }
    public bool Used { get; set; }
}

/// <summary>
/// One answer: the round, the actor type and the open answer, and nothing else — no link, no person, no time. Its key
/// is random, so the order of answers says nothing either.
/// </summary>
public class PulseAnswer
{
    public Guid Id { get; set; }
    public int RoundId { get; set; }
    public ActorType ActorType { get; set; }
    public string? OpenAnswer { get; set; }
    public List<PulseScore> Scores { get; set; } = [];
}

/// <summary>One statement's value (1–5) in one answer, with the round and type repeated so results group in SQL.</summary>
public class PulseScore
{
    public Guid AnswerId { get; set; }
    public string StatementKey { get; set; } = "";
    public int RoundId { get; set; }
    public ActorType ActorType { get; set; }
    public int Value { get; set; }
}

/// <summary>A text in the three languages; <see cref="In"/> falls back to Swedish.</summary>
public sealed record PulseText(string Sv, string? En = null, string? Da = null)
{
    public string In(string language) => language switch
    {
        "en" when !string.IsNullOrWhiteSpace(En) => En,
        "da" when !string.IsNullOrWhiteSpace(Da) => Da,
        _ => Sv,
    };
}

/// <summary>One statement: a stable key (results are compared by it across rounds) and its text.</summary>
public sealed record PulseStatement(string Key, string Sv, string? En = null, string? Da = null)
{
    public string In(string language) => new PulseText(Sv, En, Da).In(language);
}
