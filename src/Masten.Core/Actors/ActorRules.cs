using Masten.Core.Common;

namespace Masten.Core.Actors;

/// <summary>
/// The rules actors, contacts, memberships, rounds, commitments, drivers and operational goals must
/// satisfy before they are stored. Each method collects every broken rule and throws one
/// <see cref="DomainException"/>. Facts that need the database (which goals a mission has, whether a
/// number is taken) are passed in by the store.
/// </summary>
public static class ActorRules
{
    /// <summary>The tiers a mission offers when it has not chosen its own.</summary>
    public static readonly IReadOnlyList<string> DefaultTiers = ["leading", "contributing", "supporting"];

    /// <summary>Checks an actor and returns its organisation number normalised (null when none was given).</summary>
    public static string? Validate(ActorInput input)
    {
        var rules = new Rules();
        rules.RequiredText("name", input.Name)
            .OptionalText("description", input.Description)
            .OptionalText("website", input.Website, Rules.ShortText);
        if (!Enum.IsDefined(input.Type))
            rules.Add("type", "UnknownValue", "is not a known actor type.");
        if (!Enum.IsDefined(input.Country))
            rules.Add("country", "UnknownValue", "is not a known country.");
        if (!string.IsNullOrWhiteSpace(input.Website) && !IsWebLink(input.Website.Trim()))
            rules.Add("website", "NotALink", "must be a web address starting with https:// or http://.");
        string? number = null;
        if (!string.IsNullOrWhiteSpace(input.OrganisationNumber) && Enum.IsDefined(input.Country))
        {
            var result = OrganisationNumber.Check(input.Country, input.OrganisationNumber);
            if (result.IsValid)
                number = result.Normalised;
            else
                rules.Add("organisationNumber", result.ErrorCode!, result.ErrorMessage!, result.Args.ToArray());
        }
        rules.ThrowIfAny();
        return number;
    }

    public static void Validate(ContactInput input)
    {
        var rules = new Rules();
        rules.RequiredText("name", input.Name)
            .OptionalText("role", input.Role, Rules.ShortText)
            .OptionalText("email", input.Email, Rules.ShortText);
        if (!string.IsNullOrWhiteSpace(input.Email) && !IsEmail(input.Email.Trim()))
            rules.Add("email", "NotAnEmail", "must be an e-mail address such as namn@exempel.se.");
        if (!Enum.IsDefined(input.Level))
            rules.Add("level", "UnknownValue", "is not a known organisational level.");
        rules.ThrowIfAny();
    }

