using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account.Email;
using NmosdLearn.Web.Features.Account.Sessions;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

/// <summary>A signed-in person's own account: name, email, password, their data, and deleting the account.</summary>
[Authorize]
[Route("account/settings")]
public sealed class SettingsController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SessionGuard sessions,
    Mailer mailer,
    AccountEmails emails,
    AccountDataService data,
    IOptions<CertificateOptions> certificateOptions,
    IStringLocalizer<SharedResource> localizer,
    ILogger<SettingsController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? saved)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : Page(user, saved);
    }

    [HttpPost("name")]
    public async Task<IActionResult> Name(ChangeNameInput input)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page(user, null, name: input, form: "name");
        }

        // Only future certificates: an issued one changes through the administrators' reissue, which is audited.
        user.FullName = input.FullName.Trim();
        await users.UpdateAsync(user);
        return Redirect("/account/settings?saved=name");
    }

    /// <summary>The language of every email the platform sends the person, whoever makes it go.</summary>
    [HttpPost("language")]
    public async Task<IActionResult> Language(ChangeLanguageInput input)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Only an exact name from the list: a tag such as "zh" is what the form never sends.
        var language = WebSetup.Cultures.FirstOrDefault(c => c.Name == input.PreferredLanguage)?.Name;
        if (ModelState.IsValid && language is null)
        {
            ModelState.AddModelError(nameof(input.PreferredLanguage), localizer["Choose the language of your email"]);
        }

        if (!ModelState.IsValid)
        {
            return Page(user, null, language: input, form: "language");
        }

        user.PreferredLanguage = language;
        await users.UpdateAsync(user);
        return Redirect("/account/settings?saved=language");
    }

    [HttpPost("email")]
    public async Task<IActionResult> Email(ChangeEmailInput input, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, input.PasswordForEmail))
        {
            ModelState.AddModelError(nameof(input.PasswordForEmail), localizer["Your password is not right"]);
        }

        if (!ModelState.IsValid)
        {
            return Page(user, null, email: input, form: "email");
        }

        var newEmail = input.NewEmail.Trim();
        // An address another account uses gets no message, and the answer is the same.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var code = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            var link = Link($"/account/settings/confirm-email?user={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={Uri.EscapeDataString(code)}");
            await mailer.SendAsync(emails.ConfirmNewAddress(newEmail, user, link), cancellationToken);
            await mailer.SendAsync(emails.AddressChangeRequested(user, SecurityEvents.MaskEmail(newEmail)), cancellationToken);
            logger.LogInformation(SecurityEvents.EmailChangeRequested, "Email change requested for {UserId}", user.Id);
        }

        return Redirect("/account/settings?saved=email");
    }

    /// <summary>
    /// The link from the new address: changing the email (and the sign-in name) ends the other sessions. Like every
    /// emailed link it never signs in: the person's own session here continues, anyone else is shown "sign in".
    /// </summary>
    [AllowAnonymous]
    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail([FromQuery(Name = "user")] string? userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || email is null || code is null || !(await users.ChangeEmailAsync(user, email, code)).Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("LinkExpired");
        }

        await users.SetUserNameAsync(user, email);
        var ownSession = User.UserId() == user.Id ? User.FindFirst(SessionGuard.SessionClaim)?.Value : null;
        await sessions.EndOtherSessionsAsync(user.Id, ownSession, cancellationToken);
        logger.LogInformation(SecurityEvents.EmailChanged, "Email changed for {UserId}", user.Id);
        if (ownSession is null)
        {
            return View("Confirmed", false);
        }

        await signIn.RefreshSignInAsync(user);
        return Redirect("/account/settings?saved=email-confirmed");
    }

    [HttpPost("resend-confirmation")]
    public async Task<IActionResult> ResendConfirmation(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.EmailConfirmed)
        {
            var code = await users.GenerateEmailConfirmationTokenAsync(user);
            var link = Link($"/account/confirm?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}");
            await mailer.SendAsync(emails.ConfirmAddress(user, link), cancellationToken);
        }

        return Redirect("/account/settings?saved=confirmation-sent");
    }

    [HttpPost("password")]
    public async Task<IActionResult> Password(ChangePasswordInput input, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page(user, null, password: input, form: "password");
        }

        var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(input.CurrentPassword) : nameof(input.NewPassword), error.Code switch
                {
                    "PasswordMismatch" => localizer["Your password is not right"],
                    "PasswordTooShort" => localizer["Your password must be at least 8 characters"],
                    _ => error.Description,
                });
            }

            return Page(user, null, password: input, form: "password");
        }

        // Every other session ends now; this one continues with the new security stamp.
        await sessions.EndOtherSessionsAsync(user.Id, User.FindFirst(SessionGuard.SessionClaim)?.Value, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        await mailer.SendAsync(emails.PasswordChanged(user), cancellationToken);
        logger.LogInformation(SecurityEvents.PasswordChanged, "Password changed for {UserId}", user.Id);
        return Redirect("/account/settings?saved=password");
    }

    /// <summary>Everything the platform holds about the person, as JSON.</summary>
    [HttpGet("data")]
    public async Task<IActionResult> Data(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var json = await data.ExportAsync(user, cancellationToken);
        return File(json, "application/json", $"nmosdlearn-my-data-{DateTime.UtcNow:yyyy-MM-dd}.json");
    }

    [HttpPost("delete")]
    public async Task<IActionResult> Delete(DeleteAccountInput input, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, input.PasswordForDelete))
        {
            ModelState.AddModelError(nameof(input.PasswordForDelete), localizer["Your password is not right"]);
        }

        if (!ModelState.IsValid)
        {
            return Page(user, null, delete: input, form: "delete");
        }

        await data.DeleteAsync(user, cancellationToken);
        await signIn.SignOutAsync();
        return View("Deleted");
    }

    private ViewResult Page(AppUser user, string? saved, ChangeNameInput? name = null, ChangeEmailInput? email = null,
        ChangePasswordInput? password = null, DeleteAccountInput? delete = null, string? form = null, ChangeLanguageInput? language = null)
    {
        if (form is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("Settings", new SettingsViewModel(user, saved, name ?? new ChangeNameInput { FullName = user.FullName },
            email ?? new ChangeEmailInput(), password ?? new ChangePasswordInput(), delete ?? new DeleteAccountInput(), form,
            language ?? new ChangeLanguageInput { PreferredLanguage = EmailLanguage.Of(user).Name }));
    }

    private string Link(string pathAndQuery) => AccountLinks.Absolute(Request, certificateOptions.Value, pathAndQuery);
}
