using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

public sealed class CertificateService(AppDbContext db, TimeProvider time, IOptions<CertificateOptions> options)
{
    /// <summary>
    /// The one place a certificate is created. Everything it will print is copied from the learner
    /// and the course now, so later edits to either never change an issued certificate. A learner
    /// whose profession the course's credit type does not cover gets a certificate of completion.
    /// Saved by the caller's SaveChanges.
    /// </summary>
    /// <param name="credits">Credits claimed: more than 0 and at most the course's maximum.</param>
    public Certificate Create(AppUser learner, Course course, DateOnly completedOn, decimal credits)
    {
        if (credits <= 0 || credits > course.Info.Credits)
        {
            throw new ArgumentOutOfRangeException(nameof(credits), credits, $"Credits must be more than 0 and at most {course.Info.Credits}.");
        }

        var certificate = new Certificate
        {
            Id = Guid.NewGuid(),
            Code = NewCode(),
            Kind = options.Value.Covers(course.Info.CreditType, learner.Profession) ? CertificateKind.Credit : CertificateKind.Completion,
            UserId = learner.Id,
            RecipientName = learner.FullName,
            Profession = learner.Profession,
            Provider = options.Value.Provider,
            CourseId = course.Id,
            CourseTitle = course.Info.Title,
            Format = CertificateText.For(course.Info.Language).Format,
            ContentVersion = course.ContentVersion,
            Language = course.Info.Language,
            CreditType = course.Info.CreditType,
            Credits = credits,
            CreditDesignation = course.Info.CreditDesignation,
            AccreditationStatement = course.Info.Accreditation,
            CompletedOn = completedOn,
            IssuedAt = time.GetUtcNow(),
            ProviderIdentityId = db.ProviderIdentities.OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefault(),
        };
        db.Certificates.Add(certificate);
        return certificate;
    }

    /// <summary>
    /// The next issue of a certificate with the recipient's name corrected: the same code (so the
    /// verification address is unchanged) and everything else copied. The current issue is marked
    /// superseded. Because only one issue per code may be current, the caller saves the superseded
    /// mark before the new issue (see <c>CertificateAdministration</c>).
    /// </summary>
    public Certificate NextIssue(Certificate current, string recipientName, string note)
    {
        var now = time.GetUtcNow();
        current.SupersededAt = now;
        return new Certificate
        {
            Id = Guid.NewGuid(),
            Code = current.Code,
            Revision = current.Revision + 1,
            Kind = current.Kind,
            UserId = current.UserId,
            RecipientName = recipientName,
            Profession = current.Profession,
            Provider = current.Provider,
            CourseId = current.CourseId,
            CourseTitle = current.CourseTitle,
            Format = current.Format,
            ContentVersion = current.ContentVersion,
            Language = current.Language,
            CreditType = current.CreditType,
            Credits = current.Credits,
            MinutesAttested = current.MinutesAttested,
            MinutesMeasured = current.MinutesMeasured,
            CreditDesignation = current.CreditDesignation,
            AccreditationStatement = current.AccreditationStatement,
            CompletedOn = current.CompletedOn,
            IssuedAt = now,
            IssuedByUserId = current.IssuedByUserId,
            Note = note,
            ReplacesId = current.Id,
            // A correction of the name, not a new signature: the identity stays the one the certificate was issued with.
            ProviderIdentityId = current.ProviderIdentityId,
        };
    }

    /// <summary>128 random bits, URL-safe: unguessable, so the public verification page reveals nothing by enumeration.</summary>
    public static string NewCode() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Codes are 22 base64url characters; anything else cannot exist and is not looked up.</summary>
    public static bool IsWellFormedCode(string code) =>
        code.Length == 22 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The code in what a person typed or pasted: spaces dropped, a verification address read as its last segment.
    /// Null when it cannot be a certificate number.
    /// </summary>
    public static string? TypedCode(string typed)
    {
        if (typed.Length > 2048)
        {
            return null;
        }

        var code = string.Concat(typed.Where(c => !char.IsWhiteSpace(c)));
        var slash = code.LastIndexOf('/');
        if (slash >= 0 && code.Contains("/verify/", StringComparison.OrdinalIgnoreCase))
        {
            code = code[(slash + 1)..];
        }

        return IsWellFormedCode(code) ? code : null;
    }

    /// <summary>The current issue with this code: what the public verification address shows.</summary>
    /// <summary>
    /// Every issue whose credential no longer holds, for the revocation list: revoked issues, and issues a reissue
    /// replaced (each issue has its own credential id, see <c>OpenBadgeCredential.CredentialId</c>).
    /// </summary>
    public Task<List<Certificate>> RevokedAsync(CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().Where(c => c.RevokedAt != null || c.SupersededAt != null)
            .OrderBy(c => c.IssuedAt).ThenBy(c => c.Revision).ToListAsync(cancellationToken);

    public async Task<Certificate?> FindCurrentByCodeAsync(string code, CancellationToken cancellationToken) =>
        IsWellFormedCode(code)
            ? await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.SupersededAt == null, cancellationToken)
            : null;

    /// <summary>
    /// A certificate the user may download: for a learner, the current issue of their own that has
    /// not been revoked; for an administrator, any issue.
    /// </summary>
    public Task<Certificate?> FindForUserAsync(Guid id, string userId, bool isAdmin, CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(
            c => c.Id == id && (isAdmin || (c.UserId == userId && c.SupersededAt == null && c.RevokedAt == null)),
            cancellationToken);

    /// <summary>The learner's certificates (current issues, revoked ones included), newest completion first.</summary>
    public async Task<List<Certificate>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.UserId == userId && c.SupersededAt == null)
            .ToListAsync(cancellationToken);
        return certificates.OrderByDescending(c => c.CompletedOn).ThenBy(c => c.CourseTitle, StringComparer.Ordinal).ToList();
    }

    public static string VerificationUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/verify/{code}";
}
