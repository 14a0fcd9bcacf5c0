using Microsoft.AspNetCore.Identity;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account.Sessions;

namespace NmosdLearn.Web.Features.Account;

public static class AccountSetup
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP Password Storage Cheat Sheet, 2023: 210,000).</summary>
    public const int PasswordIterations = 210_000;

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Identity's lockout is not used: guesses are throttled per address and account (AccountThrottle), and
                // an administrator's lock is AppUser.LockedAt, enforced by SignInAuthority on every sign-in path.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.Name;
                options.Tokens.EmailConfirmationTokenProvider = EmailLinkTokenProvider.Name;
                options.Tokens.ChangeEmailTokenProvider = EmailLinkTokenProvider.Name;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddDefaultTokenProviders()
            // Under Identity's own name, replacing its provider: every check of an app code accepts each step once.
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.Name)
            .AddTokenProvider<EmailLinkTokenProvider>(EmailLinkTokenProvider.Name);
        // OWASP's figure for PBKDF2-HMAC-SHA512 (Identity's v3 format); older hashes are rehashed at the next sign-in.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = PasswordIterations);

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "nmosdlearn.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = SessionGuard.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.Events.OnSigningIn = context => context.HttpContext.RequestServices.GetRequiredService<SessionGuard>().OnSigningInAsync(context);
            cookie.Events.OnSigningOut = context => context.HttpContext.RequestServices.GetRequiredService<SessionGuard>().OnSigningOutAsync(context);
            cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionGuard>().ValidateAsync(context);
        });
        // A changed password or security setting reaches every other session within a minute.
        services.AddOptions<SessionCheckOptions>().BindConfiguration(SessionCheckOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<Microsoft.Extensions.Options.IOptions<SessionCheckOptions>>((options, sessions) =>
        {
            options.ValidationInterval = sessions.Value.Interval;
            // The validator rebuilds the principal from the user; the session id and the second-factor mark
            // belong to this sign-in, not to the user, and must carry over or the session would end.
            options.OnRefreshingPrincipal = context =>
            {
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var type in new[] { SessionGuard.SessionClaim, "amr" })
                {
                    if (identity is not null && !identity.HasClaim(c => c.Type == type) && context.CurrentPrincipal?.FindFirst(type) is { } claim)
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(type, claim.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.AddMemoryCache();
        services.AddSingleton<SessionGuard>();
        services.AddOptions<AccountSeedOptions>().BindConfiguration(AccountSeedOptions.Section);
        services.AddOptions<DemoAccountsOptions>().BindConfiguration(DemoAccountsOptions.Section);
        services.AddScoped<AccountSeeder>();
        services.AddOptions<AccountLimitsOptions>().BindConfiguration(AccountLimitsOptions.Section);
        services.AddSingleton<AccountThrottle>();
        services.AddScoped<AccountDataService>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<SignInAuthority>();
        return services;
    }
}
