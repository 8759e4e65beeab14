using System.Security.Claims;
using Masten.Core.Accounts;
using Masten.Core.Missions;
using Masten.Data;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Accounts;

/// <summary>The kinds of record an endpoint can be about; each resolves to the mission, programme or actor it belongs to.</summary>
public enum ResourceKind
{
    /// <summary>Masten as a whole: the actor register, new programmes, the audit log, one's own account.</summary>
    Platform,
    Programme,
    Mission,
    /// <summary>A mission, for a new record some actor contributes (a commitment, a driver, an initiative it leads).</summary>
    MissionForActors,
    Goal,
    Indicator,
    Observation,
    Actor,
    Contact,
    OperationalGoal,
    Membership,
    Round,
    Commitment,
    Driver,
    GlossaryEntry,
    Initiative,
    Hypothesis,
    Review,
    /// <summary>Any record, named by the route values <c>entityType</c> and <c>id</c> (its change history).</summary>
    Record,
}

/// <summary>
/// Declares what an endpoint (page or API route) needs: a capability on the record named by a route value.
/// A page with several routes carries one attribute per route value; the one whose value is present applies.
/// An endpoint with neither this nor <see cref="AllowAnonymousAttribute"/> is refused (deny by default).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AccessAttribute(Capability need, ResourceKind kind, string routeValue = "id") : Attribute
{
    public Capability Need { get; } = need;
    public ResourceKind Kind { get; } = kind;
    /// <summary>The route value holding the record's id; ignored for <see cref="ResourceKind.Platform"/>.</summary>
    public string RouteValue { get; } = routeValue;
    /// <summary>What a form post to this page needs, when more than reading it (a page that shows a mission and takes a check-in).</summary>
    public Capability OnPost { get; set; } = Capability.Read;
}

/// <summary>Marks an API endpoint whose record is named in its JSON body; an endpoint filter checks it once the body is read.</summary>
public sealed class BodyAccessMetadata(Capability need)
{
    public Capability Need { get; } = need;
}

/// <summary>A record to check access to: its kind and id, and optionally the actor the change is made for.</summary>
public sealed record ResourceRef(ResourceKind Kind, int Id, int? ActorId = null)
{
    public static ResourceRef Platform { get; } = new(ResourceKind.Platform, 0);
}

/// <summary>
/// Answers "may this request do that?" for pages, the API and the stores' callers. Loads the person's roles
/// once per request, resolves a record to its mission, programme and actor (through the visibility filter,
/// so a hidden draft resolves to nothing), and asks <see cref="AccessRules"/>.
/// </summary>
public sealed class AccessService(IHttpContextAccessor http, MastenDbContext db)
{
    public const string ScopeClaim = "masten:token-scope";

    private Principal? principal;

    public HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("Access is checked within a request.");

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

