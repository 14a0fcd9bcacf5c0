using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NmosdLearn.Content;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Admin;

public sealed class RevokeInput
{
    [Required(ErrorMessage = "Enter the reason for revoking the certificate")]
    [StringLength(1000, ErrorMessage = "The reason must be 1000 characters or fewer")]
    public string Reason { get; set; } = "";
}

public sealed class ReissueInput
{
    [Required(ErrorMessage = "Enter the corrected name")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
    [Shared.TextLine(ErrorMessage = "The name cannot contain line breaks, control characters or text-direction characters")]
    public string RecipientName { get; set; } = "";

    [Required(ErrorMessage = "Enter why the certificate is reissued")]
    [StringLength(1000, ErrorMessage = "The note must be 1000 characters or fewer")]
    public string Note { get; set; } = "";
}

public sealed class ManualIssueInput
{
    [Required(ErrorMessage = "Enter the learner's email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a course")]
    public string CourseId { get; set; } = "";

    [Required(ErrorMessage = "Enter the completion date")]
    public DateOnly? CompletedOn { get; set; }

    [Required(ErrorMessage = "Enter the credits")]
    public decimal? Credits { get; set; }

    [Required(ErrorMessage = "Enter a note saying where the completion was recorded")]
    [StringLength(1000, ErrorMessage = "The note must be 1000 characters or fewer")]
    public string Note { get; set; } = "";
}

public sealed record CertificateSearchViewModel(string? Query, IReadOnlyList<CertificateRow> Rows);

public sealed record CertificateDetailsViewModel(CertificateHistory History, RevokeInput Revoke, ReissueInput Reissue, string? Done);

public sealed record ManualIssueViewModel(ManualIssueInput Input, IReadOnlyList<Course> Courses);

[Authorize(Roles = Roles.Admin)]
[Route("admin/certificates")]
public sealed class CertificateAdminController(
    CertificateAdministration administration, CourseCatalogService catalog, IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Views = "/Features/Admin/";

    [HttpGet("")]
    public async Task<IActionResult> Search(string? q, CancellationToken cancellationToken) =>
        View(Views + "CertificateSearch.cshtml", new CertificateSearchViewModel(q, await administration.SearchAsync(q, cancellationToken)));

    [HttpGet("{code}")]
    public async Task<IActionResult> Details(string code, string? done, CancellationToken cancellationToken)
    {
        var history = await administration.FindAsync(code, cancellationToken);
        if (history is null)
        {
            return NotFound();
        }

        var reissue = new ReissueInput { RecipientName = history.Current.RecipientName };
        return View(Views + "CertificateDetails.cshtml", new CertificateDetailsViewModel(history, new RevokeInput(), reissue, done));
    }

    [HttpPost("{code}/revoke")]
    public async Task<IActionResult> Revoke(string code, RevokeInput input, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await administration.RevokeAsync(code, input.Reason, Actor(), cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToAction(nameof(Details), new { code, done = "revoked" });
            }

            ModelState.AddModelError(result.Field ?? "", localizer[result.Problem!]);
        }

        return await RedisplayAsync(code, input, null, cancellationToken);
    }

    [HttpPost("{code}/reissue")]
    public async Task<IActionResult> Reissue(string code, ReissueInput input, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await administration.ReissueAsync(code, input.RecipientName, input.Note, Actor(), cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToAction(nameof(Details), new { code, done = "reissued" });
            }

            ModelState.AddModelError(result.Field ?? "", localizer[result.Problem!]);
        }

        return await RedisplayAsync(code, null, input, cancellationToken);
    }

    [HttpGet("issue")]
    public IActionResult Issue() =>
        View(Views + "CertificateIssue.cshtml", new ManualIssueViewModel(new ManualIssueInput(), catalog.ValidCourses()));

    [HttpPost("issue")]
    public async Task<IActionResult> Issue(ManualIssueInput input, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await administration.IssueManuallyAsync(
                input.Email, catalog.Find(input.CourseId), input.CompletedOn!.Value, input.Credits!.Value, input.Note, Actor(), cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToAction(nameof(Details), new { code = result.Certificate!.Code, done = "issued" });
            }

            ModelState.AddModelError(result.Field ?? "", localizer[result.Problem!]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "CertificateIssue.cshtml", new ManualIssueViewModel(input, catalog.ValidCourses()));
    }

    private async Task<IActionResult> RedisplayAsync(string code, RevokeInput? revoke, ReissueInput? reissue, CancellationToken cancellationToken)
    {
        var history = await administration.FindAsync(code, cancellationToken);
        if (history is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var model = new CertificateDetailsViewModel(
            history, revoke ?? new RevokeInput(), reissue ?? new ReissueInput { RecipientName = history.Current.RecipientName }, null);
        return View(Views + "CertificateDetails.cshtml", model);
    }

    private AdminActor Actor() =>
        AdminActor.Of(User);
}
