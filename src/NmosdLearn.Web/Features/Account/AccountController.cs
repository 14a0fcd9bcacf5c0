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

[Route("account")]
public sealed class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SignInAuthority authority,
    AccountThrottle throttle,
    IPasswordHasher<AppUser> hasher,
    Mailer mailer,
    AccountEmails emails,
    SessionGuard sessions,
    IOptions<CertificateOptions> publicBaseUrl,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    ILogger<AccountController> logger) : Controller
{
    private string? ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>A hash to check unknown emails' passwords against, so that they take as long as known ones.</summary>
    private static string? _unknownUserHash;

    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterInput());

    [HttpPost("register")]
    public async Task<IActionResult> Register(RegisterInput input, CancellationToken cancellationToken)
    {
        var wait = throttle.TryAcquire(AccountStep.Register, ClientAddress, input.Email);
        if (wait > TimeSpan.Zero)
        {
            this.RefuseTooManyAttempts(wait, nameof(input.Email), localizer);
            return View(input);
        }

        if (!string.IsNullOrEmpty(input.Profession) && !Professions.All.Contains(input.Profession))
        {
            ModelState.AddModelError(nameof(input.Profession), localizer["Choose your profession or degree"]);
        }

        var user = new AppUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            FullName = input.FullName.Trim(),
            Profession = input.Profession,
            Specialty = input.Specialty.Trim(),
            Country = input.Country.Trim(),
            LicenceNumber = string.IsNullOrWhiteSpace(input.LicenceNumber) ? null : input.LicenceNumber.Trim(),
            CreatedAt = time.GetUtcNow(),
            // The language of the registration page is the one the person reads: their email comes in it too.
            PreferredLanguage = EmailLanguage.OfInterface(),
        };
        // The password is judged before anything about the address, so its answer cannot tell which addresses have accounts.
        if (ModelState.IsValid)
        {
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, user, input.Password)).Errors)
                {
                    ModelState.AddModelError(nameof(input.Password), IdentityErrorText(error));
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        if (await users.FindByEmailAsync(user.Email) is { } existing)
        {
            // Same answer as a new account, and about the same work (one hash, one email).
            hasher.HashPassword(existing, input.Password);
            logger.LogInformation(SecurityEvents.RegistrationForExistingEmail, "Registration attempted for existing account {UserId} from {Address}", existing.Id, SecurityEvents.MaskAddress(ClientAddress));
            await mailer.SendAsync(emails.RegistrationForExistingAccount(existing, Link("/account/login"), Link("/account/forgot-password")), cancellationToken);
            return RedirectToAction(nameof(CheckEmail), new { purpose = "confirm" });
        }

        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(input.Password) : nameof(input.Email);
                ModelState.AddModelError(field, IdentityErrorText(error));
            }

            return View(input);
        }

        await users.AddToRoleAsync(user, Roles.Clinician);
        logger.LogInformation(SecurityEvents.Registered, "Registered {UserId} from {Address}", user.Id, SecurityEvents.MaskAddress(ClientAddress));
        await SendConfirmationAsync(user, cancellationToken);
        return RedirectToAction(nameof(CheckEmail), new { purpose = "confirm" });
    }

    internal async Task SendConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = Link($"/account/confirm?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}");
        await mailer.SendAsync(emails.ConfirmAddress(user, link), cancellationToken);
    }

    private string Link(string pathAndQuery) => AccountLinks.Absolute(Request, publicBaseUrl.Value, pathAndQuery);

    /// <summary>After registering or asking for a reset: the same page, whatever the address.</summary>
    [HttpGet("check-email")]
    public IActionResult CheckEmail(string? purpose) => View("CheckEmail", purpose == "reset" ? "reset" : "confirm");

    [HttpGet("confirm")]
    public async Task<IActionResult> Confirm([FromQuery(Name = "user")] string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || code is null || !(await users.ConfirmEmailAsync(user, code)).Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("LinkExpired");
        }

        // The link proves the address, not the person: it never signs in (nor replaces whoever is signed in here).
        logger.LogInformation(SecurityEvents.EmailConfirmed, "Email confirmed for {UserId}", user.Id);
        return View("Confirmed", User.UserId() == user.Id);
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordInput());

    [HttpPost("forgot-password")]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordInput input, CancellationToken cancellationToken)
    {
        var wait = throttle.TryAcquire(AccountStep.PasswordReset, ClientAddress, input.Email);
        if (wait > TimeSpan.Zero)
        {
            this.RefuseTooManyAttempts(wait, nameof(input.Email), localizer);
            return View(input);
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        // One email either way, so the answer and its timing are the same for every address.
        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is { } user)
        {
            var code = await users.GeneratePasswordResetTokenAsync(user);
            var link = Link($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}");
            await mailer.SendAsync(emails.ResetPassword(user, link), cancellationToken);
            logger.LogInformation(SecurityEvents.PasswordResetRequested, "Password reset requested for {UserId} from {Address}", user.Id, SecurityEvents.MaskAddress(ClientAddress));
        }
        else
        {
            await mailer.SendAsync(emails.ResetForUnknownAddress(email, Link("/account/register")), cancellationToken);
            logger.LogInformation(SecurityEvents.PasswordResetRequested, "Password reset requested for unknown {Email} from {Address}", SecurityEvents.MaskEmail(email), SecurityEvents.MaskAddress(ClientAddress));
        }

        return RedirectToAction(nameof(CheckEmail), new { purpose = "reset" });
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword([FromQuery(Name = "user")] string? userId, string? code) =>
        userId is null || code is null ? View("LinkExpired") : View(new ResetPasswordInput { UserId = userId, Code = code });

    [HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(ResetPasswordInput input, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(input.UserId);
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, input.Code))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("LinkExpired");
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var result = await users.ResetPasswordAsync(user, input.Code, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(input.NewPassword), IdentityErrorText(error));
            }

            return View(input);
        }

        // A reset ends every session an attacker may hold and lifts the guessing limits of this address; it never
        // signs in and never lifts an administrator's lock (the sign-in that follows goes through the authority).
        await sessions.EndAllSessionsAsync(user.Id, cancellationToken);
        throttle.RecordSuccess(ClientAddress, user.Email);
        logger.LogInformation(SecurityEvents.PasswordReset, "Password reset for {UserId} from {Address}", user.Id, SecurityEvents.MaskAddress(ClientAddress));
        return RedirectToAction(nameof(Login), new { reset = true });
    }

    private string IdentityErrorText(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => localizer["Your password must be at least 8 characters"],
        "PasswordTooCommon" => error.Description,
        _ => localizer["This account could not be created. Check the details and try again."],
    };

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl, bool reset) => View(new LoginInput { ReturnUrl = returnUrl, AfterReset = reset });

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginInput input)
    {
        var wait = throttle.TryAcquire(AccountStep.SignIn, ClientAddress, input.Email);
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning(SecurityEvents.SignInThrottled, "Sign-in refused for {Email} from {Address}: too many attempts", SecurityEvents.MaskEmail(input.Email), SecurityEvents.MaskAddress(ClientAddress));
            this.RefuseTooManyAttempts(wait, nameof(input.Email), localizer);
            return View(input);
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var email = input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var outcome = SignInOutcome.Failed;
        if (user is null)
        {
            // The same work as for a real account, so the answer's timing does not tell which emails exist.
            _unknownUserHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new AppUser(), _unknownUserHash, input.Password);
        }
        else
        {
            // Failures are counted per address and account (the throttle), never by locking the account itself.
            outcome = await authority.PasswordAsync(user, input.Password, input.RememberMe);
        }

        switch (outcome)
        {
            case SignInOutcome.SecondFactorNeeded:
                // The password was right: the second step decides, with its own limits.
                throttle.RecordSuccess(ClientAddress, email);
                return RedirectToAction("SignInStep", "TwoFactor", new { returnUrl = input.ReturnUrl });
            case SignInOutcome.SignedIn:
                throttle.RecordSuccess(ClientAddress, email);
                return LocalRedirect(await SignInLanding.ForAsync(Url, input.ReturnUrl, users, user!));
            case SignInOutcome.Locked:
                // Only after the right password, so the answer tells a guesser nothing.
                throttle.RecordSuccess(ClientAddress, email);
                ModelState.AddModelError(nameof(input.Email), localizer["This account is locked. Contact your course provider to have it unlocked."]);
                return View(input);
        }

        throttle.RecordFailure(ClientAddress, email);
        logger.LogWarning(SecurityEvents.SignInFailed, "Sign-in failed for {Email} from {Address}", SecurityEvents.MaskEmail(email), SecurityEvents.MaskAddress(ClientAddress));
        ModelState.AddModelError(nameof(input.Email), localizer["The email address or password is not right"]);
        return View(input);
    }

    [Authorize]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        logger.LogInformation(SecurityEvents.SignedOut, "Signed out: {UserId}", User.UserId());
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
