namespace Masten.Core.Actors;

/// <summary>A pledged sum of money in one currency.</summary>
public sealed record MoneyTotal(Currency Currency, double Amount);

/// <summary>
/// What is pledged to one goal in one round: money per currency (never converted) and person-years.
/// <see cref="GoalId"/> is null for commitments linked to no goal.
/// </summary>
public sealed record PledgeTotal(int RoundId, int? GoalId, IReadOnlyList<MoneyTotal> Money, double PersonYears, int Commitments);

/// <summary>What one actor pledges in one round: commitments that are not withdrawn, money per currency, person-years.</summary>
public sealed record ActorPledge(int ActorId, int RoundId, int Commitments, IReadOnlyList<MoneyTotal> Money, double PersonYears);

/// <summary>Which organisational levels an actor has among its contact people.</summary>
public sealed record Anchoring(int ActorId, IReadOnlyList<OrganisationalLevel> Levels)
{
    /// <summary>True when the actor is engaged at exactly one level: the whole organisation is not on board.</summary>
    public bool IsSingleLevel => Levels.Count == 1;
}

/// <summary>The analyses the mission's actor page shows. Pure: they take records already read.</summary>
public static class ActorAnalysis
{
    /// <summary>Fulfilled and withdrawn commitments are closed; the rest are open and carry into a new round.</summary>
    public static bool IsOpen(CommitmentStatus status) => status is CommitmentStatus.Proposed or CommitmentStatus.Signed or CommitmentStatus.InProgress;

    /// <summary>National agencies, regions, municipalities and funders: the bodies whose reciprocal pledges the mission shows.</summary>
    public static bool IsPublicBody(ActorType type) => type is ActorType.NationalAgency or ActorType.Region or ActorType.Municipality or ActorType.Funder;

    /// <summary>
    /// Copies every open commitment of <paramref name="previous"/> into the round <paramref name="newRoundId"/>
    /// for re-signing. The copies are new records (id 0) pointing back with <see cref="Commitment.CarriedFromId"/>;
    /// the originals are not touched. A copy must be signed again, so its signatory and signing date are
    /// cleared and a signed commitment becomes proposed; one in progress stays in progress.
    /// </summary>
    public static IReadOnlyList<Commitment> CarryForward(IEnumerable<Commitment> previous, int newRoundId) =>
        previous.Where(c => IsOpen(c.Status)).Select(c => new Commitment
        {
            ActorId = c.ActorId,
            MissionId = c.MissionId,
            RoundId = newRoundId,
            Text = c.Text,
            Tier = c.Tier,
            GoalIds = [.. c.GoalIds],
            PledgedMoney = c.PledgedMoney,
            Currency = c.Currency,
            PersonYears = c.PersonYears,
            DueDate = c.DueDate,
            Status = c.Status == CommitmentStatus.Signed ? CommitmentStatus.Proposed : c.Status,
            EvidenceNotes = c.EvidenceNotes,
            EvidenceLinks = c.EvidenceLinks,
            Signatory = null,
            SignedOn = null,
            CarriedFromId = c.Id,
        }).ToList();

    /// <summary>
    /// Totals of pledged money (per currency) and person-years per round and goal, over commitments that
    /// are not withdrawn. A commitment linked to several goals counts in full under each of them, so the
    /// goal rows of a round are not to be added up; a commitment with no goal counts under goal null.
    /// Ordered by round, then goal (null last).
    /// </summary>
    public static IReadOnlyList<PledgeTotal> Totals(IEnumerable<Commitment> commitments) =>
        commitments.Where(c => c.Status != CommitmentStatus.Withdrawn)
            .SelectMany(c => (c.GoalIds.Count == 0 ? [null] : c.GoalIds.Distinct().Select(g => (int?)g)).Select(g => (Goal: g, Commitment: c)))
            .GroupBy(x => (x.Commitment.RoundId, x.Goal))
            .Select(g => new PledgeTotal(g.Key.RoundId, g.Key.Goal, MoneyOf(g.Select(x => x.Commitment)),
                g.Sum(x => x.Commitment.PersonYears ?? 0), g.Count()))
            .OrderBy(t => t.RoundId).ThenBy(t => t.GoalId is null).ThenBy(t => t.GoalId)
            .ToList();

    /// <summary>Money per currency over commitments, leaving out those without money; ordered by currency.</summary>
    public static IReadOnlyList<MoneyTotal> MoneyOf(IEnumerable<Commitment> commitments) =>
        commitments.Where(c => c.PledgedMoney is not null && c.Currency is not null)
            .GroupBy(c => c.Currency!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new MoneyTotal(g.Key, g.Sum(c => c.PledgedMoney!.Value)))
            .ToList();

    /// <summary>
    /// The reciprocal view: what each public body (<see cref="IsPublicBody"/>, by <paramref name="actorTypes"/>)
    /// pledges per round, over commitments that are not withdrawn. Actors of unknown type are left out.
    /// Ordered by round, then by actor id.
    /// </summary>
    public static IReadOnlyList<ActorPledge> PublicPledges(IEnumerable<Commitment> commitments, IReadOnlyDictionary<int, ActorType> actorTypes) =>
        commitments.Where(c => c.Status != CommitmentStatus.Withdrawn && actorTypes.TryGetValue(c.ActorId, out var type) && IsPublicBody(type))
            .GroupBy(c => (c.RoundId, c.ActorId))
            .OrderBy(g => g.Key.RoundId).ThenBy(g => g.Key.ActorId)
            .Select(g => new ActorPledge(g.Key.ActorId, g.Key.RoundId, g.Count(), MoneyOf(g), g.Sum(c => c.PersonYears ?? 0)))
            .ToList();

    /// <summary>The relations where an operational goal conflicts with a mission goal.</summary>
    public static IReadOnlyList<GoalRelation> Tensions(IEnumerable<GoalRelation> relations) =>
        relations.Where(r => r.Kind == GoalRelationKind.Conflicts).ToList();

    /// <summary>
    /// For each of <paramref name="actorIds"/>, the distinct organisational levels among its contact
    /// people, in level order. An actor without contacts has no levels (and is not single-level).
    /// </summary>
    public static IReadOnlyList<Anchoring> Anchor(IEnumerable<int> actorIds, IEnumerable<ContactPerson> contacts)
    {
        var levels = contacts.ToLookup(c => c.ActorId, c => c.Level);
        return actorIds.Distinct()
            .Select(id => new Anchoring(id, levels[id].Distinct().Order().ToList()))
            .ToList();
    }
}
