using Masten.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Masten.Web.Accounts;

/// <summary>
/// Decides <see cref="CapabilityRequirement"/>s with <see cref="AccessRules"/>, through the request's
/// <see cref="AccessService"/> (the person and each record's scope are loaded once per request). On an
/// endpoint the resource is the <see cref="HttpContext"/> and the record's id a route value; in a page's save
/// or the API's body check the resource is a <see cref="ResourceRef"/>. A refusal is remembered so that
/// <see cref="AccessResultHandler"/> can tell a hidden record (404) from a forbidden one (403).
/// </summary>
public sealed class CapabilityHandler(AccessService access) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var pending = context.PendingRequirements.OfType<CapabilityRequirement>().ToList();
        if (pending.Count == 0)
            return;
        switch (context.Resource)
        {
            case ResourceRef resource:
                foreach (var requirement in pending)
                    Conclude(context, [requirement], await access.DecideAsync(requirement.Need, resource));
                break;
            case HttpContext http:
                Conclude(context, pending, await DecideRequestAsync(http, pending));
                break;
            default:
                Conclude(context, pending, AccessDecision.Forbidden);
                break;
        }
    }

    private void Conclude(AuthorizationHandlerContext context, IEnumerable<CapabilityRequirement> requirements, AccessDecision decision)
    {
        if (decision == AccessDecision.Allowed)
        {
            foreach (var requirement in requirements)
                context.Succeed(requirement);
            return;
        }
        access.Refused(decision);
        context.Fail(new AuthorizationFailureReason(this, decision.ToString()));
    }

    /// <summary>
    /// The rule for the route value present (a page with several routes), a platform-wide rule otherwise. A
    /// page's form post needs <see cref="CapabilityRequirement.OnPost"/> when that is more than reading it.
    /// </summary>
    private async Task<AccessDecision> DecideRequestAsync(HttpContext http, List<CapabilityRequirement> rules)
    {
        var rule = rules.FirstOrDefault(a => a.Kind != ResourceKind.Platform && http.Request.RouteValues.ContainsKey(a.RouteValue))
            ?? rules.FirstOrDefault(a => a.Kind == ResourceKind.Platform);
        if (rule is null)
            return AccessDecision.Forbidden;
        var id = 0;
        if (rule.Kind != ResourceKind.Platform && !int.TryParse(http.Request.RouteValues[rule.RouteValue]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out id))
            return AccessDecision.Hidden;
        if (rule.Kind == ResourceKind.Record)
            return await access.DecideHistoryAsync(http.Request.RouteValues["entityType"]?.ToString(), id, http.RequestAborted);
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var need = reading || rule.OnPost < rule.Need ? rule.Need : rule.OnPost;
        return await access.DecideAsync(need, new ResourceRef(rule.Kind, id), http.RequestAborted);
    }
}

/// <summary>
/// The fallback policy: an endpoint that declares no access is refused with 403. Blazor's own endpoints (the
/// redirect after an enhanced form post), routing's 405 and 415 answers and an address no endpoint matches (404)
/// have no records behind them and pass.
/// </summary>
public sealed class DenyByDefaultHandler : AuthorizationHandler<DenyByDefaultRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DenyByDefaultRequirement requirement)
    {
        // The same policy declares access another way (the fallback combined with an endpoint's requirements).
        if (context.Requirements.Any(r => r is not DenyByDefaultRequirement))
            context.Succeed(requirement);
        else if (context.Resource is HttpContext http && IsFramework(http.GetEndpoint()))
            context.Succeed(requirement);
        else if (context.Resource is HttpContext refused)
            // Refused as forbidden, signed in or not: signing in would not help.
            refused.RequestServices.GetRequiredService<AccessService>().Refused(AccessDecision.Forbidden);
        return Task.CompletedTask;
    }

    private static bool IsFramework(Endpoint? endpoint) =>
        // No endpoint at all: the address matches nothing and the answer is 404, with nothing behind it.
        endpoint is null || (endpoint is RouteEndpoint route
            ? route.RoutePattern.RawText is "/_framework/opaque-redirect" or "/{**path:file}" or "{**path:file}"
            // Routing's own answers to a known address asked with the wrong method (405) or body type (415): nothing behind them.
            : endpoint.DisplayName is { } name && (name.StartsWith("405 HTTP ", StringComparison.Ordinal) || name.StartsWith("415 HTTP ", StringComparison.Ordinal)));
}
