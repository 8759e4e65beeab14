using System.Security.Claims;
using Masten.Data;
using Masten.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tasks;

/// <summary>Who enters a signature given on paper, as the commitment records it: the account's display name, else its e-mail.</summary>
public static class PaperSignatureEntry
{
    public static async Task<string> EnteredByAsync(MastenDbContext db, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccessService.UserId(user);
        var name = userId is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct)
            : null;
        return name ?? user.FindFirst(ClaimTypes.Name)?.Value ?? "";
    }
}
