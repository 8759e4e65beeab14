using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masten.Web.Accounts;

public sealed class SignInThrottleOptions
{
    /// <summary>Sign-in attempts allowed from one address per window.</summary>
    public int PerAddress { get; set; } = 30;
    /// <summary>Sign-in attempts allowed for one e-mail address per window.</summary>
    public int PerAccount { get; set; } = 10;
    public int WindowMinutes { get; set; } = 5;
}

/// <summary>
/// Limits sign-in attempts per client address and per account, on top of Identity's lockout, so that
/// guessing is slow across many accounts too. In memory: each instance counts its own attempts.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> byAddress;
    private readonly PartitionedRateLimiter<string> byAccount;

    public SignInThrottle(IOptions<SignInThrottleOptions> options)
    {
        var o = options.Value;
        byAddress = Limiter(o.PerAddress, o.WindowMinutes);
        byAccount = Limiter(o.PerAccount, o.WindowMinutes);
    }

    /// <summary>True when this attempt may go ahead; false when too many were made recently.</summary>
    public bool TryAttempt(string? address, string? email)
    {
        using var a = byAddress.AttemptAcquire(address ?? "unknown");
        using var b = byAccount.AttemptAcquire((email ?? "").Trim().ToUpperInvariant());
        return a.IsAcquired && b.IsAcquired;
    }

    public void Dispose()
    {
        byAddress.Dispose();
        byAccount.Dispose();
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, int minutes) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(Math.Max(1, minutes)),
            QueueLimit = 0,
        }));
}
