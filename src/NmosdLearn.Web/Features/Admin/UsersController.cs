using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Account.Email;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Admin;

public sealed record UserDetailsViewModel(UserRow Row, IReadOnlyList<CourseAttempts> Attempts, string? Message, string? Problem);

/// <summary>Accounts: find, see, change roles, lock, send a password reset, give post-test attempts back.</summary>
[Authorize(Roles = Account.Roles.Admin)]
[Route("admin/users")]
public sealed class UsersController(
    UserAdministration administration, UserManager<AppUser> users, Mailer mailer, AccountEmails emails, IOptions<CertificateOptions> publicBaseUrl,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Views = "/Features/Admin/";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default) =>
        View(Views + "Users.cshtml", await administration.SearchAsync(q, page, cancellationToken));

    [HttpGet("{userId}")]
    public async Task<IActionResult> Details(string userId, string? message, CancellationToken cancellationToken)
    {
        if (await administration.FindAsync(userId, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        return View(Views + "UserDetails.cshtml",
            new UserDetailsViewModel(row, await administration.AttemptsAsync(userId, cancellationToken), message, TempData["Problem"] as string));
    }

    [HttpPost("{userId}/roles")]
    public async Task<IActionResult> SetRoles(string userId, string[] roles, CancellationToken cancellationToken) =>
        Done(userId, await administration.SetRolesAsync(userId, roles, AdminActor.Of(User), cancellationToken), "roles");

    [HttpPost("{userId}/lock")]
    public async Task<IActionResult> Lock(string userId, CancellationToken cancellationToken) =>
        Done(userId, await administration.SetLockedAsync(userId, locked: true, AdminActor.Of(User), cancellationToken), "locked");

    [HttpPost("{userId}/unlock")]
    public async Task<IActionResult> Unlock(string userId, CancellationToken cancellationToken) =>
        Done(userId, await administration.SetLockedAsync(userId, locked: false, AdminActor.Of(User), cancellationToken), "unlocked");

    [HttpPost("{userId}/password-reset")]
    public async Task<IActionResult> SendPasswordReset(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null || user.DeletedAt is not null)
        {
            return NotFound();
        }

        var code = await users.GeneratePasswordResetTokenAsync(user);
        var link = AccountLinks.Absolute(Request, publicBaseUrl.Value,
            $"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}");
        // In the person's language, saying that an administrator sent it (they asked for nothing).
        await mailer.SendAsync(emails.ResetByAdministrator(user, link), cancellationToken);
        await administration.AuditPasswordResetAsync(userId, AdminActor.Of(User), cancellationToken);
        return Redirect($"/admin/users/{Uri.EscapeDataString(userId)}?message=reset-sent");
    }

    [HttpPost("{userId}/reset-attempts")]
    public async Task<IActionResult> ResetAttempts(string userId, string courseId, string reason, bool answersShownConfirmed, CancellationToken cancellationToken) =>
        Done(userId, await administration.ResetAttemptsAsync(userId, courseId ?? "", reason ?? "", answersShownConfirmed, AdminActor.Of(User), cancellationToken), "attempts-reset");

    private IActionResult Done(string userId, AdminResult result, string message)
    {
        TempData["Problem"] = result.Problem is null ? null : localizer[result.Problem].Value;
        return Redirect($"/admin/users/{Uri.EscapeDataString(userId)}" + (result.Succeeded ? $"?message={message}" : ""));
    }
}

/// <summary>Page links for a list: which page is shown, how many there are, the address of each.</summary>
public sealed record PagerViewModel(int Page, int PageCount, Func<int, string> Url);
