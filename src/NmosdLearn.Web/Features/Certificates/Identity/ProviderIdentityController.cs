using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Admin;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Certificates.Identity;

/// <summary>The form's fields; files come as their own parameters.</summary>
public sealed class IdentityForm
{
    public string? SignatoryName { get; set; }
    public string? SignatoryTitle { get; set; }
    public bool RemoveLogo { get; set; }
    public bool RemoveSignature { get; set; }
}

public sealed record IdentityViewModel(ProviderIdentity? Current, IdentityForm Form, bool Saved);

/// <summary>The provider's logo and the certificate's signatory: set by administrators, the logo served to everyone.</summary>
public sealed class ProviderIdentityController(ProviderIdentityStore identities, IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Page = "/Features/Certificates/Identity/Identity.cshtml";
    private const int MaxTextLength = 200;

    [Authorize(Roles = Roles.Admin)]
    [HttpGet("admin/identity")]
    public async Task<IActionResult> Edit(bool saved, CancellationToken cancellationToken)
    {
        var current = await identities.CurrentAsync(cancellationToken);
        var form = new IdentityForm { SignatoryName = current?.SignatoryName, SignatoryTitle = current?.SignatoryTitle };
        return View(Page, new IdentityViewModel(current, form, saved));
    }

    [Authorize(Roles = Roles.Admin)]
    [HttpPost("admin/identity")]
    // Room above the file limits, so that a file a little too large gets the page's own message, not a bare 413.
    [RequestSizeLimit(2 * 1024 * 1024)]
    public async Task<IActionResult> Save(
        IdentityForm form, [FromForm(Name = "Logo")] IFormFile? logo, [FromForm(Name = "Signature")] IFormFile? signature, CancellationToken cancellationToken)
    {
        var name = form.SignatoryName?.Trim();
        var title = form.SignatoryTitle?.Trim();
        CheckLine(nameof(form.SignatoryName), name);
        CheckLine(nameof(form.SignatoryTitle), title);
        if (string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(title))
        {
            ModelState.AddModelError(nameof(form.SignatoryName), localizer["Give the signatory's name, or leave the title empty too."]);
        }

        var (logoBytes, logoType) = await ReadLogoAsync(logo, cancellationToken);
        var signatureBytes = await ReadImageAsync(signature, "Signature", cancellationToken);
        if (signatureBytes is not null && string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(nameof(form.SignatoryName), localizer["Give the signatory's name: a signature is printed above it."]);
        }

        if (!ModelState.IsValid)
        {
            return View(Page, new IdentityViewModel(await identities.CurrentAsync(cancellationToken), form, Saved: false));
        }

        await identities.SaveAsync(
            new IdentityChange(name, title, logoBytes, logoType, form.RemoveLogo, signatureBytes, form.RemoveSignature), AdminActor.Of(User), cancellationToken);
        return Redirect("/admin/identity?saved=true");
    }

    /// <summary>The logo of one identity version: a version never changes, so it is cached for a year.</summary>
    [AllowAnonymous]
    [HttpGet("provider/logo/{id:int}")]
    public async Task<IActionResult> Logo(int id, CancellationToken cancellationToken)
    {
        if (await identities.FindAsync(id, cancellationToken) is not { Logo: { } logo, LogoContentType: { } type })
        {
            return NotFound();
        }

        return Image(logo, type);
    }

    /// <summary>The signature image, to administrators only: it is printed on certificates, not offered for copying.</summary>
    [Authorize(Roles = Roles.Admin)]
    [HttpGet("admin/identity/signature/{id:int}")]
    public async Task<IActionResult> Signature(int id, CancellationToken cancellationToken) =>
        await identities.FindAsync(id, cancellationToken) is { Signature: { } signature } ? Image(signature, IdentityImages.Png, publicCache: false) : NotFound();

    private FileContentResult Image(byte[] bytes, string type, bool publicCache = true)
    {
        // nosniff comes with every answer (SecurityHeaders); an SVG opened on its own runs nothing and loads nothing.
        Response.Headers.ContentSecurityPolicy = type == IdentityImages.Svg ? "default-src 'none'; style-src 'unsafe-inline'; sandbox" : "default-src 'none'; sandbox";
        Response.Headers.CacheControl = publicCache ? "public, max-age=31536000, immutable" : "private, no-store";
        return File(bytes, type);
    }

    private void CheckLine(string field, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > MaxTextLength)
        {
            ModelState.AddModelError(field, localizer["Use at most {0} characters.", MaxTextLength]);
        }
        else if (!TextLine.IsClean(text))
        {
            ModelState.AddModelError(field, localizer["Use one line of text, without control characters."]);
        }
    }

    private async Task<(byte[]? Bytes, string? Type)> ReadLogoAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, null);
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            ModelState.AddModelError("Logo", localizer["The logo must be a PNG or SVG file."]);
            return (null, null);
        }

        var bytes = await ReadAsync(file, cancellationToken);
        var problem = bytes is null ? TooLarge : extension == ".svg" ? IdentityImages.CheckSvg(bytes) : IdentityImages.CheckPng(bytes);
        return AddProblem("Logo", problem) ? (null, null) : (bytes, extension == ".svg" ? IdentityImages.Svg : IdentityImages.Png);
    }

    private async Task<byte[]?> ReadImageAsync(IFormFile? file, string field, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        var bytes = await ReadAsync(file, cancellationToken);
        return AddProblem(field, bytes is null ? TooLarge : IdentityImages.CheckPng(bytes)) ? null : bytes;
    }

    private static readonly IdentityImages.Problem TooLarge = new("The file is larger than 256 KB: make it smaller.");

    private static async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > IdentityImages.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private bool AddProblem(string field, IdentityImages.Problem? problem)
    {
        if (problem is null)
        {
            return false;
        }

        ModelState.AddModelError(field, problem.Argument is null ? localizer[problem.Text] : localizer[problem.Text, problem.Argument]);
        return true;
    }
}
