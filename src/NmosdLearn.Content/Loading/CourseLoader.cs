using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NmosdLearn.Content.Quizzes;

namespace NmosdLearn.Content.Loading;

/// <summary>The outcome of loading one course folder: the course when it has no errors, and every problem found.</summary>
public sealed record CourseLoadResult(string FolderName, string? Title, Course? Course, IReadOnlyList<ContentDiagnostic> Diagnostics)
{
    /// <summary>True when the course may be offered to learners.</summary>
    public bool IsValid => Course is not null;

    /// <summary>The content version, when the folder could be hashed.</summary>
    public string? ContentVersion { get; init; }

    /// <summary>
    /// What could be parsed even when there are errors (null when course.md or post-test.md could not be
    /// read at all): for an author's preview, never for learners.
    /// </summary>
    public Course? Parsed { get; init; }

    /// <summary>Where the course is kept (<see cref="CourseOrigins"/>).</summary>
    public string Origin { get; init; } = CourseOrigins.Folder;

    /// <summary>How diagnostics name the course's folder (such as <c>content/nmosd-pain-en</c>).</summary>
    public string DisplayFolder { get; init; } = "";
}

/// <summary>
/// Loads a course folder (<c>course.md</c>, <c>NN-name.md</c> lessons, <c>pre-test.md</c>, <c>post-test.md</c>,
/// images) into an immutable <see cref="Course"/>, reporting every problem with file, line and column.
/// A broken file never throws: it yields diagnostics, so one bad course cannot take others down.
/// </summary>
public static partial class CourseLoader
{
    /// <summary>Language codes a course may declare.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "zh-CN"];

    internal static readonly string[] CourseFields =
    [
        "id", "title", "language", "version", "summary", "audience", "objectives", "faculty", "commercial_support",
        "accreditation", "credit_designation", "credits", "credit_type", "minutes", "release_date", "review_date",
        "expiry_date", "passing_score", "attempt_limit", "references", "review", "minimum_minutes", "translations", "image", "image_alt",
    ];

    /// <summary>File types a course's catalog image may have: the served pictures (see <see cref="CourseUrls.ServedFileTypes"/>) without PDF.</summary>
    internal static readonly string[] CatalogImageTypes = [".png", ".jpg", ".jpeg", ".gif", ".webp"];

    /// <summary>Values of the course field <c>review</c>.</summary>
    internal static readonly IReadOnlyDictionary<string, ReviewPolicy> ReviewPolicies = new Dictionary<string, ReviewPolicy>
    {
        ["after-completion"] = ReviewPolicy.AfterCompletion,
        ["after-each-attempt"] = ReviewPolicy.AfterEachAttempt,
        ["score-only"] = ReviewPolicy.ScoreOnly,
    };

    internal static readonly string[] FacultyFields = ["name", "credentials", "role", "disclosure"];
    internal static readonly string[] LessonFields = ["id", "title", "minutes", "objectives"];
    internal static readonly string[] AssessmentFields = ["title", "draw"];