    /// <summary>A membership needs at least one role, and cannot end before it began.</summary>
    public static void Validate(MembershipInput input)
    {
        var rules = new Rules();
        var roles = input.Roles ?? [];
        if (roles.Count == 0)
            rules.Add("roles", "RoleRequired", "needs at least one role.");
        else if (roles.Any(r => !Enum.IsDefined(r)))
            rules.Add("roles", "UnknownValue", "holds a role that is not known.");
        rules.Date("joinedOn", input.JoinedOn);
        if (input.LeftOn is { } left)
        {
            rules.Date("leftOn", left);
            if (!rules.HasErrorFor("leftOn") && left < input.JoinedOn)
                rules.Add("leftOn", "LeftBeforeJoined", $"cannot be before the date the actor joined ({input.JoinedOn:yyyy-MM-dd}).", Iso(input.JoinedOn));
        }
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A round needs a name not already used in its mission (<paramref name="nameTaken"/>). A new round
    /// comes after the mission's latest round (<paramref name="latestRoundDate"/>), since it carries that
    /// round's open commitments forward. A closing date, when given, is on or after the opening date
    /// (field <c>closesOn</c>); it may lie in the past, so an office can record an earlier round or close one now.
    /// </summary>
    public static void Validate(RoundInput input, bool nameTaken, DateOnly? latestRoundDate = null)
    {
        var rules = new Rules();
        rules.RequiredText("name", input.Name, 50).Date("date", input.Date);
        if (input.ClosesOn is { } closes)
        {
            rules.Date("closesOn", closes);
            if (!rules.HasErrorFor("closesOn") && !rules.HasErrorFor("date") && closes < input.Date)
                rules.Add("closesOn", "RoundClosesBeforeOpening", $"cannot be before the day the round opens ({input.Date:yyyy-MM-dd}).", Iso(input.Date));
        }
        if (!rules.HasErrorFor("name") && nameTaken)
            rules.Add("name", "DuplicateRoundName", "is already the name of another round of this mission.");
        if (!rules.HasErrorFor("date") && latestRoundDate is { } latest && input.Date <= latest)
            rules.Add("date", "RoundNotAfterLatest", $"must be after the date of the latest round ({latest:yyyy-MM-dd}).", Iso(latest));
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A commitment needs text, one of the mission's <paramref name="tiers"/>, goals only from
    /// <paramref name="missionGoalIds"/>, resources of zero or more (money with a currency), and
    /// links that are web addresses.
    /// </summary>
    public static void Validate(CommitmentInput input, IReadOnlyCollection<int> missionGoalIds, IReadOnlyList<string> tiers)
    {
        var rules = new Rules();
        rules.RequiredText("text", input.Text, Rules.LongText)
            .OptionalText("evidenceNotes", input.EvidenceNotes)
            .OptionalText("evidenceLinks", input.EvidenceLinks)
            .OptionalText("signatory", input.Signatory, Rules.ShortText);
        if (string.IsNullOrWhiteSpace(input.Tier))
            rules.Add("tier", "Required", "is required.");
        else if (!tiers.Contains(input.Tier.Trim(), StringComparer.Ordinal))
            rules.Add("tier", "UnknownTier", $"must be one of the mission's tiers: {string.Join(", ", tiers)}.", string.Join(", ", tiers));
        CheckGoals(rules, input.GoalIds, missionGoalIds);
        rules.NonNegative("pledgedMoney", input.PledgedMoney);
        if (input.PledgedMoney is not null && !rules.HasErrorFor("pledgedMoney") && input.Currency is null)
            rules.Add("currency", "CurrencyRequired", "is required when money is pledged.");
        if (input.Currency is { } currency && !Enum.IsDefined(currency))
            rules.Add("currency", "UnknownValue", "is not a known currency.");
        rules.NonNegative("personYears", input.PersonYears);
        if (input.DueDate is { } due)
            rules.Date("dueDate", due);
        if (input.SignedOn is { } signed)
            rules.Date("signedOn", signed);
        if (!Enum.IsDefined(input.Status))
            rules.Add("status", "UnknownValue", "is not a known status.");
        foreach (var link in Lines(input.EvidenceLinks))
        {
            if (!IsWebLink(link))
            {
                rules.Add("evidenceLinks", "NotALink", "must be web addresses starting with https:// or http://, one per line.");
                break;
            }
        }
        rules.ThrowIfAny();
    }

    public static void Validate(DriverInput input, IReadOnlyCollection<int> missionGoalIds)
    {
        var rules = new Rules();
        rules.RequiredText("text", input.Text, Rules.LongText);
        var categories = input.Categories ?? [];
        if (categories.Count == 0)
            rules.Add("categories", "CategoryRequired", "needs at least one category.");
        else if (categories.Any(c => !Enum.IsDefined(c)))
            rules.Add("categories", "UnknownValue", "holds a category that is not known.");
        CheckGoals(rules, input.GoalIds, missionGoalIds);
        rules.ThrowIfAny();
    }

    /// <summary>
    /// An operational goal needs a title; each relation names an existing mission goal
    /// (<paramref name="knownGoalIds"/>) once, and a conflict needs an explanation.
    /// </summary>
    public static void Validate(OperationalGoalInput input, IReadOnlyCollection<int> knownGoalIds)
    {
        var rules = new Rules();
        rules.RequiredText("title", input.Title).OptionalText("owner", input.Owner, Rules.ShortText);
        var relations = input.Relations ?? [];
        var seen = new HashSet<int>();
        for (var i = 0; i < relations.Count && i < 200; i++)
        {
            var r = relations[i];
            if (!knownGoalIds.Contains(r.GoalId))
                rules.Add($"relations[{i}].goalId", "UnknownGoal", "is not an existing mission goal.");
            else if (!seen.Add(r.GoalId))
                rules.Add($"relations[{i}].goalId", "DuplicateRelation", "already has a relation to this goal.");
            if (!Enum.IsDefined(r.Kind))
                rules.Add($"relations[{i}].kind", "UnknownValue", "is not a known relation.");
            rules.OptionalText($"relations[{i}].explanation", r.Explanation);
            if (r.Kind == GoalRelationKind.Conflicts && Rules.IsBlank(r.Explanation))
                rules.Add($"relations[{i}].explanation", "ExplanationRequired", "is required when the goals conflict: say how.");
        }
        if (relations.Count > 200)
            rules.Add("relations", "TooManyRelations", "can hold at most 200 relations.");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A mission's tiers: one to ten distinct names of at most 50 characters without commas. A tier
    /// that commitments use (<paramref name="inUse"/>) cannot be removed.
    /// </summary>
    public static void Validate(TiersInput input, IReadOnlyCollection<string> inUse)
    {
        var rules = new Rules();
        var tiers = (input.Tiers ?? []).Select(t => t?.Trim() ?? "").ToList();
        if (tiers.Count == 0 || tiers.Count > 10)
            rules.Add("tiers", "TierCount", "must hold between 1 and 10 tiers.");
        else if (tiers.Any(t => Rules.IsBlank(t) || t.Length > 50 || t.Contains(',', StringComparison.Ordinal) || t.Any(char.IsControl)))
            rules.Add("tiers", "BadTierName", "must be names of 1 to 50 characters without commas or control characters.");
        else if (tiers.Distinct(StringComparer.Ordinal).Count() != tiers.Count)
            rules.Add("tiers", "DuplicateTier", "names a tier more than once.");
        else if (inUse.FirstOrDefault(t => !tiers.Contains(t, StringComparer.Ordinal)) is { } missing)
            rules.Add("tiers", "TierInUse", $"must keep '{missing}': commitments use it.", missing);
        rules.ThrowIfAny();
    }

    /// <summary>The non-empty, trimmed lines of a text.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static void CheckGoals(Rules rules, IReadOnlyList<int>? goalIds, IReadOnlyCollection<int> missionGoalIds)
    {
        var ids = goalIds ?? [];
        if (ids.Any(id => !missionGoalIds.Contains(id)))
            rules.Add("goalIds", "GoalNotInMission", "must be goals of this mission.");
        else if (ids.Distinct().Count() != ids.Count)
            rules.Add("goalIds", "DuplicateGoal", "names a goal more than once.");
    }

    private static bool IsWebLink(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);

    internal static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
