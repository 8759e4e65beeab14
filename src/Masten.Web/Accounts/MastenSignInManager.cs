using Masten.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masten.Web.Accounts;

/// <summary>
/// Identity's sign-in, made to cost the same on every path so that its time does not tell whether an account
/// exists. Identity answers an unknown address and a locked account without hashing anything, which takes a
/// fraction of the time a wrong password does (PBKDF2). Here each of those paths verifies the password against
/// a hash too — a dummy one for an unknown address or an account without a password, the account's own when it
/// is locked — and then gives Identity's answer unchanged.
/// </summary>
public sealed class MastenSignInManager(
    UserManager<MastenUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<MastenUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<MastenUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<MastenUser> confirmation)
    : SignInManager<MastenUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new MastenUser(), DummyHash(), password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(MastenUser user, string password, bool lockoutOnFailure)
    {
        // Identity checks the password only when the account is not locked, and hashes nothing when it has no password.
        if (user.PasswordHash is null || (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user)))
            UserManager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash(), password);
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    /// <summary>Every sign-in remembers the interface language the person used: their e-mail's language until they choose one.</summary>
    public override async Task SignInWithClaimsAsync(MastenUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        if (Context.RequestServices.GetService<Masten.Data.Messaging.NotificationStore>() is { } store)
            await store.RecordUsedLanguageAsync(user.Id, Localization.JsonStringLocalizer.CurrentLanguage());
    }

    /// <summary>A hash of a random password made by the same hasher (same algorithm and iterations), made once.</summary>
    private string DummyHash() =>
        dummyHash ??= UserManager.PasswordHasher.HashPassword(new MastenUser(), Masten.Core.Accounts.Secrets.NewSecret());
}
