using System.Security.Claims;
using Masten.Core.Accounts;
using Masten.Core.Missions;
using Masten.Data;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Accounts;

/// <summary>
/// The request's access: who is asking (loaded once per request, in one query), which missions they may see
/// (set on the database context, so a draft is absent from every list and lookup), and the decisions
/// <see cref="CapabilityHandler"/> and the pages ask for. Scoped: one per request, shared by the
/// middleware, the authorization handlers, the page and the stores.
/// </summary>
public sealed class AccessService(IHttpContextAccessor http, MastenDbContext db, AccountStore accounts, ScopeResolver scopes)
{
    public const string ScopeClaim = "masten:token-scope";

    private Principal? principal;

    public HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("Access is checked within a request.");

    /// <summary>Why the last refused check of this request was refused; the result handler answers by it.</summary>
    public AccessDecision? Refusal { get; private set; }

    /// <summary>Queries this request has made for access (the person, visibility, record scopes), for tests and measurements.</summary>
    public int Queries => principalQueries + scopes.Queries;

    private int principalQueries;

    internal void Refused(AccessDecision decision) => Refusal = decision;

    /// <summary>How a person is named on the change records they cause: their e-mail, and the token's name when one was used.</summary>
    public static string Author(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            return "anonym";
        var name = user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue(ClaimTypes.Email) ?? "?";
        return user.FindFirstValue("masten:token") is { } token ? $"{name} (token: {token})" : name;
    }

    public static int? UserId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Who is asking, with their current roles (a role taken away counts from the next request). A disabled,
    /// locked-out or removed account is nobody: its session or token stops working at once.
    /// </summary>
    public async Task<Principal> PrincipalAsync(CancellationToken ct = default)
    {
        if (principal is not null)
            return principal;
        var user = Context.User;
        var id = user.Identity?.IsAuthenticated == true ? UserId(user) : null;
        if (id is null)
            return principal = Principal.Anonymous;
        principalQueries++;
        var state = await accounts.StateAsync(id.Value, ct);
        if (state is null || !state.Usable)
            return principal = Principal.Anonymous;
        var readOnly = user.FindFirstValue(ScopeClaim) == nameof(TokenScope.Read);
        return principal = new Principal(id, state.IsSystemAdmin, state.Grants, readOnly);
    }

    /// <summary>
    /// Limits every query of this request to the missions the person may see: published ones, and drafts
    /// they have a role in (all, for a system administrator). The missions found are also known to the
    /// scope resolver, so checking access to one of them costs no further query.
    /// </summary>
    public async Task ApplyVisibilityAsync(CancellationToken ct = default)
    {
        var who = await PrincipalAsync(ct);
        if (who.IsSystemAdmin)
        {
            db.SeeAllMissions();
            return;
        }
        var missionIds = who.Grants.Where(g => g.MissionId is not null).Select(g => g.MissionId!.Value).ToList();
        var programmeIds = who.Grants.Where(g => g.ProgrammeId is not null).Select(g => g.ProgrammeId!.Value).ToList();
        // The same missions for everyone with the same roles until the next write: reused under the data stamp.
        var key = $"{string.Join(',', missionIds.Order())}|{string.Join(',', programmeIds.Order())}";
        var visible = await (db.Reads is { } reads
            ? reads.ReuseUnscopedAsync(db, "visible-missions", key, () => VisibleMissionsAsync(missionIds, programmeIds, ct), ct)
            : VisibleMissionsAsync(missionIds, programmeIds, ct));
        db.SeeOnly(visible.MissionIds, programmeIds.Count == 0 ? visible.ProgrammeIds : visible.ProgrammeIds.Concat(programmeIds).ToHashSet());
        foreach (var m in visible.Missions)
            scopes.Know(m.Id, m.ProgrammeId, m.Draft);
    }

    private sealed record VisibleMission(int Id, int ProgrammeId, bool Draft);

    /// <summary>The missions a person with these roles may see, with the sets the context's filters take.</summary>
    private sealed record VisibleMissions(IReadOnlyList<VisibleMission> Missions, IReadOnlySet<int> MissionIds, IReadOnlySet<int> ProgrammeIds);

