using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account.Sessions;
using NmosdLearn.Web.Features.Shared;
using QRCoder;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and one-time recovery codes: enrolment and
/// management under the account settings, and the second step of signing in.
/// </summary>
[Route("account")]
public sealed partial class TwoFactorController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SessionGuard sessions,
    SignInAuthority authority,
    AccountThrottle throttle,
    TwoFactorPolicy policy,
    IStringLocalizer<SharedResource> localizer,
    ILogger<TwoFactorController> logger) : Controller
{
    public const int RecoveryCodeCount = 10;

    [Authorize]
    [HttpGet("settings/two-factor")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await PageAsync(user, null, new TwoFactorCodeInput());
    }

    /// <summary>The QR code of the enrolment key, as a PNG from the platform itself (no script, no other site).</summary>
    [Authorize]
    [HttpGet("settings/two-factor/qr.png")]
    public async Task<IActionResult> QrCode()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return NotFound();
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString("NmosdLearn:" + user.Email)}?secret={key}&issuer=NmosdLearn&digits=6";
        using var data = new QRCodeGenerator().CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    [Authorize]
    [HttpPost("settings/two-factor")]
    public async Task<IActionResult> Enable(TwoFactorCodeInput input, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var wait = throttle.TryAcquire(AccountStep.TwoFactor, HttpContext.Connection.RemoteIpAddress?.ToString(), user.Id);
        if (wait > TimeSpan.Zero)
        {
            this.RefuseTooManyAttempts(wait, nameof(input.Code), localizer);
            return await PageAsync(user, null, input);
        }

        var code = Digits(input.Code);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(input.Code), localizer["That code is not right. Check the time on your phone and enter the code the app shows now."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await PageAsync(user, null, input);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        // Turning two-factor on ends every other session; this one continues as signed in with two factors.
        await sessions.EndOtherSessionsAsync(user.Id, User.FindFirst(SessionGuard.SessionClaim)?.Value, cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "mfa")]);
        logger.LogInformation(SecurityEvents.TwoFactorEnabled, "Two-factor enabled for {UserId}", user.Id);
        return await PageAsync(user, recoveryCodes, new TwoFactorCodeInput());
    }

    [Authorize]
    [HttpPost("settings/two-factor/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return Redirect("/account/settings/two-factor");
        }

        if (!await sessions.RecentlyConfirmedAsync(User, cancellationToken))
        {
            return Redirect(ReauthenticationController.PagePath("/account/settings/two-factor"));
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        return await PageAsync(user, codes, new TwoFactorCodeInput());
    }

    /// <summary>
    /// The recovery codes just shown, as a text file to keep. The platform keeps only their hashes, so the page posts back
    /// the codes it shows (a form, which works without script; a data: link is refused by the content security policy);
    /// anything but a list of codes is refused, so no one can make this download carry other text.
    /// </summary>
    [Authorize]
    [HttpPost("settings/two-factor/recovery-codes.txt")]
    public IActionResult DownloadRecoveryCodes(string[]? codes)
    {
        if (codes is not { Length: > 0 and <= RecoveryCodeCount } || !codes.All(RecoveryCodeShape().IsMatch))
        {
            return BadRequest();
        }

        var text = new StringBuilder()
            .AppendLine(localizer["NmosdLearn recovery codes for {0}", User.Identity?.Name ?? ""])
            .AppendLine(localizer["Each code signs you in once if you lose your phone. Keep them somewhere safe; they are not shown again."])
            .AppendLine();
        foreach (var code in codes)
        {
            text.AppendLine(code);
        }

        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            "text/plain; charset=utf-8", "nmosdlearn-recovery-codes.txt");
    }

    /// <summary>Identity's recovery codes: two groups of five letters and digits.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$")]
    private static partial System.Text.RegularExpressions.Regex RecoveryCodeShape();

    [Authorize]
    [HttpPost("settings/two-factor/disable")]
    public async Task<IActionResult> Disable(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // A session left open (or opened by someone else) must not take the second factor away without the secret.
        if (!await sessions.RecentlyConfirmedAsync(User, cancellationToken))
        {
            return Redirect(ReauthenticationController.PagePath("/account/settings/two-factor"));
        }

        if (await policy.IsRequiredAsync(user))
        {
            return Redirect("/account/settings/two-factor");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation(SecurityEvents.TwoFactorDisabled, "Two-factor disabled for {UserId}", user.Id);
        return Redirect("/account/settings?saved=two-factor-off");
    }

    [HttpGet("login/two-factor")]
    public async Task<IActionResult> SignInStep(string? returnUrl) =>
        await authority.PendingSecondFactorAsync() is null
            ? Redirect("/account/login")
            : View("TwoFactorSignIn", new TwoFactorSignInInput { ReturnUrl = returnUrl });

    [HttpPost("login/two-factor")]
    public async Task<IActionResult> SignInStep(TwoFactorSignInInput input)
    {
        var user = await authority.PendingSecondFactorAsync();
        if (user is null)
        {
            return Redirect("/account/login");
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var wait = throttle.TryAcquire(AccountStep.TwoFactor, address, user.Id);
        if (wait > TimeSpan.Zero)
        {
            this.RefuseTooManyAttempts(wait, nameof(input.Code), localizer);
            return View("TwoFactorSignIn", input);
        }

        if (!ModelState.IsValid)
        {
            return View("TwoFactorSignIn", input);
        }

        // Wrong codes are throttled per address and account above; they never lock the account.
        switch (await authority.SecondFactorAsync(input.Code))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(await SignInLanding.ForAsync(Url, input.ReturnUrl, users, user));
            case SignInOutcome.Locked:
                ModelState.AddModelError(nameof(input.Code), localizer["This account is locked. Contact your course provider to have it unlocked."]);
                return View("TwoFactorSignIn", input);
        }

        throttle.RecordFailure(address, user.Email);
        ModelState.AddModelError(nameof(input.Code), localizer["That code is not right. Enter the code your app shows now, or an unused recovery code."]);
        return View("TwoFactorSignIn", input);
    }

    private async Task<ViewResult> PageAsync(AppUser user, IReadOnlyList<string>? newCodes, TwoFactorCodeInput input)
    {
        string? key = null;
        if (!user.TwoFactorEnabled)
        {
            key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
                // A new key changes the security stamp: renew this session's cookie, or the next check would sign it out.
                await signIn.RefreshSignInAsync(user);
            }
        }

        return View("TwoFactor", new TwoFactorViewModel(user.TwoFactorEnabled, await policy.IsRequiredAsync(user), FormatKey(key),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0, newCodes, input));
    }

    /// <summary>Groups of four, as authenticator apps show keys typed by hand.</summary>
    private static string? FormatKey(string? key)
    {
        if (key is null)
        {
            return null;
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }

    private static string Digits(string code) => new(code.Where(char.IsAsciiDigit).ToArray());
}
