using Masten.Core.Accounts;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Masten.Web.Accounts;

/// <summary>Signing out, who am I, and inviting people to a mission or programme through the API.</summary>
public static class AccountsApi
{
    public sealed record MeDto(int Id, string Email, string DisplayName, bool IsSystemAdmin, string? TokenScope, IReadOnlyList<RoleGrant> Roles);

    public sealed record InvitationRequest(AccessRole? Role, int? ActorId, string? Email, int Days = 7);

    public sealed record InvitationCreated(int Id, string Link, DateTime ExpiresAt);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        // A plain form post from the page header. The antiforgery middleware checks only posts with a form
        // body, so the token is checked here too: a post without one (an image tag, a bare fetch) signs nobody out.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, BadRequest<string>>> (HttpContext http, SignInManager<MastenUser> signIn, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false } || !await antiforgery.IsRequestValidAsync(http))
                return TypedResults.BadRequest("The sign-out form's antiforgery token is missing or wrong.");
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).AllowAnonymous().WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").WithTags("Accounts");
        api.MapGet("/me", async Task<Ok<MeDto>> (HttpContext http, AccessService access, UserManager<MastenUser> users) =>
        {
            var who = await access.PrincipalAsync(http.RequestAborted);
            var user = (await users.FindByIdAsync(who.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            return TypedResults.Ok(new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.IsSystemAdmin, http.User.FindFirst(AccessService.ScopeClaim)?.Value, who.Grants));
        }).RequireAccess(Capability.Read, ResourceKind.Platform);

        api.MapGet("/missions/{id:int}/members", async Task<Ok<List<MemberDto>>> (int id, AccountStore store, CancellationToken ct) => TypedResults.Ok(await store.MembersAsync(null, id, ct)))
            .RequireAccess(Capability.Manage, ResourceKind.Mission);
        api.MapPost("/missions/{id:int}/invitations", async Task<Created<InvitationCreated>> (int id, InvitationRequest request, AccountStore store, PublicLinks links, HttpContext http, CancellationToken ct) =>
        {
            var (invitation, secret) = await store.InviteAsync(new InvitationInput(null, id, request.Role, request.ActorId, request.Email, request.Days), AccessService.Author(http.User), ct);
            var link = links.Invitation(secret);
            return TypedResults.Created($"/api/v1/missions/{id}/members", new InvitationCreated(invitation.Id, link, invitation.ExpiresAt));
        }).RequireAccess(Capability.Manage, ResourceKind.Mission);
        return app;
    }
}
