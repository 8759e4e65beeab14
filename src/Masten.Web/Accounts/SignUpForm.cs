using Masten.Core.Common;
using Masten.Web.Components.Common;

namespace Masten.Web.Accounts;

/// <summary>The posted strings of the sign-up form on an invitation (<c>Invite</c>) and their checking into a <see cref="SignUp"/>.</summary>
public sealed class SignUpForm
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>
    /// The new account, or null with field-named errors. An invitation bound to an address signs up
    /// that address, whatever was posted; the password's strength is Identity's to judge.
    /// </summary>
    public SignUp? ToInput(FormErrors errors, string? invitedEmail)
    {
        var email = (invitedEmail ?? Email)?.Trim();
        var rules = new Rules().RequiredText("displayName", DisplayName).RequiredText("email", email, 256, multiline: false);
        if (string.IsNullOrEmpty(Password))
            rules.Add("password", "Required", "is required.");
        else if (Password != ConfirmPassword)
            rules.Add("confirmPassword", "PasswordsDiffer", "must be the same as the password.");
        errors.AddRange(rules.Errors);
        return errors.Any ? null : new SignUp(DisplayName!.Trim(), email!, Password!);
    }
}

/// <summary>A checked sign-up: the display name (trimmed), the e-mail address and the password.</summary>
public sealed record SignUp(string DisplayName, string Email, string Password);
