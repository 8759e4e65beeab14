using System.Security.Cryptography;
using System.Text;

namespace Masten.Core.Accounts;

/// <summary>Random secrets for invitation links and API tokens, and the hashes stored instead of them.</summary>
public static class Secrets
{
    /// <summary>Prefix of every API token, so that leaked tokens are easy to recognise and scan for.</summary>
    public const string TokenPrefix = "mst_";

    /// <summary>A new secret: 32 random bytes, URL-safe base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NewApiToken() => TokenPrefix + NewSecret();

    /// <summary>SHA-256, hex. The secrets are 256 random bits, so a fast hash is enough: there is nothing to guess.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Rules for accounts that pages, the API and the CLI share.</summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan SetupLinkLifetime = TimeSpan.FromDays(1);
    public const int MaxTokenDays = 366;
}
