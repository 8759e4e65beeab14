using Masten.Core.Accounts;
using Masten.Web.Components.Common;

namespace Masten.Web.Accounts;

/// <summary>The posted strings of the new-API-token form on the account page (<c>MyAccount</c>) and their parsing.</summary>
public sealed class TokenForm
{
    public string? Name { get; set; }
    public string? Scope { get; set; } = "Read";
    public string? Days { get; set; } = "90";

    /// <summary>The token asked for, or null with field-named errors; the name's rules are the store's to check.</summary>
    public NewToken? ToInput(FormErrors errors)
    {
        var days = errors.WholeNumber("days", Days);
        // Only Read or Write, by name.
        var scope = errors.Enum<TokenScope>("scope", Scope);
        return errors.Any ? null : new NewToken(Name, scope!.Value, days!.Value);
    }
}

/// <summary>A new API token as asked for: its name, what it may do and for how many days.</summary>
public sealed record NewToken(string? Name, TokenScope Scope, int Days);
