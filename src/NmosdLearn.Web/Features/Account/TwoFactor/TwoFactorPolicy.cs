using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>Who must use two-factor: administrators and authors (<c>Accounts:RequireTwoFactorForStaff</c>, on by default).</summary>
public sealed class TwoFactorPolicy(IConfiguration configuration, IHostEnvironment environment, IOptions<DemoAccountsOptions> demo, UserManager<AppUser> users)
{
    public static readonly string[] StaffRoles = [Roles.Admin, Roles.Author, Roles.Reviewer];

    private bool RequiredForStaff => configuration.GetValue("Accounts:RequireTwoFactorForStaff", true);

    /// <summary>The Development demo accounts sign in without it, as the start-up message says.</summary>
    private bool IsDemo(string? email) =>
        environment.IsDevelopment() && demo.Value.Enabled && demo.Value.Accounts.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));

    public async Task<bool> IsRequiredAsync(AppUser user)
    {
        if (!RequiredForStaff || IsDemo(user.Email))
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Any(StaffRoles.Contains);
    }

    /// <summary>A staff sign-in without a second factor, from the cookie's claims alone (no query).</summary>
    public bool MustEnrol(ClaimsPrincipal principal) =>
        RequiredForStaff && IsStaffWithoutSecondFactor(principal) && !IsDemo(principal.Identity!.Name);

    /// <summary>
    /// The part of <see cref="MustEnrol"/> that needs nothing but the claims: asked first on every request, so the
    /// policy (and the UserManager it holds) is built only for staff.
    /// </summary>
    public static bool IsStaffWithoutSecondFactor(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && StaffRoles.Any(principal.IsInRole) && !principal.HasClaim("amr", "mfa");
}

public static class TwoFactorRequirement
{
    private static readonly string[] Allowed = ["/account/settings/two-factor", "/account/logout", "/account/login", "/language", "/status", "/error"];

    /// <summary>Sends an administrator or author who signed in without a second factor to enrolment, whatever page they ask for.</summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (TwoFactorPolicy.IsStaffWithoutSecondFactor(context.User)
                && !Allowed.Any(allowed => path.StartsWith(allowed, StringComparison.OrdinalIgnoreCase))
                && context.RequestServices.GetRequiredService<TwoFactorPolicy>().MustEnrol(context.User))
            {
                context.Response.Redirect("/account/settings/two-factor?required=true");
                return;
            }

            await next();
        });
}
