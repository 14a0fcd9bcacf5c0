using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>Who is acting in the studio, for revisions, reviews and the audit log.</summary>
public sealed record StudioActor(string UserId, string Name, string Email, bool IsAdmin = false);

/// <summary>One file of a draft at its newest revision.</summary>
public sealed record DraftFile(string Path, int Revision, byte[] Bytes, string SavedByName, DateTimeOffset SavedAt)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>A studio course's draft: the newest revision of each file, checked as learners would get it.</summary>
public sealed record Draft(string CourseId, IReadOnlyList<DraftFile> Files, CourseLoadResult Check)
{
    public string Version => Check.ContentVersion ?? "";

    public int Errors => Check.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public DraftFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);

    public IEnumerable<DraftFile> Lessons => Files.Where(f => StudioFiles.LessonNumber(f.Path) is not null).OrderBy(f => f.Path, StringComparer.Ordinal);
}

/// <summary>
/// The outcome of a studio action: done, or refused with a message for the author (<see cref="Problem"/> is
/// an interface string to localize, with <see cref="ProblemArguments"/> for its placeholders).
/// </summary>
public sealed record StudioResult(bool Succeeded, string? Problem = null, int? Revision = null, string? Path = null)
{
    public object[] ProblemArguments { get; init; } = [];

    public static StudioResult Ok(int? revision = null, string? path = null) => new(true, null, revision, path);

    /// <summary>True when the actor may not change this course at all (answered 403, not as a problem to fix).</summary>
    public bool Forbidden { get; init; }

    public static StudioResult Fail(string problem, params object[] arguments) => new(false, problem) { ProblemArguments = arguments };

    public static StudioResult Refused() =>
        new(false, "You are not an author of this course: ask one of its owners to add you.") { Forbidden = true };
}

/// <summary>One author of a studio course, for the course page.</summary>
public sealed record StudioAuthorView(string UserId, string Name, string Email, string Role, DateTimeOffset AddedAt);

/// <summary>A save refused because the file moved on since the author opened it: their text and the stored one.</summary>
public sealed record SaveConflict(string Path, int BaseRevision, string YourText, DraftFile Stored);