    private async Task<VisibleMissions> VisibleMissionsAsync(List<int> missionIds, List<int> programmeIds, CancellationToken ct)
    {
        principalQueries++;
        var visible = await db.Missions.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Status != MissionStatus.Draft || missionIds.Contains(m.Id) || programmeIds.Contains(m.ProgrammeId))
            .Select(m => new VisibleMission(m.Id, m.ProgrammeId, m.Status == MissionStatus.Draft)).ToListAsync(ct);
        return new VisibleMissions(visible, visible.Select(m => m.Id).ToHashSet(), visible.Select(m => m.ProgrammeId).ToHashSet());
    }

    /// <summary>
    /// Who may read a record's change history: a signed-in person who may read the record (so a draft's
    /// history is as hidden as the draft). Records outside the access rules (accounts, tokens) and records
    /// no longer there: system administrators only.
    /// </summary>
    public async Task<AccessDecision> DecideHistoryAsync(string? entityType, int id, CancellationToken ct = default)
    {
        var who = await PrincipalAsync(ct);
        if (!who.IsSignedIn)
            return AccessDecision.SignInRequired;
        if (who.IsSystemAdmin)
            return AccessDecision.Allowed;
        if (ResourceKinds.OfRecordType(entityType) is not { } kind)
            return AccessDecision.Forbidden;
        return await DecideAsync(Capability.Read, new ResourceRef(kind, id), ct);
    }

    /// <summary>The pure decision for a record; an unknown or hidden record is <see cref="AccessDecision.Hidden"/>. Used by <see cref="CapabilityHandler"/>.</summary>
    public async Task<AccessDecision> DecideAsync(Capability need, ResourceRef resource, CancellationToken ct = default)
    {
        var scope = await scopes.ResolveAsync(resource, ct);
        if (scope is null)
            return AccessDecision.Hidden;
        return AccessRules.Decide(await PrincipalAsync(ct), scope, need);
    }

    /// <summary>
    /// Asks ASP.NET Core authorization whether the person may do this to the record, with the record as the
    /// resource: the same <see cref="CapabilityHandler"/> that guards endpoints decides. Pages check their
    /// saves with it (a commitment for actor X in mission M), the API its JSON bodies.
    /// </summary>
    public async Task<AccessDecision> AuthorizeAsync(Capability need, ResourceRef resource)
    {
        Refusal = null;
        var authorization = Context.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(Context.User, resource, new CapabilityRequirement(need, resource.Kind));
        return result.Succeeded ? AccessDecision.Allowed : Refusal ?? AccessDecision.Forbidden;
    }

    /// <summary>Whether the person may do this; for a page's save and for showing or hiding links and buttons.</summary>
    public async Task<bool> MayAsync(Capability need, ResourceRef resource) =>
        await AuthorizeAsync(need, resource) == AccessDecision.Allowed;

    /// <summary>Whether the person may change records of <paramref name="actorId"/> in the mission: its commitments, drivers, the initiatives it leads.</summary>
    public Task<bool> MayContributeForAsync(int missionId, int actorId) =>
        MayAsync(Capability.Contribute, ResourceRef.ForActorInMission(missionId, actorId));

    /// <summary>What the person may change in one mission, for pages that show many records of it at once.</summary>
    public sealed record MissionRights(bool CanEdit, bool CanManage, IReadOnlySet<int> Represents)
    {
        public static readonly MissionRights None = new(false, false, new HashSet<int>());

        /// <summary>May change records of this actor (its commitments, drivers, initiatives it leads): the same rule as <see cref="MayContributeForAsync"/>.</summary>
        public bool MayChangeFor(int actorId) => CanEdit || Represents.Contains(actorId);

        public bool MayContribute => CanEdit || Represents.Count > 0;
    }

    /// <summary>The person's rights in a mission, with no query beyond the request's own, however many rows a page shows.</summary>
    public async Task<MissionRights> MissionRightsAsync(int missionId, CancellationToken ct = default)
    {
        var scope = await scopes.ResolveAsync(new ResourceRef(ResourceKind.Mission, missionId), ct);
        if (scope is null)
            return MissionRights.None;
        var who = await PrincipalAsync(ct);
        return new MissionRights(
            AccessRules.Decide(who, scope, Capability.Edit) == AccessDecision.Allowed,
            AccessRules.Decide(who, scope, Capability.Manage) == AccessDecision.Allowed,
            AccessRules.RepresentedActors(who, scope));
    }

    /// <summary>Where a record sits, or null when it does not exist or may not be seen.</summary>
    public Task<ResourceScope?> ResolveAsync(ResourceRef r, CancellationToken ct = default) => scopes.ResolveAsync(r, ct);
}
