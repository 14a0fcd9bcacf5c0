using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Tokens for the links in account emails: protected (signed and encrypted) with the user's id, the purpose,
/// the user's security stamp, the state the link changes and the time of issue. A link expires after its lifespan
/// by the platform's clock, and dies at first use: a reset or change of address changes the security stamp, and a
/// confirmation changes the confirmed state (which does not touch the stamp, so the token carries it too).
/// </summary>
public class LinkTokenProvider(IDataProtectionProvider protection, TimeProvider time, TimeSpan lifespan) : IUserTwoFactorTokenProvider<AppUser>
{
    private readonly IDataProtector _protector = protection.CreateProtector("NmosdLearn.AccountLinks");

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var payload = string.Join('\n', user.Id, purpose, stamp + State(purpose, user), time.GetUtcNow().ToUnixTimeSeconds());
        return Convert.ToBase64String(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(token))).Split('\n');
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[3], out var issued))
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return parts[0] == user.Id && parts[1] == purpose && age >= TimeSpan.Zero && age <= lifespan
            && parts[2] == await manager.GetSecurityStampAsync(user) + State(purpose, user);
    }

    private static string State(string purpose, AppUser user) =>
        purpose == UserManager<AppUser>.ConfirmEmailTokenPurpose ? (user.EmailConfirmed ? ":confirmed" : ":unconfirmed") : "";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);
}

/// <summary>Password-reset links: one hour.</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, TimeProvider time)
    : LinkTokenProvider(protection, time, TimeSpan.FromHours(1))
{
    public const string Name = "PasswordResetLink";
}

/// <summary>Email confirmation and change-of-email links: one day (they only prove the address; they never sign in).</summary>
public sealed class EmailLinkTokenProvider(IDataProtectionProvider protection, TimeProvider time)
    : LinkTokenProvider(protection, time, Lifetime)
{
    public const string Name = "EmailLink";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
}
