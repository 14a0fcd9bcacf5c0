using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>What an LMS administrator pastes into Moodle or Canvas to add this tool.</summary>
public sealed record ToolConfiguration(string LoginUrl, string LaunchUrl, string DeepLinkingUrl, string KeySetUrl, string Domain);

public sealed record LtiPlatformsViewModel(IReadOnlyList<LtiPlatform> Platforms, ToolConfiguration Tool, string? Problem, string? Message);

/// <summary>LMS platforms allowed to launch courses over LTI 1.3, and the tool's own configuration to give them.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/lti")]
public sealed class LtiPlatformsController(AppDbContext db, IOptions<CertificateOptions> options, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, CancellationToken cancellationToken)
    {
        var root = options.PublicBaseUrl(Request).TrimEnd('/');
        var tool = new ToolConfiguration(root + "/lti/login", root + "/lti/launch", root + "/lti/launch", root + CredentialSigner.JwksPath, new Uri(root).Authority);
        return View("/Features/Admin/LtiPlatforms.cshtml",
            new LtiPlatformsViewModel(await db.LtiPlatforms.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken), tool, TempData["Problem"] as string, message));
    }

    [HttpPost("")]
    public async Task<IActionResult> Register(string name, string issuer, string clientId, string authenticationUrl, string tokenUrl, string keySetUrl, string deploymentIds, CancellationToken cancellationToken)
    {
        var urls = new[] { issuer, authenticationUrl, tokenUrl, keySetUrl };
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(deploymentIds)
            || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            TempData["Problem"] = "Fill in every field; the issuer and the three endpoints are full addresses (https://...).";
            return Redirect("/admin/lti");
        }

        if (await db.LtiPlatforms.AnyAsync(p => p.Issuer == issuer.Trim() && p.ClientId == clientId.Trim(), cancellationToken))
        {
            TempData["Problem"] = "This platform and client id are registered already.";
            return Redirect("/admin/lti");
        }

        var platform = new LtiPlatform
        {
            Name = name.Trim(), Issuer = issuer.Trim(), ClientId = clientId.Trim(), AuthenticationUrl = authenticationUrl.Trim(), TokenUrl = tokenUrl.Trim(),
            KeySetUrl = keySetUrl.Trim(), DeploymentIds = string.Join(' ', deploymentIds.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries)), CreatedAt = time.GetUtcNow(),
        };
        db.LtiPlatforms.Add(platform);
        var actor = AdminActor.Of(User);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = AuditActions.LtiPlatformRegister,
            AfterJson = JsonSerializer.Serialize(new { platform.Name, platform.Issuer, platform.ClientId, platform.DeploymentIds }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/lti?message=registered");
    }
}
