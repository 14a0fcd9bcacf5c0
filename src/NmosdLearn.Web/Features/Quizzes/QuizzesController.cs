using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Quizzes;

public sealed record PostTestViewModel(Course Course, CourseProgress Progress, Guid SubmissionId, SubmissionRefusal Refusal);

public sealed record AttemptResultViewModel(Course Course, QuizAttempt Attempt, QuizResult Result, CourseProgress Progress);

[Authorize]
[Route("courses/{courseId}/post-test")]
public sealed class QuizzesController(
    CourseCatalogService catalog, ProgressService progress, QuizService quizzes, UserManager<AppUser> users) : Controller
{
    /// <summary>Form fields for answers are named "q:{question id}"; a multiple-answer question sends several.</summary>
    public const string AnswerFieldPrefix = "q:";

    [HttpGet("")]
    public async Task<IActionResult> Show(string courseId, CancellationToken cancellationToken)
    {
        var course = catalog.Find(courseId);
        if (course is null)
        {
            return NotFound();
        }

        var state = await progress.GetAsync(User.UserId()!, courseId, cancellationToken);
        var refusal = !state.AllLessonsComplete(course) ? SubmissionRefusal.LessonsIncomplete
            : state.PostTestPassed ? SubmissionRefusal.AlreadyPassed
            : state.PostTestAttempts >= course.Info.AttemptLimit ? SubmissionRefusal.AttemptsUsedUp
            : SubmissionRefusal.None;
        return View("PostTest", new PostTestViewModel(course, state, Guid.NewGuid(), refusal));
    }

    [HttpPost("")]
    public async Task<IActionResult> Submit(string courseId, Guid submissionId, IFormCollection form, CancellationToken cancellationToken)
    {
        var course = catalog.Find(courseId);
        var learner = await users.GetUserAsync(User);
        if (course is null || learner is null)
        {
            return NotFound();
        }

        if (submissionId == Guid.Empty)
        {
            return BadRequest();
        }

        var answers = form
            .Where(field => field.Key.StartsWith(AnswerFieldPrefix, StringComparison.Ordinal))
            .ToDictionary(
                field => field.Key[AnswerFieldPrefix.Length..],
                field => (IReadOnlySet<string>)field.Value.Where(v => v is not null).Select(v => v!).ToHashSet());
        var outcome = await quizzes.SubmitPostTestAsync(learner, course, submissionId, answers, cancellationToken);
        if (outcome.Attempt is null)
        {
            var state = await progress.GetAsync(learner.Id, courseId, cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("PostTest", new PostTestViewModel(course, state, Guid.NewGuid(), outcome.Refusal));
        }

        return RedirectToAction(nameof(Result), new { courseId, attemptId = outcome.Attempt.Id });
    }

    [HttpGet("attempts/{attemptId:guid}")]
    public async Task<IActionResult> Result(string courseId, Guid attemptId, CancellationToken cancellationToken)
    {
        var course = catalog.Find(courseId);
        var attempt = await quizzes.FindAttemptAsync(attemptId, User.UserId()!, cancellationToken);
        if (course is null || attempt is null || attempt.CourseId != courseId)
        {
            return NotFound();
        }

        var result = QuizGrader.Grade(course.PostTest.Questions, QuizService.ReadAnswers(attempt.AnswersJson), course.Info.PassingScore);
        var state = await progress.GetAsync(User.UserId()!, courseId, cancellationToken);
        return View("Result", new AttemptResultViewModel(course, attempt, result, state));
    }
}
