using Masten.Core.Missions;

namespace Masten.Core.Journeys;

/// <summary>
/// The journey of a mission: the ordered steps its participants move through (first contact, mapping the
/// value chain, …). One per mission. Its definition is versioned like the roadmap: every change after the
/// first is a <see cref="JourneyVersion"/> with a reason.
/// </summary>
public class Journey : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    /// <summary>Days without a step or an activity after which an active participant counts as stalled.</summary>
    public int StallAfterDays { get; set; } = 90;
    /// <summary>
    /// An indicator of the mission whose values Masten computes from the journey: the number of participants
    /// taking part and at or past the started step, recorded as an observation on each change that alters it.
    /// </summary>
    public int? StartedIndicatorId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<JourneyStep> Steps { get; set; } = [];
}

/// <summary>
/// One step of a journey. A step removed from the journey stays as a row (<see cref="RetiredAt"/> set) so
/// that the events recorded for it stay readable; <see cref="MovedToStepId"/> says which step those events
/// count for from then on.
/// </summary>
public class JourneyStep
{
    public int Id { get; set; }
    public int JourneyId { get; set; }
    /// <summary>Position in the journey, from 0.</summary>
    public int Order { get; set; }
    public string Name { get; set; } = "";
    /// <summary>What the step means, in plain words.</summary>
    public string? Description { get; set; }
    /// <summary>The evidence the step asks for (for example "kartlagd värdekedja" as a document or link).</summary>
    public string? Evidence { get; set; }
    /// <summary>Whether a company's own report of this step waits for a navigator's confirmation.</summary>
    public bool NeedsConfirmation { get; set; }
    /// <summary>The one step that counts as "started" (i gang) for the mission's target.</summary>
    public bool IsStarted { get; set; }
    public DateTime? RetiredAt { get; set; }
    public int? MovedToStepId { get; set; }
}

/// <summary>One recorded version of a journey's steps, frozen as JSON (<see cref="JourneySnapshot"/>). Versions are only ever added.</summary>
public class JourneyVersion
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public int Number { get; set; }
    /// <summary>Why the journey changed; null only for the first version.</summary>
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Snapshot { get; set; } = "";
}

/// <summary>The EU SME size classes, by number of employees (Recommendation 2003/361/EC).</summary>
public enum SizeClass
{
    /// <summary>Fewer than 10 employees.</summary>
    Micro,
    /// <summary>10 to 49 employees.</summary>
    Small,
    /// <summary>50 to 249 employees.</summary>
    Medium,
    /// <summary>250 employees or more: not an SME.</summary>
    Large,
}

/// <summary>
/// An actor (usually a company) taking part in a mission's journey. The fields from <see cref="CurrentStepId"/>
/// on are derived from its events and activities, kept by every write in the same transaction, so the
/// overview counts in SQL.
/// </summary>
public class Participant : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public int ActorId { get; set; }
    /// <summary>Intake year or call, for example "2025" or "Utlysning 2".</summary>
    public string Cohort { get; set; } = "";
    /// <summary>Municipality code (kommunkod, four digits in Sweden; kommunenummer, three in Denmark).</summary>
    public string? MunicipalityCode { get; set; }
    /// <summary>Region code (länskod, two digits; Danish regionskode, four).</summary>
    public string? RegionCode { get; set; }
    /// <summary>SNI/NACE code of the main activity, for example "10.71".</summary>
    public string? Sector { get; set; }
    public SizeClass SizeClass { get; set; }
    /// <summary>The user id of the participant's navigator: a person with the navigator role in the mission.</summary>
    public int? NavigatorId { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }
    /// <summary>The company agreed to be named on the mission's public page.</summary>
    public bool NamedPublicly { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The step it stands at: that of its latest confirmed event (see <see cref="JourneyAnalysis.Position"/>); null before any.</summary>
    public int? CurrentStepId { get; set; }
    /// <summary>The position of <see cref="CurrentStepId"/> in the journey; -1 before any step.</summary>
    public int CurrentStepOrder { get; set; } = -1;
    /// <summary>The date of its latest confirmed event.</summary>
    public DateOnly? LastStepOn { get; set; }
    /// <summary>The date of its latest activity.</summary>
    public DateOnly? LastActivityOn { get; set; }
    /// <summary>The first date on which it stood at or past the started step, if it ever did.</summary>
    public DateOnly? StartedOn { get; set; }
}

/// <summary>A participant's navigator from a date: reassigning adds a row, so the history stays.</summary>
public class NavigatorAssignment
{
    public int Id { get; set; }
    public int ParticipantId { get; set; }
    /// <summary>Null when the participant was left without a navigator.</summary>
    public int? NavigatorId { get; set; }
    public DateTime AssignedAt { get; set; }
    public string AssignedBy { get; set; } = "";
}

public enum StepEventStatus
{
    /// <summary>Reported by the company; counts once a navigator confirms it.</summary>
    Pending,
    Confirmed,
}

/// <summary>
/// A participant reaching a step on a date. Never changed: a correction or a confirmation is a new event whose
/// <see cref="SupersedesId"/> names the one it replaces; the replaced one stays readable.
/// </summary>
public class StepEvent
{
    public int Id { get; set; }
    public int ParticipantId { get; set; }
    public int StepId { get; set; }
    public DateOnly Date { get; set; }
    public string? Evidence { get; set; }
    public StepEventStatus Status { get; set; }
    /// <summary>Recorded by a representative of the participant's own actor.</summary>
    public bool ByCompany { get; set; }
    public string RecordedBy { get; set; } = "";
    public int? RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
    public int? SupersedesId { get; set; }
    /// <summary>Why the earlier event was corrected; required on corrections, "confirmed" on confirmations is implied by <see cref="Status"/>.</summary>
    public string? Reason { get; set; }
    /// <summary>Not superseded by a later event: kept by the writes.</summary>
    public bool IsCurrent { get; set; }
}

public enum ActivityKind
{
    Lab,
    Advice,
    Course,
    Event,
}

/// <summary>
/// A lab, a 1:1 advice session, a course or an event of a mission's journey. Who attended is in
/// <see cref="ActivityAttendee"/>: one participant for advice, several for a lab or a course.
/// </summary>
public class JourneyActivity
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public DateOnly Date { get; set; }
    public ActivityKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The navigator or host who ran it.</summary>
    public string? Host { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>A participant who attended an activity; an activity has one row per attendee.</summary>
public class ActivityAttendee
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public int ParticipantId { get; set; }
}
