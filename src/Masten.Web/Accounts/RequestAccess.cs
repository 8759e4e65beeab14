using System.Security.Claims;
using Masten.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Masten.Web.Accounts;

/// <summary>
/// After authentication and before authorization: settles who the request is for. A Bearer token that is
/// wrong, expired or revoked is refused in the API (never taken for an anonymous visit); pages take only the
/// session cookie and ignore the header. A session or token of an account disabled, locked out or removed
/// since it was issued ends here, at once. Then the database context is limited to the missions the person
/// may see, and changes are stamped with their name.
/// </summary>
public static class RequestAccess
{
    public static IApplicationBuilder UseMastenRequestAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var api = context.Request.Path.StartsWithSegments("/api");
        if (api && context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return;
        }
        // Static files (app.css, scripts, /_framework) never touch the database, so they get no context. An API path
        // is never a static file, whatever it ends in (a download like …/observations.csv).
        if (api || (!context.Request.Path.StartsWithSegments("/_framework") && !Path.HasExtension(context.Request.Path.Value)))
        {
            // One read of the data stamp serves the whole request (the visibility, the response cache, reused answers).
            context.RequestServices.GetRequiredService<MastenDbContext>().KeepStampUntilWrite();
            var access = context.RequestServices.GetRequiredService<AccessService>();
            var who = await access.PrincipalAsync(context.RequestAborted);
            if (context.User.Identity?.IsAuthenticated == true && !who.IsSignedIn)
            {
                // Disabled or locked out since the session began: the cookie goes, the request is anonymous.
                if (!api)
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            context.RequestServices.GetRequiredService<MastenDbContext>().Author = AccessService.Author(context.User);
            await access.ApplyVisibilityAsync(context.RequestAborted);
        }
        await next(context);
    });
}
