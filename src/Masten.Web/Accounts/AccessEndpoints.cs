using Masten.Core.Accounts;

namespace Masten.Web.Accounts;

/// <summary>Declaring access on API endpoints.</summary>
public static class AccessEndpoints
{
    /// <summary>The endpoint needs <paramref name="need"/> on the record named by route value <paramref name="routeValue"/> (authorization requirement data).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Capability need, ResourceKind kind, string routeValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessAttribute(need, kind, routeValue));

    /// <summary>
    /// The endpoint needs a signed-in person and <paramref name="need"/> on the record its JSON body names (a
    /// new goal's mission, a commitment's actor): checked by the same authorization handler, with the record
    /// as the resource, after the body is read and before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder RequireAccess<TInput>(this RouteHandlerBuilder builder, Capability need, Func<TInput, ResourceRef> resource)
    {
        builder.WithMetadata(new BodyAccessMetadata(need)).RequireAuthorization(Policies.SignedIn);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var input = context.Arguments.OfType<TInput>().FirstOrDefault();
            if (input is null)
                return TypedResults.BadRequest();
            var access = context.HttpContext.RequestServices.GetRequiredService<AccessService>();
            var decision = await access.AuthorizeAsync(need, resource(input));
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
