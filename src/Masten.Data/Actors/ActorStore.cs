using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Actors;

/// <summary>
/// Every write to actors, contact people, memberships, signing rounds, commitments, drivers and
/// operational goals, shared by pages, the API and the CLI. Each method checks the input with
/// <see cref="ActorRules"/> and the database facts it needs before changing anything, so bad input
/// stores nothing. Updates take the version the user last saw and refuse to overwrite a newer one.
/// A method returns null when the record to change (or the mission to add to) does not exist.
/// </summary>
public sealed class ActorStore(MastenDbContext db)
{
    public async Task<Actor> CreateActorAsync(ActorInput input, CancellationToken ct = default)
    {
        var number = ActorRules.Validate(input);
        await RequireFreeNumberAsync(number, null, ct);
        var actor = new Actor();
        Apply(actor, input, number);
        db.Actors.Add(actor);
        await SaveAsync(ct, () => RequireFreeNumberAsync(number, null, ct));
        return actor;
    }

    public async Task<Actor?> UpdateActorAsync(int id, ActorInput input, CancellationToken ct = default)
    {
        var actor = await db.Actors.FindAsync([id], ct);
        if (actor is null)
            return null;
        var number = ActorRules.Validate(input);
        await RequireFreeNumberAsync(number, id, ct);
        db.ExpectVersion(actor, input.Version);
        Apply(actor, input, number);
        await SaveAsync(ct, () => RequireFreeNumberAsync(number, id, ct));
        return actor;
    }

    /// <summary>Adds a contact person to an actor; null when the actor does not exist.</summary>
    public async Task<ContactPerson?> CreateContactAsync(int actorId, ContactInput input, CancellationToken ct = default)
    {
        if (!await db.Actors.AnyAsync(a => a.Id == actorId, ct))
            return null;
        ActorRules.Validate(input);
        var contact = new ContactPerson { ActorId = actorId };
        Apply(contact, input);
        db.ContactPeople.Add(contact);
        await SaveAsync(ct);
        return contact;
    }

    public async Task<ContactPerson?> UpdateContactAsync(int id, ContactInput input, CancellationToken ct = default)
    {
        var contact = await db.ContactPeople.FindAsync([id], ct);
        if (contact is null)
            return null;
        ActorRules.Validate(input);
        db.ExpectVersion(contact, input.Version);
        Apply(contact, input);
        await SaveAsync(ct);
        return contact;
    }

    public async Task<Membership> CreateMembershipAsync(MembershipInput input, CancellationToken ct = default)
    {
        await RequireActorAsync(input.ActorId, ct);
        await RequireMissionAsync(input.MissionId, ct);
        ActorRules.Validate(input);
        await RequireNotMemberAsync(input, ct);
        var membership = new Membership { ActorId = input.ActorId, MissionId = input.MissionId };
        Apply(membership, input);
        db.Memberships.Add(membership);
        await SaveAsync(ct, () => RequireNotMemberAsync(input, ct));
        return membership;
    }

    /// <summary>Changes roles and dates; the actor and mission of a membership stay as they are.</summary>
    public async Task<Membership?> UpdateMembershipAsync(int id, MembershipInput input, CancellationToken ct = default)
    {
        var membership = await db.Memberships.FindAsync([id], ct);
        if (membership is null)
            return null;
        input = input with { ActorId = membership.ActorId, MissionId = membership.MissionId };
        ActorRules.Validate(input);
        db.ExpectVersion(membership, input.Version);
        Apply(membership, input);
        await SaveAsync(ct);
        return membership;
    }

