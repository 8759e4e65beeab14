namespace Masten.Core.Missions;

/// <summary>An editable record guarded by optimistic concurrency: every save increments <see cref="Version"/>.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>A container of missions run by one programme office.</summary>
public class Programme : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? ProgrammeOffice { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<Mission> Missions { get; set; } = [];
}

/// <summary>A desired future with measurable targets at a horizon year.</summary>
public class Mission : IVersioned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The desired future, in words: what the world looks like at the horizon.</summary>
    public string Statement { get; set; } = "";
    public int BaselineYear { get; set; }
    public int HorizonYear { get; set; }
    public MissionStatus Status { get; set; }
    public RollupRule RollupRule { get; set; }
    /// <summary>Two-letter language the mission's texts are written in (sv, da, en); their klarspråk check uses it.</summary>
    public string Language { get; set; } = "sv";
    /// <summary>The LIX the mission's texts should stay at or below; texts above it are flagged.</summary>
    public double LixTarget { get; set; } = 40;
    /// <summary>Days without a check-in after which an initiative of the mission's portfolio counts as stale.</summary>
    public int StaleAfterDays { get; set; } = 90;
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<Goal> Goals { get; set; } = [];
}

/// <summary>A node of the mission's goal tree (delmål).</summary>
public class Goal : IVersioned
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public Mission? Mission { get; set; }
    public int? ParentId { get; set; }
    public Goal? Parent { get; set; }
    /// <summary>Position among siblings, from 0.</summary>
    public int Order { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Weight in a weighted roll-up of its parent; 1 unless set.</summary>
    public double Weight { get; set; } = 1;
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<Indicator> Indicators { get; set; } = [];
}

/// <summary>What is measured for a goal, with a baseline and dated targets.</summary>
public class Indicator : IVersioned
{
    public int Id { get; set; }
    public int GoalId { get; set; }
    public Goal? Goal { get; set; }
    public string Name { get; set; } = "";
    /// <summary>
    /// An optional short key, unique within the mission (for example <c>1.2</c> or a Kolada id), by which
    /// imports and exports name the indicator.
    /// </summary>
    public string? Code { get; set; }
    public string? Description { get; set; }
    public string Unit { get; set; } = "";
    public Direction Direction { get; set; }
    public ReportingFrequency Frequency { get; set; }
    public string? Source { get; set; }
    public DateOnly BaselineDate { get; set; }
    public double BaselineValue { get; set; }
    public PathwayShape Shape { get; set; }
    /// <summary>Weight in a weighted roll-up of its goal; 1 unless set.</summary>
    public double Weight { get; set; } = 1;
    /// <summary>The actor that reports this indicator's values; its representatives may record observations.</summary>
    public int? ReportingActorId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Dated targets, in date order.</summary>
    public List<IndicatorTarget> Targets { get; set; } = [];
    public List<Observation> Observations { get; set; } = [];
}

/// <summary>One dated target value of an indicator.</summary>
public class IndicatorTarget
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public DateOnly Date { get; set; }
    public double Value { get; set; }
}

/// <summary>
/// One dated value of an indicator. Append-only: a correction is a new observation whose
/// <see cref="SupersedesId"/> points at the one it replaces; the replaced one stays readable.
/// </summary>
public class Observation
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public DateOnly Date { get; set; }
    public double Value { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }
    /// <summary>The observation this one corrects, if it is a correction.</summary>
    public int? SupersedesId { get; set; }
    /// <summary>Why the earlier value was corrected; required on corrections.</summary>
    public string? CorrectionReason { get; set; }
    /// <summary>
    /// Whether this record is in the current series (<see cref="ObservationSeries.Current"/>): derived
    /// from the log, kept by the writes that append and correct, so reads can filter on it.
    /// </summary>
    public bool IsCurrent { get; set; }
}
