using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Authoring;

/// <param name="WaitingForReview">Review requests the signed-in reviewer can act on (empty for anyone else), oldest first.</param>
public sealed record StudioIndexViewModel(
    IReadOnlyList<StudioCourse> StudioCourses, IReadOnlyList<Draft> Drafts, IReadOnlyList<CourseLoadResult> FolderCourses, string? Problem,
    IReadOnlyList<StudioReview> WaitingForReview);

public sealed record StudioCourseViewModel(
    Draft Draft, CourseVersionArchive? Published, StudioReview? Review, bool IsReviewer, string? Message, string? Problem,
    StudioStanding Standing, IReadOnlyList<StudioAuthorView> Authors);

public sealed record EditorViewModel(
    Draft Draft, DraftFile File, string Text, int BaseRevision, IReadOnlyList<ContentDiagnostic> Diagnostics, string? Message, string? Problem, bool MayChange);

public sealed record ConflictViewModel(string CourseId, SaveConflict Conflict, IReadOnlyList<DiffLine> Diff);

public sealed record HistoryViewModel(string CourseId, string Path, IReadOnlyList<StudioFileRevision> Revisions, int? From, int? To, IReadOnlyList<DiffLine>? Diff, bool MayChange);

/// <param name="MaySeeImages">True for the course's authors, reviewers and administrators, who alone may open its images here.</param>
public sealed record ReviewViewModel(
    Draft Draft, CourseVersionArchive? Published, StudioReview? Review, IReadOnlyList<ReviewChange> Changes, bool CanDecide, string? Problem, bool MaySeeImages);

/// <param name="IsPublished">True when the draft is exactly the published version (learners then see its approval).</param>
public sealed record PreviewViewModel(Draft Draft, Course? Course, string? Page, bool IsPublished);

