namespace Masten.Data.Generation;

/// <summary>How big a generated dataset is: <c>masten generate --scale small|medium|national</c>.</summary>
public enum DatasetScale
{
    /// <summary>A few hundred rows per table; seconds; for tests.</summary>
    Small,
    /// <summary>About a tenth of national.</summary>
    Medium,
    /// <summary>A national programme after ten years: 25 missions, a million observations, 20,000 initiatives.</summary>
    National,
}

/// <summary>
/// The counts a generated dataset aims at. <see cref="Observations"/> is exact and includes the corrections
/// (about 1 %); <see cref="Commitments"/> and <see cref="CheckIns"/> are exact; the others are exact or
/// within a few rows. Contacts, memberships, stage changes, funding lines, contributions, relations and
/// decisions follow from these. <see cref="Participants"/> are companies of their own (actors added to
/// <see cref="Actors"/>) in one mission's journey; <see cref="Navigators"/> are people (accounts that cannot sign in) with the navigator role.
/// <see cref="StepEvents"/> is approximate (within about 10 %): the participants move at <see cref="Journeys.JourneyPace.Busy"/>.
/// </summary>
public sealed record DatasetSize(
    int Programmes, int Missions, int DraftMissions, int GoalsPerMission, int IndicatorsPerGoal, int Observations,
    int Actors, int Commitments, int Drivers, int OperationalGoals,
    int Initiatives, int CheckIns, int Hypotheses, int Reviews,
    int Participants = 0, int Navigators = 0, int StepEvents = 0)
{
    public static DatasetSize Of(DatasetScale scale) => scale switch
    {
        DatasetScale.National => new(3, 25, 2, 10, 4, 1_000_000, 2_000, 10_000, 3_000, 1_500, 20_000, 100_000, 10_000, 200, 10_000, 300, 100_000),
        DatasetScale.Medium => new(2, 8, 1, 10, 4, 100_000, 200, 1_000, 300, 150, 2_000, 10_000, 1_000, 20, 1_000, 30, 10_000),
        _ => new(1, 3, 1, 4, 2, 2_000, 40, 100, 30, 15, 100, 500, 50, 6, 60, StepEvents: 600),
    };
}
