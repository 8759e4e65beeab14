using Masten.Core.Accounts;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
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
        app.MapPost("/account/logout", SignOut).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").WithTags("Accounts");
        api.MapGet("/me", GetMe).RequireAccess(Capability.Read, ResourceKind.Platform);
        api.MapGet("/missions/{id:int}/members", ListMembers).RequireAccess(Capability.Manage, ResourceKind.Mission);
        api.MapPost("/missions/{id:int}/invitations", Invite).RequireAccess(Capability.Manage, ResourceKind.Mission);
        return app;
    }

    /// <summary>
    /// A plain form post from the page header. The antiforgery middleware checks only posts with a form body, so the
    /// token is checked here too: a post without one (an image tag, a bare fetch) signs nobody out.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, BadRequest<string>>> SignOut(HttpContext http, SignInManager<MastenUser> signIn, IAntiforgery antiforgery)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } || !await antiforgery.IsRequestValidAsync(http))
            return TypedResults.BadRequest("The sign-out form's antiforgery token is missing or wrong.");
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/");
    }

    private static async Task<Ok<MeDto>> GetMe(HttpContext http, AccessService access, UserManager<MastenUser> users)
    {
        var who = await access.PrincipalAsync(http.RequestAborted);
        var user = (await users.FindByIdAsync(who.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        return TypedResults.Ok(new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.IsSystemAdmin, http.User.FindFirst(AccessService.ScopeClaim)?.Value, who.Grants));
    }

    private static async Task<Ok<List<MemberDto>>> ListMembers(int id, AccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.MembersAsync(null, id, ct));

    private static async Task<Created<InvitationCreated>> Invite(int id, InvitationRequest request, AccountStore store, PublicLinks links, HttpContext http, CancellationToken ct)
    {
        var (invitation, secret) = await store.InviteAsync(new InvitationInput(null, id, request.Role, request.ActorId, request.Email, request.Days), AccessService.Author(http.User), ct);
        return TypedResults.Created($"/api/v1/missions/{id}/members", new InvitationCreated(invitation.Id, links.Invitation(secret), invitation.ExpiresAt));
    }
}