/// <summary>
/// The studio: drafts, revisions, review and publishing of courses kept in the database. Every change is a
/// new revision (nothing is overwritten), every action is audited, and publishing needs a clean check and
/// an approval of exactly the draft being published.
/// </summary>
public sealed class StudioService(AppDbContext db, ContentLibrary library, TimeProvider time, StudioAccess access, Microsoft.AspNetCore.Identity.ILookupNormalizer normalizer)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<List<StudioCourse>> CoursesAsync(CancellationToken cancellationToken) =>
        db.StudioCourses.AsNoTracking().OrderBy(c => c.CourseId).ToListAsync(cancellationToken);

    public Task<bool> IsStudioCourseAsync(string courseId, CancellationToken cancellationToken) =>
        db.StudioCourses.AnyAsync(c => c.CourseId == courseId, cancellationToken);

    /// <summary>The draft of a studio course, or null when the course is not in the studio.</summary>
    public async Task<Draft?> DraftAsync(string courseId, CancellationToken cancellationToken)
    {
        if (!await IsStudioCourseAsync(courseId, cancellationToken))
        {
            return null;
        }

        var newest = await db.StudioFileRevisions.AsNoTracking()
            .Where(r => r.CourseId == courseId)
            .Where(r => r.Revision == db.StudioFileRevisions.Where(o => o.CourseId == r.CourseId && o.Path == r.Path).Max(o => o.Revision))
            .ToListAsync(cancellationToken);
        var files = newest.Where(r => r.Bytes is not null)
            .OrderBy(r => r.Path, CourseFiles.PathOrder.Instance)
            .Select(r => new DraftFile(r.Path, r.Revision, r.Bytes!, r.SavedByName, r.SavedAt))
            .ToList();
        return new Draft(courseId, files, await CheckAsync(courseId, files.Select(f => (f.Path, f.Bytes)).ToList(), cancellationToken));
    }

    /// <summary>
    /// Checks files exactly as the platform would load them for learners, and the editions the course names in other
    /// languages against those courses (see <see cref="CourseEditions"/>).
    /// </summary>
    public async Task<CourseLoadResult> CheckAsync(string courseId, IReadOnlyList<(string Path, byte[] Bytes)> files, CancellationToken cancellationToken)
    {
        var result = CourseLoader.Load(files, courseId, courseId, Today);
        if (result.Parsed?.Info is not { Translations.Count: > 0 } info)
        {
            return result;
        }

        var facts = new Dictionary<string, EditionFacts?>(StringComparer.Ordinal);
        foreach (var edition in info.Translations)
        {
            facts[edition.CourseId] = await EditionFactsAsync(edition.CourseId, cancellationToken);
        }

        var problems = CourseEditions.Check(info, $"{courseId}/course.md", id => facts.GetValueOrDefault(id));
        return problems.Count == 0 ? result : result with { Course = null, Diagnostics = [.. result.Diagnostics, .. problems] };
    }

    /// <summary>
    /// Another course's language and the editions it names: as learners have it, and as its studio draft has it. Two
    /// editions made in the studio are published one after the other, so the first may count on the other's draft.
    /// </summary>
    private async Task<EditionFacts?> EditionFactsAsync(string courseId, CancellationToken cancellationToken)
    {
        var loaded = library.Current.FindResult(courseId) is { } result && (result.Course ?? result.Parsed)?.Info is { } info ? EditionFacts.Of(info) : null;
        var drafted = await DraftFileAsync(courseId, "course.md", cancellationToken) is { } bytes ? CourseLoader.PeekEditions(Encoding.UTF8.GetString(bytes)) : null;
        return (loaded, drafted) switch
        {
            (null, null) => null,
            ({ } a, null) => a,
            (null, { } b) => b,
            ({ } a, { } b) => a with { Names = [.. a.Names.Union(b.Names)] },
        };
    }

    /// <summary>Starts a course from the platform's template.</summary>
    public async Task<StudioResult> CreateAsync(string courseId, string title, string language, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!StudioFiles.IsValidCourseId(courseId))
        {
            return StudioResult.Fail("The course id is made of lowercase letters, digits and single hyphens, at most 60 characters, like 'nmosd-pain-basics'.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            return StudioResult.Fail("Give the course a title of at most 200 characters.");
        }

        if (!CourseLoader.Languages.Contains(language))
        {
            return StudioResult.Fail("Choose the course's language.");
        }

        if (library.Current.FindResult(courseId) is not null || await IsStudioCourseAsync(courseId, cancellationToken))
        {
            return StudioResult.Fail("A course with the id '{0}' already exists: choose another id.", courseId);
        }

        var files = StudioFiles.NewCourse(courseId, title, language, actor.Name, Today)
            .Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList();
        return await AddCourseAsync(courseId, files, importedFromFolder: false, AuditActions.CourseCreate, actor, cancellationToken);
    }

    /// <summary>
    /// Brings a course from the content folder into the studio. Its current files become the first draft
    /// and its first published version (the same content version, so learners notice nothing); from then
    /// on the studio copy is the course, and the folder copy is ignored.
    /// </summary>
    public async Task<StudioResult> ImportAsync(string courseId, StudioActor actor, CancellationToken cancellationToken)
    {
        if (library.Current.FindResult(courseId) is not { Origin: CourseOrigins.Folder, Course: { } course })
        {
            return StudioResult.Fail("Only a course in the content folder that loads without errors can be brought into the studio.");
        }

        var result = await AddCourseAsync(courseId, course.Files.All, importedFromFolder: true, AuditActions.CourseImport, actor, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        await StorePublishedAsync(course.Id, course.ContentVersion, course.Files.All, actor, review: null, cancellationToken);
        library.Reload();
        return result;
    }

    private async Task<StudioResult> AddCourseAsync(
        string courseId, IReadOnlyList<(string Path, byte[] Bytes)> files, bool importedFromFolder, string action, StudioActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.StudioCourses.Add(new StudioCourse { CourseId = courseId, CreatedAt = now, CreatedByName = actor.Name, ImportedFromFolder = importedFromFolder });
        db.StudioCourseAuthors.Add(new StudioCourseAuthor { CourseId = courseId, UserId = actor.UserId, Role = StudioAuthorRoles.Owner, AddedAt = now });
        foreach (var (path, bytes) in files)
        {
            db.StudioFileRevisions.Add(NewRevision(courseId, path, 1, bytes, actor, importedFromFolder ? "imported from the content folder" : null));
        }

        Audit(action, courseId, actor, new { files = files.Count });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return StudioResult.Fail("The course '{0}' is already in the studio.", courseId);
        }

        return StudioResult.Ok();
    }

    /// <summary>
    /// Saves a new revision of a text file. Refused as a conflict (null result, <paramref name="conflict"/> set) when
    /// the file moved on since <paramref name="baseRevision"/>: nobody's text is overwritten.
    /// </summary>
    public async Task<(StudioResult Result, SaveConflict? Conflict)> SaveAsync(
        string courseId, string path, string text, int baseRevision, StudioActor actor, CancellationToken cancellationToken)
    {
        if (await DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return (StudioResult.Fail("This course is not in the studio."), null);
        }

        if (!await access.MayChangeAsync(courseId, AuditActions.FileSave, actor, cancellationToken))
        {
            return (StudioResult.Refused(), null);
        }

        if (draft.Find(path) is not { } stored || !StudioFiles.IsMarkdown(path))
        {
            return (StudioResult.Fail("The course has no text file '{0}'.", path), null);
        }

        var bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"));
        if (bytes.Length > StudioFiles.MaxTextBytes)
        {
            return (StudioResult.Fail("The file is larger than {0} KB: split the lesson in two.", StudioFiles.MaxTextBytes / 1024), null);
        }

        if (stored.Revision != baseRevision)
        {
            return (StudioResult.Fail("conflict"), new SaveConflict(path, baseRevision, text, stored));
        }

        if (stored.Bytes.AsSpan().SequenceEqual(bytes))
        {
            return (StudioResult.Ok(stored.Revision, path), null);
        }

        db.StudioFileRevisions.Add(NewRevision(courseId, path, baseRevision + 1, bytes, actor, null));
        Audit(AuditActions.FileSave, courseId, actor, new { path, revision = baseRevision + 1 });
        if (!await TrySaveAsync(cancellationToken))
        {
            // Another save from the same revision landed first: the unique index refused this one.
            var latest = (await DraftAsync(courseId, cancellationToken))!.Find(path)!;
            return (StudioResult.Fail("conflict"), new SaveConflict(path, baseRevision, text, latest));
        }

        return (StudioResult.Ok(baseRevision + 1, path), null);
    }

    /// <summary>Every revision of one file, newest first (without their bytes).</summary>
    public Task<List<StudioFileRevision>> HistoryAsync(string courseId, string path, CancellationToken cancellationToken) =>
        db.StudioFileRevisions.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Path == path)
            .OrderByDescending(r => r.Revision)
            .Select(r => new StudioFileRevision
            {
                Id = r.Id, CourseId = r.CourseId, Path = r.Path, Revision = r.Revision, Bytes = r.Bytes == null ? null : Array.Empty<byte>(),
                SavedById = r.SavedById, SavedByName = r.SavedByName, SavedAt = r.SavedAt, Note = r.Note,
            })
            .ToListAsync(cancellationToken);

    /// <summary>The text of one revision of a file; null when there is no such revision or it removed the file.</summary>
    public async Task<string?> RevisionTextAsync(string courseId, string path, int revision, CancellationToken cancellationToken)
    {
        var bytes = await db.StudioFileRevisions.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Path == path && r.Revision == revision)
            .Select(r => r.Bytes).FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Makes an earlier revision the newest one again (as a new revision: the history keeps everything).</summary>
    public async Task<StudioResult> RestoreAsync(string courseId, string path, int revision, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.FileRestore, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        var old = await db.StudioFileRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.CourseId == courseId && r.Path == path && r.Revision == revision, cancellationToken);
        if (old?.Bytes is null)
        {
            return StudioResult.Fail("There is no such revision to restore.");
        }

        var next = await NextRevisionAsync(courseId, path, cancellationToken);
        db.StudioFileRevisions.Add(NewRevision(courseId, path, next, old.Bytes, actor, $"restored revision {revision}"));
        Audit(AuditActions.FileRestore, courseId, actor, new { path, restored = revision, revision = next });
        return await TrySaveAsync(cancellationToken)
            ? StudioResult.Ok(next, path)
            : StudioResult.Fail("The file changed while restoring: open its history and try again.");
    }

    /// <summary>Adds a lesson at the end of the course.</summary>
    public async Task<StudioResult> AddLessonAsync(string courseId, string title, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.LessonAdd, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return StudioResult.Fail("This course is not in the studio.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            return StudioResult.Fail("Give the lesson a title of at most 200 characters.");
        }

        var number = draft.Lessons.Select(l => StudioFiles.LessonNumber(l.Path)!.Value).DefaultIfEmpty(0).Max() + 1;
        if (number > 99)
        {
            return StudioResult.Fail("A course holds at most 99 lessons.");
        }

        var path = StudioFiles.LessonFileName(number, title);
        var lessonId = StudioFiles.SafeStem(title) is { Length: > 0 } stem ? stem : $"lesson-{number}";
        var next = await NextRevisionAsync(courseId, path, cancellationToken);
        db.StudioFileRevisions.Add(NewRevision(courseId, path, next, Encoding.UTF8.GetBytes(StudioFiles.NewLesson(lessonId, title)), actor, null));
        Audit(AuditActions.LessonAdd, courseId, actor, new { path, title });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok(next, path) : StudioResult.Fail("The lesson could not be added: try again.");
    }

    /// <summary>Renames a lesson: its title and its file name change; its id (which learners' progress names) stays.</summary>
    public async Task<StudioResult> RenameLessonAsync(string courseId, string path, string title, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.LessonRename, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(path) is not { } lesson || StudioFiles.LessonNumber(path) is not { } number)
        {
            return StudioResult.Fail("There is no such lesson.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            return StudioResult.Fail("Give the lesson a title of at most 200 characters.");
        }

        var newPath = StudioFiles.LessonFileName(number, title);
        var bytes = Encoding.UTF8.GetBytes(StudioFiles.WithTitle(lesson.Text, title));
        if (newPath != path && draft.Find(newPath) is not null)
        {
            return StudioResult.Fail("Another file is already named '{0}'.", newPath);
        }

        await MoveAsync(courseId, path, newPath, bytes, actor, cancellationToken);
        Audit(AuditActions.LessonRename, courseId, actor, new { from = path, to = newPath, title });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok(path: newPath) : StudioResult.Fail("The lesson changed while renaming: try again.");
    }

    /// <summary>Moves a lesson one place up or down, swapping numbers with its neighbour.</summary>
    public async Task<StudioResult> MoveLessonAsync(string courseId, string path, int direction, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.LessonReorder, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft || draft.Find(path) is not { } lesson)
        {
            return StudioResult.Fail("There is no such lesson.");
        }

        var lessons = draft.Lessons.ToList();
        var index = lessons.FindIndex(l => l.Path == path);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= lessons.Count)
        {
            return StudioResult.Fail("The lesson is already at that end of the course.");
        }

        var neighbour = lessons[other];
        var number = StudioFiles.LessonNumber(lesson.Path)!.Value;
        var neighbourNumber = StudioFiles.LessonNumber(neighbour.Path)!.Value;
        var lessonTo = $"{neighbourNumber:00}{lesson.Path[2..]}";
        var neighbourTo = $"{number:00}{neighbour.Path[2..]}";
        await MoveAsync(courseId, lesson.Path, lessonTo, lesson.Bytes, actor, cancellationToken);
        await MoveAsync(courseId, neighbour.Path, neighbourTo, neighbour.Bytes, actor, cancellationToken);
        Audit(AuditActions.LessonReorder, courseId, actor, new { moved = path, to = lessonTo, swappedWith = neighbour.Path });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok(path: lessonTo) : StudioResult.Fail("The lessons changed while moving: try again.");
    }

    /// <summary>Stores an uploaded image in the course, under a safe name, never outside it.</summary>
    public async Task<StudioResult> UploadAsync(string courseId, string? fileName, byte[] bytes, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.FileUpload, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (!await IsStudioCourseAsync(courseId, cancellationToken))
        {
            return StudioResult.Fail("This course is not in the studio.");
        }

        var (name, problem) = StudioFiles.CheckUpload(fileName, bytes);
        if (problem is not null)
        {
            return StudioResult.Fail(problem, StudioFiles.MaxUploadBytes / 1024 / 1024);
        }

        var next = await NextRevisionAsync(courseId, name!, cancellationToken);
        db.StudioFileRevisions.Add(NewRevision(courseId, name!, next, bytes, actor, "uploaded"));
        Audit(AuditActions.FileUpload, courseId, actor, new { path = name, bytes = bytes.Length });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok(next, name) : StudioResult.Fail("The image could not be stored: try again.");
    }

    /// <summary>The newest published version of a course: its stored row (without files).</summary>
    public Task<CourseVersionArchive?> PublishedAsync(string courseId, CancellationToken cancellationToken) =>
        db.CourseVersionArchives.AsNoTracking()
            .Where(a => a.CourseId == courseId && a.PublishedAt != null)
            .OrderByDescending(a => a.PublishedAt)
            .Select(a => new CourseVersionArchive
            {
                Id = a.Id, CourseId = a.CourseId, ContentVersion = a.ContentVersion, Files = Array.Empty<byte>(), ArchivedAt = a.ArchivedAt,
                PublishedAt = a.PublishedAt, PublishedByName = a.PublishedByName, ReviewId = a.ReviewId, ReviewedByName = a.ReviewedByName, ReviewedAt = a.ReviewedAt,
            })
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The files of the newest published version, by path (empty before the first publication).</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> PublishedFilesAsync(string courseId, CancellationToken cancellationToken)
    {
        var zip = await db.CourseVersionArchives.AsNoTracking()
            .Where(a => a.CourseId == courseId && a.PublishedAt != null)
            .OrderByDescending(a => a.PublishedAt)
            .Select(a => a.Files).FirstOrDefaultAsync(cancellationToken);
        return zip is null ? new Dictionary<string, byte[]>() : StoredFiles.Unpack(zip).ToDictionary(f => f.Relative, f => f.Bytes);
    }

    /// <summary>The newest bytes of one file of the draft (null when there is no such file), without checking the whole draft.</summary>
    public Task<byte[]?> DraftFileAsync(string courseId, string path, CancellationToken cancellationToken) =>
        db.StudioFileRevisions.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Path == path)
            .OrderByDescending(r => r.Revision).Select(r => r.Bytes).FirstOrDefaultAsync(cancellationToken);

    /// <summary>What changed between the published version and the draft, as a reviewer reads it (see <see cref="ReviewChange"/>).</summary>
    public async Task<IReadOnlyList<ReviewChange>> ReviewChangesAsync(Draft draft, CancellationToken cancellationToken)
    {
        var published = await PublishedAsync(draft.CourseId, cancellationToken);
        var files = await PublishedFilesAsync(draft.CourseId, cancellationToken);
        // A published version passed the checker; it is parsed once and kept with the library's other versions.
        var course = published is null ? null
            : library.FindVersion(draft.CourseId, published.ContentVersion) ?? library.LoadVersion(draft.CourseId, files.Select(f => (f.Key, f.Value)).ToList());
        return ReviewChanges.Compare(files, course, draft);
    }

    /// <summary>The newest review request of a course, if any.</summary>
    public Task<StudioReview?> LatestReviewAsync(string courseId, CancellationToken cancellationToken) =>
        db.StudioReviews.AsNoTracking().Where(r => r.CourseId == courseId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Asks for review of the draft as it is now; only a draft without errors can be reviewed.</summary>
    public async Task<StudioResult> RequestReviewAsync(string courseId, string? note, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.ReviewRequest, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return StudioResult.Fail("This course is not in the studio.");
        }

        if (draft.Errors > 0)
        {
            return StudioResult.Fail(draft.Errors == 1 ? "The draft has {0} error: fix it before asking for review." : "The draft has {0} errors: fix them before asking for review.", draft.Errors);
        }

        if (await PublishedAsync(courseId, cancellationToken) is { } published && published.ContentVersion == draft.Version)
        {
            return StudioResult.Fail("The draft is the same as the published version: there is nothing to review.");
        }

        db.StudioReviews.Add(new StudioReview
        {
            CourseId = courseId, DraftVersion = draft.Version, RequestedById = actor.UserId, RequestedByName = actor.Name,
            RequestedAt = time.GetUtcNow(), RequestNote = Trimmed(note),
        });
        Audit(AuditActions.ReviewRequest, courseId, actor, new { draftVersion = draft.Version, note = Trimmed(note) });
        await db.SaveChangesAsync(cancellationToken);
        return StudioResult.Ok();
    }

    /// <summary>
    /// A reviewer approves the draft or asks for changes. The reviewer may not be the one who asked for the
    /// review nor anyone who changed the draft since the last publication; an approval holds only while the
    /// draft is exactly the one reviewed.
    /// </summary>
    public async Task<StudioResult> DecideAsync(string courseId, long reviewId, bool approve, string? comment, StudioActor actor, CancellationToken cancellationToken)
    {
        var review = await db.StudioReviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.CourseId == courseId, cancellationToken);
        if (review is null || review.Decision is not null)
        {
            return StudioResult.Fail("This review has already been decided, or does not exist.");
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft || draft.Version != review.DraftVersion)
        {
            return StudioResult.Fail("The draft has changed since review was asked: the author must ask again for the new draft.");
        }

        if (!await MayDecideAsync(review, actor.UserId, cancellationToken))
        {
            return StudioResult.Fail("You changed this draft or asked for its review: another reviewer must review it.");
        }

        if (!approve && string.IsNullOrWhiteSpace(comment))
        {
            return StudioResult.Fail("Say what needs to change.");
        }

        review.Decision = approve ? ReviewDecisions.Approved : ReviewDecisions.ChangesRequested;
        review.ReviewerId = actor.UserId;
        review.ReviewerName = actor.Name;
        review.DecidedAt = time.GetUtcNow();
        review.Comment = Trimmed(comment);
        Audit(approve ? AuditActions.ReviewApprove : AuditActions.ReviewRequestChanges, courseId, actor,
            new { reviewId, draftVersion = review.DraftVersion, comment = review.Comment });
        await db.SaveChangesAsync(cancellationToken);
        return StudioResult.Ok();
    }

    /// <summary>
    /// Whether a reviewer may decide a review: not the one who asked for it, nor anyone who changed the draft since the
    /// last publication (the Reviewer role itself is checked by the caller). One rule for the decision, the review queue
    /// and whom a request is emailed to.
    /// </summary>
    public async Task<bool> MayDecideAsync(StudioReview review, string reviewerId, CancellationToken cancellationToken) =>
        review.RequestedById != reviewerId && !(await AuthorsSincePublicationAsync(review.CourseId, cancellationToken)).Contains(reviewerId);

    /// <summary>
    /// The open review requests a reviewer can act on: the newest request of each course, undecided, for the draft as it
    /// is now (<paramref name="drafts"/>), which the reviewer did not ask for or write.
    /// </summary>
    public async Task<IReadOnlyList<StudioReview>> WaitingForReviewAsync(string reviewerId, IReadOnlyList<Draft> drafts, CancellationToken cancellationToken)
    {
        var versions = drafts.ToDictionary(d => d.CourseId, d => d.Version);
        var ids = versions.Keys.ToList();
        var latest = await db.StudioReviews.AsNoTracking().Where(r => ids.Contains(r.CourseId))
            .GroupBy(r => r.CourseId).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var open = await db.StudioReviews.AsNoTracking().Where(r => latest.Contains(r.Id) && r.Decision == null).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        var waiting = new List<StudioReview>();
        foreach (var review in open)
        {
            if (versions[review.CourseId] == review.DraftVersion && await MayDecideAsync(review, reviewerId, cancellationToken))
            {
                waiting.Add(review);
            }
        }

        return waiting;
    }

    /// <summary>
    /// Publishes the draft as a new content version: only with no checker errors and an approval of exactly
    /// this draft. Learners who started an earlier version keep theirs.
    /// </summary>
    public async Task<StudioResult> PublishAsync(string courseId, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.Publish, actor, cancellationToken))
        {
            return StudioResult.Refused();
        }

        if (await DraftAsync(courseId, cancellationToken) is not { } draft)
        {
            return StudioResult.Fail("This course is not in the studio.");
        }

        if (draft.Errors > 0)
        {
            return StudioResult.Fail(draft.Errors == 1 ? "The draft has {0} error: it cannot be published." : "The draft has {0} errors: it cannot be published.", draft.Errors);
        }

        var approval = await db.StudioReviews.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.DraftVersion == draft.Version && r.Decision == ReviewDecisions.Approved)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (approval is null)
        {
            return StudioResult.Fail("This exact draft has not been approved by a reviewer: ask for review first.");
        }

        await StorePublishedAsync(courseId, draft.Version, draft.Files.Select(f => (f.Path, f.Bytes)).ToList(), actor, approval, cancellationToken);
        library.Reload();
        return StudioResult.Ok();
    }

    /// <summary>The owners and co-authors of a course, owners first.</summary>
    public async Task<IReadOnlyList<StudioAuthorView>> AuthorsAsync(string courseId, CancellationToken cancellationToken) =>
        (await db.StudioCourseAuthors.AsNoTracking().Where(a => a.CourseId == courseId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new StudioAuthorView(a.UserId, u.FullName, u.Email ?? "", a.Role, a.AddedAt))
            .ToListAsync(cancellationToken))
        .OrderBy(a => a.Role == StudioAuthorRoles.Owner ? 0 : 1).ThenBy(a => a.AddedAt).ToList();

    /// <summary>Makes an account with the Author role an owner or co-author of the course (an owner's or an administrator's action).</summary>
    public async Task<StudioResult> AddAuthorAsync(string courseId, string? email, string? role, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await IsStudioCourseAsync(courseId, cancellationToken))
        {
            return StudioResult.Fail("This course is not in the studio.");
        }

        if (!await access.MayChangeAsync(courseId, AuditActions.AuthorAdd, actor, cancellationToken, manageAuthors: true))
        {
            return StudioResult.Refused();
        }

        if (role is not (StudioAuthorRoles.Owner or StudioAuthorRoles.CoAuthor))
        {
            return StudioResult.Fail("Choose owner or co-author.");
        }

        var normalized = normalizer.NormalizeEmail((email ?? "").Trim());
        var user = string.IsNullOrEmpty(normalized) || normalized.Length > 256 ? null : await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Account.Roles.Author)))
            .Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return StudioResult.Fail("The platform has no account with the Author role for that email address: an administrator gives the role first.");
        }

        var existing = await db.StudioCourseAuthors.FirstOrDefaultAsync(a => a.CourseId == courseId && a.UserId == user.Id, cancellationToken);
        if (existing is not null && (existing.Role == role || await IsLastOwnerAsync(existing, cancellationToken)))
        {
            return StudioResult.Fail(existing.Role == role ? "That person is already an author of this course." : "A course needs an owner: add another owner before this one becomes a co-author.");
        }

        var before = existing?.Role;
        if (existing is null)
        {
            db.StudioCourseAuthors.Add(new StudioCourseAuthor { CourseId = courseId, UserId = user.Id, Role = role, AddedAt = time.GetUtcNow(), AddedById = actor.UserId });
        }
        else
        {
            existing.Role = role;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = AuditActions.AuthorAdd, CourseId = courseId, TargetUserId = user.Id,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(new { role = before }),
            AfterJson = JsonSerializer.Serialize(new { email = user.Email, role }),
        });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok() : StudioResult.Fail("The authors changed meanwhile: try again.");
    }

    /// <summary>Removes an owner or co-author; the last owner stays (an administrator can still act on any course).</summary>
    public async Task<StudioResult> RemoveAuthorAsync(string courseId, string? userId, StudioActor actor, CancellationToken cancellationToken)
    {
        if (!await access.MayChangeAsync(courseId, AuditActions.AuthorRemove, actor, cancellationToken, manageAuthors: true))
        {
            return StudioResult.Refused();
        }

        var author = await db.StudioCourseAuthors.FirstOrDefaultAsync(a => a.CourseId == courseId && a.UserId == userId, cancellationToken);
        if (author is null)
        {
            return StudioResult.Fail("That person is not an author of this course.");
        }

        if (await IsLastOwnerAsync(author, cancellationToken))
        {
            return StudioResult.Fail("This is the last owner of the course: add another owner before removing this one.");
        }

        db.StudioCourseAuthors.Remove(author);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = AuditActions.AuthorRemove, CourseId = courseId, TargetUserId = author.UserId,
            BeforeJson = JsonSerializer.Serialize(new { role = author.Role }),
        });
        return await TrySaveAsync(cancellationToken) ? StudioResult.Ok() : StudioResult.Fail("The authors changed meanwhile: try again.");
    }

    private async Task<bool> IsLastOwnerAsync(StudioCourseAuthor author, CancellationToken cancellationToken) =>
        author.Role == StudioAuthorRoles.Owner
        && !await db.StudioCourseAuthors.AnyAsync(a => a.CourseId == author.CourseId && a.Role == StudioAuthorRoles.Owner && a.UserId != author.UserId, cancellationToken);

    /// <summary>The draft as a zip of its files, for authors who keep courses in git.</summary>
    public static byte[] Export(Draft draft) => StoredFiles.Pack(draft.Files.Select(f => (f.Path, f.Bytes)));

    private async Task StorePublishedAsync(
        string courseId, string version, IReadOnlyList<(string Path, byte[] Bytes)> files, StudioActor actor, StudioReview? review, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var archive = await db.CourseVersionArchives.FirstOrDefaultAsync(a => a.CourseId == courseId && a.ContentVersion == version, cancellationToken);
        if (archive is null)
        {
            archive = new CourseVersionArchive { CourseId = courseId, ContentVersion = version, Files = StoredFiles.Pack(files), ArchivedAt = now };
            db.CourseVersionArchives.Add(archive);
        }

        archive.PublishedAt = now;
        archive.PublishedByName = actor.Name;
        archive.ReviewId = review?.Id;
        archive.ReviewedByName = review?.ReviewerName;
        archive.ReviewedAt = review?.DecidedAt;
        Audit(AuditActions.Publish, courseId, actor, new { contentVersion = version, reviewId = review?.Id, reviewedBy = review?.ReviewerName });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Everyone who saved a revision since the last publication (or ever, before the first).</summary>
    private async Task<HashSet<string>> AuthorsSincePublicationAsync(string courseId, CancellationToken cancellationToken)
    {
        var since = (await PublishedAsync(courseId, cancellationToken))?.PublishedAt ?? DateTimeOffset.MinValue;
        var revisions = await db.StudioFileRevisions.AsNoTracking().Where(r => r.CourseId == courseId)
            .Select(r => new { r.SavedById, r.SavedAt, r.Note }).ToListAsync(cancellationToken);
        return revisions.Where(r => r.SavedAt > since && r.Note != "imported from the content folder").Select(r => r.SavedById).ToHashSet();
    }

    private async Task MoveAsync(string courseId, string from, string to, byte[] bytes, StudioActor actor, CancellationToken cancellationToken)
    {
        if (from == to)
        {
            db.StudioFileRevisions.Add(NewRevision(courseId, to, await NextRevisionAsync(courseId, to, cancellationToken), bytes, actor, null));
            return;
        }

        db.StudioFileRevisions.Add(NewRevision(courseId, from, await NextRevisionAsync(courseId, from, cancellationToken), null, actor, $"renamed to {to}"));
        db.StudioFileRevisions.Add(NewRevision(courseId, to, await NextRevisionAsync(courseId, to, cancellationToken), bytes, actor, $"renamed from {from}"));
    }

    private async Task<int> NextRevisionAsync(string courseId, string path, CancellationToken cancellationToken) =>
        (await db.StudioFileRevisions.Where(r => r.CourseId == courseId && r.Path == path).MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0) + 1;

    private StudioFileRevision NewRevision(string courseId, string path, int revision, byte[]? bytes, StudioActor actor, string? note) => new()
    {
        CourseId = courseId, Path = path, Revision = revision, Bytes = bytes, SavedById = actor.UserId, SavedByName = actor.Name,
        SavedAt = time.GetUtcNow(), Note = note,
    };

    private void Audit(string action, string courseId, StudioActor actor, object details) => db.AuditEntries.Add(new AuditEntry
    {
        At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = action, CourseId = courseId,
        AfterJson = JsonSerializer.Serialize(details),
    });

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 2000)];
}
