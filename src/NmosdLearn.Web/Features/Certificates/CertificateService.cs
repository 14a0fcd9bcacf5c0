using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>
    /// The public address printed on certificates and in their QR codes (e.g. https://learn.example.org).
    /// Empty: the address of the request that generates the PDF.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The provider named on certificates.</summary>
    public string Provider { get; set; } = "NmosdLearn";
}

public sealed class CertificateService(AppDbContext db, TimeProvider time)
{
    /// <summary>A new certificate for a learner who has met the course's requirements; saved by the caller's SaveChanges.</summary>
    public Certificate Create(AppUser learner, Course course, DateOnly completedOn, decimal credits)
    {
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(),
            Code = NewCode(),
            UserId = learner.Id,
            RecipientName = learner.FullName,
            Profession = learner.Profession,
            CourseId = course.Id,
            CourseTitle = course.Info.Title,
            ContentVersion = course.ContentVersion,
            Language = course.Info.Language,
            CreditType = course.Info.CreditType,
            Credits = credits,
            CompletedOn = completedOn,
            IssuedAt = time.GetUtcNow(),
        };
        db.Certificates.Add(certificate);
        return certificate;
    }

    /// <summary>128 random bits, URL-safe: unguessable, so the public verification page reveals nothing by enumeration.</summary>
    public static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public Task<Certificate?> FindByCodeAsync(string code, CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);

    /// <summary>A certificate the user may download: their own, or any for an administrator.</summary>
    public Task<Certificate?> FindForUserAsync(Guid id, string userId, bool isAdmin, CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && (isAdmin || c.UserId == userId), cancellationToken);

    public static string VerificationUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/verify/{code}";
}

public static class CertificateSetup
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section);
        services.AddScoped<CertificateService>();
        services.AddSingleton<CertificatePdf>();
        return services;
    }

    public static string PublicBaseUrl(this IOptions<CertificateOptions> options, HttpRequest request) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.Value.PublicBaseUrl;
}
