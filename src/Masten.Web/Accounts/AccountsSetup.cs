using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Masten.Core.Accounts;
using Masten.Data;
using Masten.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masten.Web.Accounts;

/// <summary>
/// Accounts: ASP.NET Core Identity with a cookie for pages, personal access tokens (Bearer) for the API only,
/// data-protection keys in the database (so several instances share them), and sign-in throttling.
/// </summary>
public static class AccountsSetup
{
    public const string TokenScheme = "Token";
    /// <summary>The session cookie of a signed-in person; a request that carries one never shares a cached answer.</summary>
    public const string AuthCookieName = "masten.auth";
    private const string SelectScheme = "Masten";

    public static IServiceCollection AddMastenAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AccessService>();
        services.AddScoped<ScopeResolver>();
        services.AddSingleton<PublicLinks>();
        services.AddMastenAuthorization();
        services.AddScoped<Onboarding>();
        services.AddSingleton<SignInThrottle>();
        services.Configure<SignInThrottleOptions>(configuration.GetSection("SignIn"));

        services.AddIdentityCore<MastenUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = AccountRules.MinimumPasswordLength;
                // Length, not character classes, makes a password strong; no composition rules.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = AccountRules.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = AccountRules.LockoutTime;
            })
            .AddEntityFrameworkStores<MastenDbContext>()
            .AddSignInManager<MastenSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectScheme;
                o.DefaultChallengeScheme = SelectScheme;
            })
            // The API takes only tokens (a browser's cookie cannot be ridden into it); pages take only the
            // session cookie, so a token, even a read-only one, can never change anything through a form,
            // create another token or accept an invitation.
            .AddPolicyScheme(SelectScheme, SelectScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? TokenScheme : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/login";
                o.Cookie.Name = AuthCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS; behind TLS set Https:Redirect so every request is.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // A changed password or removed account signs out every session.
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenScheme, null);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddDataProtection()
            .SetApplicationName("Masten")
            .PersistKeysToDbContext<MastenDbContext>()
            .ProtectKeysAtRest(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "masten.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}

/// <summary>
/// <c>Authorization: Bearer mst_…</c>: a personal access token. Unknown, expired and revoked tokens fail,
/// and a failed token is refused outright rather than treated as anonymous (see Program.cs).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            return AuthenticateResult.Fail("Only Bearer tokens are accepted.");
        var found = await store.FindTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is null)
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        var (user, token) = found.Value;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Email ?? user.UserName ?? ""),
            new Claim(AccessService.ScopeClaim, token.Scope.ToString()),
            new Claim("masten:token", token.Name),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

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
