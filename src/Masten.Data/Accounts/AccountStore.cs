using Masten.Core.Accounts;
using Masten.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Accounts;

/// <summary>What someone asks for when inviting: a role in a programme or a mission, or system administration.</summary>
public sealed record InvitationInput(int? ProgrammeId, int? MissionId, AccessRole? Role, int? ActorId, string? Email, int Days = 7, bool SystemAdmin = false);

/// <summary>Why an invitation link cannot be used.</summary>
public enum InvitationProblem
{
    Unknown,
    Expired,
    Used,
    Revoked,
}

public sealed record MemberDto(int AssignmentId, int UserId, string DisplayName, string Email, AccessRole Role, int? ProgrammeId, int? MissionId, int? ActorId, string? ActorName, int Version);

public sealed record InvitationDto(int Id, string? Email, bool SystemAdmin, int? ProgrammeId, int? MissionId, AccessRole? Role, int? ActorId, DateTime ExpiresAt, string CreatedBy, DateTime CreatedAt, DateTime? AcceptedAt, DateTime? RevokedAt)
{
    /// <summary>The name of the organisation the invitee is to represent (<see cref="ActorId"/>), null for none.</summary>
    public string? ActorName { get; init; }
}

public sealed record ApiTokenDto(int Id, string Name, string Prefix, TokenScope Scope, DateTime ExpiresAt, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>An account as a system administrator sees it in the list of accounts.</summary>
public sealed record AccountDto(int Id, string Email, string DisplayName, bool IsSystemAdmin, DateTime CreatedAt, DateTime? DisabledAt, DateTimeOffset? LockoutEnd, int ActiveTokens);

/// <summary>Whether a person may act now: the account exists, is not disabled and not locked out.</summary>
public sealed record AccountState(int UserId, bool IsSystemAdmin, bool Usable, IReadOnlyList<RoleGrant> Grants);

/// <summary>
/// Invitations, roles and API tokens: every write that decides who may do what, shared by pages, the
/// API and the CLI. Secrets (invitation links, tokens) are returned once and stored only as hashes.
/// </summary>
public sealed class AccountStore(MastenDbContext db, Messaging.IInvitationMail? invitationMail = null)
{
    /// <summary>Creates an invitation and returns it with the secret for its link.</summary>
    public async Task<(Invitation Invitation, string Secret)> InviteAsync(InvitationInput input, string createdBy, CancellationToken ct = default)
    {
        var rules = new Rules();
        if (!input.SystemAdmin)
        {
            if (input.Role is null)
                rules.Add("role", "Required", "is required.");
            if ((input.ProgrammeId is null) == (input.MissionId is null))
                rules.Add("missionId", "InvitationScope", "name either a programme or a mission.");
            if (input.Role == AccessRole.ActorRepresentative && input.ActorId is null)
                rules.Add("actorId", "ActorRequired", "an actor representative must be bound to an actor.");
            if (input.Role != AccessRole.ActorRepresentative && input.ActorId is not null)
                rules.Add("actorId", "ActorOnlyForRepresentative", "only an actor representative is bound to an actor.");
        }
        rules.OptionalText("email", input.Email, 256, multiline: false);
        if (!rules.HasErrorFor("email") && !string.IsNullOrWhiteSpace(input.Email) && !LooksLikeEmail(input.Email))
            rules.Add("email", "NotAnEmail", "is not an e-mail address.");
        if (input.Days is < 1 or > 90)
            rules.Add("days", "DaysOutOfRange", "must be between 1 and 90.", 1, 90);
        rules.ThrowIfAny();
        if (input.MissionId is not null && !await db.Missions.AnyAsync(m => m.Id == input.MissionId, ct))
            rules.Add("missionId", "UnknownMission", "is not a mission.");
        if (input.ProgrammeId is not null && !await db.Programmes.AnyAsync(p => p.Id == input.ProgrammeId, ct))
            rules.Add("programmeId", "UnknownProgramme", "is not a programme.");
        if (input.ActorId is not null)
        {
            // A representative acts for an actor that takes part in the mission (or in one of the programme's missions).
            var member = await db.Memberships.AnyAsync(m => m.ActorId == input.ActorId
                && (m.MissionId == input.MissionId || db.Missions.Any(x => x.Id == m.MissionId && x.ProgrammeId == input.ProgrammeId)), ct);
            if (!member)
                rules.Add("actorId", "NotAMember", "is not a member of the mission.");
        }
        rules.ThrowIfAny();

        var secret = Secrets.NewSecret();
        var invitation = new Invitation
        {
            TokenHash = Secrets.Hash(secret),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            SystemAdmin = input.SystemAdmin,
            ProgrammeId = input.SystemAdmin ? null : input.ProgrammeId,
            MissionId = input.SystemAdmin ? null : input.MissionId,
            Role = input.SystemAdmin ? null : input.Role,
            ActorId = input.SystemAdmin ? null : input.ActorId,
            CreatedBy = createdBy,
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            ExpiresAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(input.Days),
        };
        db.Invitations.Add(invitation);
        // An invitation bound to an address is also e-mailed: the message is stored with the invitation, in one transaction.
        if (invitationMail is not null && invitation.Email is not null && await invitationMail.ComposeAsync(db, invitation, secret, ct) is { } message)
            new Messaging.OutboxStore(db).Add(message);
        await db.SaveChangesAsync(ct);
        return (invitation, secret);
    }

    /// <summary>The invitation a link's secret opens, or why it cannot be used. Tampered links are simply unknown.</summary>
    public async Task<(Invitation? Invitation, InvitationProblem? Problem)> OpenInvitationAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
            return (null, InvitationProblem.Unknown);
        var hash = Secrets.Hash(secret);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
            return (null, InvitationProblem.Unknown);
        if (invitation.RevokedAt is not null)
            return (invitation, InvitationProblem.Revoked);
        if (invitation.AcceptedAt is not null)
            return (invitation, InvitationProblem.Used);
        if (invitation.ExpiresAt <= db.Clock.GetUtcNow().UtcDateTime)
            return (invitation, InvitationProblem.Expired);
        return (invitation, null);
    }

    /// <summary>
    /// Gives the invitation's role to the user and marks the invitation used, in one transaction (the
    /// caller's, when it has one: the sign-up creates the account in it). The invitation is claimed with a
    /// conditional update, so when several people open one link at the same moment exactly one succeeds;
    /// the others get a validation error and their transaction creates nothing.
    /// </summary>
    public async Task AcceptAsync(Invitation invitation, MastenUser user, CancellationToken ct = default)
    {
        if (invitation.Email is not null && !string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(DomainErrorKind.Validation, [new FieldError("email", "InvitationForOther", "this invitation is for another e-mail address.")]);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var claimed = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, user.Id), ct);
            if (claimed != 1)
                throw new DomainException(DomainErrorKind.Validation, [new FieldError("invitation", "InvitationUsed", "this invitation has already been used.")]);
            // The same values again through the change tracker, so that the audit log shows who used the link.
            invitation.AcceptedAt = now;
            invitation.AcceptedByUserId = user.Id;
            if (invitation.SystemAdmin)
                user.IsSystemAdmin = true;
            else if (!await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.ProgrammeId == invitation.ProgrammeId && r.MissionId == invitation.MissionId && r.Role == invitation.Role && r.ActorId == invitation.ActorId, ct))
            {
                db.RoleAssignments.Add(new RoleAssignment
                {
                    UserId = user.Id,
                    ProgrammeId = invitation.ProgrammeId,
                    MissionId = invitation.MissionId,
                    Role = invitation.Role!.Value,
                    ActorId = invitation.ActorId,
                });
            }
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    public async Task<bool> RevokeInvitationAsync(int id, CancellationToken ct = default)
    {
        var invitation = await db.Invitations.FindAsync([id], ct);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.RevokedAt is not null)
            return false;
        invitation.RevokedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Takes a role away. Returns false when there is no such role in the given scope.</summary>
    public async Task<bool> RemoveRoleAsync(int assignmentId, CancellationToken ct = default)
    {
        var assignment = await db.RoleAssignments.FindAsync([assignmentId], ct);
        if (assignment is null)
            return false;
        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// People with a role in the mission and those with a role in its whole programme; or, for a programme
    /// (<paramref name="missionId"/> null), those with a role in the programme.
    /// </summary>
    public async Task<List<MemberDto>> MembersAsync(int? programmeId, int? missionId, CancellationToken ct = default)
    {
        if (missionId is not null)
            programmeId = await db.Missions.Where(m => m.Id == missionId).Select(m => (int?)m.ProgrammeId).FirstOrDefaultAsync(ct);
        return await (from r in db.RoleAssignments.AsNoTracking()
         join u in db.Users on r.UserId equals u.Id
         where (missionId != null && r.MissionId == missionId) || (programmeId != null && r.ProgrammeId == programmeId)
         orderby r.Role, u.DisplayName, u.Id
         select new MemberDto(r.Id, u.Id, u.DisplayName, u.Email ?? "", r.Role, r.ProgrammeId, r.MissionId, r.ActorId,
             db.Actors.Where(a => a.Id == r.ActorId).Select(a => a.Name).FirstOrDefault(), r.Version)).ToListAsync(ct);
    }

    public Task<List<InvitationDto>> OpenInvitationsAsync(int? programmeId, int? missionId, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .Where(i => (missionId != null && i.MissionId == missionId) || (programmeId != null && i.ProgrammeId == programmeId))
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationDto(i.Id, i.Email, i.SystemAdmin, i.ProgrammeId, i.MissionId, i.Role, i.ActorId, i.ExpiresAt, i.CreatedBy, i.CreatedAt, i.AcceptedAt, i.RevokedAt)
            {
                ActorName = db.Actors.Where(a => a.Id == i.ActorId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
    }

    /// <summary>Creates a token and returns it with its secret, which is never shown again.</summary>
    public async Task<(ApiTokenDto Token, string Secret)> CreateTokenAsync(int userId, string? name, TokenScope scope, int days, CancellationToken ct = default)
    {
        var rules = new Rules().RequiredText("name", name, 100);
        if (days < 1 || days > AccountRules.MaxTokenDays)
            rules.Add("days", "DaysOutOfRange", $"must be between 1 and {AccountRules.MaxTokenDays}.", 1, AccountRules.MaxTokenDays);
        rules.ThrowIfAny();
        var secret = Secrets.NewApiToken();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = userId,
            Name = name!.Trim(),
            Prefix = secret[..10],
            TokenHash = Secrets.Hash(secret),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (ToDto(token), secret);
    }

    public Task<List<ApiTokenDto>> TokensAsync(int userId, CancellationToken ct = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenDto(t.Id, t.Name, t.Prefix, t.Scope, t.ExpiresAt, t.CreatedAt, t.RevokedAt)).ToListAsync(ct);

    /// <summary>Revokes one of the user's own tokens. False when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeTokenAsync(int userId, int tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null || token.RevokedAt is not null)
            return false;
        token.RevokedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The user a Bearer token belongs to, if the token is known, unrevoked and unexpired.</summary>
    public async Task<(MastenUser User, ApiToken Token)?> FindTokenAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Secrets.TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
            return null;
        var hash = Secrets.Hash(secret);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var nowOffset = db.Clock.GetUtcNow();
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now
                               && u.DisabledAt == null
                           select new { t, u }).FirstOrDefaultAsync(ct);
        // A locked-out account's tokens stop working too (compared here: SQLite cannot compare DateTimeOffset).
        return found is null || found.u.LockoutEnd > nowOffset ? null : (found.u, found.t);
    }

    /// <summary>
    /// When nobody can administer Masten yet, a one-time setup link (a system-administrator invitation)
    /// is made and its secret returned; null when an administrator exists.
    /// </summary>
    public async Task<string?> SetupLinkSecretAsync(string? email = null, CancellationToken ct = default)
    {
        if (email is null && await db.Users.AnyAsync(u => u.IsSystemAdmin, ct))
            return null;
        var (_, secret) = await InviteAsync(new InvitationInput(null, null, null, null, email, (int)AccountRules.SetupLinkLifetime.TotalDays, SystemAdmin: true), "setup", ct);
        return secret;
    }

    /// <summary>
    /// The person behind a session or token, in one query: whether the account may act now (not disabled,
    /// not locked out) and every role it holds. Null when the account no longer exists.
    /// </summary>
    public async Task<AccountState?> StateAsync(int userId, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow();
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.IsSystemAdmin,
                u.DisabledAt,
                u.LockoutEnd,
                Grants = db.RoleAssignments.Where(r => r.UserId == u.Id).Select(r => new RoleGrant(r.ProgrammeId, r.MissionId, r.Role, r.ActorId)).ToList(),
            }).FirstOrDefaultAsync(ct);
        return found is null ? null : new AccountState(userId, found.IsSystemAdmin, found.DisabledAt is null && !(found.LockoutEnd > now), found.Grants);
    }

    /// <summary>Every account, for system administrators: by e-mail, paged.</summary>
    public Task<List<AccountDto>> AccountsAsync(int page = 1, int pageSize = 100, CancellationToken ct = default) =>
        ToAccountDtos(db.Users.AsNoTracking().OrderBy(u => u.Email).ThenBy(u => u.Id).Skip((Math.Clamp(page, 1, 100_000) - 1) * pageSize).Take(pageSize)).ToListAsync(ct);

    /// <summary>One account, for system administrators; null when there is none.</summary>
    public Task<AccountDto?> AccountAsync(int userId, CancellationToken ct = default) =>
        ToAccountDtos(db.Users.AsNoTracking().Where(u => u.Id == userId)).FirstOrDefaultAsync(ct);

    private IQueryable<AccountDto> ToAccountDtos(IQueryable<MastenUser> users)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return users.Select(u => new AccountDto(u.Id, u.Email ?? "", u.DisplayName, u.IsSystemAdmin, u.CreatedAt, u.DisabledAt, u.LockoutEnd,
            db.ApiTokens.Count(t => t.UserId == u.Id && t.RevokedAt == null && t.ExpiresAt > now)));
    }

    /// <summary>
    /// Disables an account (<paramref name="disabled"/> true) or enables it again. A disabled account is also
    /// locked out for good, so Identity refuses its password; enabling lifts both. False when there is no such
    /// account or nothing changes. Recorded in the audit log like every save.
    /// </summary>
    public async Task<bool> SetDisabledAsync(int userId, bool disabled, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || (user.DisabledAt is not null) == disabled)
            return false;
        user.DisabledAt = disabled ? db.Clock.GetUtcNow().UtcDateTime : null;
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        // A new security stamp ends the account's cookie sessions wherever they are validated.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Revokes any person's token, for system administrators. False when there is no such unrevoked token.</summary>
    public async Task<bool> RevokeAnyTokenAsync(int tokenId, CancellationToken ct = default)
    {
        var owner = await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => (int?)t.UserId).FirstOrDefaultAsync(ct);
        return owner is not null && await RevokeTokenAsync(owner.Value, tokenId, ct);
    }

    private static ApiTokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.Scope, t.ExpiresAt, t.CreatedAt, t.RevokedAt);

    public static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return value.Length <= 256 && at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Any(char.IsWhiteSpace);
    }
}
