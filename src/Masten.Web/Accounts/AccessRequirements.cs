using Masten.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Masten.Web.Accounts;

/// <summary>
/// An authorization requirement: <see cref="Need"/> on the record of kind <see cref="Kind"/>. On an endpoint
/// the record's id is the route value <see cref="RouteValue"/>; checked imperatively
/// (<see cref="IAuthorizationService"/> with a <see cref="ResourceRef"/> as the resource) the reference names it.
/// <see cref="CapabilityHandler"/> decides it with <see cref="AccessRules"/>.
/// </summary>
public sealed record CapabilityRequirement(Capability Need, ResourceKind Kind, string RouteValue = "id", Capability OnPost = Capability.Read) : IAuthorizationRequirement;

/// <summary>The fallback policy's requirement: an endpoint that declares no access is refused (deny by default).</summary>
public sealed class DenyByDefaultRequirement : IAuthorizationRequirement;

/// <summary>
/// Declares what an endpoint (page or API route) needs: a capability on the record named by a route value.
/// ASP.NET Core's authorization middleware reads it as requirement data and <see cref="CapabilityHandler"/>
/// decides it. A page with several routes carries one attribute per route value; the one whose value is
/// present applies. An endpoint with neither this, another policy nor <see cref="AllowAnonymousAttribute"/>
/// meets the fallback policy and is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AccessAttribute(Capability need, ResourceKind kind, string routeValue = "id") : Attribute, IAuthorizationRequirementData
{
    public Capability Need { get; } = need;
    public ResourceKind Kind { get; } = kind;
    /// <summary>The route value holding the record's id; ignored for <see cref="ResourceKind.Platform"/>.</summary>
    public string RouteValue { get; } = routeValue;
    /// <summary>What a form post to this page needs, when more than reading it (a page that shows a mission and takes a check-in).</summary>
    public Capability OnPost { get; set; } = Capability.Read;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new CapabilityRequirement(Need, Kind, RouteValue, OnPost)];
}

/// <summary>Marks an API endpoint whose record is named in its JSON body; an endpoint filter checks it once the body is read.</summary>
public sealed class BodyAccessMetadata(Capability need)
{
    public Capability Need { get; } = need;
}
