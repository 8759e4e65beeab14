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

/// <summary>
/// Commitments added up in one group, as a database does it with GROUP BY: how many, how many name a sum of money,
/// that money (in <see cref="Currency"/>, zero when none), and person-years (missing counts as zero). The keys a
/// query does not group by are null (or false).
/// </summary>
public sealed record PledgeSum(int RoundId, int? GoalId, int? ActorId, CommitmentStatus? Status, bool ByPublicBody, Currency? Currency,
    int Commitments, int WithMoney, double Money, double PersonYears)
{
    /// <summary>One commitment as a group of its own, under <paramref name="goalId"/>.</summary>
    public static PledgeSum Of(Commitment c, int? goalId, bool byPublicBody) =>
        new(c.RoundId, goalId, c.ActorId, c.Status, byPublicBody, c.Currency, 1, c.PledgedMoney is null ? 0 : 1, c.PledgedMoney ?? 0, c.PersonYears ?? 0);
}

/// <summary>One round's commitments per status, and what is pledged (not withdrawn) by everyone and by public bodies.</summary>
public sealed record RoundTotal(int RoundId, IReadOnlyDictionary<CommitmentStatus, int> ByStatus, IReadOnlyList<MoneyTotal> Money, double PersonYears,
    IReadOnlyList<MoneyTotal> PublicMoney, double PublicPersonYears);

/// <summary>The analyses the mission's actor page shows. Pure: they take records already read, or sums already added up.</summary>
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
            SignatureEnteredBy = null,
            CarriedFromId = c.Id,
        }).ToList();

    /// <summary>
    /// Totals of pledged money (per currency) and person-years per round and goal, over commitments that
    /// are not withdrawn. A commitment linked to several goals counts in full under each of them, so the
    /// goal rows of a round are not to be added up; a commitment with no goal counts under goal null.
    /// Ordered by round, then goal (null last).
    /// </summary>
    public static IReadOnlyList<PledgeTotal> Totals(IEnumerable<Commitment> commitments) =>
        TotalsOf(commitments.Where(c => c.Status != CommitmentStatus.Withdrawn)
            .SelectMany(c => (c.GoalIds.Count == 0 ? [null] : c.GoalIds.Distinct().Select(g => (int?)g)).Select(g => PledgeSum.Of(c, g, false))));

    /// <summary>The totals per round and goal from sums already grouped by round, goal and currency (withdrawn left out); see <see cref="Totals(IEnumerable{Commitment})"/>.</summary>
    public static IReadOnlyList<PledgeTotal> TotalsOf(IEnumerable<PledgeSum> sums) =>
        sums.GroupBy(s => (s.RoundId, s.GoalId))
            .Select(g => new PledgeTotal(g.Key.RoundId, g.Key.GoalId, MoneyOf(g), g.Sum(s => s.PersonYears), g.Sum(s => s.Commitments)))
            .OrderBy(t => t.RoundId).ThenBy(t => t.GoalId is null).ThenBy(t => t.GoalId)
            .ToList();

    /// <summary>Money per currency over commitments, leaving out those without money; ordered by currency.</summary>
    public static IReadOnlyList<MoneyTotal> MoneyOf(IEnumerable<Commitment> commitments) =>
        MoneyOf(commitments.Select(c => PledgeSum.Of(c, null, false)));

    /// <summary>Money per currency over sums, leaving out those without money or currency; ordered by currency.</summary>
    public static IReadOnlyList<MoneyTotal> MoneyOf(IEnumerable<PledgeSum> sums) =>
        sums.Where(s => s.WithMoney > 0 && s.Currency is not null)
            .GroupBy(s => s.Currency!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new MoneyTotal(g.Key, g.Sum(s => s.Money)))
            .ToList();

    /// <summary>
    /// Per round: commitments per status (every status, zero when none), and money and person-years of those not
    /// withdrawn, by everyone and by public bodies; from sums grouped by round, status, currency and public body.
    /// </summary>
    public static IReadOnlyList<RoundTotal> RoundsOf(IEnumerable<int> roundIds, IEnumerable<PledgeSum> sums)
    {
        var byRound = sums.ToLookup(s => s.RoundId);
        return roundIds.Select(r =>
        {
            var inRound = byRound[r].ToList();
            var pledged = inRound.Where(s => s.Status != CommitmentStatus.Withdrawn).ToList();
            var fromPublic = pledged.Where(s => s.ByPublicBody).ToList();
            return new RoundTotal(r,
                Enum.GetValues<CommitmentStatus>().ToDictionary(st => st, st => inRound.Where(s => s.Status == st).Sum(s => s.Commitments)),
                MoneyOf(pledged), pledged.Sum(s => s.PersonYears), MoneyOf(fromPublic), fromPublic.Sum(s => s.PersonYears));
        }).ToList();
    }

    /// <summary>The actor types that count as public bodies; see <see cref="IsPublicBody"/>.</summary>
    public static IReadOnlyList<ActorType> PublicBodyTypes { get; } = Enum.GetValues<ActorType>().Where(IsPublicBody).ToList();

    /// <summary>
    /// The reciprocal view: what each public body (<see cref="IsPublicBody"/>, by <paramref name="actorTypes"/>)
    /// pledges per round, over commitments that are not withdrawn. Actors of unknown type are left out.
    /// Ordered by round, then by actor id.
    /// </summary>
    public static IReadOnlyList<ActorPledge> PublicPledges(IEnumerable<Commitment> commitments, IReadOnlyDictionary<int, ActorType> actorTypes) =>
        PublicPledgesOf(commitments.Where(c => c.Status != CommitmentStatus.Withdrawn && actorTypes.TryGetValue(c.ActorId, out var type) && IsPublicBody(type))
            .Select(c => PledgeSum.Of(c, null, true)));

    /// <summary>The reciprocal view from sums of public bodies' commitments (withdrawn left out) grouped by round, actor and currency.</summary>
    public static IReadOnlyList<ActorPledge> PublicPledgesOf(IEnumerable<PledgeSum> sums) =>
        sums.GroupBy(s => (s.RoundId, ActorId: s.ActorId!.Value))
            .OrderBy(g => g.Key.RoundId).ThenBy(g => g.Key.ActorId)
            .Select(g => new ActorPledge(g.Key.ActorId, g.Key.RoundId, g.Sum(s => s.Commitments), MoneyOf(g), g.Sum(s => s.PersonYears)))
            .ToList();

    /// <summary>The relations where an operational goal conflicts with a mission goal.</summary>
    public static IReadOnlyList<GoalRelation> Tensions(IEnumerable<GoalRelation> relations) =>
        relations.Where(r => r.Kind == GoalRelationKind.Conflicts).ToList();

    /// <summary>
    /// For each of <paramref name="actorIds"/>, the distinct organisational levels among its contact
    /// people, in level order. An actor without contacts has no levels (and is not single-level).
    /// </summary>
    public static IReadOnlyList<Anchoring> Anchor(IEnumerable<int> actorIds, IEnumerable<ContactPerson> contacts) =>
        Anchor(actorIds, contacts.Select(c => (c.ActorId, c.Level)));

    /// <summary>The same, from the (actor, level) pairs of contact people, repeated or not.</summary>
    public static IReadOnlyList<Anchoring> Anchor(IEnumerable<int> actorIds, IEnumerable<(int ActorId, OrganisationalLevel Level)> levelsOf)
    {
        var levels = levelsOf.ToLookup(c => c.ActorId, c => c.Level);
        return actorIds.Distinct()
            .Select(id => new Anchoring(id, levels[id].Distinct().Order().ToList()))
            .ToList();
    }
}
