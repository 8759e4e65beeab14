using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the commitment form (<c>CommitmentEdit</c>) and their parsing into a <see cref="CommitmentInput"/>.</summary>
public sealed class CommitmentForm
{
    public string? ActorId { get; set; }
    public string? RoundId { get; set; }
    public string? Text { get; set; }
    public string? Tier { get; set; }
    public string? Status { get; set; } = nameof(CommitmentStatus.Proposed);
    public List<Choice> Goals { get; set; } = [];
    public string? PledgedMoney { get; set; }
    public string? Currency { get; set; }
    public string? PersonYears { get; set; }
    public string? DueDate { get; set; }
    public string? EvidenceNotes { get; set; }
    public string? EvidenceLinks { get; set; }
    public string? Version { get; set; }

    /// <summary>A new commitment: the actor from the link, the latest round and the first tier preselected.</summary>
    public static CommitmentForm New(int? actor, int? latestRound, string? firstTier, IEnumerable<int> goals) => new()
    {
        ActorId = actor?.ToString(CultureInfo.InvariantCulture),
        RoundId = latestRound?.ToString(CultureInfo.InvariantCulture),
        Tier = firstTier,
        Goals = Choice.For(goals, []),
    };

    public static CommitmentForm From(CommitmentDto dto, IEnumerable<int> goals) => new()
    {
        RoundId = dto.RoundId.ToString(CultureInfo.InvariantCulture),
        Text = dto.Text,
        Tier = dto.Tier,
        Status = dto.Status.ToString(),
        Goals = Choice.For(goals, dto.GoalIds),
        PledgedMoney = dto.PledgedMoney is { } money ? Format.Input(money) : null,
        Currency = dto.Currency?.ToString(),
        PersonYears = dto.PersonYears is { } years ? Format.Input(years) : null,
        DueDate = dto.DueDate is { } due ? Format.Date(due) : null,
        EvidenceNotes = dto.EvidenceNotes,
        EvidenceLinks = dto.EvidenceLinks,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The input, or null with field-named errors. <paramref name="fixedActor"/> is the actor of an
    /// existing commitment or of a representative of one actor (null: the actor is picked); the
    /// signature is kept as it is, since signing is its own action.
    /// </summary>
    public CommitmentInput? ToInput(FormErrors errors, int? fixedActor, int missionId, bool isNew,
        string? signatory, DateOnly? signedOn, IReadOnlyCollection<int> missionGoalIds, IReadOnlyList<string> tiers)
    {
        var actor = fixedActor ?? errors.WholeNumber("actorId", ActorId);
        // The actor is fixed for a representative: a post naming another one is refused, not quietly redirected.
        if (isNew && fixedActor is { } only && !string.IsNullOrEmpty(ActorId) && ActorId != only.ToString(CultureInfo.InvariantCulture))
            errors.Add(ActorFormErrors.NotYourActor("actorId"));
        var round = errors.WholeNumber("roundId", RoundId);
        var status = errors.Enum<CommitmentStatus>("status", Status);
        var money = errors.Number("pledgedMoney", PledgedMoney, required: false);
        var currency = string.IsNullOrEmpty(Currency) ? null : errors.Enum<Currency>("currency", Currency);
        var years = errors.Number("personYears", PersonYears, required: false);
        var due = errors.Date("dueDate", DueDate, required: false);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var input = new CommitmentInput(actor ?? 0, missionId, round ?? 0, Text, Tier, Choice.Ids(Goals), money, currency, years, due,
            status ?? default, EvidenceNotes, EvidenceLinks, signatory, signedOn, version);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i, missionGoalIds, tiers));
    }
}