    /// <summary>Loads one course folder.</summary>
    /// <param name="folder">The course folder.</param>
    /// <param name="displayFolder">How to name the folder in diagnostics (e.g. <c>content/nmosd-pain-en</c>).</param>
    /// <param name="today">The date that expiry is checked against.</param>
    public static CourseLoadResult Load(string folder, string displayFolder, DateOnly today)
    {
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        IReadOnlyList<(string Relative, byte[] Bytes)> files;
        try
        {
            files = ReadFiles(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CourseLoadResult(folderName, null, null,
                [new ContentDiagnostic(displayFolder, 1, 1, DiagnosticSeverity.Error, $"could not read the course: {ex.Message}")]);
        }

        return Load(files, folderName, displayFolder, today);
    }

    /// <summary>
    /// Loads one course from its files in memory, wherever they came from (a folder, the database, an
    /// archive, an author's unsaved draft). Nothing is read from disk.
    /// </summary>
    /// <param name="files">Every file of the course by path relative to the course, such as <c>01-intro.md</c> or <c>images/figure.png</c>.</param>
    /// <param name="courseId">The course id the files must declare (the folder name, for a folder).</param>
    /// <param name="displayFolder">How to name the course in diagnostics.</param>
    /// <param name="today">The date that expiry is checked against.</param>
    public static CourseLoadResult Load(IReadOnlyList<(string Relative, byte[] Bytes)> files, string courseId, string displayFolder, DateOnly today)
    {
        var folderName = courseId;
        var diagnostics = new List<ContentDiagnostic>();
        string? version = null;
        try
        {
            var courseFiles = new CourseFiles(files);
            version = courseFiles.Version;
            var course = LoadCourse(courseFiles, folderName, displayFolder, today, diagnostics, out var title);
            var valid = diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
            return new CourseLoadResult(folderName, title, valid ? course : null, diagnostics) { ContentVersion = version, Parsed = course, DisplayFolder = displayFolder };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new ContentDiagnostic(displayFolder, 1, 1, DiagnosticSeverity.Error, $"could not read the course: {ex.Message}"));
            return new CourseLoadResult(folderName, null, null, diagnostics) { ContentVersion = version };
        }
        catch (Exception ex)
        {
            // A fault of the checker itself: it must cost this course only, never the other courses.
            diagnostics.Add(new ContentDiagnostic(displayFolder, 1, 1, DiagnosticSeverity.Error,
                $"the platform could not load this course ({ex.GetType().Name}: {ex.Message}); please report it with the course's files"));
            return new CourseLoadResult(folderName, null, null, diagnostics) { ContentVersion = version };
        }
    }

    /// <summary>The largest file a course folder may hold: figures and handouts, not videos.</summary>
    public const long MaxFileBytes = 50 * 1024 * 1024;

    /// <summary>
    /// A hash of every file in the course folder (names and bytes). Stored with progress, attempts and
    /// certificates so that what a learner completed is known exactly. A symbolic link is refused: it
    /// could point at any file on the server, which the platform would then serve as a course file.
    /// </summary>
    public static string ComputeContentVersion(string folder) => ComputeContentVersion(ReadFiles(folder));

    /// <summary>The content version of files already read (see <see cref="ReadFiles"/>).</summary>
    public static string ComputeContentVersion(IEnumerable<(string Relative, byte[] Bytes)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, bytes) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>
    /// Reads every file of a course folder, in hashing order, refusing links and files over
    /// <see cref="MaxFileBytes"/> (IOException). What is copied from these bytes hashes to their version.
    /// </summary>
    public static IReadOnlyList<(string Relative, byte[] Bytes)> ReadFiles(string folder)
    {
        var files = new List<(string, byte[])>();
        foreach (var (relative, file) in FilesOf(new DirectoryInfo(folder), ""))
        {
            if (file.Length > MaxFileBytes)
            {
                throw new IOException($"'{relative}' is larger than {MaxFileBytes / 1024 / 1024} MB: courses hold figures and handouts, not videos");
            }

            files.Add((relative, File.ReadAllBytes(file.FullName)));
        }

        return files;
    }