    /// <summary>Who is asking, with their current roles (a role taken away counts from the next request).</summary>
    public async Task<Principal> PrincipalAsync(CancellationToken ct = default)
    {
        if (principal is not null)
            return principal;
        var user = Context.User;
        var id = user.Identity?.IsAuthenticated == true ? UserId(user) : null;
        if (id is null)
            return principal = Principal.Anonymous;
        var admin = await db.Users.Where(u => u.Id == id).Select(u => (bool?)u.IsSystemAdmin).FirstOrDefaultAsync(ct);
        if (admin is null)
            return principal = Principal.Anonymous;
        var grants = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == id)
            .Select(r => new RoleGrant(r.ProgrammeId, r.MissionId, r.Role, r.ActorId)).ToListAsync(ct);
        var readOnly = user.FindFirstValue(ScopeClaim) == nameof(TokenScope.Read);
        return principal = new Principal(id, admin.Value, grants, readOnly);
    }

    /// <summary>
    /// Limits every query of this request to the missions the person may see: published ones, and drafts
    /// they have a role in (all, for a system administrator).
    /// </summary>
    public async Task ApplyVisibilityAsync(CancellationToken ct = default)
    {
        var who = await PrincipalAsync(ct);
        if (who.IsSystemAdmin)
            return;
        var missionIds = who.Grants.Where(g => g.MissionId is not null).Select(g => g.MissionId!.Value).ToList();
        var programmeIds = who.Grants.Where(g => g.ProgrammeId is not null).Select(g => g.ProgrammeId!.Value).ToList();
        var visible = await db.Missions.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Status != MissionStatus.Draft || missionIds.Contains(m.Id) || programmeIds.Contains(m.ProgrammeId))
            .Select(m => new { m.Id, m.ProgrammeId }).ToListAsync(ct);
        db.SeesAllMissions = false;
        db.VisibleMissionIds = visible.Select(m => m.Id).ToHashSet();
        db.VisibleProgrammeIds = visible.Select(m => m.ProgrammeId).Concat(programmeIds).ToHashSet();
    }

    /// <summary>Record types with a place in the access rules, by the name their change records carry.</summary>
    private static readonly Dictionary<string, ResourceKind> RecordKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Programme"] = ResourceKind.Programme, ["Mission"] = ResourceKind.Mission, ["Goal"] = ResourceKind.Goal,
        ["Indicator"] = ResourceKind.Indicator, ["Observation"] = ResourceKind.Observation, ["Actor"] = ResourceKind.Actor,
        ["ContactPerson"] = ResourceKind.Contact, ["OperationalGoal"] = ResourceKind.OperationalGoal, ["Membership"] = ResourceKind.Membership,
        ["SigningRound"] = ResourceKind.Round, ["Commitment"] = ResourceKind.Commitment, ["Driver"] = ResourceKind.Driver,
        ["GlossaryEntry"] = ResourceKind.GlossaryEntry, ["Initiative"] = ResourceKind.Initiative, ["Hypothesis"] = ResourceKind.Hypothesis,
        ["Review"] = ResourceKind.Review,
    };

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
        if (entityType is null || !RecordKinds.TryGetValue(entityType, out var kind))
            return AccessDecision.Forbidden;
        return await DecideAsync(Capability.Read, new ResourceRef(kind, id), ct);
    }

    /// <summary>The decision for a record; null scope (unknown or hidden record) is <see cref="AccessDecision.Hidden"/>.</summary>
    public async Task<AccessDecision> DecideAsync(Capability need, ResourceRef resource, CancellationToken ct = default)
    {
        var scope = await ResolveAsync(resource, ct);
        if (scope is null)
            return AccessDecision.Hidden;
        return AccessRules.Decide(await PrincipalAsync(ct), scope, need);
    }

    /// <summary>What the person may change in one mission, for pages that show many records of it at once.</summary>
    public sealed record MissionRights(bool CanEdit, bool CanManage, IReadOnlySet<int> Represents)
    {
        public static readonly MissionRights None = new(false, false, new HashSet<int>());

        /// <summary>May change records of this actor (its commitments, drivers, initiatives it leads).</summary>
        public bool MayChangeFor(int actorId) => CanEdit || Represents.Contains(actorId);

        public bool MayContribute => CanEdit || Represents.Count > 0;
    }

    /// <summary>The person's rights in a mission, in two queries however many rows a page shows.</summary>
    public async Task<MissionRights> MissionRightsAsync(int missionId, CancellationToken ct = default)
    {
        var scope = await ResolveAsync(new ResourceRef(ResourceKind.Mission, missionId), ct);
        if (scope is null)
            return MissionRights.None;
        var who = await PrincipalAsync(ct);
        return new MissionRights(
            AccessRules.Decide(who, scope, Capability.Edit) == AccessDecision.Allowed,
            AccessRules.Decide(who, scope, Capability.Manage) == AccessDecision.Allowed,
            AccessRules.RepresentedActors(who, scope));
    }

    /// <summary>Whether the person may do this; for showing or hiding links and buttons.</summary>
    public async Task<bool> MayAsync(Capability need, ResourceRef resource, CancellationToken ct = default) =>
        await DecideAsync(need, resource, ct) == AccessDecision.Allowed;

    /// <summary>Where a record sits, or null when it does not exist or may not be seen.</summary>
    public async Task<ResourceScope?> ResolveAsync(ResourceRef r, CancellationToken ct = default)
    {
        var scope = r.Kind switch
        {
            ResourceKind.Platform => ResourceScope.Platform,
            ResourceKind.Programme => await db.Programmes.Where(p => p.Id == r.Id).Select(p => new ResourceScope(p.Id, null, null, false)).FirstOrDefaultAsync(ct),
            ResourceKind.Mission => await InMission(db.Missions.Where(m => m.Id == r.Id).Select(m => new Owned { MissionId = m.Id }), ct),
            ResourceKind.MissionForActors => await InMission(db.Missions.Where(m => m.Id == r.Id).Select(m => new Owned { MissionId = m.Id }), ct) is { } m ? m with { AnyActor = true } : null,
            ResourceKind.Goal => await InMission(db.Goals.Where(g => g.Id == r.Id).Select(g => new Owned { MissionId = g.MissionId }), ct),
            // An indicator (and its observations) belongs to the actor that reports it, if one does.
            ResourceKind.Indicator => await InMission(db.Indicators.Where(i => i.Id == r.Id).Select(i => new Owned { MissionId = i.Goal!.MissionId, ActorId = i.ReportingActorId }), ct),
            ResourceKind.Observation => await InMission(db.Observations.Where(o => o.Id == r.Id).Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new Owned { MissionId = i.Goal!.MissionId, ActorId = i.ReportingActorId }), ct),
            ResourceKind.Actor => await ForActor(db.Actors.Where(a => a.Id == r.Id).Select(a => a.Id), ct),
            ResourceKind.Contact => await ForActor(db.ContactPeople.Where(c => c.Id == r.Id).Select(c => c.ActorId), ct),
            ResourceKind.OperationalGoal => await ForActor(db.OperationalGoals.Where(g => g.Id == r.Id).Select(g => g.ActorId), ct),
            ResourceKind.Membership => await InMission(db.Memberships.Where(m => m.Id == r.Id).Select(m => new Owned { MissionId = m.MissionId, ActorId = m.ActorId }), ct),
            ResourceKind.Round => await InMission(db.SigningRounds.Where(x => x.Id == r.Id).Select(x => new Owned { MissionId = x.MissionId }), ct),
            ResourceKind.Commitment => await InMission(db.Commitments.Where(c => c.Id == r.Id).Select(c => new Owned { MissionId = c.MissionId, ActorId = c.ActorId }), ct),
            ResourceKind.Driver => await InMission(db.Drivers.Where(d => d.Id == r.Id).Select(d => new Owned { MissionId = d.MissionId, ActorId = d.ActorId }), ct),
            ResourceKind.GlossaryEntry => await InMission(db.GlossaryEntries.Where(e => e.Id == r.Id).Select(e => new Owned { MissionId = e.MissionId }), ct),
            ResourceKind.Initiative => await InMission(db.Initiatives.Where(i => i.Id == r.Id).Select(i => new Owned { MissionId = i.MissionId, ActorId = i.LeadActorId }), ct),
            ResourceKind.Hypothesis => await InMission(db.Hypotheses.Where(h => h.Id == r.Id).Join(db.Initiatives, h => h.InitiativeId, i => i.Id, (h, i) => new Owned { MissionId = i.MissionId, ActorId = i.LeadActorId }), ct),
            ResourceKind.Review => await InMission(db.Reviews.Where(x => x.Id == r.Id).Select(x => new Owned { MissionId = x.MissionId }), ct),
            _ => null,
        };
        // A change made for a named actor (a new commitment for actor 7) is judged as that actor's.
        return scope is not null && r.ActorId is not null ? scope with { ActorId = r.ActorId } : scope;
    }

    private sealed class Owned
    {
        public int MissionId { get; init; }
        public int? ActorId { get; init; }
    }

    // Two small queries: the record's mission (and actor), then the mission's programme and state.
    private async Task<ResourceScope?> InMission(IQueryable<Owned> owned, CancellationToken ct)
    {
        var found = await owned.FirstOrDefaultAsync(ct);
        if (found is null)
            return null;
        var mission = await db.Missions.Where(m => m.Id == found.MissionId)
            .Select(m => new { m.ProgrammeId, Draft = m.Status == MissionStatus.Draft }).FirstOrDefaultAsync(ct);
        return mission is null ? null : new ResourceScope(mission.ProgrammeId, found.MissionId, found.ActorId, mission.Draft);
    }

    private static async Task<ResourceScope?> ForActor(IQueryable<int> actorIds, CancellationToken ct)
    {
        var ids = await actorIds.Take(1).ToListAsync(ct);
        return ids.Count == 0 ? null : new ResourceScope(null, null, ids[0]);
    }
}

