using Masten.Core.Common;

namespace Masten.Core.Journeys;

/// <summary>The rules a journey, a participant, a step event or an activity must satisfy before it is stored.</summary>
public static class JourneyRules
{
    public const int MaxSteps = 30;
    public const int MinStallDays = 1, MaxStallDays = 3650;
    public const int CodeLength = 20;

    /// <summary>
    /// A journey needs 1 to <see cref="MaxSteps"/> named steps, exactly one of them the started step, and no id
    /// twice. <paramref name="existingStepIds"/> are the ids of the journey's current steps (a submitted id
    /// must be one of them); <paramref name="stepsWithEvents"/> those with events recorded. A step removed while
    /// it has events needs a move to a step that stays. <paramref name="isFirst"/>: no version exists yet, so
    /// no reason is needed.
    /// </summary>
    public static void Validate(JourneyInput input, IReadOnlySet<int> existingStepIds, IReadOnlySet<int> stepsWithEvents, bool isFirst)
    {
        var rules = new Rules();
        var steps = input.Steps ?? [];
        if (steps.Count == 0)
            rules.Add("steps", "Required", "is required: a journey has at least one step.");
        else if (steps.Count > MaxSteps)
            rules.Add("steps", "TooManySteps", $"must be at most {MaxSteps} steps.", MaxSteps);
        var seen = new HashSet<int>();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            rules.RequiredText($"steps[{i}].name", s.Name)
                .OptionalText($"steps[{i}].description", s.Description, Rules.LongText)
                .OptionalText($"steps[{i}].evidence", s.Evidence, Rules.ShortText);
            if (s.Id is { } id && (!existingStepIds.Contains(id) || !seen.Add(id)))
                rules.Add($"steps[{i}].id", "UnknownStep", "is not a step of this journey, or is listed twice.");
        }
        if (steps.Count > 0 && steps.Count(s => s.IsStarted) != 1)
            rules.Add("steps", "OneStartedStep", "must mark exactly one step as the one that counts as started.");
        if (input.StallAfterDays is < MinStallDays or > MaxStallDays)
            rules.Add("stallAfterDays", "StallDaysOutOfRange", $"must be a whole number of days from {MinStallDays} to {MaxStallDays}.", MinStallDays, MaxStallDays);
        if (!isFirst)
        {
            if (Rules.IsBlank(input.Reason))
                rules.Add("reason", "JourneyReasonRequired", "is required when a journey changes: say why it changes.");
            else
                rules.OptionalText("reason", input.Reason, Rules.LongText);
        }
        var kept = steps.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        var moves = input.Moves ?? [];
        for (var i = 0; i < moves.Count; i++)
        {
            if (!existingStepIds.Contains(moves[i].FromStepId) || kept.Contains(moves[i].FromStepId))
                rules.Add($"moves[{i}].fromStepId", "NotRemoved", "is not a step this change removes.");
            if (!kept.Contains(moves[i].ToStepId))
                rules.Add($"moves[{i}].toStepId", "NotKept", "must be a step that stays in the journey.");
        }
        foreach (var orphan in existingStepIds.Where(id => !kept.Contains(id) && stepsWithEvents.Contains(id) && !moves.Any(m => m.FromStepId == id)).Order())
            rules.Add("moves", "OrphanedEvents", $"must say where the events of removed step {orphan} go: add a move from it to a step that stays.", orphan);
        rules.ThrowIfAny();
    }

    /// <summary>A participant needs a cohort and a join date; a left date comes with a reason, on or after joining.</summary>
    public static void Validate(ParticipantInput input)
    {
        var rules = new Rules();
        rules.RequiredText("cohort", input.Cohort, 50)
            .OptionalText("municipalityCode", input.MunicipalityCode, CodeLength)
            .OptionalText("regionCode", input.RegionCode, CodeLength)
            .OptionalText("sector", input.Sector, CodeLength)
            .OptionalText("leftReason", input.LeftReason, Rules.LongText)
            .Date("joinedOn", input.JoinedOn);
        if (!Enum.IsDefined(input.SizeClass))
            rules.Add("sizeClass", "UnknownValue", "is not one of the EU size classes (Micro, Small, Medium, Large).");
        if (input.Sector is { Length: > 0 } sector && !IsNaceCode(sector.Trim()))
            rules.Add("sector", "NotANaceCode", "must be an SNI/NACE code such as 10.71 or 62.");
        if (input.LeftOn is { } left)
        {
            rules.Date("leftOn", left);
            if (left < input.JoinedOn)
                rules.Add("leftOn", "ParticipantLeftBeforeJoined", "cannot be before the date the participant joined.");
            if (Rules.IsBlank(input.LeftReason))
                rules.Add("leftReason", "Required", "is required when the participant leaves.");
        }
        rules.ThrowIfAny();
    }

    /// <summary>An SNI/NACE code: two digits, optionally a dot and one to three more (SNI has five digits in all).</summary>
    public static bool IsNaceCode(string code) =>
        System.Text.RegularExpressions.Regex.IsMatch(code, @"^[0-9]{2}(\.[0-9]{1,3})?$");

    /// <summary>A step event names a step of the journey and a date from the participant's join date to today.</summary>
    public static void ValidateEvent(int stepId, DateOnly date, string? evidence, IReadOnlySet<int> activeStepIds, DateOnly joinedOn, DateOnly today, string? reason = null, bool correction = false)
    {
        var rules = new Rules();
        if (!activeStepIds.Contains(stepId))
            rules.Add("stepId", "UnknownStep", "is not a step of this journey.");
        rules.Date("date", date).OptionalText("evidence", evidence, Rules.LongText);
        if (!rules.HasErrorFor("date") && date < joinedOn)
            rules.Add("date", "BeforeJoined", $"cannot be before the participant joined ({joinedOn:yyyy-MM-dd}).", joinedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else if (!rules.HasErrorFor("date") && date > today)
            rules.Add("date", "InFuture", "cannot be in the future.");
        if (correction)
        {
            if (Rules.IsBlank(reason))
                rules.Add("reason", "CorrectionReasonRequired", "is required on a correction: say what was wrong.");
            else
                rules.OptionalText("reason", reason, Rules.LongText);
        }
        rules.ThrowIfAny();
    }

    /// <summary>The most participants one activity may name.</summary>
    public const int MaxAttendees = 500;

    /// <summary>
    /// An activity names its kind, title and a date up to today, and who attended: <paramref name="recordedFor"/>
    /// (the participant it is recorded for, or null for a mission's activity) and <see cref="ActivityInput.ParticipantIds"/>,
    /// each a participant of the journey (<paramref name="joinedOn"/> holds the join date of those that are), named once,
    /// who had joined by the activity's date. A mission's activity names at least one.
    /// </summary>
    public static void Validate(ActivityInput input, int? recordedFor, IReadOnlyDictionary<int, DateOnly> joinedOn, DateOnly today)
    {
        var rules = new Rules();
        rules.RequiredText("title", input.Title).OptionalText("host", input.Host, Rules.ShortText).Date("date", input.Date);
        if (!Enum.IsDefined(input.Kind))
            rules.Add("kind", "UnknownValue", "is not a known kind of activity.");
        var dateOk = !rules.HasErrorFor("date");
        if (dateOk && input.Date > today)
            rules.Add("date", "InFuture", "cannot be in the future.");
        else if (dateOk && recordedFor is { } own && joinedOn.TryGetValue(own, out var ownJoined) && input.Date < ownJoined)
            rules.Add("date", "BeforeJoined", $"cannot be before the participant joined ({ownJoined:yyyy-MM-dd}).", ownJoined.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var ids = input.ParticipantIds ?? [];
        if (recordedFor is null && ids.Count == 0)
            rules.Add("participantIds", "Required", "must name at least one participant who attended.");
        else if (ids.Count + (recordedFor is null ? 0 : 1) > MaxAttendees)
            rules.Add("participantIds", "TooManyAttendees", $"may name at most {MaxAttendees} participants.", MaxAttendees);
        else
            ValidateAttendees(rules, ids, recordedFor, joinedOn, dateOk ? input.Date : null);
        rules.ThrowIfAny();
    }

    private static void ValidateAttendees(Rules rules, IReadOnlyList<int> ids, int? recordedFor, IReadOnlyDictionary<int, DateOnly> joinedOn, DateOnly? date)
    {
        var seen = new HashSet<int>();
        if (recordedFor is { } own)
            seen.Add(own);
        for (var i = 0; i < ids.Count; i++)
        {
            var field = $"participantIds[{i}]";
            if (!seen.Add(ids[i]))
                rules.Add(field, "DuplicateAttendee", "names a participant already named.");
            else if (!joinedOn.TryGetValue(ids[i], out var joined))
                rules.Add(field, "UnknownParticipant", "is not a participant of this journey.");
            else if (date < joined)
                rules.Add(field, "BeforeJoined", $"cannot be before the participant joined ({joined:yyyy-MM-dd}).", joined.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