    /// <summary>Every file under <paramref name="directory"/>, by name; a link is refused, never followed.</summary>
    private static IEnumerable<(string Relative, FileInfo File)> FilesOf(DirectoryInfo directory, string prefix)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                throw new IOException($"'{relative}' is a symbolic link: copy the file itself into the course folder");
            }

            if (entry is DirectoryInfo subdirectory)
            {
                foreach (var file in FilesOf(subdirectory, relative + "/"))
                {
                    yield return file;
                }
            }
            else if (entry is FileInfo file)
            {
                yield return (relative, file);
            }
        }
    }

    private static Course? LoadCourse(
        CourseFiles files, string folderName, string displayFolder, DateOnly today,
        List<ContentDiagnostic> diagnostics, out string? title)
    {
        title = null;
        if (!files.Contains("course.md"))
        {
            diagnostics.Add(new ContentDiagnostic($"{displayFolder}/course.md", 1, 1, DiagnosticSeverity.Error,
                "the course folder has no course.md"));
            return null;
        }

        var lessonFiles = new List<(int Number, string FileName)>();
        foreach (var file in files.MarkdownFiles)
        {
            if (file is "course.md" or "pre-test.md" or "post-test.md")
            {
                continue;
            }

            var match = LessonFilePattern().Match(file);
            if (match.Success)
            {
                lessonFiles.Add((int.Parse(match.Groups[1].Value), file));
            }
            else
            {
                diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{file}", 1, 1, DiagnosticSeverity.Warning,
                    "not part of the course: lesson files are named like '01-introduction.md' (two digits, a hyphen, lowercase words)"));
            }
        }

        // A file too large to check is not parsed at all (see ContentLimits.MaxMarkdownBytes): only its size is reported.
        var tooLarge = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.MarkdownFiles)
        {
            var fileBag = new DiagnosticBag($"{displayFolder}/{file}");
            if (TextChecks.CheckSize(files.Bytes(file)!, fileBag))
            {
                tooLarge.Add(file);
                diagnostics.AddRange(fileBag.Items);
                continue;
            }

            var fileText = files.Text(file);
            TextChecks.CheckEncoding(files.Bytes(file)!, fileText, fileBag);
            TextChecks.CheckInvisibleCharacters(fileText, fileBag);
            TextChecks.CheckTitleLength(fileText, fileBag);
            TextChecks.CheckPlaceholders(fileText, fileBag);
            diagnostics.AddRange(fileBag.Items);
        }

        if (tooLarge.Contains("course.md"))
        {
            return null;
        }

        var courseBag = new DiagnosticBag($"{displayFolder}/course.md");
        var text = files.Text("course.md");
        var info = ReadCourseInfo(text, folderName, today, files, courseBag);
        title = info?.Title;
        var context = new CourseContext(folderName, files, BuildPageUrls(files, folderName, lessonFiles, tooLarge), info?.Language ?? "en");
        var introduction = PageParser.Parse(text, context, courseBag);
        if (introduction.Questions.Count > 0)
        {
            courseBag.Error(1, 1, "course.md may not hold questions: put them in a lesson, pre-test.md or post-test.md");
        }

        diagnostics.AddRange(courseBag.Items);

        var lessons = new List<Lesson>();
        foreach (var group in lessonFiles.GroupBy(l => l.Number).Where(g => g.Count() > 1))
        {
            foreach (var (_, fileName) in group.Skip(1))
            {
                diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{fileName}", 1, 1, DiagnosticSeverity.Error,
                    $"two lessons are numbered {group.Key:00}: '{group.First().FileName}' and '{fileName}'"));
            }
        }

        foreach (var (number, fileName) in lessonFiles.Where(l => !tooLarge.Contains(l.FileName)))
        {
            var bag = new DiagnosticBag($"{displayFolder}/{fileName}");
            var lesson = ReadLesson(files, fileName, number, context, bag);
            diagnostics.AddRange(bag.Items);
            if (lesson is not null)
            {
                lessons.Add(lesson);
            }
        }

        if (lessonFiles.Count == 0)
        {
            diagnostics.Add(new ContentDiagnostic($"{displayFolder}/course.md", 1, 1, DiagnosticSeverity.Error,
                "the course has no lessons: add a file such as '01-introduction.md'"));
        }

        var preTest = tooLarge.Contains("pre-test.md") ? null : ReadAssessment(files, "pre-test.md", required: false, context, displayFolder, diagnostics);
        var postTest = tooLarge.Contains("post-test.md") ? null : ReadAssessment(files, "post-test.md", required: true, context, displayFolder, diagnostics);

        diagnostics.AddRange(context.BrokenAnchorLinks());
        ReportTestSize(preTest, displayFolder, diagnostics);
        ReportTestSize(postTest, displayFolder, diagnostics);
        ReportDuplicateIds(lessons, preTest, postTest, displayFolder, diagnostics);
        ReportLessonReferences(lessons, preTest, postTest, lessonFiles.Count == lessons.Count, displayFolder, diagnostics);

        if (info is null || postTest is null)
        {
            return null;
        }

        return new Course(info, files.Version, files, introduction.Segments, lessons, preTest, postTest);
    }

    /// <summary>A test must fit the request that saves and submits it (see <see cref="TextChecks.MaxQuestionsPerTest"/>).</summary>
    private static void ReportTestSize(Assessment? test, string displayFolder, List<ContentDiagnostic> diagnostics)
    {
        if (test is null)
        {
            return;
        }

        if (test.Questions.Count > TextChecks.MaxQuestionsPerTest)
        {
            diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{test.FileName}", test.Questions[TextChecks.MaxQuestionsPerTest].Line, 1, DiagnosticSeverity.Error,
                $"the test has {test.Questions.Count} questions: the platform saves at most {TextChecks.MaxQuestionsPerTest} per test; split it or use a pool ('draw:')"));
        }

        foreach (var question in test.Questions.Where(q => q.Options.Count > TextChecks.MaxOptionsPerQuestion))
        {
            diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{test.FileName}", question.Line, 1, DiagnosticSeverity.Error,
                $"question '{question.Id}' has {question.Options.Count} options: at most {TextChecks.MaxOptionsPerQuestion}"));
        }
    }

    private static Dictionary<string, string> BuildPageUrls(
        CourseFiles files, string courseId, List<(int Number, string FileName)> lessonFiles, HashSet<string> tooLarge)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["course.md"] = CourseUrls.Course(courseId),
        };
        foreach (var (_, fileName) in lessonFiles)
        {
            // Lesson ids come from front matter, which may be broken; peek at it without reporting.
            var id = (tooLarge.Contains(fileName) ? null : PeekLessonId(files, fileName)) ?? Path.GetFileNameWithoutExtension(fileName);
            urls[fileName] = CourseUrls.Lesson(courseId, id);
        }

        return urls;
    }

    private static string? PeekLessonId(CourseFiles files, string fileName)
    {
        var bag = new DiagnosticBag(fileName);
        var frontMatter = FrontMatter.Read(files.Text(fileName), bag);
        return frontMatter?.String("id");
    }

    private static CourseInfo? ReadCourseInfo(string text, string folderName, DateOnly today, CourseFiles files, DiagnosticBag bag)
    {
        var fm = FrontMatter.Read(text, bag);
        if (fm is null)
        {
            return null;
        }

        var errorsBefore = bag.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
        var id = fm.String("id");
        if (id is not null && id != folderName)
        {
            var (line, column) = fm.PositionOf("id");
            bag.Error(line, column + 4, $"field 'id' is '{id}' but the folder is named '{folderName}': they must be the same");
        }

        var language = fm.String("language");
        if (language is not null && !Languages.Contains(language))
        {
            var (line, column) = fm.PositionOf("language");
            bag.Error(line, column, $"field 'language' must be one of {string.Join(", ", Languages)}, not '{language}'");
        }

        var faculty = fm.MappingList("faculty", item =>
        {
            var member = new FacultyMember(
                item.String("name") ?? "", item.String("credentials") ?? "", item.String("role") ?? "", item.String("disclosure") ?? "");
            item.RejectUnknownFields(FacultyFields);
            return member;
        });

        var credits = fm.Decimal("credits");
        if (credits is { } c && (c <= 0 || c % 0.25m != 0))
        {
            var (line, column) = fm.PositionOf("credits");
            bag.Error(line, column, $"field 'credits' must be a positive multiple of 0.25 (such as 1, 1.25, 1.5), not {c}");
        }

        var reviewDate = fm.Date("review_date");
        var expiry = fm.Date("expiry_date");
        if (reviewDate is { } r && expiry is { } e)
        {
            var (line, column) = fm.PositionOf("expiry_date");
            if (e > r.AddYears(3))
            {
                bag.Error(line, column, $"field 'expiry_date' ({e:yyyy-MM-dd}) is more than three years after 'review_date' ({r:yyyy-MM-dd}): review the course again or bring the expiry forward");
            }
            else if (e < today)
            {
                bag.Warning(line, column, $"the course expired on {e:yyyy-MM-dd}: learners can no longer earn credit");
            }
        }

        var review = ReviewPolicy.AfterCompletion;
        if (fm.String("review", required: false) is { } reviewText && !ReviewPolicies.TryGetValue(reviewText, out review))
        {
            var (line, column) = fm.PositionOf("review");
            bag.Error(line, column, $"field 'review' must be one of {string.Join(", ", ReviewPolicies.Keys)}, not '{reviewText}'");
        }

        var minutes = fm.Int("minutes", 1, 10_000);
        var minimumMinutes = fm.Int("minimum_minutes", 0, 10_000, required: false);
        if (minimumMinutes > minutes)
        {
            var (line, column) = fm.PositionOf("minimum_minutes");
            bag.Error(line, column, $"field 'minimum_minutes' ({minimumMinutes}) is more than the course's estimated 'minutes' ({minutes})");
        }

        var translations = ReadTranslations(fm, id ?? folderName, language, bag);
        var (image, imageAlt) = ReadCatalogImage(fm, files, bag);
        var info = new CourseInfo
        {
            Id = id ?? folderName,
            Title = fm.String("title") ?? "",
            Language = language ?? "en",
            Version = fm.String("version") ?? "",
            Summary = fm.String("summary") ?? "",
            Audience = fm.String("audience") ?? "",
            Objectives = fm.StringList("objectives") ?? [],
            Faculty = faculty ?? [],
            CommercialSupport = fm.String("commercial_support") ?? "",
            Accreditation = fm.String("accreditation") ?? "",
            CreditDesignation = fm.String("credit_designation") ?? "",
            Credits = credits ?? 0,
            CreditType = fm.String("credit_type") ?? "",
            Minutes = minutes ?? 0,
            ReleaseDate = fm.Date("release_date") ?? DateOnly.MinValue,
            ReviewDate = reviewDate ?? DateOnly.MinValue,
            ExpiryDate = expiry ?? DateOnly.MinValue,
            PassingScore = fm.Int("passing_score", 1, 100) ?? 0,
            AttemptLimit = fm.Int("attempt_limit", 1, 100) ?? 0,
            References = fm.StringList("references") ?? [],
            Review = review,
            MinimumMinutes = minimumMinutes,
            Translations = translations,
            Image = image,
            ImageAlt = imageAlt,
        };
        fm.RejectUnknownFields(CourseFields);

        return bag.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore ? null : info;
    }

    /// <summary>
    /// The editions named under <c>translations</c>: each in another language a course may be written in, each a
    /// course id other than this one. Whether the named course exists and names this one back is checked across
    /// courses (<see cref="CourseEditions"/>).
    /// </summary>
    private static List<CourseTranslation> ReadTranslations(FrontMatter fm, string courseId, string? language, DiagnosticBag bag)
    {
        var translations = new List<CourseTranslation>();
        foreach (var (other, otherId, line, column) in fm.TextMapping("translations") ?? [])
        {
            if (!Languages.Contains(other))
            {
                bag.Error(line, column, $"'translations' names an edition in '{other}': a course is written in {string.Join(" or ", Languages)}");
            }
            else if (other == language)
            {
                bag.Error(line, column, $"'translations' names an edition in '{other}', the language of this course itself: name the edition in the other language");
            }
            else if (!IdPattern().IsMatch(otherId) || otherId == courseId)
            {
                bag.Error(line, column + other.Length + 2, otherId == courseId
                    ? $"'translations' names this course itself ('{otherId}') as its {other} edition: name the other course"
                    : $"'{TextChecks.Visible(otherId)}' is not a course id: ids use lowercase letters, digits and hyphens");
            }
            else
            {
                translations.Add(new CourseTranslation(other, otherId, line, column));
            }
        }

        return translations;
    }

    /// <summary>
    /// A course.md's language and the editions it names under <c>translations</c>, read from its front matter alone
    /// (nothing reported; null when it has no language): for checking a course against another one's unpublished draft.
    /// </summary>
    public static EditionFacts? PeekEditions(string courseText)
    {
        var bag = new DiagnosticBag("course.md");
        var fm = FrontMatter.Read(courseText, bag);
        return fm?.String("language") is { } language
            ? new EditionFacts(language, fm.TextMapping("translations")?.Select(t => (t.Name, t.Value)).ToList() ?? [])
            : null;
    }

    /// <summary>The optional catalog image: a picture in the course folder, always with a text alternative.</summary>
    private static (string? Image, string? Alt) ReadCatalogImage(FrontMatter fm, CourseFiles files, DiagnosticBag bag)
    {
        var image = fm.String("image", required: false);
        var alt = fm.String("image_alt", required: false);
        if (image is null)
        {
            if (alt is not null)
            {
                var (line, column) = fm.PositionOf("image_alt");
                bag.Error(line, column, "field 'image_alt' describes a picture, but there is no 'image' field naming one");
            }

            return (null, null);
        }

        var (imageLine, imageColumn) = fm.PositionOf("image");
        var problems = bag.Items.Count;
        if (!CatalogImageTypes.Contains(Path.GetExtension(image), StringComparer.OrdinalIgnoreCase))
        {
            bag.Error(imageLine, imageColumn + 7, $"field 'image' must name a PNG, JPEG, GIF or WebP picture, not '{TextChecks.Visible(image)}'");
        }
        else if (!files.Contains(image))
        {
            bag.Error(imageLine, imageColumn + 7, $"field 'image' names '{TextChecks.Visible(image)}', which is not a file in the course folder");
        }

        if (string.IsNullOrWhiteSpace(alt))
        {
            bag.Error(imageLine, imageColumn, "field 'image' needs 'image_alt': a short description of the picture for people who cannot see it");
        }

        return bag.Items.Count > problems ? (null, null) : (image, alt!.Trim());
    }

    private static Lesson? ReadLesson(CourseFiles files, string fileName, int number, CourseContext context, DiagnosticBag bag)
    {
        var text = files.Text(fileName);
        var fm = FrontMatter.Read(text, bag);
        if (fm is null)
        {
            return null;
        }

        var id = fm.String("id");
        var title = fm.String("title");
        var minutes = fm.Int("minutes", 1, 600);
        var objectives = fm.StringList("objectives");
        fm.RejectUnknownFields(LessonFields);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            var (line, column) = fm.PositionOf("id");
            bag.Error(line, column, $"lesson id '{TextChecks.Visible(id)}' may use only lowercase letters, digits and hyphens");
        }

        var page = PageParser.Parse(text, context, bag);
        if (fm.BodyIsEmpty)
        {
            bag.Error(fm.EndLine + 1, 1, "the lesson has no text: write it below the front matter's closing '---'");
        }

        if (id is null || title is null || minutes is null || objectives is null)
        {
            return null;
        }

        return new Lesson(id, number, fileName, title, minutes.Value, objectives, page.Segments, page.Toc, page.Questions, fm.PositionOf("id").Line);
    }

    private static Assessment? ReadAssessment(
        CourseFiles files, string fileName, bool required, CourseContext context, string displayFolder, List<ContentDiagnostic> diagnostics)
    {
        var bag = new DiagnosticBag($"{displayFolder}/{fileName}");
        if (!files.Contains(fileName))
        {
            if (required)
            {
                diagnostics.Add(new ContentDiagnostic($"{displayFolder}/course.md", 1, 1, DiagnosticSeverity.Error,
                    $"the course has no {fileName}: every course ends with a post-test"));
            }

            return null;
        }

        var text = files.Text(fileName);
        var fm = FrontMatter.Read(text, bag);
        var title = fm?.String("title");
        var draw = fm?.NumberMapping("draw", 1, 1000);
        fm?.RejectUnknownFields(AssessmentFields);
        var page = PageParser.Parse(text, context, bag);
        if (page.Questions.Count == 0 && bag.Items.Count == 0)
        {
            bag.Error(1, 1, $"{fileName} has no questions: add at least one '::: question ID' block");
        }

        ReportTextBetweenQuestions(page, bag);
        var pool = CheckPool(page.Questions, draw ?? [], bag);

        diagnostics.AddRange(bag.Items);
        return title is null ? null : new Assessment(fileName, title, page.Segments, page.Questions, pool);
    }

    /// <summary>
    /// A pool draws, for each lesson named under <c>draw</c>, that many of the questions marked
    /// <c>lesson=ID</c>: every question must then belong to a drawn lesson, and each lesson must have
    /// at least as many questions as it draws (more, for retakes to differ).
    /// </summary>
    private static List<PoolDraw> CheckPool(
        IReadOnlyList<Question> questions, IReadOnlyList<(string Name, int Value, int Line, int Column)> draw, DiagnosticBag bag)
    {
        if (draw.Count == 0)
        {
            return [];
        }

        foreach (var (lessonId, count, line, column) in draw)
        {
            var available = questions.Count(q => q.LessonId == lessonId);
            if (available < count)
            {
                bag.Error(line, column, available == 0
                    ? $"'draw' asks for {count} questions on lesson '{lessonId}', but no question is marked 'lesson={lessonId}'"
                    : $"'draw' asks for {count} questions on lesson '{lessonId}', but the pool has only {available}: add questions or draw fewer");
            }
            else if (available == count)
            {
                bag.Warning(line, column, $"the pool for lesson '{lessonId}' has exactly as many questions as it draws ({count}): every attempt asks the same ones; add more so that a retake asks different questions");
            }
        }

        foreach (var question in questions.Where(q => draw.All(d => d.Name != q.LessonId)))
        {
            bag.Error(question.Line, 1, question.LessonId is null
                ? $"question '{question.Id}' names no lesson, so the pool cannot draw it: write 'lesson=ID' after its type"
                : $"question '{question.Id}' is on lesson '{question.LessonId}', which 'draw' does not list");
        }

        return draw.Select(d => new PoolDraw(d.Name, d.Value)).ToList();
    }

    /// <summary>Tests show their questions shuffled, so text placed between two questions has no place to go.</summary>
    private static void ReportTextBetweenQuestions(ParsedPage page, DiagnosticBag bag)
    {
        var segments = page.Segments;
        for (var i = 1; i < segments.Count - 1; i++)
        {
            var next = segments.Skip(i + 1).FirstOrDefault(s => s.IsQuestion);
            if (!segments[i].IsQuestion && segments.Take(i).Any(s => s.IsQuestion) && next is not null)
            {
                if (page.Questions.FirstOrDefault(q => q.Id == next.QuestionId) is not { } question)
                {
                    continue;
                }

                bag.Warning(question.Line, 1,
                    $"the text before question '{question.Id}' is not shown: learners see a test's questions in a shuffled order, so put text before the first question or after the last");
            }
        }
    }

    private static void ReportDuplicateIds(
        List<Lesson> lessons, Assessment? preTest, Assessment? postTest, string displayFolder, List<ContentDiagnostic> diagnostics)
    {
        foreach (var group in lessons.GroupBy(l => l.Id).Where(g => g.Count() > 1))
        {
            diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{group.Last().FileName}", group.Last().IdLine, 1, DiagnosticSeverity.Error,
                $"lesson id '{group.Key}' is also used by '{group.First().FileName}': lesson ids must be unique in a course"));
        }

        var pages = lessons.Select(l => (l.FileName, l.Questions))
            .Concat(new[] { preTest, postTest }.OfType<Assessment>().Select(a => (a.FileName, a.Questions)));
        var seen = new Dictionary<string, string>();
        foreach (var (fileName, questions) in pages)
        {
            foreach (var question in questions)
            {
                if (!seen.TryAdd(question.Id, fileName))
                {
                    diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{fileName}", question.Line, 1, DiagnosticSeverity.Error,
                        $"question id '{question.Id}' is also used in '{seen[question.Id]}': question ids must be unique in a course"));
                }
            }
        }
    }

    /// <summary>A test question's <c>lesson=ID</c> must name a lesson; a knowledge check is in its lesson already.</summary>
    private static void ReportLessonReferences(
        List<Lesson> lessons, Assessment? preTest, Assessment? postTest, bool allLessonsRead, string displayFolder, List<ContentDiagnostic> diagnostics)
    {
        foreach (var lesson in lessons)
        {
            foreach (var question in lesson.Questions.Where(q => q.LessonId is not null))
            {
                diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{lesson.FileName}", question.Line, 1, DiagnosticSeverity.Error,
                    $"question '{question.Id}' is a knowledge check in a lesson: only pre-test and post-test questions name a lesson with 'lesson='"));
            }
        }

        // A lesson that failed to load has its own errors; naming it is not a second one.
        if (!allLessonsRead)
        {
            return;
        }

        foreach (var test in new[] { preTest, postTest }.OfType<Assessment>())
        {
            foreach (var question in test.Questions.Where(q => q.LessonId is { } id && lessons.All(l => l.Id != id)))
            {
                diagnostics.Add(new ContentDiagnostic($"{displayFolder}/{test.FileName}", question.Line, 1, DiagnosticSeverity.Error,
                    $"question '{question.Id}' names lesson '{question.LessonId}', but the course has no lesson with that id"));
            }
        }
    }

    [GeneratedRegex(@"^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.md$")]
    private static partial Regex LessonFilePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
