using System.Security.Claims;
using System.Text.Encodings.Web;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Masten.Web.Accounts;

/// <summary>
/// <c>Authorization: Bearer mst_…</c>: a personal access token. Unknown, expired and revoked tokens fail,
/// and a failed token is refused outright rather than treated as anonymous (see Program.cs).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            return AuthenticateResult.Fail("Only Bearer tokens are accepted.");
        var found = await store.FindTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is null)
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        var (user, token) = found.Value;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Email ?? user.UserName ?? ""),
            new Claim(AccessService.ScopeClaim, token.Scope.ToString()),
            new Claim("masten:token", token.Name),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
