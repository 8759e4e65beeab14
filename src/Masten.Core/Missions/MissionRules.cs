using Masten.Core.Common;

namespace Masten.Core.Missions;

/// <summary>
/// The rules a programme, mission, goal, indicator or observation must satisfy before it is stored.
/// Each method collects every broken rule and throws one <see cref="DomainException"/>.
/// </summary>
public static class MissionRules
{
    /// <summary>Bounds of <see cref="Mission.StaleAfterDays"/>: a day to ten years.</summary>
    public const int MinStaleAfterDays = 1, MaxStaleAfterDays = 3650;

    public static void Validate(ProgrammeInput input)
    {
        var rules = new Rules();
        rules.RequiredText("name", input.Name)
            .OptionalText("description", input.Description)
            .OptionalText("programmeOffice", input.ProgrammeOffice, Rules.ShortText);
        rules.ThrowIfAny();
    }

    /// <summary>A mission needs a title, a statement and a horizon after its baseline year.</summary>
    public static void Validate(MissionInput input)
    {
        var rules = new Rules();
        rules.RequiredText("title", input.Title)
            .RequiredText("statement", input.Statement, Rules.LongText)
            .Year("baselineYear", input.BaselineYear)
            .Year("horizonYear", input.HorizonYear);
        if (!Enum.IsDefined(input.Status))
            rules.Add("status", "UnknownValue", "is not a known status.");
        if (!Enum.IsDefined(input.RollupRule))
            rules.Add("rollupRule", "UnknownValue", "is not a known roll-up rule.");
        if (Readability.TextLanguages.Parse(input.Language) is null)
            rules.Add("language", "UnknownValue", "is not one of the choices.");
        Readability.GlossaryRules.CheckLixTarget(rules, input.LixTarget);
        if (input.StaleAfterDays is < MinStaleAfterDays or > MaxStaleAfterDays)
            rules.Add("staleAfterDays", "StaleDaysOutOfRange", $"must be a whole number of days from {MinStaleAfterDays} to {MaxStaleAfterDays}.", MinStaleAfterDays, MaxStaleAfterDays);
        if (!rules.HasErrorFor("baselineYear") && !rules.HasErrorFor("horizonYear") && input.HorizonYear <= input.BaselineYear)
            rules.Add("horizonYear", "HorizonNotAfterBaseline", $"must be after the baseline year ({input.BaselineYear}).", input.BaselineYear);
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A goal needs a title. <paramref name="parentMissionId"/> is the mission of the chosen parent
    /// (null when the parent does not exist); <paramref name="wouldCycle"/> is true when the parent
    /// is the goal itself or one of its descendants.
    /// </summary>
    public static void Validate(GoalInput input, int? parentMissionId, bool wouldCycle = false)
    {
        var rules = new Rules();
        rules.RequiredText("title", input.Title).OptionalText("description", input.Description);
        if (input.ParentId is not null && parentMissionId != input.MissionId)
            rules.Add("parentId", "UnknownParent", "is not a goal of this mission.");
        else if (wouldCycle)
            rules.Add("parentId", "ParentCycle", "cannot be the goal itself or one of its sub-goals.");
        if (input.Order is < 0)
            rules.Add("order", "Negative", "cannot be negative.");
        rules.NonNegative("weight", input.Weight, "NotNonNegative");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// An indicator needs a name, a unit, a baseline inside the mission's years and at least one
    /// target; targets come after the baseline, no later than the end of the horizon year, each on a
    /// different date. Targets may be given in any order; <see cref="SortedTargets"/> orders them.
    /// </summary>
    public static void Validate(IndicatorInput input, int baselineYear, int horizonYear)
    {
        var rules = new Rules();
        rules.RequiredText("name", input.Name)
            .RequiredText("unit", input.Unit, 50)
            .OptionalText("code", input.Code, IndicatorCodeLength)
            .OptionalText("description", input.Description)
            .OptionalText("source", input.Source, Rules.ShortText)
            .Date("baselineDate", input.BaselineDate)
            .Finite("baselineValue", input.BaselineValue);
        if (!rules.HasErrorFor("code") && input.Code?.Trim().Any(char.IsWhiteSpace) == true)
            rules.Add("code", "CodeHasSpace", "must not contain spaces.");
        if (!Enum.IsDefined(input.Direction))
            rules.Add("direction", "UnknownValue", "is not a known direction.");
        if (!Enum.IsDefined(input.Frequency))
            rules.Add("frequency", "UnknownValue", "is not a known reporting frequency.");
        if (!Enum.IsDefined(input.Shape))
            rules.Add("shape", "UnknownValue", "is not a known pathway shape.");
        rules.NonNegative("weight", input.Weight, "NotNonNegative");

        var horizonEnd = new DateOnly(Math.Clamp(horizonYear, 1, 9999), 12, 31);
        var targets = input.Targets ?? [];
        if (targets.Count == 0)
            rules.Add("targets", "TargetRequired", "needs at least one dated target.");
        if (targets.Count > 100)
            rules.Add("targets", "TooManyTargets", "can hold at most 100 targets.");
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < targets.Count && i < 100; i++)
        {
            var field = $"targets[{i}].date";
            var t = targets[i];
            rules.Date(field, t.Date).Finite($"targets[{i}].value", t.Value);
            if (rules.HasErrorFor(field))
                continue;
            if (t.Date <= input.BaselineDate)
                rules.Add(field, "TargetNotAfterBaseline", $"must be after the baseline date ({input.BaselineDate:yyyy-MM-dd}).", input.BaselineDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            else if (t.Date > horizonEnd)
                rules.Add(field, "TargetAfterHorizon", $"must be no later than the mission's horizon year ({horizonYear}).", horizonYear);
            else if (!seen.Add(t.Date))
                rules.Add(field, "DuplicateTargetDate", "has the same date as another target.");
        }
        if (!rules.HasErrorFor("baselineDate") && input.BaselineDate.Year < baselineYear - 50)
            rules.Add("baselineDate", "BaselineTooEarly", $"is more than 50 years before the mission's baseline year ({baselineYear}).", baselineYear);
        rules.ThrowIfAny();
    }

    /// <summary>The longest indicator code.</summary>
    public const int IndicatorCodeLength = 40;

    public static IReadOnlyList<TargetInput> SortedTargets(IndicatorInput input) =>
        (input.Targets ?? []).OrderBy(t => t.Date).ToArray();

    /// <summary>An observation needs a real date, no later than <paramref name="today"/>, and a finite value.</summary>
    public static void Validate(ObservationInput input, DateOnly today)
    {
        var rules = new Rules();
        CheckObservation(rules, input.Date, input.Value, input.Source, input.Note, today);
        rules.ThrowIfAny();
    }

    /// <summary>A correction is an observation with a reason.</summary>
    public static void Validate(CorrectionInput input, DateOnly today)
    {
        var rules = new Rules();
        CheckObservation(rules, input.Date, input.Value, input.Source, input.Note, today);
        rules.RequiredText("reason", input.Reason, Rules.LongText);
        rules.ThrowIfAny();
    }

    private static void CheckObservation(Rules rules, DateOnly date, double value, string? source, string? note, DateOnly today)
    {
        rules.Date("date", date).Finite("value", value)
            .OptionalText("source", source, Rules.ShortText)
            .OptionalText("note", note);
        if (!rules.HasErrorFor("date") && date > today)
            rules.Add("date", "DateInFuture", "cannot be in the future.");
    }
}
