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
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : Controller
{
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
        _ => localizer["This account could not be created. Check the details and try again."],
    };

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var result = await signIn.PasswordSignInAsync(input.Email.Trim(), input.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl! : "/courses");
        }

        ModelState.AddModelError(nameof(input.Email), result.IsLockedOut
            ? localizer["Too many failed attempts. Your account is locked for 15 minutes."]
            : localizer["The email address or password is not right"]);
        return View(input);
    }

    [Authorize]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
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
