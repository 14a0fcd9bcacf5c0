using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Certificates;

public sealed record VerificationViewModel(Certificate? Certificate, string Code, string CredentialUrl);

public sealed record MyCertificatesViewModel(IReadOnlyList<Certificate> Certificates);

public sealed class CertificatesController(
    CertificateService certificates,
    CertificatePdfCache pdfs,
    TranscriptPdf transcript,
    OpenBadgeCredential credentials,
    CredentialSigner signer,
    UserManager<AppUser> users,
    TimeProvider time,
    Courses.CourseCatalogService catalog,
    IOptions<CertificateOptions> options) : Controller
{
    [Authorize]
    [HttpGet("certificates/{id:guid}/pdf")]
    public async Task<IActionResult> Download(Guid id, CancellationToken cancellationToken)
    {
        // Someone else's certificate answers 404, exactly like one that does not exist.
        var certificate = await certificates.FindForUserAsync(id, User.UserId()!, User.IsInRole(Roles.Admin), cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var url = CertificateService.VerificationUrl(options.PublicBaseUrl(Request), certificate.Code);
        var bytes = await pdfs.GetAsync(certificate, url, cancellationToken);
        var issue = certificate.Revision > 1 ? $"-issue-{certificate.Revision}" : "";
        return File(bytes, "application/pdf", $"certificate-{certificate.CourseId}-{certificate.CompletedOn:yyyy-MM-dd}{issue}.pdf");
    }

    [Authorize]
    [HttpGet("my/certificates")]
    public async Task<IActionResult> Mine(CancellationToken cancellationToken) =>
        View("Mine", new MyCertificatesViewModel(await certificates.ListForUserAsync(User.UserId()!, cancellationToken)));

    [Authorize]
    [HttpGet("my/transcript.pdf")]
    public async Task<IActionResult> Transcript(CancellationToken cancellationToken)
    {
        var learner = await users.GetUserAsync(User);
        if (learner is null)
        {
            return NotFound();
        }

        var own = await certificates.ListForUserAsync(learner.Id, cancellationToken);
        var language = CultureInfo.CurrentUICulture.Name == "zh-CN" ? "zh-CN" : "en";
        var bytes = transcript.Render(
            new TranscriptLearner(learner.FullName, learner.Profession), own, options.Value.Provider, time.GetUtcNow(),
            options.PublicBaseUrl(Request), language);
        return File(bytes, "application/pdf", "transcript.pdf");
    }

    [AllowAnonymous]
    [EnableRateLimiting(CertificateSetup.VerificationPolicy)]
    [HttpGet("verify/{code}")]
    public async Task<IActionResult> Verify(string code, CancellationToken cancellationToken)
    {
        var certificate = await certificates.FindCurrentByCodeAsync(code, cancellationToken);
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View("Verify", new VerificationViewModel(certificate, code, $"/verify/{code}.json"));
    }

    /// <summary>The Open Badges 3.0 credential of the certificate as JSON, for people; see <see cref="OpenBadgeCredential"/>.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(CertificateSetup.VerificationPolicy)]
    [HttpGet("verify/{code}.json")]
    public async Task<IActionResult> Credential(string code, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (await CredentialAsync(code, cancellationToken) is not { } credential)
        {
            return NotFound(new { status = "not-found" });
        }

        return Content(credential.ToJsonString(OpenBadgeCredential.JsonOptions), "application/vc+ld+json; charset=utf-8");
    }

    /// <summary>The credential as a compact JWS (VC-JWT): what a verifier checks. Open Badges 3.0 asks for text/plain.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(CertificateSetup.VerificationPolicy)]
    [HttpGet("verify/{code}.jwt")]
    public async Task<IActionResult> CredentialJwt(string code, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (await CredentialAsync(code, cancellationToken) is not { } credential)
        {
            return NotFound();
        }

        return Content(signer.Sign(OpenBadgeCredential.WithJwtClaims(credential), options.PublicBaseUrl(Request)), "text/plain; charset=utf-8");
    }

    /// <summary>The issuer profile, at the issuer id every credential names.</summary>
    [AllowAnonymous]
    [HttpGet(OpenBadgeCredential.IssuerPath)]
    public IActionResult Issuer() =>
        Content(OpenBadgeCredential.Issuer(options.PublicBaseUrl(Request).TrimEnd('/'), options.Value.Provider).ToJsonString(OpenBadgeCredential.JsonOptions), "application/json");

    /// <summary>The JSON-LD context of the platform's own credential terms.</summary>
    [AllowAnonymous]
    [HttpGet(OpenBadgeCredential.ContextPath)]
    public IActionResult CredentialContext()
    {
        Response.Headers.CacheControl = "public, max-age=86400";
        return Content(OpenBadgeCredential.Context(options.PublicBaseUrl(Request).TrimEnd('/')).ToJsonString(OpenBadgeCredential.JsonOptions), "application/ld+json");
    }

    /// <summary>The 1EdTech revocation list every credential's status points to: JSON, or signed at the same address with ".jwt".</summary>
    [AllowAnonymous]
    [EnableRateLimiting(CertificateSetup.VerificationPolicy)]
    [HttpGet(OpenBadgeCredential.RevocationListPath)]
    [HttpGet(OpenBadgeCredential.RevocationListPath + ".jwt")]
    public async Task<IActionResult> RevocationList(CancellationToken cancellationToken)
    {
        var root = options.PublicBaseUrl(Request).TrimEnd('/');
        var list = OpenBadgeCredential.RevocationList(root, options.Value.Provider, await certificates.RevokedAsync(cancellationToken), time.GetUtcNow());
        Response.Headers.CacheControl = "no-cache";
        return Request.Path.Value!.EndsWith(".jwt", StringComparison.Ordinal)
            ? Content(credentials.SignedRevocationList(list, root), "text/plain; charset=utf-8")
            : Content(list.ToJsonString(OpenBadgeCredential.JsonOptions), "application/json; charset=utf-8");
    }

    /// <summary>The image of a course's achievement, drawn by the platform.</summary>
    [AllowAnonymous]
    [HttpGet("courses/{courseId}/badge.svg")]
    public IActionResult Badge(string courseId)
    {
        if (catalog.Find(courseId) is not { } course)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=86400";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Content(BadgeImage.Svg(course.Info.Title, options.Value.Provider), "image/svg+xml");
    }

    private async Task<System.Text.Json.Nodes.JsonObject?> CredentialAsync(string code, CancellationToken cancellationToken)
    {
        if (await certificates.FindCurrentByCodeAsync(code, cancellationToken) is not { } certificate)
        {
            return null;
        }

        var email = (await users.FindByIdAsync(certificate.UserId))?.Email ?? "";
        var available = catalog.Find(certificate.CourseId)?.Info.Credits ?? certificate.Credits;
        return OpenBadgeCredential.Credential(certificate, email, available, options.PublicBaseUrl(Request));
    }

    /// <summary>The public keys that verify signed credentials, at a fixed address.</summary>
    [AllowAnonymous]
    [HttpGet(CredentialSigner.JwksPath)]
    public IActionResult Jwks()
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(signer.Jwks(options.PublicBaseUrl(Request)).ToJsonString(), "application/jwk-set+json");
    }
}
