using Masten.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Masten.Web.Accounts;

/// <summary>
/// How a refused request is answered. Nobody signed in: pages send the visitor to the sign-in page, the API
/// answers 401 with <c>WWW-Authenticate: Bearer</c> (each through its authentication scheme's challenge).
/// Signed in but not allowed: 403. A record that does not exist or may not be seen: 404 for both, so a draft
/// mission cannot be told from a missing one.
/// </summary>
public sealed class AccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }
        var decision = context.RequestServices.GetRequiredService<AccessService>().Refusal
            ?? (authorizeResult.Challenged ? AccessDecision.SignInRequired : AccessDecision.Forbidden);
        switch (decision)
        {
            case AccessDecision.SignInRequired:
                await context.ChallengeAsync();
                break;
            case AccessDecision.Hidden:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }
    }
}
