using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>What a sign-in step came to.</summary>
public enum SignInOutcome
{
    SignedIn,
    SecondFactorNeeded,
    Locked,
    Failed,
}

/// <summary>
/// The one place that signs anyone in, whatever the path (password, second factor, recovery code, LTI hand-off):
/// it refuses an account an administrator locked (or deleted), asks for the second factor whenever it is on, starts
/// the session (the cookie events hand it to <see cref="Sessions.SessionGuard"/>) and logs the outcome. Links that
/// only prove an email address (confirmation, reset, change of address) never sign in.
/// Identity's lockout is never used: wrong passwords and codes are throttled per address and account instead.
/// </summary>
public sealed class SignInAuthority(UserManager<AppUser> users, SignInManager<AppUser> signIn, ILogger<SignInAuthority> logger)
{
    private const string RememberClaim = "nmosdlearn:remember";

    private HttpContext Http => signIn.Context;

    private string? Address => SecurityEvents.MaskAddress(Http.Connection.RemoteIpAddress?.ToString());

    /// <summary>An administrator's lock (or a deleted account): the only state that keeps a person out for good.</summary>
    public static bool IsLocked(AppUser user) => user.LockedAt is not null || user.DeletedAt is not null;

    /// <summary>The first step with a password. A wrong password is <see cref="SignInOutcome.Failed"/> whatever the lock, so a guesser learns nothing.</summary>
    public async Task<SignInOutcome> PasswordAsync(AppUser user, string password, bool remember)
    {
        if (user.DeletedAt is not null || !await users.CheckPasswordAsync(user, password))
        {
            return SignInOutcome.Failed;
        }

        return await ContinueAsync(user, remember, "pwd");
    }

    /// <summary>A launch or link that has already proved who the person is: the same lock and second-factor checks as a password.</summary>
    public Task<SignInOutcome> VouchedAsync(AppUser user, string method) => ContinueAsync(user, remember: false, method);

    /// <summary>The person who passed the first step and must now give a code, or null.</summary>
    public Task<AppUser?> PendingSecondFactorAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>
    /// The second step: an authenticator code or a recovery code. Checked with Identity's token and recovery-code
    /// APIs directly, not SignInManager's two-factor sign-in, which counts failures toward Identity's account lockout.
    /// </summary>
    public async Task<SignInOutcome> SecondFactorAsync(string code)
    {
        var pending = await Http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var user = await PendingSecondFactorAsync();
        if (user is null)
        {
            return SignInOutcome.Failed;
        }

        if (IsLocked(user))
        {
            await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return Refuse(user, "second factor");
        }

        var compact = code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var isAppCode = compact.Length == 6 && compact.All(char.IsAsciiDigit);
        var accepted = isAppCode
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, compact)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, compact)).Succeeded;
        if (!accepted)
        {
            logger.LogWarning(SecurityEvents.SignInFailed, "Second factor refused for {UserId} from {Address}", user.Id, Address);
            return SignInOutcome.Failed;
        }

        if (!isAppCode)
        {
            logger.LogWarning(SecurityEvents.RecoveryCodeUsed, "Recovery code used by {UserId}; {Left} left", user.Id, await users.CountRecoveryCodesAsync(user));
        }

        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        var remember = pending.Principal?.FindFirst(RememberClaim)?.Value == "true";
        await StartSessionAsync(user, remember, "mfa");
        return SignInOutcome.SignedIn;
    }

    private async Task<SignInOutcome> ContinueAsync(AppUser user, bool remember, string method)
    {
        if (IsLocked(user))
        {
            return Refuse(user, method);
        }

        if (user.TwoFactorEnabled)
        {
            // The same short-lived cookie Identity uses between the two steps, so GetTwoFactorAuthenticationUserAsync reads it.
            var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
            identity.AddClaim(new Claim(RememberClaim, remember ? "true" : "false"));
            await Http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
            return SignInOutcome.SecondFactorNeeded;
        }

        await StartSessionAsync(user, remember, method);
        return SignInOutcome.SignedIn;
    }

    private async Task StartSessionAsync(AppUser user, bool remember, string method)
    {
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = remember }, [new Claim("amr", method)]);
        logger.LogInformation(SecurityEvents.SignInSucceeded, "Signed in ({Method}): {UserId} from {Address}", method, user.Id, Address);
    }

    private SignInOutcome Refuse(AppUser user, string method)
    {
        logger.LogWarning(SecurityEvents.SignInLocked, "Sign-in ({Method}) refused for {UserId} from {Address}: locked by an administrator", method, user.Id, Address);
        return SignInOutcome.Locked;
    }

    /// <summary>Whether this sign-in proved the person's secret (password or code), which counts as a recent confirmation.</summary>
    public static bool ProvedSecret(ClaimsPrincipal principal) => principal.HasClaim("amr", "pwd") || principal.HasClaim("amr", "mfa");
}
