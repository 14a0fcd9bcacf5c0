using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>The verification page: the certificate looked up (if any), and the typed-number form.</summary>
/// <param name="Code">The code looked up, or null when the page only shows the form.</param>
public sealed record VerificationViewModel(Certificate? Certificate, string? Code)
{
    /// <summary>The signed credential (VC-JWT): what a verifier or a wallet checks.</summary>
    public string SignedCredentialUrl => $"/verify/{Code}.jwt";

    /// <summary>The same credential as JSON without its signature, for people to read.</summary>
    public string ReadableCredentialUrl => $"/verify/{Code}.json";
}

/// <summary>A learner's certificate with the address of its signed credential, which a wallet fetches.</summary>
public sealed record MyCertificate(Certificate Certificate, string WalletUrl);

public sealed record MyCertificatesViewModel(IReadOnlyList<MyCertificate> Certificates);

public sealed class CertificatesController(
    CertificateService certificates,
    CertificatePdfCache pdfs,
    Identity.ProviderIdentityStore identities,
    TranscriptPdf transcript,
    OpenBadgeCredential credentials,
    CredentialSigner signer,
    UserManager<AppUser> users,
    TimeProvider time,
    Courses.CourseCatalogService catalog,
    Microsoft.Extensions.Localization.IStringLocalizer<Shared.SharedResource> localizer,
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
        var bytes = await pdfs.GetAsync(certificate, await identities.ForCertificateAsync(certificate, cancellationToken), url, cancellationToken);
        var issue = certificate.Revision > 1 ? $"-issue-{certificate.Revision}" : "";
        return File(bytes, "application/pdf", $"certificate-{certificate.CourseId}-{certificate.CompletedOn:yyyy-MM-dd}{issue}.pdf");
    }

    /// <summary>The learner's own signed credential as a file, for a wallet that imports one rather than fetching it.</summary>
    [Authorize]
    [HttpGet("certificates/{id:guid}/credential.jwt")]
    public async Task<IActionResult> DownloadCredential(Guid id, CancellationToken cancellationToken)
    {
        // A learner's own current issue, as for the PDF; an administrator may fetch it from the public address.
        var certificate = await certificates.FindForUserAsync(id, User.UserId()!, isAdmin: false, cancellationToken);
        if (certificate is null || await CredentialAsync(certificate.Code, cancellationToken) is not { } credential)
        {
            return NotFound();
        }

        var jwt = signer.Sign(OpenBadgeCredential.WithJwtClaims(credential), options.PublicBaseUrl(Request));
        return File(System.Text.Encoding.UTF8.GetBytes(jwt), "text/plain", $"credential-{certificate.CourseId}-{certificate.CompletedOn:yyyy-MM-dd}.jwt");
    }

    [Authorize]
    [HttpGet("my/certificates")]
    public async Task<IActionResult> Mine(CancellationToken cancellationToken)
    {
        var root = options.PublicBaseUrl(Request).TrimEnd('/');
        var own = await certificates.ListForUserAsync(User.UserId()!, cancellationToken);
        return View("Mine", new MyCertificatesViewModel([.. own.Select(c => new MyCertificate(c, $"{root}/verify/{c.Code}.jwt"))]));
    }

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

        return View("Verify", new VerificationViewModel(certificate, code));
    }

    /// <summary>
    /// The certificate number typed by hand (from a printed certificate without a QR reader). Spaces are dropped and a
    /// pasted verification address is read as its code; anything that cannot be a code is refused with a message,
    /// never looked up.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(CertificateSetup.VerificationPolicy)]
    [HttpGet("verify")]
    public async Task<IActionResult> Lookup([FromQuery] string? code, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        // An empty field binds as null: only a page opened without the form's field shows no error.
        if (code is null && !Request.Query.ContainsKey("code"))
        {
            return View("Verify", new VerificationViewModel(null, null));
        }

        var typed = CertificateService.TypedCode(code ?? "");
        if (typed is null)
        {
            ModelState.AddModelError("code", string.IsNullOrWhiteSpace(code)
                ? localizer["Enter the certificate number."]
                : localizer["A certificate number has 22 letters, digits, hyphens (-) and underscores (_). Check it against the certificate."]);
            return View("Verify", new VerificationViewModel(null, null));
        }

        return await Verify(typed, cancellationToken);
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
