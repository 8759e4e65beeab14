using Masten.Core.Missions;

namespace Masten.Core.Accounts;

/// <summary>A role held by a person in a programme or in one mission; an actor representative is bound to one actor.</summary>
public class RoleAssignment : IVersioned
{
    public int Id { get; set; }
    public int UserId { get; set; }
    /// <summary>Set for a role in the whole programme; <see cref="MissionId"/> is then null.</summary>
    public int? ProgrammeId { get; set; }
    public int? MissionId { get; set; }
    public AccessRole Role { get; set; }
    /// <summary>The actor an <see cref="AccessRole.ActorRepresentative"/> acts for.</summary>
    public int? ActorId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An invitation by link: whoever opens it before it expires may create an account (or use theirs) and
/// receives the role it grants, once. Only a hash of the link's secret is stored.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public string TokenHash { get; set; } = "";
    /// <summary>If set, only this e-mail address may accept.</summary>
    public string? Email { get; set; }
    /// <summary>Makes the invited person a system administrator (the setup link).</summary>
    public bool SystemAdmin { get; set; }
    public int? ProgrammeId { get; set; }
    public int? MissionId { get; set; }
    public AccessRole? Role { get; set; }
    public int? ActorId { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public int? AcceptedByUserId { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>What an API token may do.</summary>
public enum TokenScope
{
    Read,
    Write,
}

/// <summary>A personal access token for the API, used as a Bearer token. Only its hash is stored; it is shown once.</summary>
public class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public string Prefix { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public TokenScope Scope { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
