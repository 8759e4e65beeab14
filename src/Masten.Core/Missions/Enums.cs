namespace Masten.Core.Missions;

public enum MissionStatus
{
    Draft,
    Active,
    Closed,
}

/// <summary>Which way an indicator should move.</summary>
public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>How often an indicator is expected to be reported; drives staleness.</summary>
public enum ReportingFrequency
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>The shape of the required path between two points of an indicator's backcast.</summary>
public enum PathwayShape
{
    /// <summary>Equal steps in units per year.</summary>
    Linear,
    /// <summary>Equal percentage change per year (exponential); needs positive values.</summary>
    ConstantRate,
    /// <summary>Logistic adoption: slow start, fast middle, slow finish.</summary>
    SCurve,
}

/// <summary>How a goal or mission combines the progress of what lies below it.</summary>
public enum RollupRule
{
    /// <summary>The status of the worst child.</summary>
    WeakestLink,
    /// <summary>The weighted mean of each child's share of the way from baseline to target.</summary>
    Weighted,
}
