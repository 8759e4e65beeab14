using Microsoft.AspNetCore.Identity;

namespace Masten.Data.Accounts;

/// <summary>A person who can sign in. E-mail is the user name.</summary>
public class MastenUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";
    /// <summary>Runs Masten: creates programmes, hands out any role, reads the whole audit log.</summary>
    public bool IsSystemAdmin { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// When a system administrator disabled the account; null while it is in use. A disabled account's
    /// sessions and tokens stop working on the next request, and it cannot sign in.
    /// </summary>
    public DateTime? DisabledAt { get; set; }
}
