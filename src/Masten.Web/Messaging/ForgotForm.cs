using Masten.Core.Common;
using Masten.Data.Accounts;
using Masten.Web.Components.Common;

namespace Masten.Web.Messaging;

/// <summary>The posted address of the forgotten-password form (<c>ForgotPassword</c>).</summary>
public sealed class ForgotForm
{
    public string? Email { get; set; }

    /// <summary>The trimmed address, or null with an error naming the field <c>email</c>.</summary>
    public string? ToInput(FormErrors errors)
    {
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
            errors.Add(new FieldError("email", "Required", "is required."));
        else if (email.Length > 256 || !AccountStore.LooksLikeEmail(email))
            errors.Add(new FieldError("email", "NotAnEmail", "is not an e-mail address."));
        return errors.Any ? null : email;
    }
}
