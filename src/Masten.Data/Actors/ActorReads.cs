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

public sealed record RoundDto(int Id, int MissionId, string Name, DateOnly Date, int Version);

/// <summary>A round just opened, and how many open commitments were carried into it.</summary>
public sealed record OpenedRoundDto(RoundDto Round, int CarriedCommitments);

public sealed record CommitmentDto(int Id, int ActorId, string ActorName, ActorType ActorType, int MissionId, string MissionTitle, int RoundId, string RoundName,
    string Text, string Tier, IReadOnlyList<int> GoalIds, double? PledgedMoney, Currency? Currency, double? PersonYears, DateOnly? DueDate,
    CommitmentStatus Status, string? EvidenceNotes, string? EvidenceLinks, string? Signatory, DateOnly? SignedOn, int? CarriedFromId, int Version);

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

/// <summary>Everything the mission's actor page shows, computed from one read of each table.</summary>
public sealed record MissionActorsOverview(
    MissionDto Mission,
    IReadOnlyList<GoalDto> Goals,
    IReadOnlyList<MembershipDto> Members,
    IReadOnlyList<RoundSummary> Rounds,
    IReadOnlyList<PledgeTotal> Totals,
    IReadOnlyList<PublicPledgeDto> PublicPledges,
    IReadOnlyList<DriverMixRow> DriverMix,
    IReadOnlyList<TensionDto> Tensions,
    IReadOnlyList<AnchoringDto> Anchoring);

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
        query.AsNoTracking().Select(r => new RoundDto(r.Id, r.MissionId, r.Name, r.Date, r.Version));

    public static IQueryable<CommitmentDto> ToDtos(this IQueryable<Commitment> query, MastenDbContext db) =>
        query.AsNoTracking().Select(c => new CommitmentDto(c.Id, c.ActorId, c.Actor!.Name, c.Actor.Type, c.MissionId,
            db.Missions.Where(x => x.Id == c.MissionId).Select(x => x.Title).First(), c.RoundId, c.Round!.Name,
            c.Text, c.Tier, c.GoalIds, c.PledgedMoney, c.Currency, c.PersonYears, c.DueDate, c.Status, c.EvidenceNotes, c.EvidenceLinks,
            c.Signatory, c.SignedOn, c.CarriedFromId, c.Version));

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

    /// <summary>The mission's actor overview, or null when the mission does not exist.</summary>
    public static async Task<MissionActorsOverview?> MissionActorsAsync(this MastenDbContext db, int missionId, CancellationToken ct)
    {
        var mission = await db.Missions.Where(m => m.Id == missionId).ToDtos().FirstOrDefaultAsync(ct);
        if (mission is null)
            return null;
        var goals = await db.Goals.Where(g => g.MissionId == missionId).OrderBy(g => g.ParentId).ThenBy(g => g.Order).ThenBy(g => g.Id).ToDtos().ToListAsync(ct);
        var members = await db.Memberships.Where(m => m.MissionId == missionId).OrderBy(m => m.Actor!.Name).ThenBy(m => m.Id).ToDtos(db).ToListAsync(ct);
        var rounds = await db.SigningRounds.Where(r => r.MissionId == missionId).OrderBy(r => r.Date).ThenBy(r => r.Id).ToDtos().ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MissionId == missionId).OrderBy(c => c.Id).ToListAsync(ct);
        var drivers = await db.Drivers.AsNoTracking().Where(d => d.MissionId == missionId).ToListAsync(ct);
        var goalIds = goals.Select(g => g.Id).ToList();
        var tensions = await db.TensionsAsync(missionId, ct);
        var actorIds = members.Select(m => m.ActorId).ToList();
        var contacts = await db.ContactPeople.AsNoTracking().Where(c => actorIds.Contains(c.ActorId)).ToListAsync(ct);
        var involved = await db.Actors.Where(a => actorIds.Contains(a.Id) || db.Commitments.Any(c => c.MissionId == missionId && c.ActorId == a.Id))
            .Select(a => new { a.Id, a.Name, a.Type }).ToDictionaryAsync(a => a.Id, ct);
        var types = involved.Values.ToDictionary(a => a.Id, a => a.Type);
        var publicActors = involved.Values.Where(a => ActorAnalysis.IsPublicBody(a.Type)).Select(a => a.Id).ToHashSet();

        var summaries = rounds.Select(r =>
        {
            var inRound = commitments.Where(c => c.RoundId == r.Id).ToList();
            var pledged = inRound.Where(c => c.Status != CommitmentStatus.Withdrawn).ToList();
            var fromPublic = pledged.Where(c => publicActors.Contains(c.ActorId)).ToList();
            return new RoundSummary(r,
                Enum.GetValues<CommitmentStatus>().ToDictionary(s => s, s => inRound.Count(c => c.Status == s)),
                ActorAnalysis.MoneyOf(pledged), pledged.Sum(c => c.PersonYears ?? 0),
                ActorAnalysis.MoneyOf(fromPublic), fromPublic.Sum(c => c.PersonYears ?? 0));
        }).ToList();
        var mix = drivers.SelectMany(d => d.Categories.Select(c => (Category: c, Driver: d)))
            .GroupBy(x => x.Category)
            .OrderBy(g => g.Key)
            .Select(g => new DriverMixRow(g.Key, g.Count(), g.Select(x => x.Driver.ActorId).Distinct().Count(),
                g.SelectMany(x => x.Driver.GoalIds).Distinct().Order().ToList()))
            .ToList();
        var names = members.ToDictionary(m => m.ActorId, m => m.ActorName);
        var anchoring = ActorAnalysis.Anchor(actorIds, contacts)
            .Select(a => new AnchoringDto(a.ActorId, names[a.ActorId], a.Levels, a.IsSingleLevel))
            .ToList();
        var roundNames = rounds.ToDictionary(r => r.Id, r => r.Name);
        var publicPledges = ActorAnalysis.PublicPledges(commitments, types)
            .Select(p => new PublicPledgeDto(p.ActorId, involved[p.ActorId].Name, involved[p.ActorId].Type, p.RoundId, roundNames[p.RoundId], p.Commitments, p.Money, p.PersonYears))
            .ToList();
        return new MissionActorsOverview(mission, goals, members, summaries, ActorAnalysis.Totals(commitments), publicPledges, mix, tensions, anchoring);
    }
}