    /// <summary>
    /// Opens a new signing round of a mission and carries every open commitment of the latest earlier
    /// round into it (see <see cref="ActorAnalysis.CarryForward"/>); the earlier round is not changed.
    /// Returns null when the mission does not exist.
    /// </summary>
    public async Task<(SigningRound Round, int Carried)?> OpenRoundAsync(int missionId, RoundInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        var name = input.Name?.Trim();
        var previous = await db.SigningRounds.Where(r => r.MissionId == missionId)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => new { r.Id, r.Date }).FirstOrDefaultAsync(ct);
        ActorRules.Validate(input, await db.SigningRounds.AnyAsync(r => r.MissionId == missionId && r.Name == name, ct), previous?.Date);
        var round = new SigningRound { MissionId = missionId, Name = name!, Date = input.Date, ClosesOn = input.ClosesOn };
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            db.SigningRounds.Add(round);
            await SaveAsync(ct, async () => ActorRules.Validate(input, await db.SigningRounds.AnyAsync(r => r.MissionId == missionId && r.Name == name, ct)));
            var carried = previous is null
                ? []
                : ActorAnalysis.CarryForward(await db.Commitments.AsNoTracking().Where(c => c.RoundId == previous.Id).OrderBy(c => c.Id).ToListAsync(ct), round.Id);
            db.Commitments.AddRange(carried);
            await SaveAsync(ct);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(ct);
            return (round, carried.Count);
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    public async Task<SigningRound?> UpdateRoundAsync(int id, RoundInput input, CancellationToken ct = default)
    {
        var round = await db.SigningRounds.FindAsync([id], ct);
        if (round is null)
            return null;
        var name = input.Name?.Trim();
        ActorRules.Validate(input, await db.SigningRounds.AnyAsync(r => r.MissionId == round.MissionId && r.Name == name && r.Id != id, ct));
        db.ExpectVersion(round, input.Version);
        round.Name = name!;
        round.Date = input.Date;
        round.ClosesOn = input.ClosesOn;
        await SaveAsync(ct, async () => ActorRules.Validate(input, await db.SigningRounds.AnyAsync(r => r.MissionId == round.MissionId && r.Name == name && r.Id != id, ct)));
        return round;
    }

    public async Task<Commitment> CreateCommitmentAsync(CommitmentInput input, CancellationToken ct = default)
    {
        await RequireActorAsync(input.ActorId, ct);
        await RequireMissionAsync(input.MissionId, ct);
        await CheckCommitmentAsync(input, ct);
        // A create never signs: Skriv under (SignCommitmentAsync) or a signature on paper (RecordPaperSignatureAsync) does.
        PaperSignatures.CheckCreate(input.Status, input.SignedOn, input.Signatory);
        var commitment = new Commitment { ActorId = input.ActorId, MissionId = input.MissionId };
        Apply(commitment, input);
        db.Commitments.Add(commitment);
        await SaveAsync(ct);
        return commitment;
    }

    /// <summary>Changes a commitment; its actor and mission stay as they are.</summary>
    public async Task<Commitment?> UpdateCommitmentAsync(int id, CommitmentInput input, CancellationToken ct = default)
    {
        var commitment = await db.Commitments.FindAsync([id], ct);
        if (commitment is null)
            return null;
        input = input with { ActorId = commitment.ActorId, MissionId = commitment.MissionId };
        await CheckCommitmentAsync(input, ct);
        TaskRules.CheckEditKeepsSignature(commitment.Status, commitment.SignedOn, commitment.Signatory, input.Status, input.SignedOn, input.Signatory);
        db.ExpectVersion(commitment, input.Version);
        Apply(commitment, input);
        await SaveAsync(ct);
        return commitment;
    }

