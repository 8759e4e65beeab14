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
        AddIdentity(services);
        AddSchemes(services);
        AddKeys(services, configuration);
        return services;
    }

    /// <summary>Accounts in Masten's database: unique e-mail addresses, long passwords, lockout after failed sign-ins.</summary>
    private static void AddIdentity(IServiceCollection services) =>
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

    /// <summary>The two ways in: a session cookie for pages, a token for the API, chosen by the path.</summary>
    private static void AddSchemes(IServiceCollection services)
    {
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
    }

    /// <summary>The data-protection keys (cookies, antiforgery, one-time links) in the database, protected at rest.</summary>
    private static void AddKeys(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName("Masten")
            .PersistKeysToDbContext<MastenDbContext>()
            .ProtectKeysAtRest(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "masten.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }
}
