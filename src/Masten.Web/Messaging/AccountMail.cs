using System.Globalization;
using System.Text;
using Masten.Core.Common;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Messaging;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Masten.Web.Messaging;

/// <summary>
/// Password resets and changes of e-mail address by e-mail, on ASP.NET Core Identity's data-protection token
/// providers. A reset token is bound to the account's security stamp, which the reset changes: so a link works
/// once, and when two requests use it at the same moment Identity's concurrency stamp lets exactly one succeed.
/// Each e-mail is stored in the outbox in the same transaction as nothing else: asking changes no data.
/// </summary>
public sealed class AccountMail(UserManager<MastenUser> users, MastenDbContext db, MailComposer composer)
{
    /// <summary>
    /// Queues a reset link when an account with the address exists and is in use; does nothing otherwise. The
    /// caller answers the same either way.
    /// </summary>
    public async Task RequestResetAsync(string email, string language, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.DisabledAt is not null || user.Email is null)
            return;
        // In the person's own language (chosen or last used); the page's language when they have none stored.
        language = await new NotificationStore(db).LanguageOfAsync(user.Id, language, ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = composer.Link($"/account/reset-password?user={user.Id.ToString(CultureInfo.InvariantCulture)}&token={Encode(token)}");
        new OutboxStore(db).Add(composer.PasswordReset(user.Email, user.Id, link, language));
        db.Author = user.Email;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether the link's user and token still make a usable reset link.</summary>
    public async Task<MastenUser?> ResetUserAsync(int? userId, string? token)
    {
        if (userId is null || Decode(token) is not { } decoded)
            return null;
        var user = await users.FindByIdAsync(userId.Value.ToString(CultureInfo.InvariantCulture));
        if (user is null || user.DisabledAt is not null)
            return null;
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<MastenUser>.ResetPasswordTokenPurpose, decoded) ? user : null;
    }

    /// <summary>
    /// Sets the new password with the link's token. Throws a <see cref="DomainException"/> naming <c>token</c> when the
    /// link is unknown, used or expired, or <c>password</c> when the password is not accepted; nothing changes then.
    /// </summary>
    public async Task ResetAsync(int? userId, string? token, string? password, string? confirmPassword)
    {
        var rules = new Rules();
        if (string.IsNullOrEmpty(password))
            rules.Add("password", "Required", "is required.");
        else if (password != confirmPassword)
            rules.Add("confirmPassword", "PasswordsDiffer", "must be the same as the password.");
        var user = await ResetUserAsync(userId, token);
        if (user is null)
            rules.Add("token", "ResetFailed", "the link does not work: it is unknown, used or too old.");
        rules.ThrowIfAny();
        db.Author = user!.Email ?? "";
        var result = await users.ResetPasswordAsync(user, Decode(token)!, password!);
        if (!result.Succeeded)
        {
            // An invalid token (used meanwhile) or a concurrency failure (used at this very moment) both mean the link is spent.
            if (result.Errors.Any(e => e.Code is "InvalidToken" or "ConcurrencyFailure"))
                throw new DomainException(DomainErrorKind.Validation, [new FieldError("token", "ResetFailed", "the link does not work: it is unknown, used or too old.")]);
            throw new DomainException(DomainErrorKind.Validation, [.. result.Errors.Select(Invite.IdentityError).DistinctBy(e => e.Code)]);
        }
        // A person who reset their password is no longer locked out for earlier wrong guesses.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    /// <summary>Queues a confirmation link to the new address. Throws a <see cref="DomainException"/> on <c>newEmail</c> for a bad or taken address.</summary>
    public async Task RequestEmailChangeAsync(MastenUser user, string? newEmail, string language, CancellationToken ct = default)
    {
        var rules = new Rules().RequiredText("newEmail", newEmail, 256, multiline: false);
        if (!rules.HasErrorFor("newEmail") && !AccountStore.LooksLikeEmail(newEmail!))
            rules.Add("newEmail", "NotAnEmail", "is not an e-mail address.");
        rules.ThrowIfAny();
        var address = newEmail!.Trim();
        if (await users.FindByEmailAsync(address) is { } other && other.Id != user.Id || string.Equals(address, user.Email, StringComparison.OrdinalIgnoreCase))
            rules.Add("newEmail", "NewEmailTaken", "is already used by an account.");
        rules.ThrowIfAny();
        language = await new NotificationStore(db).LanguageOfAsync(user.Id, language, ct);
        var token = await users.GenerateChangeEmailTokenAsync(user, address);
        var link = composer.Link($"/account/confirm-email?user={user.Id.ToString(CultureInfo.InvariantCulture)}&email={Uri.EscapeDataString(address)}&token={Encode(token)}");
        new OutboxStore(db).Add(composer.EmailChange(address, user.Id, link, language));
        db.Author = user.Email ?? "";
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Changes the address (and the user name, which is the address) with the link's token; false when the link does not work.</summary>
    public async Task<bool> ConfirmEmailChangeAsync(int? userId, string? email, string? token)
    {
        if (userId is null || string.IsNullOrWhiteSpace(email) || Decode(token) is not { } decoded)
            return false;
        var user = await users.FindByIdAsync(userId.Value.ToString(CultureInfo.InvariantCulture));
        if (user is null || user.DisabledAt is not null)
            return false;
        db.Author = user.Email ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangeEmailAsync(user, email.Trim(), decoded);
        if (!changed.Succeeded || !(await users.SetUserNameAsync(user, email.Trim())).Succeeded)
            return false;
        await transaction.CommitAsync();
        return true;
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
