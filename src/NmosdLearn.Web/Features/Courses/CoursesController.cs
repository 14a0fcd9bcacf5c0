using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using NmosdLearn.Content;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Courses;

public sealed record CatalogViewModel(IReadOnlyList<Course> Courses);

public sealed record CourseViewModel(Course Course, CourseProgress Progress, bool SignedIn);

[Route("courses")]
public sealed class CoursesController(CourseCatalogService catalog, ProgressService progress) : Controller
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [HttpGet("")]
    public IActionResult Index() => View(new CatalogViewModel(catalog.OfferedCourses()));

    [HttpGet("{courseId}")]
    public async Task<IActionResult> Details(string courseId, CancellationToken cancellationToken)
    {
        var course = catalog.Find(courseId);
        if (course is null)
        {
            return NotFound();
        }

        var userId = User.UserId();
        var state = userId is null ? CourseProgress.None : await progress.GetAsync(userId, courseId, cancellationToken);
        return View(new CourseViewModel(course, state, userId is not null));
    }

    /// <summary>Images and other files of a course folder; only plain files directly in it, never Markdown.</summary>
    [HttpGet("{courseId}/files/{fileName}")]
    public IActionResult CourseFile(string courseId, string fileName)
    {
        var course = catalog.Find(courseId);
        if (course is null || fileName.Contains('/') || fileName.Contains('\\') || fileName.StartsWith('.')
            || fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            || !ContentTypes.TryGetContentType(fileName, out var contentType))
        {
            return NotFound();
        }

        var path = Path.Combine(course.FolderPath, fileName);
        return System.IO.File.Exists(path) ? PhysicalFile(path, contentType) : NotFound();
    }
}
