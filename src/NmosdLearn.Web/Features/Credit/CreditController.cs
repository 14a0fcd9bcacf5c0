using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Credit;

public sealed record EvaluationViewModel(CourseState State, EvaluationInput Input);

/// <param name="EmailConfirmed">Certificates are issued only to a confirmed address (or a learner an LMS vouches for).</param>
public sealed record ClaimViewModel(CourseState State, ClaimInput Input, bool EmailConfirmed = true);

public sealed record ConfirmationViewModel(CourseState State, Certificate Certificate, string VerificationUrl);

[Authorize]
[Route("courses/{courseId}")]
[TypeFilter<NmosdLearn.Web.Features.Courses.ExpiredCourseFilter>]
public sealed class CreditController(
    ProgressService progress, CreditService credit, CourseCatalogService catalog, ProviderInformation provider, UserManager<AppUser> users, Lti.LtiScores ltiScores,
    IOptions<CertificateOptions> certificates, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("evaluation")]
    public async Task<IActionResult> Evaluation(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        return state is null ? NotFound() : View(new EvaluationViewModel(state, new EvaluationInput()));
    }

    [HttpPost("evaluation")]
    public async Task<IActionResult> Evaluation(string courseId, EvaluationInput input, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state is null)
        {
            return NotFound();
        }

        if (!state.EvaluationOpen)
        {
            return View(new EvaluationViewModel(state, input));
        }

        for (var i = 0; i < state.Course.Info.Objectives.Count; i++)
        {
            if (input.Objectives.ElementAtOrDefault(i) is not (>= 1 and <= 5))
            {
                // Each objective by number and text: the error summary links to each, and identical links say nothing.
                ModelState.AddModelError($"Objectives[{i}]", localizer["Choose how far objective {0} was met: {1}", i + 1, state.Course.Info.Objectives[i]]);
            }
        }

        if (input.CommercialBias == true && string.IsNullOrWhiteSpace(input.CommercialBiasComment))
        {
            ModelState.AddModelError(nameof(input.CommercialBiasComment), localizer["Describe the commercial bias you noticed"]);
        }

        if (!ModelState.IsValid)
        {
            return View(new EvaluationViewModel(state, input));
        }

        await credit.SaveEvaluationAsync(User.UserId()!, state, input, cancellationToken);
        return Redirect($"/courses/{courseId}/claim");
    }

    [HttpGet("claim")]
    public async Task<IActionResult> Claim(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state is null)
        {
            return NotFound();
        }

        if (state.Certificate is not null)
        {
            return Redirect($"/courses/{courseId}/claim/confirmation");
        }

        // Empty on purpose: the learner states the credit and time that match what they did.
        var learner = await users.GetUserAsync(User);
        return View(new ClaimViewModel(state, new ClaimInput(), learner is not null && await credit.MayReceiveCertificateAsync(learner, cancellationToken)));
    }

    [HttpPost("claim")]
    public async Task<IActionResult> Claim(string courseId, ClaimInput input, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        var learner = await users.GetUserAsync(User);
        if (state is null || learner is null)
        {
            return NotFound();
        }

        if (state.Certificate is not null)
        {
            return Redirect($"/courses/{courseId}/claim/confirmation");
        }

        var vouchedFor = await credit.MayReceiveCertificateAsync(learner, cancellationToken);
        if (!state.ClaimOpen || !vouchedFor)
        {
            return View(new ClaimViewModel(state, input, vouchedFor));
        }

        if (catalog.IsExpired(state.Course))
        {
            ModelState.AddModelError(nameof(input.Credits), localizer["Certificates for this course could be claimed until {0}.", state.Course.Info.ExpiryDate.ToString("yyyy-MM-dd")]);
        }

        var maximum = state.Course.Info.Credits;
        switch (input.Credits is { } credits ? CreditService.CheckCredits(credits, maximum, input.Minutes) : CreditProblem.None)
        {
            case CreditProblem.OutOfRange:
                ModelState.AddModelError(nameof(input.Credits), provider.OffersCredit(state.Course.Info)
                    ? localizer["Claim more than 0 and no more than {0} credits", maximum.ToString("0.##")]
                    : localizer["Claim more than 0 and no more than {0} hours", maximum.ToString("0.##")]);
                break;
            case CreditProblem.OffGrid:
                ModelState.AddModelError(nameof(input.Credits), provider.OffersCredit(state.Course.Info)
                    ? localizer["Claim credit in steps of 0.25, such as 1, 1.25 or 1.5"]
                    : localizer["Claim hours in steps of 0.25, such as 1, 1.25 or 1.5"]);
                break;
            case CreditProblem.AboveAttestedTime:
                var most = ClaimedTime.MostFor(input.Minutes!.Value).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError(nameof(input.Credits), provider.OffersCredit(state.Course.Info)
                    ? localizer["{0} minutes allow a claim of at most {1} credits (one per hour, to the nearest quarter hour)", input.Minutes!.Value, most]
                    : localizer["{0} minutes allow a claim of at most {1} hours (to the nearest quarter hour)", input.Minutes!.Value, most]);
                break;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(new ClaimViewModel(state, input));
        }

        var certificate = await credit.ClaimAsync(learner, state, input.Credits!.Value, input.Minutes!.Value, cancellationToken);
        if (certificate is not null)
        {
            var passed = state.PostTestAttempts.Where(a => a.Passed).Select(a => a.ScorePercent).DefaultIfEmpty(100).Max();
            await ltiScores.RecordAsync(learner.Id, courseId, passed, completed: true, cancellationToken);
        }

        return certificate is null ? Redirect($"/courses/{courseId}") : Redirect($"/courses/{courseId}/claim/confirmation");
    }

    [HttpGet("claim/confirmation")]
    public async Task<IActionResult> Confirmation(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state?.Certificate is null)
        {
            return state is null ? NotFound() : Redirect($"/courses/{courseId}/claim");
        }

        return View(new ConfirmationViewModel(state, state.Certificate,
            CertificateService.VerificationUrl(certificates.PublicBaseUrl(Request), state.Certificate.Code)));
    }
}
