using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Quizzes;

public sealed record AssessmentViewModel(
    CourseState State, AssessmentKind Kind, Assessment Assessment, QuizAttempt? Attempt,
    IReadOnlyList<OrderedQuestion> Questions, IReadOnlyDictionary<string, IReadOnlySet<string>> Answers, PathRefusal Refusal)
{
    public string Slug => AssessmentsController.Slug(Kind);

    public PathRefusalViewModel RefusalMessage => new(State, Refusal, Assessment.Title);
}

/// <summary>A submitted attempt, shown only as far as <see cref="Review"/> allows.</summary>
public sealed record AttemptResultViewModel(CourseState State, AssessmentKind Kind, QuizAttempt Attempt, QuizResult Result, ReviewLevel Review)
{
    public string Slug => AssessmentsController.Slug(Kind);
}

/// <summary>The pre-test and the post-test: open, answer (saved as you go), check your answers, submit, review.</summary>
[Authorize]
[Route("courses/{courseId}/{test:regex(^(pre|post)-test$)}")]
[TypeFilter<NmosdLearn.Web.Features.Courses.ExpiredCourseFilter>]
public sealed class AssessmentsController(
    ProgressService progress, AssessmentService assessments, CourseVersions versions, Lti.LtiScores ltiScores,
    Microsoft.Extensions.Localization.IStringLocalizer<Shared.SharedResource> localizer) : Controller
{
    /// <summary>Form fields for answers are named "q:{question id}"; a multiple-answer question sends several.</summary>
    public const string AnswerFieldPrefix = "q:";

    public static string Slug(AssessmentKind kind) => kind == AssessmentKind.PreTest ? "pre-test" : "post-test";

    private static AssessmentKind KindOf(string test) => test == "pre-test" ? AssessmentKind.PreTest : AssessmentKind.PostTest;

    [HttpGet("")]
    public async Task<IActionResult> Show(string courseId, string test, CancellationToken cancellationToken)
    {
        var kind = KindOf(test);
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state is null || AssessmentService.AssessmentOf(state.Course, kind) is not { } assessment)
        {
            return NotFound();
        }

        var refusal = PathGate.ForTest(state, kind);
        if (refusal != PathRefusal.None)
        {
            if (refusal is not (PathRefusal.AlreadyPassed or PathRefusal.AlreadyTaken))
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return View("Assessment", new AssessmentViewModel(state, kind, assessment, null, [], new Dictionary<string, IReadOnlySet<string>>(), refusal));
        }

        var attempt = await assessments.StartOrResumeAsync(state, kind, cancellationToken);
        var course = await versions.GetAsync(courseId, attempt.ContentVersion, cancellationToken) ?? state.Course;
        var ordered = AssessmentService.Ordered(AssessmentService.AssessmentOf(course, kind)!, attempt);
        return View("Assessment", new AssessmentViewModel(state, kind, assessment, attempt, ordered,
            await assessments.AnswersAsync(attempt.Id, cancellationToken), PathRefusal.None));
    }

    /// <summary>
    /// The largest answer form a test the checker accepts can send (every option of every question ticked,
    /// with long ids), refused by the server before it is read: a save holds option keys, never text.
    /// </summary>
    public const int MaxAnswerFormBytes = 256 * 1024;

    /// <summary>Autosave from the page's script: saves the answers sent, keeps the others.</summary>
    [HttpPost("attempts/{attemptId:guid}/answers")]
    [RequestSizeLimit(MaxAnswerFormBytes)]
    public async Task<IActionResult> SaveAnswers(Guid attemptId, IFormCollection form, CancellationToken cancellationToken)
    {
        var answers = ReadAnswers(form, includeCleared: true);
        return await assessments.SaveAnswersAsync(attemptId, User.UserId()!, answers, replaceAll: false, cancellationToken) switch
        {
            AnswerSave.Saved => NoContent(),
            AnswerSave.Refused => RefusedAnswers(),
            _ => Conflict(),
        };
    }

    /// <summary>The whole form: saves every answer, then shows "Check your answers".</summary>
    [HttpPost("attempts/{attemptId:guid}/review")]
    [RequestSizeLimit(MaxAnswerFormBytes)]
    public async Task<IActionResult> SaveForReview(string courseId, string test, Guid attemptId, IFormCollection form, CancellationToken cancellationToken)
    {
        if (await assessments.SaveAnswersAsync(attemptId, User.UserId()!, ReadAnswers(form, includeCleared: false), replaceAll: true, cancellationToken) == AnswerSave.Refused)
        {
            return RefusedAnswers();
        }

        return Redirect($"/courses/{courseId}/{test}/attempts/{attemptId}/review");
    }

    /// <summary>Only a changed page or a script sends options a question does not have; a browser's form never does.</summary>
    private ContentResult RefusedAnswers() => new()
    {
        StatusCode = StatusCodes.Status400BadRequest,
        ContentType = "text/plain; charset=utf-8",
        Content = localizer["The answers were not saved: an answer names an option its question does not have. Reload the page and answer again."],
    };

    [HttpGet("attempts/{attemptId:guid}/review")]
    public async Task<IActionResult> Review(string courseId, string test, Guid attemptId, CancellationToken cancellationToken)
    {
        var (state, attempt, course) = await LoadAttemptAsync(courseId, attemptId, cancellationToken);
        if (state is null || attempt is null || course is null || Slug(attempt.Kind) != test)
        {
            return NotFound();
        }

        if (attempt.IsSubmitted)
        {
            return Redirect($"/courses/{courseId}/{test}/attempts/{attemptId}");
        }

        var ordered = AssessmentService.Ordered(AssessmentService.AssessmentOf(course, attempt.Kind)!, attempt);
        return View("Review", new AssessmentViewModel(state, attempt.Kind, AssessmentService.AssessmentOf(course, attempt.Kind)!, attempt, ordered,
            await assessments.AnswersAsync(attempt.Id, cancellationToken), PathRefusal.None));
    }

    [HttpPost("attempts/{attemptId:guid}/submit")]
    public async Task<IActionResult> Submit(string courseId, string test, Guid attemptId, CancellationToken cancellationToken)
    {
        var (state, attempt, course) = await LoadAttemptAsync(courseId, attemptId, cancellationToken);
        if (state is null || attempt is null || course is null || Slug(attempt.Kind) != test)
        {
            return NotFound();
        }

        var submitted = await assessments.SubmitAsync(attemptId, User.UserId()!, course, cancellationToken);
        if (submitted is { Kind: AssessmentKind.PostTest, SubmittedAt: not null } && submitted.Id == attemptId)
        {
            // A learner who came from an LMS gets the post-test result there too (nothing otherwise).
            await ltiScores.RecordAsync(User.UserId()!, courseId, submitted.ScorePercent, completed: false, cancellationToken);
        }

        return Redirect($"/courses/{courseId}/{test}/attempts/{attemptId}");
    }

    [HttpGet("attempts/{attemptId:guid}")]
    public async Task<IActionResult> Result(string courseId, string test, Guid attemptId, CancellationToken cancellationToken)
    {
        var (state, attempt, course) = await LoadAttemptAsync(courseId, attemptId, cancellationToken);
        if (state is null || attempt is null || course is null || Slug(attempt.Kind) != test)
        {
            return NotFound();
        }

        if (!attempt.IsSubmitted)
        {
            return Redirect($"/courses/{courseId}/{test}");
        }

        var result = await assessments.ResultAsync(attempt, course, cancellationToken);
        return View("Result", new AttemptResultViewModel(state, attempt.Kind, attempt, result, AssessmentService.ReviewOf(state, attempt)));
    }

    private async Task<(CourseState? State, QuizAttempt? Attempt, Course? Course)> LoadAttemptAsync(
        string courseId, Guid attemptId, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var attempt = await assessments.FindAsync(attemptId, userId, cancellationToken);
        if (attempt is null || attempt.CourseId != courseId)
        {
            return (null, null, null);
        }

        var state = await progress.GetAsync(userId, courseId, cancellationToken);
        var course = await versions.GetAsync(courseId, attempt.ContentVersion, cancellationToken) ?? state?.Course;
        return (state, attempt, course);
    }

    /// <summary>
    /// Reads "q:{id}" fields. The autosave script also sends "q:{id}" with an empty value for a question
    /// whose answer was cleared (all boxes unticked), so that clearing is saved too.
    /// </summary>
    internal static Dictionary<string, IReadOnlySet<string>> ReadAnswers(IFormCollection form, bool includeCleared) =>
        form.Where(field => field.Key.StartsWith(AnswerFieldPrefix, StringComparison.Ordinal))
            .Select(field => (Id: field.Key[AnswerFieldPrefix.Length..], Keys: field.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToHashSet()))
            .Where(field => includeCleared || field.Keys.Count > 0)
            .ToDictionary(field => field.Id, field => (IReadOnlySet<string>)field.Keys);
}