/// <summary>
/// Checks every request against its endpoint's <see cref="AccessAttribute"/> before the endpoint runs. Pages
/// that need a sign-in send the visitor to the sign-in page; the API answers 401. A record that does not exist
/// or may not be seen is 404 for both, so a draft mission cannot be told from a missing one.
/// </summary>
public static class AccessMiddleware
{
    public static IApplicationBuilder UseMastenAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || IsFramework(endpoint))
        {
            await next(context);
            return;
        }
        var access = context.RequestServices.GetRequiredService<AccessService>();
        var rules = endpoint.Metadata.GetOrderedMetadata<AccessAttribute>();
        var body = endpoint.Metadata.GetMetadata<BodyAccessMetadata>();
        // The rule for the route value present (a page with several routes); a platform-wide rule otherwise.
        var rule = rules.FirstOrDefault(a => a.Kind != ResourceKind.Platform && context.Request.RouteValues.ContainsKey(a.RouteValue))
            ?? rules.FirstOrDefault(a => a.Kind == ResourceKind.Platform);
        if (rule is null && body is null)
        {
            // Deny by default: an endpoint nobody declared access for is refused.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (rule is not null)
        {
            var id = 0;
            if (rule.Kind != ResourceKind.Platform && !int.TryParse(context.Request.RouteValues[rule.RouteValue]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out id))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (rule.Kind == ResourceKind.Record)
            {
                if (!await Enforce(context, await access.DecideHistoryAsync(context.Request.RouteValues["entityType"]?.ToString(), id, context.RequestAborted)))
                    return;
                await next(context);
                return;
            }
            // A page's form post and the API's writes need the capability; a GET of a page needs it too (an edit form).
            var need = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || rule.OnPost < rule.Need ? rule.Need : rule.OnPost;
            if (!await Enforce(context, await access.DecideAsync(need, new ResourceRef(rule.Kind, id), context.RequestAborted)))
                return;
        }
        await next(context);
    });

    /// <summary>Blazor's own endpoints (the redirect after an enhanced form post, static web assets): no records behind them.</summary>
    private static bool IsFramework(Endpoint endpoint) =>
        endpoint is RouteEndpoint route ? route.RoutePattern.RawText is "/_framework/opaque-redirect" or "/{**path:file}" or "{**path:file}"
            // Routing's own answer to a known address asked with the wrong method: 405, nothing behind it.
            : endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;

    /// <summary>Turns a decision into a response; true when the request may go on.</summary>
    public static async Task<bool> Enforce(HttpContext context, AccessDecision decision)
    {
        switch (decision)
        {
            case AccessDecision.Allowed:
                return true;
            case AccessDecision.SignInRequired when !context.Request.Path.StartsWithSegments("/api"):
                await context.ChallengeAsync();
                return false;
            case AccessDecision.SignInRequired:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return false;
            case AccessDecision.Forbidden:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return false;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return false;
        }
    }
}