/// <summary>
/// The studio: authors edit courses kept in the database, preview them as learners would see them, and ask
/// for review; reviewers approve exactly what will be published.
/// </summary>
[Authorize(Roles = $"{Roles.Author},{Roles.Reviewer},{Roles.Admin}")]
[Route("studio")]
public sealed class StudioController(
    StudioService studio, StudioAccess access, ContentLibrary library, UserManager<AppUser> users, ReviewNotifications notifications,
    Microsoft.Extensions.Options.IOptions<Certificates.CertificateOptions> publicAddress, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Editors = $"{Roles.Author},{Roles.Admin}";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var courses = await studio.CoursesAsync(cancellationToken);
        var drafts = new List<Draft>();
        foreach (var course in courses)
        {
            drafts.Add((await studio.DraftAsync(course.CourseId, cancellationToken))!);
        }

        var studioIds = courses.Select(c => c.CourseId).ToHashSet();
        var folder = library.Current.Results.Where(r => r.Origin == CourseOrigins.Folder && !studioIds.Contains(r.FolderName)).ToList();
        var waiting = User.IsInRole(Roles.Reviewer) ? await studio.WaitingForReviewAsync(User.UserId()!, drafts, cancellationToken) : [];
        return View("StudioIndex", new StudioIndexViewModel(courses, drafts, folder, TempData["Problem"] as string, waiting));
    }

    [HttpPost("new")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Create(string courseId, string title, string language, CancellationToken cancellationToken)
    {
        var result = await studio.CreateAsync((courseId ?? "").Trim(), title ?? "", language ?? "", await ActorAsync(), cancellationToken);
        TempData["Problem"] = Problem(result);
        return result.Succeeded ? Redirect($"/studio/{courseId!.Trim()}") : RedirectToAction(nameof(Index));
    }

    [HttpPost("import/{courseId}")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Import(string courseId, CancellationToken cancellationToken)
    {
        var result = await studio.ImportAsync(courseId, await ActorAsync(), cancellationToken);
        TempData["Problem"] = Problem(result);
        return result.Succeeded ? Redirect($"/studio/{courseId}") : RedirectToAction(nameof(Index));
    }

    [HttpGet("{courseId}")]
    public async Task<IActionResult> Course(string courseId, string? message, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        return View("StudioCourse", new StudioCourseViewModel(draft, await studio.PublishedAsync(courseId, cancellationToken),
            await studio.LatestReviewAsync(courseId, cancellationToken), User.IsInRole(Roles.Reviewer), message, TempData["Problem"] as string,
            await access.StandingAsync(courseId, await ActorAsync(), cancellationToken), await studio.AuthorsAsync(courseId, cancellationToken)));
    }

    [HttpGet("{courseId}/edit")]
    public async Task<IActionResult> Edit(string courseId, string path, string? message, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(path) is not { } file || !StudioFiles.IsMarkdown(path))
        {
            return NotFound();
        }

        return View("StudioEdit", new EditorViewModel(draft, file, file.Text, file.Revision, DiagnosticsOf(draft.Check, path), message, null, await MayChangeAsync(courseId, cancellationToken)));
    }

    [HttpPost("{courseId}/edit")]
    [Authorize(Roles = Editors)]
    [RequestSizeLimit(StudioFiles.MaxTextBytes * 4)]
    public async Task<IActionResult> Save(string courseId, string path, string text, int baseRevision, CancellationToken cancellationToken)
    {
        var (result, conflict) = await studio.SaveAsync(courseId, path, text ?? "", baseRevision, await ActorAsync(), cancellationToken);
        if (result.Forbidden)
        {
            return NotAnAuthor(courseId);
        }

        if (conflict is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("StudioConflict", new ConflictViewModel(courseId, conflict, TextDiff.Compare(conflict.Stored.Text, conflict.YourText)));
        }

        if (!result.Succeeded)
        {
            if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(path) is not { } file)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("StudioEdit", new EditorViewModel(draft, file, text ?? "", baseRevision, DiagnosticsOf(draft.Check, path), null, Problem(result), MayChange: true));
        }

        return Redirect($"/studio/{courseId}/edit?path={Uri.EscapeDataString(path)}&message=saved");
    }

    /// <summary>
    /// The live preview: the draft with this file's unsaved text, rendered by the pipeline learners get,
    /// with the checker's messages for this file. Nothing is saved.
    /// </summary>
    [HttpPost("{courseId}/check")]
    [Authorize(Roles = Editors)]
    [RequestSizeLimit(StudioFiles.MaxTextBytes * 4)]
    public async Task<IActionResult> Check(string courseId, string path, string text, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(path) is null)
        {
            return NotFound();
        }

        var files = draft.Files.Select(f => (f.Path, f.Path == path ? System.Text.Encoding.UTF8.GetBytes((text ?? "").ReplaceLineEndings("\n")) : f.Bytes)).ToList();
        var check = await studio.CheckAsync(courseId, files, cancellationToken);
        var page = PreviewPageFor(check.Parsed, path);
        return PartialView("_LivePreview", new LivePreviewViewModel(courseId, check.Parsed, page, DiagnosticsOf(check, path)));
    }

    [HttpGet("{courseId}/history")]
    public async Task<IActionResult> History(string courseId, string path, int? from, int? to, CancellationToken cancellationToken)
    {
        var revisions = await studio.HistoryAsync(courseId, path, cancellationToken);
        if (revisions.Count == 0)
        {
            return NotFound();
        }

        IReadOnlyList<DiffLine>? diff = null;
        if (from is { } a && to is { } b)
        {
            diff = TextDiff.Compare(await studio.RevisionTextAsync(courseId, path, a, cancellationToken), await studio.RevisionTextAsync(courseId, path, b, cancellationToken));
        }

        return View("StudioHistory", new HistoryViewModel(courseId, path, revisions, from, to, diff, await MayChangeAsync(courseId, cancellationToken)));
    }

    /// <summary>One revision of a file as it was saved, for comparing on one's own computer when the difference is too large to show.</summary>
    [HttpGet("{courseId}/history/download")]
    public async Task<IActionResult> DownloadRevision(string courseId, string path, int revision, CancellationToken cancellationToken)
    {
        if (!StudioFiles.IsMarkdown(path ?? "") || await studio.RevisionTextAsync(courseId, path!, revision, cancellationToken) is not { } text)
        {
            return NotFound();
        }

        var name = $"{Path.GetFileNameWithoutExtension(path)}-revision-{revision}.md";
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/markdown; charset=utf-8", name);
    }

    [HttpPost("{courseId}/restore")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Restore(string courseId, string path, int revision, CancellationToken cancellationToken)
    {
        var result = await studio.RestoreAsync(courseId, path, revision, await ActorAsync(), cancellationToken);
        return result.Forbidden ? NotAnAuthor(courseId) : result.Succeeded
            ? Redirect($"/studio/{courseId}/edit?path={Uri.EscapeDataString(path)}&message=restored")
            : BackToCourse(courseId, problem: Problem(result));
    }

    [HttpPost("{courseId}/lessons")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> AddLesson(string courseId, string title, CancellationToken cancellationToken)
    {
        var result = await studio.AddLessonAsync(courseId, title ?? "", await ActorAsync(), cancellationToken);
        return result.Forbidden ? NotAnAuthor(courseId) : result.Succeeded ? Redirect($"/studio/{courseId}/edit?path={Uri.EscapeDataString(result.Path!)}") : BackToCourse(courseId, problem: Problem(result));
    }

    [HttpPost("{courseId}/lessons/rename")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> RenameLesson(string courseId, string path, string title, CancellationToken cancellationToken)
    {
        var result = await studio.RenameLessonAsync(courseId, path, title ?? "", await ActorAsync(), cancellationToken);
        return Outcome(courseId, result, "renamed");
    }

    [HttpPost("{courseId}/lessons/move")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> MoveLesson(string courseId, string path, int direction, CancellationToken cancellationToken)
    {
        var result = await studio.MoveLessonAsync(courseId, path, direction, await ActorAsync(), cancellationToken);
        return Outcome(courseId, result, "moved");
    }

    [HttpPost("{courseId}/upload")]
    [Authorize(Roles = Editors)]
    // Room above the image limit, so that an image a little too large gets the studio's own message, not a bare 413.
    [RequestSizeLimit(RequestLimits.MaxBodyBytes)]
    public async Task<IActionResult> Upload(string courseId, IFormFile? image, CancellationToken cancellationToken)
    {
        if (image is null || image.Length > StudioFiles.MaxUploadBytes)
        {
            return BackToCourse(courseId, problem: image is null
                ? localizer["Choose an image to upload."]
                : localizer["The image is larger than {0} MB: make it smaller (figures rarely need more than 1,600 pixels across).", StudioFiles.MaxUploadBytes / 1024 / 1024]);
        }

        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken);
        var result = await studio.UploadAsync(courseId, image.FileName, buffer.ToArray(), await ActorAsync(), cancellationToken);
        return Outcome(courseId, result, "uploaded");
    }

    /// <summary>An image of the draft, for the author's preview; never offered to learners.</summary>
    [HttpGet("{courseId}/draft-files/{fileName}")]
    public async Task<IActionResult> DraftFile(string courseId, string fileName, CancellationToken cancellationToken)
    {
        if (!CourseUrls.ServedFileTypes.TryGetValue(Path.GetExtension(fileName), out var contentType)
            || await studio.DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(fileName) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(file.Bytes, contentType);
    }

    /// <summary>The draft's images for the editor's "Insert image" picker; only for the people who may change the course.</summary>
    [HttpGet("{courseId}/images")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Images(string courseId, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        if (!await MayChangeAsync(courseId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Json(draft.Files.Where(f => StudioFiles.IsImage(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => new StudioImage(f.Path, StudioFiles.Reference(f.Path), $"/studio/{courseId}/draft-files/{Uri.EscapeDataString(f.Path)}")));
    }

    [HttpGet("{courseId}/preview")]
    public async Task<IActionResult> Preview(string courseId, string? page, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        var published = await studio.PublishedAsync(courseId, cancellationToken);
        return View("StudioPreview", new PreviewViewModel(draft, draft.Check.Parsed, page, published?.ContentVersion == draft.Version));
    }

    [HttpGet("{courseId}/export")]
    public async Task<IActionResult> Export(string courseId, CancellationToken cancellationToken) =>
        await studio.DraftAsync(courseId, cancellationToken) is { } draft
            ? File(StudioService.Export(draft), "application/zip", $"{courseId}.zip")
            : NotFound();

    [HttpPost("{courseId}/request-review")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> RequestReview(string courseId, string? note, CancellationToken cancellationToken)
    {
        var result = await studio.RequestReviewAsync(courseId, note, await ActorAsync(), cancellationToken);
        if (result.Succeeded)
        {
            await notifications.ReviewRequestedAsync(courseId, publicAddress.Value.PublicBase(Request), cancellationToken);
        }

        return Outcome(courseId, result, "review-requested");
    }

    [HttpGet("{courseId}/review")]
    public async Task<IActionResult> Review(string courseId, CancellationToken cancellationToken)
    {
        if (await studio.DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        var changes = await studio.ReviewChangesAsync(draft, cancellationToken);
        var review = await studio.LatestReviewAsync(courseId, cancellationToken);
        return View("StudioReview", new ReviewViewModel(draft, await studio.PublishedAsync(courseId, cancellationToken), review, changes,
            User.IsInRole(Roles.Reviewer) && review is { Decision: null }, TempData["Problem"] as string, await MaySeeReviewFilesAsync(courseId, cancellationToken)));
    }

    /// <summary>
    /// An image of the published version or of the draft, shown side by side on the review page. Only the course's
    /// authors, reviewers and administrators may open it: a draft's figures are not public.
    /// </summary>
    [HttpGet("{courseId}/review/files/{side}/{fileName}")]
    public async Task<IActionResult> ReviewFile(string courseId, string side, string fileName, CancellationToken cancellationToken)
    {
        if (!await MaySeeReviewFilesAsync(courseId, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!CourseUrls.ServedFileTypes.TryGetValue(Path.GetExtension(fileName), out var contentType))
        {
            return NotFound();
        }

        var bytes = side switch
        {
            "published" => (await studio.PublishedFilesAsync(courseId, cancellationToken)).GetValueOrDefault(fileName),
            "draft" => await studio.DraftFileAsync(courseId, fileName, cancellationToken),
            _ => null,
        };
        if (bytes is null)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, contentType);
    }

    [HttpPost("{courseId}/review/{reviewId:long}")]
    [Authorize(Roles = Roles.Reviewer)]
    public async Task<IActionResult> Decide(string courseId, long reviewId, string decision, string? comment, CancellationToken cancellationToken)
    {
        var result = await studio.DecideAsync(courseId, reviewId, decision == "approve", comment, await ActorAsync(), cancellationToken);
        if (result.Succeeded)
        {
            await notifications.ReviewDecidedAsync(courseId, publicAddress.Value.PublicBase(Request), cancellationToken);
        }

        return result.Succeeded
            ? BackToCourse(courseId, decision == "approve" ? "approved" : "changes-requested")
            : RedirectWithProblem($"/studio/{courseId}/review", Problem(result));
    }

    [HttpPost("{courseId}/publish")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Publish(string courseId, CancellationToken cancellationToken)
    {
        var result = await studio.PublishAsync(courseId, await ActorAsync(), cancellationToken);
        return Outcome(courseId, result, "published");
    }

    [HttpPost("{courseId}/authors")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> AddAuthor(string courseId, string? email, string? role, CancellationToken cancellationToken) =>
        Outcome(courseId, await studio.AddAuthorAsync(courseId, email, role, await ActorAsync(), cancellationToken), "author-added");

    [HttpPost("{courseId}/authors/remove")]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> RemoveAuthor(string courseId, string? userId, CancellationToken cancellationToken) =>
        Outcome(courseId, await studio.RemoveAuthorAsync(courseId, userId, await ActorAsync(), cancellationToken), "author-removed");

    /// <summary>The page of the course that a file makes, for the live preview: a lesson, a test or the introduction.</summary>
    internal static string? PreviewPageFor(Course? course, string path) =>
        course is null ? null
        : path == "course.md" ? "course"
        : path == course.PreTest?.FileName ? "pre-test"
        : path == course.PostTest.FileName ? "post-test"
        : course.Lessons.FirstOrDefault(l => l.FileName == path)?.Id;

    private static IReadOnlyList<ContentDiagnostic> DiagnosticsOf(CourseLoadResult check, string path) =>
        check.Diagnostics.Where(d => d.Path.EndsWith("/" + path, StringComparison.Ordinal) || d.Path == path).ToList();

    private async Task<bool> MaySeeReviewFilesAsync(string courseId, CancellationToken cancellationToken) =>
        await access.MaySeeReviewFilesAsync(courseId, await ActorAsync(), User.IsInRole(Roles.Reviewer), cancellationToken);

    private string? Problem(StudioResult result) => result.Problem is null ? null : localizer[result.Problem, result.ProblemArguments].Value;

    /// <summary>Back to the course page, carrying the outcome in TempData (never in the address, where anyone could write a message).</summary>
    private IActionResult RedirectWithProblem(string url, string? problem)
    {
        TempData["Problem"] = problem;
        return Redirect(url);
    }

    private IActionResult Outcome(string courseId, StudioResult result, string message) =>
        result.Forbidden ? NotAnAuthor(courseId) : BackToCourse(courseId, result.Succeeded ? message : null, Problem(result));

    /// <summary>A clear refusal (403) for a change by someone who is not an author of the course: nothing was changed.</summary>
    private ViewResult NotAnAuthor(string courseId)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("StudioNotAnAuthor", courseId);
    }

    private async Task<bool> MayChangeAsync(string courseId, CancellationToken cancellationToken) =>
        (await access.StandingAsync(courseId, await ActorAsync(), cancellationToken)).MayChange;

    private IActionResult BackToCourse(string courseId, string? message = null, string? problem = null)
    {
        TempData["Problem"] = problem;
        return Redirect($"/studio/{courseId}" + (problem is null && message is not null ? $"?message={message}" : ""));
    }

    private async Task<StudioActor> ActorAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("a signed-in user has no account");
        return new StudioActor(user.Id, user.FullName, user.Email ?? "", User.IsInRole(Roles.Admin));
    }
}

public sealed record LivePreviewViewModel(string CourseId, Course? Course, string? Page, IReadOnlyList<ContentDiagnostic> Diagnostics);

/// <summary>An image of a draft as the editor's picker lists it: its file name, the address a page refers to it by, and where the author's browser shows it.</summary>
public sealed record StudioImage(string Name, string Reference, string Url);

/// <summary>A rendered text's difference, with the course's language for its text.</summary>
public sealed record RenderedDiffViewModel(IReadOnlyList<DiffLine> Lines, string? Language);

public sealed record PreviewPageViewModel(string CourseId, Course Course, string Page);
