using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account.Sessions;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

public sealed class ReauthenticateInput
{
    /// <summary>The password, or a 6-digit code from the authenticator app.</summary>
    [Required(ErrorMessage = "Enter your password")]
    [StringLength(200, ErrorMessage = "Enter your password")]
    public string Secret { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed record ReauthenticateViewModel(ReauthenticateInput Input, bool CodeAllowed);

/// <summary>
/// "Confirm it's you": before a security change, the password (or an authenticator code) given within
/// <see cref="SessionGuard.ReauthenticationWindow"/> in this session, so a session left open cannot be used to weaken the account.
/// </summary>
[Authorize]
[Route("account/settings/confirm-it-is-you")]
public sealed class ReauthenticationController(
    UserManager<AppUser> users, SessionGuard sessions, AccountThrottle throttle, IStringLocalizer<SharedResource> localizer,
    ILogger<ReauthenticationController> logger) : Controller
{
    public const string Path = "/account/settings/confirm-it-is-you";

    public static string PagePath(string returnUrl) => $"{Path}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? returnUrl)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View("Reauthenticate", new ReauthenticateViewModel(new ReauthenticateInput { ReturnUrl = returnUrl }, user.TwoFactorEnabled));
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(ReauthenticateInput input, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var wait = throttle.TryAcquire(AccountStep.SignIn, address, user.Email);
        if (wait > TimeSpan.Zero)
        {
            this.RefuseTooManyAttempts(wait, nameof(input.Secret), localizer);
        }
        else if (ModelState.IsValid && !await IsRightAsync(user, input.Secret.Trim()))
        {
            throttle.RecordFailure(address, user.Email);
            ModelState.AddModelError(nameof(input.Secret), user.TwoFactorEnabled ? localizer["That password or code is not right"] : localizer["Your password is not right"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Reauthenticate", new ReauthenticateViewModel(input, user.TwoFactorEnabled));
        }

        await sessions.MarkConfirmedAsync(User, cancellationToken);
        logger.LogInformation(SecurityEvents.Reauthenticated, "{UserId} confirmed it was them", user.Id);
        return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl! : "/account/settings");
    }

    private async Task<bool> IsRightAsync(AppUser user, string secret)
    {
        var code = secret.Replace(" ", "", StringComparison.Ordinal);
        if (user.TwoFactorEnabled && code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        }

        return await users.CheckPasswordAsync(user, secret);
    }
}
