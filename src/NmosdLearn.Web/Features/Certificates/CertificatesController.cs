using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Certificates;

public sealed record VerificationViewModel(Certificate? Certificate, string Code);

public sealed class CertificatesController(CertificateService certificates, CertificatePdf pdf, IOptions<CertificateOptions> options)
    : Controller
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
        var bytes = pdf.Render(certificate, url, options.Value.Provider);
        return File(bytes, "application/pdf", $"certificate-{certificate.CourseId}-{certificate.CompletedOn:yyyy-MM-dd}.pdf");
    }

    [AllowAnonymous]
    [HttpGet("verify/{code}")]
    public async Task<IActionResult> Verify(string code, CancellationToken cancellationToken)
    {
        var certificate = code.Length <= 64 ? await certificates.FindByCodeAsync(code, cancellationToken) : null;
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View("Verify", new VerificationViewModel(certificate, code));
    }
}
