using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Admin;

namespace NmosdLearn.Web.Features.Certificates.Identity;

/// <summary>What an administrator submits: the signatory's text, and files only where a new one was chosen.</summary>
public sealed record IdentityChange(
    string? SignatoryName, string? SignatoryTitle, byte[]? Logo, string? LogoContentType, bool RemoveLogo, byte[]? Signature, bool RemoveSignature);

/// <summary>What a certificate prints of the identity it was issued with.</summary>
public sealed record PrintedIdentity(int Id, byte[]? LogoPng, string? SignatoryName, string? SignatoryTitle, byte[]? SignaturePng)
{
    public static PrintedIdentity Of(ProviderIdentity identity) => new(
        identity.Id, identity.LogoContentType == IdentityImages.Png ? identity.Logo : null, identity.SignatoryName, identity.SignatoryTitle, identity.Signature);
}

/// <summary>
/// The provider's identity versions: the current one (the highest id), any one by id (cached for ever: a version never
/// changes), and saving a new one with its audit entry in the same commit.
/// </summary>
public sealed class ProviderIdentityStore(AppDbContext db, IMemoryCache cache, TimeProvider time)
{
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public Task<ProviderIdentity?> CurrentAsync(CancellationToken cancellationToken) =>
        db.ProviderIdentities.AsNoTracking().OrderByDescending(i => i.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<ProviderIdentity?> FindAsync(int id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("provider-identity", id), out ProviderIdentity? identity))
        {
            return identity;
        }

        identity = await db.ProviderIdentities.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (identity is not null)
        {
            cache.Set(("provider-identity", id), identity, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return identity;
    }

    /// <summary>What the certificate prints: the identity it was issued with, or nothing for one issued before there was any.</summary>
    public async Task<PrintedIdentity?> ForCertificateAsync(Certificate certificate, CancellationToken cancellationToken) =>
        certificate.ProviderIdentityId is { } id && await FindAsync(id, cancellationToken) is { } identity ? PrintedIdentity.Of(identity) : null;

    /// <summary>Saves the change as a new version (files not chosen again are kept) and audits it with what changed.</summary>
    public async Task<ProviderIdentity> SaveAsync(IdentityChange change, AdminActor actor, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var next = new ProviderIdentity
        {
            SavedAt = time.GetUtcNow(),
            SavedByUserId = actor.UserId,
            Logo = change.Logo ?? (change.RemoveLogo ? null : current?.Logo),
            LogoContentType = change.Logo is not null ? change.LogoContentType : change.RemoveLogo ? null : current?.LogoContentType,
            SignatoryName = Empty(change.SignatoryName),
            SignatoryTitle = Empty(change.SignatoryTitle),
            Signature = change.Signature ?? (change.RemoveSignature ? null : current?.Signature),
        };
        db.ProviderIdentities.Add(next);
        db.AuditEntries.Add(new AuditEntry
        {
            At = next.SavedAt,
            UserId = actor.UserId,
            UserEmail = actor.Email,
            Action = AuditActions.ProviderIdentity,
            BeforeJson = current is null ? null : Snapshot(current),
            AfterJson = Snapshot(next),
        });
        await db.SaveChangesAsync(cancellationToken);
        ProviderBranding.Forget(cache);
        return next;
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Files by type, size and hash: enough to tell which file was used, without the bytes in the log.</summary>
    private static string Snapshot(ProviderIdentity identity) => JsonSerializer.Serialize(new
    {
        logo = identity.Logo is { } logo ? new { type = identity.LogoContentType, bytes = logo.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(logo)) } : null,
        signatoryName = identity.SignatoryName,
        signatoryTitle = identity.SignatoryTitle,
        signature = identity.Signature is { } signature ? new { bytes = signature.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(signature)) } : null,
    }, AuditJson);
}

/// <summary>
/// The current logo for the layout of every page, read from the database at most every few seconds: several instances
/// share the database, so another instance's change appears within <see cref="RefreshSeconds"/>, this instance's at once.
/// </summary>
public sealed class ProviderBranding(IMemoryCache cache, IServiceScopeFactory scopes, ILogger<ProviderBranding> logger)
{
    public const int RefreshSeconds = 10;

    private const string Key = "provider-branding";

    /// <summary>The logo's address, or null when the provider has none.</summary>
    public sealed record Brand(string? LogoUrl);

    public async Task<Brand> CurrentAsync()
    {
        if (cache.TryGetValue(Key, out Brand? brand))
        {
            return brand!;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var current = await db.ProviderIdentities.AsNoTracking().OrderByDescending(i => i.Id)
                .Select(i => new { i.Id, HasLogo = i.Logo != null }).FirstOrDefaultAsync();
            brand = new Brand(current is { HasLogo: true } ? $"/provider/logo/{current.Id}" : null);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Every page's layout asks, the error pages' too: a database that does not answer costs the logo, not the page.
            logger.LogWarning(exception, "The provider's logo could not be read; pages show none for {Seconds} s", RefreshSeconds);
            brand = new Brand(null);
        }

        cache.Set(Key, brand, TimeSpan.FromSeconds(RefreshSeconds));
        return brand;
    }

    internal static void Forget(IMemoryCache cache) => cache.Remove(Key);
}
