using Masten.Core.Actors;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Actors;

// Read models of actors, shared by the API and the pages. Queries filter and order entities, then
// project with ToDtos() last; lists are paged; nothing runs one query per row.

public sealed record ActorDto(int Id, string Name, ActorType Type, Country Country, string? OrganisationNumber, string? Website,
    string? Description, int Version, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ContactDto(int Id, int ActorId, string Name, string? Role, string? Email, OrganisationalLevel Level, int Version);

public sealed record MembershipDto(int Id, int ActorId, string ActorName, int MissionId, string MissionTitle, IReadOnlyList<MissionRole> Roles,
    DateOnly JoinedOn, DateOnly? LeftOn, int Version);

/// <summary>A signing round: opened on <see cref="Date"/>, taking signatures until <see cref="ClosesOn"/> (that day included; null: until the next round).</summary>
public sealed record RoundDto(int Id, int MissionId, string Name, DateOnly Date, int Version, DateOnly? ClosesOn);

/// <summary>A round just opened, and how many open commitments were carried into it.</summary>
public sealed record OpenedRoundDto(RoundDto Round, int CarriedCommitments);

public sealed record CommitmentDto(int Id, int ActorId, string ActorName, ActorType ActorType, int MissionId, string MissionTitle, int RoundId, string RoundName,
    string Text, string Tier, IReadOnlyList<int> GoalIds, double? PledgedMoney, Currency? Currency, double? PersonYears, DateOnly? DueDate,
    CommitmentStatus Status, string? EvidenceNotes, string? EvidenceLinks, string? Signatory, DateOnly? SignedOn, DateTime? SignedAt, int? CarriedFromId, int Version,
    string? SignatureEnteredBy = null);

public sealed record DriverDto(int Id, int ActorId, string ActorName, int MissionId, string MissionTitle, IReadOnlyList<DriverCategory> Categories,
    string Text, IReadOnlyList<int> GoalIds, int Version);

public sealed record GoalRelationDto(int GoalId, string GoalTitle, int MissionId, GoalRelationKind Kind, string? Explanation);

public sealed record OperationalGoalDto(int Id, int ActorId, string ActorName, string Title, string? Owner, int Version, IReadOnlyList<GoalRelationDto> Relations);

/// <summary>One round of a mission: commitments per status, and what is pledged by everyone and by public bodies.</summary>
public sealed record RoundSummary(RoundDto Round, IReadOnlyDictionary<CommitmentStatus, int> ByStatus,
    IReadOnlyList<MoneyTotal> Money, double PersonYears, IReadOnlyList<MoneyTotal> PublicMoney, double PublicPersonYears);

/// <summary>One driver category in a mission: how many drivers and actors name it, and the goals they connect it to.</summary>
public sealed record DriverMixRow(DriverCategory Category, int Drivers, int Actors, IReadOnlyList<int> GoalIds);

/// <summary>An operational goal of an actor that conflicts with a goal of the mission.</summary>
public sealed record TensionDto(int ActorId, string ActorName, int OperationalGoalId, string OperationalGoal, string? Owner, int GoalId, string GoalTitle, string? Explanation);

/// <summary>What one public body pledges in one round, for the reciprocal view.</summary>
public sealed record PublicPledgeDto(int ActorId, string ActorName, ActorType ActorType, int RoundId, string RoundName, int Commitments,
    IReadOnlyList<MoneyTotal> Money, double PersonYears);

public sealed record AnchoringDto(int ActorId, string ActorName, IReadOnlyList<OrganisationalLevel> Levels, bool IsSingleLevel);

/// <summary>
/// Everything the mission's actor page shows, added up in SQL. <see cref="Members"/> (the roles matrix) and
/// <see cref="Anchoring"/> are one page of the members, by name; <see cref="MemberPaging"/> says which.
/// </summary>
public sealed record MissionActorsOverview(
    MissionDto Mission,
    IReadOnlyList<GoalDto> Goals,
    IReadOnlyList<MembershipDto> Members,
    IReadOnlyList<RoundSummary> Rounds,
    IReadOnlyList<PledgeTotal> Totals,
    IReadOnlyList<PublicPledgeDto> PublicPledges,
    IReadOnlyList<DriverMixRow> DriverMix,
    IReadOnlyList<TensionDto> Tensions,
    IReadOnlyList<AnchoringDto> Anchoring,
    Paging MemberPaging);

public static class ActorReads
{
    /// <summary>Actors whose name or organisation number contains <paramref name="q"/>, of a type and country if given, by name.</summary>
    public static IQueryable<Actor> Search(this IQueryable<Actor> actors, string? q, ActorType? type, Country? country)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            // LIKE on lower-cased text: case-insensitive on both SQLite and PostgreSQL, Å, Ä and Ö too. \ escapes % and _.
            var pattern = Pickers.PickerReads.ContainsPattern(q);
            var upper = Pickers.PickerReads.UpperNonAsciiPattern(q);
            actors = actors.Where(a => EF.Functions.Like(a.Name.ToLower(), pattern, "\\") || EF.Functions.Like(a.Name.ToLower(), upper, "\\")
                || (a.OrganisationNumber != null && EF.Functions.Like(a.OrganisationNumber, pattern, "\\")));
        }
        if (type is not null)
            actors = actors.Where(a => a.Type == type);
        if (country is not null)
            actors = actors.Where(a => a.Country == country);
        return actors.OrderBy(a => a.Name).ThenBy(a => a.Id);
    }

    public static IQueryable<ActorDto> ToDtos(this IQueryable<Actor> query) =>
        query.AsNoTracking().Select(a => new ActorDto(a.Id, a.Name, a.Type, a.Country, a.OrganisationNumber, a.Website, a.Description, a.Version, a.CreatedAt, a.UpdatedAt));

    public static IQueryable<ContactDto> ToDtos(this IQueryable<ContactPerson> query) =>
        query.AsNoTracking().Select(c => new ContactDto(c.Id, c.ActorId, c.Name, c.Role, c.Email, c.Level, c.Version));

    public static IQueryable<MembershipDto> ToDtos(this IQueryable<Membership> query, MastenDbContext db) =>
        query.AsNoTracking().Select(m => new MembershipDto(m.Id, m.ActorId, m.Actor!.Name, m.MissionId,
            db.Missions.Where(x => x.Id == m.MissionId).Select(x => x.Title).First(), m.Roles, m.JoinedOn, m.LeftOn, m.Version));

    public static IQueryable<RoundDto> ToDtos(this IQueryable<SigningRound> query) =>
        query.AsNoTracking().Select(r => new RoundDto(r.Id, r.MissionId, r.Name, r.Date, r.Version, r.ClosesOn));

    public static IQueryable<CommitmentDto> ToDtos(this IQueryable<Commitment> query, MastenDbContext db) =>
        query.AsNoTracking().Select(c => new CommitmentDto(c.Id, c.ActorId, c.Actor!.Name, c.Actor.Type, c.MissionId,
            db.Missions.Where(x => x.Id == c.MissionId).Select(x => x.Title).First(), c.RoundId, c.Round!.Name,
            c.Text, c.Tier, c.GoalIds, c.PledgedMoney, c.Currency, c.PersonYears, c.DueDate, c.Status, c.EvidenceNotes, c.EvidenceLinks,
            c.Signatory, c.SignedOn, c.SignedAt, c.CarriedFromId, c.Version, c.SignatureEnteredBy));

    public static IQueryable<DriverDto> ToDtos(this IQueryable<Driver> query, MastenDbContext db) =>
        query.AsNoTracking().Select(d => new DriverDto(d.Id, d.ActorId, d.Actor!.Name, d.MissionId,
            db.Missions.Where(x => x.Id == d.MissionId).Select(x => x.Title).First(), d.Categories, d.Text, d.GoalIds, d.Version));

    public static IQueryable<OperationalGoalDto> ToDtos(this IQueryable<OperationalGoal> query, MastenDbContext db) =>
        query.AsNoTracking().Select(g => new OperationalGoalDto(g.Id, g.ActorId, g.Actor!.Name, g.Title, g.Owner, g.Version,
            g.Relations.OrderBy(r => r.GoalId)
                .Select(r => new GoalRelationDto(r.GoalId,
                    db.Goals.Where(x => x.Id == r.GoalId).Select(x => x.Title).First(),
                    db.Goals.Where(x => x.Id == r.GoalId).Select(x => x.MissionId).First(), r.Kind, r.Explanation))
                .ToList()));

    /// <summary>Every operational goal in conflict with a goal of the mission, by actor and title.</summary>
    public static Task<List<TensionDto>> TensionsAsync(this MastenDbContext db, int missionId, CancellationToken ct) =>
        db.GoalRelations.AsNoTracking()
            .Where(r => r.Kind == GoalRelationKind.Conflicts && db.Goals.Any(g => g.Id == r.GoalId && g.MissionId == missionId))
            .Join(db.OperationalGoals, r => r.OperationalGoalId, g => g.Id, (r, g) => new { Relation = r, Goal = g })
            .OrderBy(x => x.Goal.Actor!.Name).ThenBy(x => x.Goal.Title).ThenBy(x => x.Relation.Id)
            .Select(x => new TensionDto(x.Goal.ActorId, x.Goal.Actor!.Name, x.Goal.Id, x.Goal.Title, x.Goal.Owner, x.Relation.GoalId,
                db.Goals.Where(g => g.Id == x.Relation.GoalId).Select(g => g.Title).First(), x.Relation.Explanation))
            .ToListAsync(ct);

    /// <summary>How many members the roles matrix shows per page unless asked otherwise.</summary>
    public const int MemberPageSize = 50;

    /// <summary>
    /// The mission's actor overview, or null when the mission does not exist. Totals, pledges and the driver mix are
    /// GROUP BY queries whose sums <see cref="ActorAnalysis"/> turns into rows; members and their anchoring come one
    /// page at a time (a page beyond the last is empty).
    /// </summary>
    public static async Task<MissionActorsOverview?> MissionActorsAsync(this MastenDbContext db, int missionId, CancellationToken ct,
        int page = 1, int pageSize = MemberPageSize) =>
        // Reused while nothing is written (StampedReads), per page of members.
        (await db.ReuseAsync("mission-actors", missionId, (page, pageSize),
            async () => new MissionActorsAnswer(await db.ReadMissionActorsAsync(missionId, page, pageSize, ct)), ct)).Overview;

    // What StampedReads keeps: also that a mission does not exist.
    private sealed record MissionActorsAnswer(MissionActorsOverview? Overview);

    private static async Task<MissionActorsOverview?> ReadMissionActorsAsync(this MastenDbContext db, int missionId, int page, int pageSize, CancellationToken ct)
    {
        var mission = await db.Missions.Where(m => m.Id == missionId).ToDtos().FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.ParentId).ThenBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var members = await db.Memberships.Where(m => m.MissionId == missionId).OrderBy(m => m.Actor!.Name).ThenBy(m => m.Id).ToDtos(db).ToPageAsync(page, pageSize, ct);
        var rounds = await db.SigningRounds.Where(r => r.MissionId == missionId).OrderBy(r => r.Date).ThenBy(r => r.Id).ToDtos().ToListAsync(ct);
        var commitments = db.Commitments.AsNoTracking().Where(c => c.MissionId == missionId);
        var publicTypes = ActorAnalysis.PublicBodyTypes.ToList();

        var byRound = (await commitments
            .GroupBy(c => new { c.RoundId, c.Status, c.Currency, Public = publicTypes.Contains(c.Actor!.Type) })
            .Select(g => new { g.Key, Count = g.Count(), WithMoney = g.Count(c => c.PledgedMoney != null), Money = g.Sum(c => c.PledgedMoney ?? 0), PersonYears = g.Sum(c => c.PersonYears ?? 0) })
            .ToListAsync(ct))
            .Select(g => new PledgeSum(g.Key.RoundId, null, null, g.Key.Status, g.Key.Public, g.Key.Currency, g.Count, g.WithMoney, g.Money, g.PersonYears));
        var summaries = rounds.Zip(ActorAnalysis.RoundsOf(rounds.Select(r => r.Id), byRound),
            (r, t) => new RoundSummary(r, t.ByStatus, t.Money, t.PersonYears, t.PublicMoney, t.PublicPersonYears)).ToList();

        var byGoal = (await db.Database.SqlQueryRaw<GoalPledgeRow>(TotalsSql, missionId).ToListAsync(ct))
            .Select(r => new PledgeSum(r.RoundId, r.GoalId, null, null, false, r.Currency is null ? null : Enum.Parse<Currency>(r.Currency), r.Commitments, r.WithMoney, r.Money, r.PersonYears));
        var totals = ActorAnalysis.TotalsOf(byGoal);

        var byPublicBody = await commitments
            .Where(c => c.Status != CommitmentStatus.Withdrawn && publicTypes.Contains(c.Actor!.Type))
            .GroupBy(c => new { c.RoundId, c.ActorId, c.Actor!.Name, c.Actor.Type, c.Currency })
            .Select(g => new { g.Key, Count = g.Count(), WithMoney = g.Count(c => c.PledgedMoney != null), Money = g.Sum(c => c.PledgedMoney ?? 0), PersonYears = g.Sum(c => c.PersonYears ?? 0) })
            .ToListAsync(ct);
        var actors = byPublicBody.Select(g => g.Key).DistinctBy(k => k.ActorId).ToDictionary(k => k.ActorId);
        var roundNames = rounds.ToDictionary(r => r.Id, r => r.Name);
        var publicPledges = ActorAnalysis.PublicPledgesOf(byPublicBody.Select(g =>
                new PledgeSum(g.Key.RoundId, null, g.Key.ActorId, null, true, g.Key.Currency, g.Count, g.WithMoney, g.Money, g.PersonYears)))
            .Select(p => new PublicPledgeDto(p.ActorId, actors[p.ActorId].Name, actors[p.ActorId].Type, p.RoundId, roundNames[p.RoundId], p.Commitments, p.Money, p.PersonYears))
            .ToList();

        var mixRows = await db.Database.SqlQueryRaw<DriverMixSqlRow>(DriverMixSql, missionId).ToListAsync(ct);
        var mixGoals = (await db.Database.SqlQueryRaw<DriverGoalRow>(DriverGoalsSql, missionId).ToListAsync(ct)).ToLookup(r => r.Category, r => r.GoalId);
        var mix = mixRows.Select(r => new DriverMixRow(Enum.Parse<DriverCategory>(r.Category), r.Drivers, r.Actors, mixGoals[r.Category].Distinct().Order().ToList()))
            .OrderBy(r => r.Category).ToList();

        var tensions = await db.TensionsAsync(missionId, ct);
        var actorIds = members.Items.Select(m => m.ActorId).ToList();
        var levels = await db.ContactPeople.AsNoTracking().Where(c => actorIds.Contains(c.ActorId)).Select(c => new { c.ActorId, c.Level }).Distinct().ToListAsync(ct);
        var names = members.Items.DistinctBy(m => m.ActorId).ToDictionary(m => m.ActorId, m => m.ActorName);
        var anchoring = ActorAnalysis.Anchor(actorIds, levels.Select(l => (l.ActorId, l.Level)))
            .Select(a => new AnchoringDto(a.ActorId, names[a.ActorId], a.Levels, a.IsSingleLevel))
            .ToList();
        return new MissionActorsOverview(mission, goals, members.Items, summaries, totals, publicPledges, mix, tensions, anchoring,
            new Paging(members.PageNumber, members.PageSize, members.TotalCount));
    }

    // Goal ids and driver categories are stored as comma-separated lists; a goal or category joins a row when it is
    // one of them. The category names are the enum's, never user input.
    private const string HasGoal = """(',' || c."GoalIds" || ',') LIKE ('%,' || CAST(g."Id" AS TEXT) || ',%')""";

    private static readonly string CategoryTable = "(" + string.Join(" UNION ALL ", Enum.GetNames<DriverCategory>().Select(n => $"SELECT '{n}' AS \"Category\"")) + ")";

    // Per round, goal and currency over commitments not withdrawn: a commitment linked to several goals counts under
    // each; one linked to none counts under goal null.
    private static readonly string TotalsSql = $$"""
        SELECT c."RoundId" AS "RoundId", g."Id" AS "GoalId", c."Currency" AS "Currency", CAST(COUNT(*) AS INTEGER) AS "Commitments",
               CAST(COUNT(c."PledgedMoney") AS INTEGER) AS "WithMoney", SUM(COALESCE(c."PledgedMoney", 0.0)) AS "Money", SUM(COALESCE(c."PersonYears", 0.0)) AS "PersonYears"
        FROM "Commitments" AS c
        JOIN "Goals" AS g ON g."MissionId" = {0} AND {{HasGoal}}
        WHERE c."MissionId" = {0} AND c."Status" <> 'Withdrawn'
        GROUP BY c."RoundId", g."Id", c."Currency"
        UNION ALL
        SELECT c."RoundId", NULL, c."Currency", CAST(COUNT(*) AS INTEGER),
               CAST(COUNT(c."PledgedMoney") AS INTEGER), SUM(COALESCE(c."PledgedMoney", 0.0)), SUM(COALESCE(c."PersonYears", 0.0))
        FROM "Commitments" AS c
        WHERE c."MissionId" = {0} AND c."Status" <> 'Withdrawn' AND c."GoalIds" = ''
        GROUP BY c."RoundId", c."Currency"
        """;

    private static readonly string DriverMixSql = $$"""
        SELECT k."Category" AS "Category", CAST(COUNT(*) AS INTEGER) AS "Drivers", CAST(COUNT(DISTINCT d."ActorId") AS INTEGER) AS "Actors"
        FROM "Drivers" AS d
        JOIN {{CategoryTable}} AS k ON (',' || d."Categories" || ',') LIKE ('%,' || k."Category" || ',%')
        WHERE d."MissionId" = {0}
        GROUP BY k."Category"
        """;

    private static readonly string DriverGoalsSql = $$"""
        SELECT DISTINCT k."Category" AS "Category", g."Id" AS "GoalId"
        FROM "Drivers" AS c
        JOIN {{CategoryTable}} AS k ON (',' || c."Categories" || ',') LIKE ('%,' || k."Category" || ',%')
        JOIN "Goals" AS g ON g."MissionId" = {0} AND {{HasGoal}}
        WHERE c."MissionId" = {0}
        """;

    private sealed class GoalPledgeRow
    {
        public int RoundId { get; set; }
        public int? GoalId { get; set; }
        public string? Currency { get; set; }
        public int Commitments { get; set; }
        public int WithMoney { get; set; }
        public double Money { get; set; }
        public double PersonYears { get; set; }
    }

    private sealed class DriverMixSqlRow
    {
        public string Category { get; set; } = "";
        public int Drivers { get; set; }
        public int Actors { get; set; }
    }

    private sealed class DriverGoalRow
    {
        public string Category { get; set; } = "";
        public int GoalId { get; set; }
    }
}
