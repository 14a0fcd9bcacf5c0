using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Courses;

public sealed record CatalogEntry(Course Course, CourseState? State);

public sealed record CatalogViewModel(IReadOnlyList<CatalogEntry> Courses);

public sealed record CourseViewModel(CourseState State, bool SignedIn)
{
    public Course Course => State.Course;

    /// <summary>The course's editions in other languages that the page links to.</summary>
    public IReadOnlyList<Course> OtherEditions { get; init; } = [];
}

/// <summary>
/// The course information learners read (objectives, faculty and disclosures, support, credit, dates, introduction), for a
/// published version or, in the studio's preview, a draft: its figures are then served from the draft (<paramref name="DraftFilesPath"/>),
/// and a draft not yet published has no approval to show (<paramref name="IsPublished"/>).
/// </summary>
public sealed record CourseInformationViewModel(Course Course, string? DraftFilesPath = null, bool IsPublished = true)
{
    /// <summary>The page's HTML with the course's file addresses pointing at the draft's files when this is a draft.</summary>
    public string LocalFiles(string html) =>
        DraftFilesPath is null ? html : html.Replace($"/courses/{Course.Id}/files/{Course.ContentVersion}/", DraftFilesPath, StringComparison.Ordinal);
}

[Route("courses")]
[TypeFilter<ExpiredCourseFilter>]
public sealed class CoursesController(CourseCatalogService catalog, ProgressService progress, CourseVersions versions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var offered = catalog.OfferedCourses();
        var states = User.UserId() is { } userId
            ? await progress.GetManyAsync(userId, offered.Select(c => c.Id).ToList(), cancellationToken)
            : new Dictionary<string, CourseState>();
        return View(new CatalogViewModel(offered.Select(course => new CatalogEntry(course, states.GetValueOrDefault(course.Id))).ToList()));
    }

    /// <summary>The course task list: every step with its status.</summary>
    [HttpGet("{courseId}")]
    public async Task<IActionResult> Details(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        return state is null ? NotFound()
            : View(new CourseViewModel(state, User.UserId() is not null) { OtherEditions = catalog.OtherEditions(state.Course) });
    }

    /// <summary>What accreditation requires a learner to see before they engage: objectives, faculty, disclosures, support, credit, dates.</summary>
    [HttpGet("{courseId}/start")]
    public async Task<IActionResult> Start(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        return state is null ? NotFound() : View(new CourseViewModel(state, User.UserId() is not null));
    }

    [Authorize]
    [HttpPost("{courseId}/start")]
    public async Task<IActionResult> Acknowledge(string courseId, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state?.Enrollment is not null)
        {
            // Started before, perhaps on another version: the course page shows where they are.
            return Redirect($"/courses/{courseId}");
        }

        if (state is null || !catalog.IsOpen(state.Course)
            || await progress.AcknowledgeAsync(User.UserId()!, courseId, cancellationToken) is not { } course)
        {
            return NotFound();
        }

        return Redirect(course.PreTest is null ? $"/courses/{courseId}/lessons/{course.Lessons[0].Id}" : $"/courses/{courseId}/pre-test");
    }

    /// <summary>
    /// Images and PDF handouts of a course at one content version, from that version's stored bytes; only files directly in it,
    /// of the types in <see cref="CourseUrls.ServedFileTypes"/>. The address names the version, so
    /// browsers may keep the file for good.
    /// </summary>
    [HttpGet("{courseId}/files/{version}/{fileName}")]
    public async Task<IActionResult> CourseFile(string courseId, string version, string fileName, CancellationToken cancellationToken)
    {
        if (fileName.Contains('/') || fileName.Contains('\\') || fileName.StartsWith('.')
            || !CourseUrls.ServedFileTypes.TryGetValue(Path.GetExtension(fileName), out var contentType)
            || await versions.OpenFileAsync(courseId, version, fileName, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        // A file is never a page: even opened on its own, nothing in it may run or load anything.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(file, contentType);
    }
}