/// <summary>Declaring access on API endpoints.</summary>
public static class AccessEndpoints
{
    /// <summary>The endpoint needs <paramref name="need"/> on the record named by route value <paramref name="routeValue"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Capability need, ResourceKind kind, string routeValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessAttribute(need, kind, routeValue));

    /// <summary>
    /// The endpoint needs <paramref name="need"/> on the record its JSON body names (a new goal's mission, a
    /// commitment's actor). Checked after the body is read and before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder RequireAccess<TInput>(this RouteHandlerBuilder builder, Capability need, Func<TInput, ResourceRef> resource)
    {
        builder.WithMetadata(new BodyAccessMetadata(need));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var input = context.Arguments.OfType<TInput>().FirstOrDefault();
            if (input is null)
                return TypedResults.BadRequest();
            var access = context.HttpContext.RequestServices.GetRequiredService<AccessService>();
            var decision = await access.DecideAsync(need, resource(input), context.HttpContext.RequestAborted);
            // A body naming a record that does not exist: an administrator gets the handler's field error, others 404.
            if (decision == AccessDecision.Hidden && (await access.PrincipalAsync(context.HttpContext.RequestAborted)).IsSystemAdmin)
                decision = AccessDecision.Allowed;
            return decision switch
            {
                AccessDecision.Allowed => await next(context),
                AccessDecision.SignInRequired => TypedResults.Unauthorized(),
                AccessDecision.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden),
                _ => TypedResults.NotFound(),
            };
        });
    }
}
