using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Lessons;

public sealed record LessonViewModel(Course Course, Lesson Lesson, CourseProgress Progress)
{
    public Lesson? Next => Course.Lessons.FirstOrDefault(l => l.Number > Lesson.Number);

    public int Position => Course.Lessons.ToList().IndexOf(Lesson) + 1;
}

[Authorize]
[Route("courses/{courseId}/lessons/{lessonId}")]
public sealed class LessonsController(CourseCatalogService catalog, ProgressService progress) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string courseId, string lessonId, CancellationToken cancellationToken)
    {
        var (course, lesson) = Find(courseId, lessonId);
        if (course is null || lesson is null)
        {
            return NotFound();
        }

        var state = await progress.GetAsync(User.UserId()!, courseId, cancellationToken);
        return View("Lesson", new LessonViewModel(course, lesson, state));
    }

    /// <summary>The learner reached the end of the lesson.</summary>
    [HttpPost("complete")]
    public async Task<IActionResult> Complete(string courseId, string lessonId, CancellationToken cancellationToken)
    {
        var (course, lesson) = Find(courseId, lessonId);
        if (course is null || lesson is null)
        {
            return NotFound();
        }

        await progress.CompleteLessonAsync(User.UserId()!, course, lesson, cancellationToken);
        var next = course.Lessons.FirstOrDefault(l => l.Number > lesson.Number);
        return Redirect(next is null ? $"/courses/{courseId}" : $"/courses/{courseId}/lessons/{next.Id}");
    }

    private (Course? Course, Lesson? Lesson) Find(string courseId, string lessonId)
    {
        var course = catalog.Find(courseId);
        return (course, course?.FindLesson(lessonId));
    }
}
