using Masten.Core.Common;

namespace Masten.Core.Portfolio;

/// <summary>
/// The rules initiatives, hypotheses, check-ins, reviews and decisions must satisfy before they are
/// stored. Each method collects every broken rule and throws one <see cref="DomainException"/>. Facts
/// that need the database (the mission's goals, indicators and members) are passed in by the store.
/// </summary>
public static class PortfolioRules
{
    /// <summary>Days without a check-in after which an active initiative is stale, unless the mission says otherwise.</summary>
    public const int DefaultStaleDays = 90;

    /// <summary>Days a hypothesis may stay open before the portfolio analysis flags it.</summary>
    public const int OpenHypothesisDays = 180;

    /// <summary>
    /// An initiative needs a title, a lead and partners who are members of the mission
    /// (<paramref name="memberActorIds"/>), contributions only to the mission's goals
    /// (<paramref name="missionGoalIds"/>) and to indicators of that goal (<paramref name="indicatorGoals"/>,
    /// indicator id → goal id), a budget of zero or more with a currency, funders that exist
    /// (<paramref name="knownActorIds"/>), and an end no earlier than its start.
    /// </summary>
    public static void Validate(InitiativeInput input, IReadOnlyCollection<int> missionGoalIds, IReadOnlyDictionary<int, int> indicatorGoals,
        IReadOnlyCollection<int> memberActorIds, IReadOnlyCollection<int> knownActorIds)
    {
        var rules = new Rules();
        rules.RequiredText("title", input.Title).OptionalText("description", input.Description);
        if (!Enum.IsDefined(input.Type))
            rules.Add("type", "UnknownValue", "is not a known initiative type.");
        if (!Enum.IsDefined(input.Stage))
            rules.Add("stage", "UnknownValue", "is not a known stage.");
        if (!memberActorIds.Contains(input.LeadActorId))
            rules.Add("leadActorId", "NotAMember", "must be an actor taking part in the mission.");
        var partners = input.PartnerActorIds ?? [];
        if (partners.Any(p => !memberActorIds.Contains(p)))
            rules.Add("partnerActorIds", "NotAMember", "must be actors taking part in the mission.");
        else if (partners.Distinct().Count() != partners.Count || partners.Contains(input.LeadActorId))
            rules.Add("partnerActorIds", "DuplicatePartner", "names an actor more than once, or the lead.");
        rules.NonNegative("budget", input.Budget);
        if (input.Budget is not null && !rules.HasErrorFor("budget") && input.Currency is null)
            rules.Add("currency", "CurrencyRequired", "is required when there is a budget.");
        if (input.Currency is { } currency && !Enum.IsDefined(currency))
            rules.Add("currency", "UnknownValue", "is not a known currency.");
        if (input.StartDate is { } start)
            rules.Date("startDate", start);
        if (input.EndDate is { } end)
        {
            rules.Date("endDate", end);
            if (!rules.HasErrorFor("endDate") && input.StartDate is { } begin && end < begin)
                rules.Add("endDate", "EndBeforeStart", $"cannot be before the start date ({begin:yyyy-MM-dd}).", begin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        var levers = input.Levers ?? [];
        if (levers.Any(l => !Enum.IsDefined(l)))
            rules.Add("levers", "UnknownValue", "holds a lever that is not known.");
        var contributions = input.Contributions ?? [];
        for (var i = 0; i < contributions.Count && i < 100; i++)
            CheckContribution(rules, $"contributions[{i}]", contributions[i], missionGoalIds, indicatorGoals);
        if (contributions.Count > 100)
            rules.Add("contributions", "TooManyContributions", "can hold at most 100 contributions.");
        var funding = input.Funding ?? [];
        for (var i = 0; i < funding.Count && i < 100; i++)
        {
            var f = funding[i];
            if (!knownActorIds.Contains(f.FunderActorId))
                rules.Add($"funding[{i}].funderActorId", "UnknownActor", "is not an existing actor.");
            rules.NonNegative($"funding[{i}].amount", f.Amount);
            if (!Enum.IsDefined(f.Currency))
                rules.Add($"funding[{i}].currency", "UnknownValue", "is not a known currency.");
        }
        rules.ThrowIfAny();
    }

    private static void CheckContribution(Rules rules, string prefix, ContributionInput c, IReadOnlyCollection<int> missionGoalIds, IReadOnlyDictionary<int, int> indicatorGoals)
    {
        if (!missionGoalIds.Contains(c.GoalId))
            rules.Add($"{prefix}.goalId", "GoalNotInMission", "must be goals of this mission.");
        else if (c.IndicatorId is { } indicator && (!indicatorGoals.TryGetValue(indicator, out var goal) || goal != c.GoalId))
            rules.Add($"{prefix}.indicatorId", "IndicatorNotOfGoal", "must be an indicator of the chosen goal.");
        if (!Enum.IsDefined(c.Direction))
            rules.Add($"{prefix}.direction", "UnknownValue", "is not a known direction.");
        if (!Enum.IsDefined(c.Confidence))
            rules.Add($"{prefix}.confidence", "UnknownValue", "is not a known confidence.");
        if (c.Size is { } size && !Enum.IsDefined(size))
            rules.Add($"{prefix}.size", "UnknownValue", "is not a known size.");
        rules.NonNegative($"{prefix}.sizePerYear", c.SizePerYear);
        if (c.SizePerYear is not null && !rules.HasErrorFor($"{prefix}.sizePerYear") && c.IndicatorId is null)
            rules.Add($"{prefix}.indicatorId", "IndicatorRequired", "is required when the size is given in the indicator's unit.");
        if (c.SizePerYear is null == c.Size is null)
            rules.Add($"{prefix}.size", "SizeOrAmount", "give either a size per year in the indicator's unit or low, medium or high.");
    }

    public static void Validate(HypothesisInput input)
    {
        var rules = new Rules();
        rules.RequiredText("belief", input.Belief, Rules.LongText).OptionalText("test", input.Test).OptionalText("learning", input.Learning);
        if (!Enum.IsDefined(input.Result))
            rules.Add("result", "UnknownValue", "is not a known result.");
        if (input.OpenedOn is { } opened)
            rules.Date("openedOn", opened);
        rules.ThrowIfAny();
    }

    /// <summary>A check-in has a date, a known status and a confidence from 1 to 10.</summary>
    public static void Validate(CheckInInput input)
    {
        var rules = new Rules();
        rules.Date("date", input.Date)
            .OptionalText("whatHappened", input.WhatHappened).OptionalText("next", input.Next).OptionalText("blockers", input.Blockers);
        if (!Enum.IsDefined(input.Status))
            rules.Add("status", "UnknownValue", "is not a known status.");
        if (input.Confidence is < 1 or > 10)
            rules.Add("confidence", "ConfidenceOutOfRange", "must be a whole number from 1 to 10.");
        rules.ThrowIfAny();
    }

    /// <summary>A review has a date and a kind; actors taking part are members of the mission.</summary>
    public static void Validate(ReviewInput input, IReadOnlyCollection<int> memberActorIds)
    {
        var rules = new Rules();
        rules.Date("date", input.Date).OptionalText("participants", input.Participants).OptionalText("insights", input.Insights);
        if (!Enum.IsDefined(input.Kind))
            rules.Add("kind", "UnknownValue", "is not a known kind of review.");
        if ((input.ParticipantActorIds ?? []).Any(a => !memberActorIds.Contains(a)))
            rules.Add("participantActorIds", "NotAMember", "must be actors taking part in the mission.");
        rules.ThrowIfAny();
    }

    /// <summary>A decision concerns an initiative of the review's mission (<paramref name="missionInitiativeIds"/>) and says why.</summary>
    public static void Validate(DecisionInput input, IReadOnlyCollection<int> missionInitiativeIds)
    {
        var rules = new Rules();
        if (!missionInitiativeIds.Contains(input.InitiativeId))
            rules.Add("initiativeId", "InitiativeNotInMission", "must be an initiative of the review's mission.");
        if (!Enum.IsDefined(input.Kind))
            rules.Add("kind", "UnknownValue", "is not a known decision.");
        rules.RequiredText("rationale", input.Rationale, Rules.LongText);
        rules.ThrowIfAny();
    }

    /// <summary>
    /// The stage a decision moves an initiative to: scale → scaling, stop → ended, pivot → exploring
    /// (back to learning), continue keeps the stage, and start new leaves it alone (a new initiative follows).
    /// </summary>
    public static InitiativeStage StageAfter(DecisionKind decision, InitiativeStage current) => decision switch
    {
        DecisionKind.Scale => InitiativeStage.Scaling,
        DecisionKind.Stop => InitiativeStage.Ended,
        DecisionKind.Pivot => InitiativeStage.Exploring,
        _ => current,
    };
}
