using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Web.Features.Progress;
using NmosdLearn.Web.Features.Quizzes;

namespace NmosdLearn.Web.Features.Lessons;

public sealed record LessonViewModel(CourseState State, Lesson Lesson, bool ShowUnanswered)
{
    public Course Course => State.Course;

    public Lesson? Next => Course.Lessons.FirstOrDefault(l => l.Number > Lesson.Number);

    public Lesson? Previous => Course.Lessons.LastOrDefault(l => l.Number < Lesson.Number);

    public int Position => Course.Lessons.ToList().IndexOf(Lesson) + 1;
}

/// <summary>A knowledge check as the lesson shows it: the form before answering, the feedback after.</summary>
public sealed record KnowledgeCheckViewModel(string CourseId, string LessonId, Question Question, CheckAnswer? Answer);

[Authorize]
[Route("courses/{courseId}/lessons/{lessonId}")]
[TypeFilter<NmosdLearn.Web.Features.Courses.ExpiredCourseFilter>]
public sealed class LessonsController(ProgressService progress) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string courseId, string lessonId, bool unanswered, CancellationToken cancellationToken)
    {
        var (state, lesson) = await FindAsync(courseId, lessonId, cancellationToken);
        if (state is null || lesson is null)
        {
            return NotFound();
        }

        if (PathGate.ForLesson(state) is not PathRefusal.None and var refusal)
        {
            return NotYet(state, lesson, refusal);
        }

        return View("Lesson", new LessonViewModel(state, lesson, unanswered));
    }

    /// <summary>Grades a knowledge check. The page's script asks for just the feedback; without script the lesson reloads at the question.</summary>
    [HttpPost("checks/{questionId}")]
    [RequestSizeLimit(AssessmentsController.MaxAnswerFormBytes)]
    public async Task<IActionResult> Check(string courseId, string lessonId, string questionId, IFormCollection form, CancellationToken cancellationToken)
    {
        var (state, lesson) = await FindAsync(courseId, lessonId, cancellationToken);
        var question = lesson?.Questions.FirstOrDefault(q => q.Id == questionId);
        if (state is null || lesson is null || question is null)
        {
            return NotFound();
        }

        if (PathGate.ForLesson(state) is not PathRefusal.None and var refusal)
        {
            return NotYet(state, lesson, refusal);
        }

        var selected = AssessmentsController.ReadAnswers(form, includeCleared: false).GetValueOrDefault(questionId) ?? new HashSet<string>();
        var answer = selected.Count == 0
            ? null
            : await progress.AnswerCheckAsync(state, question, selected, cancellationToken);
        if (Request.Headers["X-Requested-With"] == "fetch")
        {
            return PartialView("_KnowledgeCheck", new KnowledgeCheckViewModel(courseId, lessonId, question, answer));
        }

        return Redirect($"/courses/{courseId}/lessons/{lessonId}#question-{questionId}");
    }

    /// <summary>The learner reached the end of the lesson. It counts as complete once its knowledge checks are answered.</summary>
    [HttpPost("complete")]
    public async Task<IActionResult> Complete(string courseId, string lessonId, CancellationToken cancellationToken)
    {
        var (state, lesson) = await FindAsync(courseId, lessonId, cancellationToken);
        if (state is null || lesson is null)
        {
            return NotFound();
        }

        if (PathGate.ForLesson(state) is not PathRefusal.None and var refusal)
        {
            return NotYet(state, lesson, refusal);
        }

        if (state.UnansweredChecks(lesson).Count > 0)
        {
            return Redirect($"/courses/{courseId}/lessons/{lessonId}?unanswered=true#unanswered");
        }

        await progress.CompleteLessonAsync(state, lesson, cancellationToken);
        var next = state.Course.Lessons.FirstOrDefault(l => l.Number > lesson.Number);
        return Redirect(next is null ? $"/courses/{courseId}" : $"/courses/{courseId}/lessons/{next.Id}");
    }

    /// <summary>A lesson opened before its prerequisites: say why and link to the step to do first.</summary>
    private ViewResult NotYet(CourseState state, Lesson lesson, PathRefusal refusal)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("NotYet", new PathRefusalViewModel(state, refusal, lesson.Title));
    }

    private async Task<(CourseState? State, Lesson? Lesson)> FindAsync(string courseId, string lessonId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        return (state, state?.Course.FindLesson(lessonId));
    }
}
