using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

[Route("account")]
public sealed class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AccountThrottle throttle,
    IPasswordHasher<AppUser> hasher,
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
    public async Task<IActionResult> Register(RegisterInput input)
    {
        if (!string.IsNullOrEmpty(input.Profession) && !Professions.All.Contains(input.Profession))
        {
            ModelState.AddModelError(nameof(input.Profession), localizer["Choose your profession or degree"]);
        }

        if (!ModelState.IsValid)
        {
            return View(input);
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
        };
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
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToAction("Index", "Courses");
    }

    private string IdentityErrorText(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => localizer["An account with this email address already exists. Sign in instead."],
        "PasswordTooShort" => localizer["Your password must be at least 8 characters"],
        "PasswordTooCommon" => error.Description,
        _ => localizer["This account could not be created. Check the details and try again."],
    };

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginInput input)
    {
        var wait = throttle.TryAcquire(AccountStep.SignIn, ClientAddress, input.Email);
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning(SecurityEvents.SignInThrottled, "Sign-in refused for {Email} from {Address}: too many attempts", SecurityEvents.MaskEmail(input.Email), ClientAddress);
            ModelState.AddModelError(nameof(input.Email), TooManyAttempts(wait));
            return TooManyRequests(wait, View(input));
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var email = input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (user is null)
        {
            // The same work as for a real account, so the answer's timing does not tell which emails exist.
            _unknownUserHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new AppUser(), _unknownUserHash, input.Password);
        }
        else
        {
            // Failures are counted per address and account (the throttle), never by locking the account itself.
            result = await signIn.PasswordSignInAsync(user, input.Password, input.RememberMe, lockoutOnFailure: false);
        }

        if (result.Succeeded)
        {
            throttle.RecordSuccess(ClientAddress, email);
            logger.LogInformation(SecurityEvents.SignInSucceeded, "Signed in: {UserId} from {Address}", user!.Id, ClientAddress);
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl! : "/courses");
        }

        throttle.RecordFailure(ClientAddress, email);
        logger.LogWarning(SecurityEvents.SignInFailed, "Sign-in failed for {Email} from {Address}", SecurityEvents.MaskEmail(email), ClientAddress);
        ModelState.AddModelError(nameof(input.Email), localizer["The email address or password is not right"]);
        return View(input);
    }

    private string TooManyAttempts(TimeSpan wait) =>
        localizer["Too many attempts. Wait {0} minutes and try again, or reset your password.", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];

    /// <summary>429 with Retry-After, showing the page it refused with its message.</summary>
    private ActionResult TooManyRequests(TimeSpan wait, ViewResult view)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return view;
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
