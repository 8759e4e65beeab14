using Masten.Core.Common;

namespace Masten.Core.Missions;

/// <summary>
/// Publishing a mission ("Publicera"): a draft becomes active and readable by everyone, and its roadmap as it is then
/// is frozen as version 1. A mission is published only when it has something to follow: at least one goal, and at
/// least one indicator to measure it by.
/// </summary>
public static class Publishing
{
    /// <summary>
    /// Refuses, naming what is missing, a mission that is not a draft (field <c>status</c>, a conflict: 409), has no goal
    /// (field <c>goals</c>) or no indicator (field <c>indicators</c>); both missing are reported at once (400).
    /// </summary>
    public static void Check(MissionStatus status, int goals, int indicators)
    {
        if (status != MissionStatus.Draft)
            throw DomainException.Conflict("status", "NotADraft", "is not a draft: the mission is published already.");
        var rules = new Rules();
        if (goals == 0)
            rules.Add("goals", "NoGoal", "the mission has no goal yet: add at least one goal before publishing.");
        if (indicators == 0)
            rules.Add("indicators", "NoIndicator", "the mission has no indicator yet: add at least one indicator to a goal before publishing.");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A new mission is created as a draft: it has no goal or indicator yet, so it cannot pass <see cref="Check"/>.
    /// A create asking for another status (active or closed, both readable by everyone) is refused, naming the field
    /// <c>status</c>; the mission is published afterwards with Publicera.
    /// </summary>
    public static void CheckNewMission(MissionStatus status)
    {
        if (status != MissionStatus.Draft)
            throw new DomainException(DomainErrorKind.Validation, [new FieldError("status", "NewMissionIsDraft",
                "must be draft for a new mission: add a goal and an indicator, then publish it with Publicera.")]);
    }

    /// <summary>
    /// An edit that moves a mission out of draft (to active or closed, both readable by everyone) passes the same
    /// checks as <see cref="Check"/>: refused, naming the field <c>status</c> and what is missing, when the mission has
    /// no goal or no indicator. Any other change of status is left alone.
    /// </summary>
    public static void CheckStatusChange(MissionStatus from, MissionStatus to, int goals, int indicators)
    {
        if (from != MissionStatus.Draft || to == MissionStatus.Draft)
            return;
        var rules = new Rules();
        if (goals == 0)
            rules.Add("status", "LeaveDraftNoGoal", "cannot leave draft yet: the mission has no goal. Add a goal and an indicator, then publish it with Publicera.");
        if (indicators == 0)
            rules.Add("status", "LeaveDraftNoIndicator", "cannot leave draft yet: the mission has no indicator. Add an indicator to a goal, then publish it with Publicera.");
        rules.ThrowIfAny();
    }
}