    /// <summary>
    /// Signs a commitment ("Skriv under") for the account <paramref name="signerUserId"/>: records who signed
    /// (<see cref="Commitment.SignedByUserId"/>, and <paramref name="signerName"/> as the signatory) and when
    /// (<see cref="Commitment.SignedAt"/>, and today as the date signed), and sets the status to signed. Refused by
    /// <see cref="TaskRules.CheckSigning"/>, changing nothing, unless the account represents the commitment's actor
    /// in its mission (a mission role, or a role for the mission's programme), the commitment is in the mission's
    /// open round, and it is open and not signed yet. <paramref name="version"/>, when given, must be the one last
    /// read. Null when the commitment does not exist.
    /// </summary>
    public async Task<Commitment?> SignCommitmentAsync(int id, int signerUserId, string signerName, int? version = null, CancellationToken ct = default)
    {
        var commitment = await db.Commitments.Include(c => c.Actor).Include(c => c.Round).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (commitment is null)
            return null;
        var programmeId = await db.Missions.Where(m => m.Id == commitment.MissionId).Select(m => m.ProgrammeId).FirstAsync(ct);
        var represents = await db.RoleAssignments.AnyAsync(r => r.UserId == signerUserId && r.Role == Core.Accounts.AccessRole.ActorRepresentative
            && r.ActorId == commitment.ActorId && (r.MissionId == commitment.MissionId || r.ProgrammeId == programmeId), ct);
        var openRound = await db.SigningRounds.Where(r => r.MissionId == commitment.MissionId)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => r.Id).FirstAsync(ct);
        TaskRules.CheckSigning(SigningFacts.Of(represents, commitment.Actor!.Name, commitment.RoundId == openRound, commitment.Round!.Name,
            commitment.Round.ClosesOn, db.Clock.Today(), commitment.Status, commitment.SignedOn));
        if (version is not null)
            db.ExpectVersion(commitment, version);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        commitment.Status = CommitmentStatus.Signed;
        commitment.Signatory = signerName.Length > Rules.ShortText ? signerName[..Rules.ShortText] : signerName;
        commitment.SignedOn = DateOnly.FromDateTime(now);
        commitment.SignedByUserId = signerUserId;
        commitment.SignedAt = now;
        await SaveAsync(ct);
        return commitment;
    }

    /// <summary>
    /// Enters a signature given on paper (the programme office's action beside Skriv under): the status becomes
    /// signed, with <see cref="PaperSignatureInput.Signatory"/> and <see cref="PaperSignatureInput.SignedOn"/> as on the
    /// paper, <see cref="Commitment.SignatureEnteredBy"/> naming who entered it and <see cref="Commitment.SignedAt"/>
    /// when. No account is recorded as the signer. Refused by <see cref="PaperSignatures.Check"/>, changing nothing.
    /// Null when the commitment does not exist.
    /// </summary>
    public async Task<Commitment?> RecordPaperSignatureAsync(int id, PaperSignatureInput input, string enteredBy, CancellationToken ct = default)
    {
        var commitment = await db.Commitments.Include(c => c.Actor).Include(c => c.Round).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (commitment is null)
            return null;
        var openRound = await db.SigningRounds.Where(r => r.MissionId == commitment.MissionId)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => r.Id).FirstAsync(ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        PaperSignatures.Check(input, new SigningFacts(true, commitment.Actor!.Name, commitment.RoundId == openRound, commitment.Round!.Name,
            commitment.Status, commitment.SignedOn), commitment.Round.Date, db.Clock.Today());
        if (input.Version is not null)
            db.ExpectVersion(commitment, input.Version);
        commitment.Status = CommitmentStatus.Signed;
        commitment.Signatory = input.Signatory!.Trim();
        commitment.SignedOn = input.SignedOn;
        commitment.SignedByUserId = null;
        commitment.SignedAt = now;
        commitment.SignatureEnteredBy = enteredBy.Length > Rules.ShortText ? enteredBy[..Rules.ShortText] : enteredBy;
        await SaveAsync(ct);
        return commitment;
    }

    public async Task<Driver> CreateDriverAsync(DriverInput input, CancellationToken ct = default)
    {
        await RequireActorAsync(input.ActorId, ct);
        await RequireMissionAsync(input.MissionId, ct);
        ActorRules.Validate(input, await MissionGoalIdsAsync(input.MissionId, ct));
        var driver = new Driver { ActorId = input.ActorId, MissionId = input.MissionId };
        Apply(driver, input);
        db.Drivers.Add(driver);
        await SaveAsync(ct);
        return driver;
    }

    public async Task<Driver?> UpdateDriverAsync(int id, DriverInput input, CancellationToken ct = default)
    {
        var driver = await db.Drivers.FindAsync([id], ct);
        if (driver is null)
            return null;
        input = input with { ActorId = driver.ActorId, MissionId = driver.MissionId };
        ActorRules.Validate(input, await MissionGoalIdsAsync(input.MissionId, ct));
        db.ExpectVersion(driver, input.Version);
        Apply(driver, input);
        await SaveAsync(ct);
        return driver;
    }

    public async Task<OperationalGoal> CreateOperationalGoalAsync(OperationalGoalInput input, CancellationToken ct = default)
    {
        await RequireActorAsync(input.ActorId, ct);
        ActorRules.Validate(input, await KnownGoalIdsAsync(input, ct));
        var goal = new OperationalGoal { ActorId = input.ActorId };
        Apply(goal, input);
        db.OperationalGoals.Add(goal);
        await SaveAsync(ct);
        return goal;
    }

    /// <summary>Changes an operational goal and replaces its relations with those given.</summary>
    public async Task<OperationalGoal?> UpdateOperationalGoalAsync(int id, OperationalGoalInput input, CancellationToken ct = default)
    {
        var goal = await db.OperationalGoals.Include(g => g.Relations).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null)
            return null;
        input = input with { ActorId = goal.ActorId };
        ActorRules.Validate(input, await KnownGoalIdsAsync(input, ct));
        db.ExpectVersion(goal, input.Version);
        Apply(goal, input);
        // Saving an operational goal is one version even when only its relations changed.
        db.Entry(goal).Property(g => g.UpdatedAt).IsModified = true;
        await SaveAsync(ct);
        return goal;
    }

    /// <summary>The tiers a mission's commitments can have: its own, or the default ones.</summary>
    public async Task<IReadOnlyList<string>> TiersAsync(int missionId, CancellationToken ct = default) =>
        (IReadOnlyList<string>?)await db.CommitmentTierSets.Where(t => t.MissionId == missionId).Select(t => t.Tiers).FirstOrDefaultAsync(ct) ?? ActorRules.DefaultTiers;

    /// <summary>Sets a mission's own tiers; null when the mission does not exist. The first change needs no version.</summary>
    public async Task<CommitmentTierSet?> SetTiersAsync(int missionId, TiersInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        var inUse = await db.Commitments.Where(c => c.MissionId == missionId).Select(c => c.Tier).Distinct().ToListAsync(ct);
        ActorRules.Validate(input, inUse);
        var set = await db.CommitmentTierSets.FirstOrDefaultAsync(t => t.MissionId == missionId, ct);
        if (set is null)
            db.CommitmentTierSets.Add(set = new CommitmentTierSet { MissionId = missionId });
        else
            db.ExpectVersion(set, input.Version);
        set.Tiers = input.Tiers!.Select(t => t.Trim()).ToList();
        await SaveAsync(ct);
        return set;
    }

    private async Task CheckCommitmentAsync(CommitmentInput input, CancellationToken ct)
    {
        if (!await db.SigningRounds.AnyAsync(r => r.Id == input.RoundId && r.MissionId == input.MissionId, ct))
            throw Invalid("roundId", "UnknownRound", "is not a signing round of this mission.");
        ActorRules.Validate(input, await MissionGoalIdsAsync(input.MissionId, ct), await TiersAsync(input.MissionId, ct));
    }

    private async Task<HashSet<int>> MissionGoalIdsAsync(int missionId, CancellationToken ct) =>
        (await db.Goals.Where(g => g.MissionId == missionId).Select(g => g.Id).ToListAsync(ct)).ToHashSet();

    private async Task<HashSet<int>> KnownGoalIdsAsync(OperationalGoalInput input, CancellationToken ct)
    {
        var wanted = (input.Relations ?? []).Select(r => r.GoalId).Distinct().ToList();
        return (await db.Goals.Where(g => wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
    }

    private async Task RequireFreeNumberAsync(string? number, int? ownId, CancellationToken ct)
    {
        if (number is not null && await db.Actors.AnyAsync(a => a.OrganisationNumber == number && a.Id != ownId, ct))
            throw Invalid("organisationNumber", "DuplicateOrganisationNumber", "is already registered for another actor.");
    }

    private async Task RequireNotMemberAsync(MembershipInput input, CancellationToken ct)
    {
        if (await db.Memberships.AnyAsync(m => m.ActorId == input.ActorId && m.MissionId == input.MissionId, ct))
            throw Invalid("missionId", "AlreadyMember", "already has this actor as a member; change that membership instead.");
    }

    private async Task RequireActorAsync(int actorId, CancellationToken ct)
    {
        if (!await db.Actors.AnyAsync(a => a.Id == actorId, ct))
            throw Invalid("actorId", "UnknownActor", "is not an existing actor.");
    }

    private async Task RequireMissionAsync(int missionId, CancellationToken ct)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            throw Invalid("missionId", "UnknownMission", "is not an existing mission.");
    }

    /// <summary>
    /// Saves. A unique index that fires means someone saved the same number, membership or round name a
    /// moment after this method checked: <paramref name="recheck"/> runs the check again so the user gets
    /// the same clear error as when the clash is found first.
    /// </summary>
    private async Task SaveAsync(CancellationToken ct, Func<Task>? recheck = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Versioning.StaleVersion();
        }
        catch (DbUpdateException) when (recheck is not null && db.Database.CurrentTransaction is null)
        {
            db.ChangeTracker.Clear();
            await recheck();
            throw;
        }
    }

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Apply(Actor a, ActorInput input, string? number)
    {
        a.Name = input.Name!.Trim();
        a.Type = input.Type;
        a.Country = input.Country;
        a.OrganisationNumber = number;
        a.Website = Trim(input.Website);
        a.Description = Trim(input.Description);
    }

    private static void Apply(ContactPerson c, ContactInput input)
    {
        c.Name = input.Name!.Trim();
        c.Role = Trim(input.Role);
        c.Email = Trim(input.Email);
        c.Level = input.Level;
    }

    private static void Apply(Membership m, MembershipInput input)
    {
        m.Roles = input.Roles!.Distinct().Order().ToList();
        m.JoinedOn = input.JoinedOn;
        m.LeftOn = input.LeftOn;
    }

    private static void Apply(Commitment c, CommitmentInput input)
    {
        c.RoundId = input.RoundId;
        c.Text = input.Text!.Trim();
        c.Tier = input.Tier!.Trim();
        c.GoalIds = (input.GoalIds ?? []).Order().ToList();
        c.PledgedMoney = input.PledgedMoney;
        c.Currency = input.Currency;
        c.PersonYears = input.PersonYears;
        c.DueDate = input.DueDate;
        c.Status = input.Status;
        c.EvidenceNotes = Trim(input.EvidenceNotes);
        c.EvidenceLinks = ActorRules.Lines(input.EvidenceLinks) is { Count: > 0 } links ? string.Join("\n", links) : null;
        c.Signatory = Trim(input.Signatory);
        c.SignedOn = input.SignedOn;
        // A signature taken away by an edit takes who signed with it; one kept stays as it was recorded.
        if (input.SignedOn is null)
        {
            c.SignedByUserId = null;
            c.SignedAt = null;
            c.SignatureEnteredBy = null;
        }
    }

    private static void Apply(Driver d, DriverInput input)
    {
        d.Categories = input.Categories!.Distinct().Order().ToList();
        d.Text = input.Text!.Trim();
        d.GoalIds = (input.GoalIds ?? []).Order().ToList();
    }

    private void Apply(OperationalGoal g, OperationalGoalInput input)
    {
        g.Title = input.Title!.Trim();
        g.Owner = Trim(input.Owner);
        var wanted = input.Relations ?? [];
        foreach (var stale in g.Relations.Where(r => !wanted.Any(w => w.GoalId == r.GoalId)).ToList())
        {
            g.Relations.Remove(stale);
            db.GoalRelations.Remove(stale);
        }
        foreach (var w in wanted)
        {
            var relation = g.Relations.FirstOrDefault(r => r.GoalId == w.GoalId);
            if (relation is null)
                g.Relations.Add(relation = new GoalRelation { GoalId = w.GoalId });
            relation.Kind = w.Kind;
            relation.Explanation = Trim(w.Explanation);
        }
    }
}
