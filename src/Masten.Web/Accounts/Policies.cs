using Masten.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Masten.Web.Accounts;

/// <summary>
/// Masten's access on ASP.NET Core authorization. Endpoints declare what they need with
/// <c>[Access(...)]</c> on pages, <c>.RequireAccess(...)</c> on API routes (both requirement data), or a named
/// policy here (<c>.RequireAuthorization(Policies.Administer)</c> on a route group). The handlers resolve the
/// record and ask <see cref="AccessRules"/>; <see cref="AccessResultHandler"/> turns a refusal into the
/// sign-in page or 401, 403, or 404 for a record that may not be seen. An endpoint that declares nothing
/// meets the fallback policy and is refused.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person (a session on pages, a token in the API).</summary>
    public const string SignedIn = "Masten.SignedIn";

    /// <summary>A system administrator: runs Masten itself.</summary>
    public const string Administer = "Masten.Administer";

    public static IServiceCollection AddMastenAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Administer, p => p.AddRequirements(new CapabilityRequirement(Capability.Administer, ResourceKind.Platform)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new DenyByDefaultRequirement()).Build());
        // Scoped: the handler shares the request's principal and resolved scopes with pages and stores.
        services.AddScoped<IAuthorizationHandler, CapabilityHandler>();
        services.AddSingleton<IAuthorizationHandler, DenyByDefaultHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        return services;
    }
}
