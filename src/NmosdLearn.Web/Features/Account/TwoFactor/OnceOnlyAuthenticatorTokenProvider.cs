using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: HMAC-SHA1, six digits, 30-second steps), registered under Identity's own
/// name so that every place a code is checked (the sign-in step, enrolment, anything asking <c>VerifyTwoFactorTokenAsync</c>)
/// uses it. Unlike Identity's provider, each step is accepted once per user: a code seen over a shoulder or sent twice
/// is refused, as is any code older than the last one accepted (RFC 6238 section 5.2).
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(IUserStore<AppUser> store, TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    private const int StepSeconds = 30;

    /// <summary>Steps either side of now still accepted, as Identity's provider did: phones whose clocks are a little off.</summary>
    private const int ClockDriftSteps = 2;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        // The app makes the codes; the platform never sends one.
        Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key || Base32Decode(key) is not { } secret)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now - ClockDriftSteps; step <= now + ClockDriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                var users = store as AppUserStore ?? throw new InvalidOperationException("The user store must be AppUserStore.");
                return await users.TryUseAuthenticatorStepAsync(user, step, CancellationToken.None);
            }
        }

        return false;
    }

    /// <summary>HOTP (RFC 4226) of the step: HMAC-SHA1 of the step number, dynamically truncated to six digits.</summary>
    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as Identity writes authenticator keys; null when the text is not base32.</summary>
    private static byte[]? Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var input = text.TrimEnd('=').ToUpperInvariant();
        var output = new byte[input.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in input)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = ((buffer << 5) | value) & 0xffff;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[index++] = (byte)(buffer >> bits);
            }
        }

        return output;
    }
}
