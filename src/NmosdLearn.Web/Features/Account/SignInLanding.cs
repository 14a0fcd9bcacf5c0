using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Where signing in leads: a safe local return address when one was given (the page that asked for the sign-in),
/// otherwise the person's own work: administrators their administration pages, authors and reviewers the studio (where
/// their review queue is), everyone else "My learning" with the courses they are taking.
/// </summary>
public static class SignInLanding
{
    public static async Task<string> ForAsync(IUrlHelper url, string? returnUrl, UserManager<AppUser> users, AppUser user)
    {
        if (url.IsLocalUrl(returnUrl))
        {
            return returnUrl!;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Admin) ? "/admin"
            : roles.Contains(Roles.Author) || roles.Contains(Roles.Reviewer) ? "/studio"
            : "/my";
    }
}
