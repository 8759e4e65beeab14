using Masten.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Masten.Web.Accounts;

/// <summary>
/// Refuses a password that attackers try first: one of the common passwords in <c>CommonPasswords.txt</c>
/// (49,233 from leaked lists; its header names the source and licence), compared without regard to case, or
/// one of them followed only by digits and punctuation (<c>qwertyuiop2024!</c>), the first variation a
/// guesser adds. Passwords have at least 12 characters, so the second rule is what catches most of the list.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<MastenUser>
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Passwords = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<MastenUser> manager, MastenUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "is one of the most common passwords: choose another." })
            : IdentityResult.Success);

    /// <summary>True when the password, or what is left of it without trailing digits and punctuation, is in the list.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Passwords.Value.Contains(lower))
            return true;
        var stem = lower.TrimEnd().AsSpan();
        while (stem.Length > 0 && (char.IsDigit(stem[^1]) || char.IsPunctuation(stem[^1]) || char.IsSymbol(stem[^1])))
            stem = stem[..^1];
        return stem.Length > 0 && stem.Length < lower.Length && Passwords.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(stem);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Masten.Web.Accounts.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in Masten.Web.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line == "#" || line.StartsWith("# ", StringComparison.Ordinal))
                continue;
            set.Add(line);
        }
        return set;
    }
}
