using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Identity's Entity Framework store, keeping the two-factor secrets so that a copy of the database alone does not give
/// them away: authenticator keys encrypted with the key ring (whose keys the database holds only encrypted with the
/// key-ring certificate), recovery codes hashed. Values an earlier version stored in plain text are rewritten at start
/// (<see cref="ProtectPlainSecretsAsync(IServiceProvider)"/>) and still read until then.
/// </summary>
public sealed class AppUserStore(AppDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    /// <summary>Identity's login-provider name for the two-factor rows it keeps.</summary>
    private const string IdentityTokens = "[AspNetUserStore]";

    private const string AuthenticatorKeyName = "AuthenticatorKey";

    private const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>Marks an authenticator key encrypted by this store; Identity's own keys are base32, which has no colon.</summary>
    private const string ProtectedKeyPrefix = "protected:";

    /// <summary>Marks recovery codes hashed by this store (PBKDF2-HMAC-SHA256); Identity's plain codes have no colon.</summary>
    private const string HashedCodesPrefix = "pbkdf2-sha256:";

    /// <summary>
    /// Identity's codes are ten random characters from 26 (about 47 bits): too few for one fast hash, which a graphics card
    /// would undo in hours. 20,000 PBKDF2 rounds make that years per account for about 13 ms a code (a 2-core server
    /// under load); the salt is per user, so nothing is shared between accounts.
    /// </summary>
    private const int RecoveryCodeIterations = 20_000;

    private readonly IDataProtector _authenticatorKeys = protection.CreateProtector("NmosdLearn.AuthenticatorKeys");

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, ProtectedKeyPrefix + _authenticatorKeys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        if (stored is null || !stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            return _authenticatorKeys.Unprotect(stored[ProtectedKeyPrefix.Length..]);
        }
        catch (CryptographicException)
        {
            // The key ring lost the key that encrypted it (restored with another certificate): no code can match, and
            // the person signs in with a recovery code (docs/deployment.md, Restore).
            return null;
        }
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, IdentityTokens, RecoveryCodesName, HashCodes(recoveryCodes), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityTokens, RecoveryCodesName, cancellationToken) ?? "";
        var codes = stored.StartsWith(HashedCodesPrefix, StringComparison.Ordinal) ? HashedCodes.Read(stored) : HashedCodes.Of(stored.Split(';', StringSplitOptions.RemoveEmptyEntries));
        if (!codes.TryRemove(code))
        {
            return false;
        }

        await SetTokenAsync(user, IdentityTokens, RecoveryCodesName, codes.Write(), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityTokens, RecoveryCodesName, cancellationToken) ?? "";
        return stored.StartsWith(HashedCodesPrefix, StringComparison.Ordinal)
            ? HashedCodes.Read(stored).Count
            : stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>
    /// Rewrites the two-factor secrets an earlier version stored in plain text: authenticator keys encrypted, recovery
    /// codes hashed. Run at every start; after the first one after an upgrade it finds nothing.
    /// </summary>
    public static async Task ProtectPlainSecretsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var store = (AppUserStore)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        var plain = await store.Context.UserTokens
            .Where(t => t.LoginProvider == IdentityTokens && t.Value != null
                && ((t.Name == AuthenticatorKeyName && !t.Value.StartsWith(ProtectedKeyPrefix))
                    || (t.Name == RecoveryCodesName && !t.Value.StartsWith(HashedCodesPrefix))))
            .ToListAsync();
        foreach (var token in plain)
        {
            token.Value = token.Name == AuthenticatorKeyName
                ? ProtectedKeyPrefix + store._authenticatorKeys.Protect(token.Value!)
                : HashCodes(token.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries));
        }

        if (plain.Count > 0)
        {
            await store.Context.SaveChangesAsync();
        }
    }

    /// <summary>The login-provider name of the platform's own token rows (Identity's are under "[AspNetUserStore]").</summary>
    private const string PlatformTokens = "[NmosdLearn]";

    private const string LastAuthenticatorStep = "AuthenticatorLastStep";

    /// <summary>
    /// Records that the user's authenticator code of this time step was used. False when this step or a later one was
    /// used before: the code is spent. One statement decides, so two requests with the same code cannot both pass.
    /// </summary>
    public async Task<bool> TryUseAuthenticatorStepAsync(AppUser user, long step, CancellationToken cancellationToken)
    {
        // Fixed width, so that comparing the text compares the numbers on both databases.
        var value = step.ToString("D20", CultureInfo.InvariantCulture);
        var first = await Context.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"AspNetUserTokens\" (\"UserId\", \"LoginProvider\", \"Name\", \"Value\") VALUES ({user.Id}, {PlatformTokens}, {LastAuthenticatorStep}, {value}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return first == 1 || await Context.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == PlatformTokens && t.Name == LastAuthenticatorStep && string.Compare(t.Value, value) < 0)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, value), cancellationToken) == 1;
    }

    private static string HashCodes(IEnumerable<string> codes) => HashedCodes.Of(codes).Write();

    /// <summary>Unused recovery codes as stored: <c>pbkdf2-sha256:ITERATIONS:SALT:HASH,HASH,...</c> (base64).</summary>
    private sealed class HashedCodes(int iterations, byte[] salt, List<byte[]> hashes)
    {
        public int Count => hashes.Count;

        public static HashedCodes Of(IEnumerable<string> codes)
        {
            var salt = RandomNumberGenerator.GetBytes(16);
            return new HashedCodes(RecoveryCodeIterations, salt, codes.Select(code => Hash(code, salt, RecoveryCodeIterations)).ToList());
        }

        public static HashedCodes Read(string stored)
        {
            var parts = stored[HashedCodesPrefix.Length..].Split(':');
            return new HashedCodes(int.Parse(parts[0], CultureInfo.InvariantCulture), Convert.FromBase64String(parts[1]),
                parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromBase64String).ToList());
        }

        /// <summary>Removes the code if it is one of the unused ones; one hash, compared with each in constant time.</summary>
        public bool TryRemove(string code)
        {
            var given = Hash(code, salt, iterations);
            var match = hashes.FindIndex(hash => CryptographicOperations.FixedTimeEquals(hash, given));
            if (match >= 0)
            {
                hashes.RemoveAt(match);
            }

            return match >= 0;
        }

        public string Write() =>
            $"{HashedCodesPrefix}{iterations.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(salt)}:{string.Join(',', hashes.Select(Convert.ToBase64String))}";

        /// <summary>Codes are made in capitals; spaces and case a person adds do not matter.</summary>
        private static byte[] Hash(string code, byte[] salt, int iterations) =>
            Rfc2898DeriveBytes.Pbkdf2(code.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant(), salt, iterations, HashAlgorithmName.SHA256, 32);
    }
}
