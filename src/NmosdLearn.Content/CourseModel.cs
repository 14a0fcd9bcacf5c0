namespace NmosdLearn.Content;

/// <summary>A faculty member or author of a course, with the financial-relationship disclosure accreditation requires.</summary>
public sealed record FacultyMember(string Name, string Credentials, string Role, string Disclosure);

/// <summary>Everything a course's <c>course.md</c> front matter declares.</summary>
public sealed record CourseInfo
{
    /// <summary>Stable id; equals the folder name.</summary>
    public required string Id { get; init; }
    /// <summary>Title as shown and printed on the certificate.</summary>
    public required string Title { get; init; }
    /// <summary>Culture name of the course text, <c>en</c> or <c>zh-CN</c>.</summary>
    public required string Language { get; init; }
    /// <summary>The author's version label (the content hash identifies the exact files).</summary>
    public required string Version { get; init; }
    /// <summary>One or two sentences for the catalog.</summary>
    public required string Summary { get; init; }
    /// <summary>Who the course is for.</summary>
    public required string Audience { get; init; }
    /// <summary>Learning objectives.</summary>
    public required IReadOnlyList<string> Objectives { get; init; }
    /// <summary>Faculty with disclosures.</summary>
    public required IReadOnlyList<FacultyMember> Faculty { get; init; }
    /// <summary>Commercial-support statement.</summary>
    public required string CommercialSupport { get; init; }
    /// <summary>Accreditation statement.</summary>
    public required string Accreditation { get; init; }
    /// <summary>Credit-designation statement.</summary>
    public required string CreditDesignation { get; init; }
    /// <summary>Maximum credits that may be claimed.</summary>
    public required decimal Credits { get; init; }
    /// <summary>Credit type, e.g. "Certificate of completion".</summary>
    public required string CreditType { get; init; }
    /// <summary>Estimated minutes to complete.</summary>
    public required int Minutes { get; init; }
    /// <summary>First day the course is offered.</summary>
    public required DateOnly ReleaseDate { get; init; }
    /// <summary>Day of the last content review.</summary>
    public required DateOnly ReviewDate { get; init; }
    /// <summary>Last day credit may be earned.</summary>
    public required DateOnly ExpiryDate { get; init; }
    /// <summary>Post-test passing score in percent (1-100).</summary>
    public required int PassingScore { get; init; }
    /// <summary>How many post-test attempts a learner has.</summary>
    public required int AttemptLimit { get; init; }
    /// <summary>Course-wide references.</summary>
    public required IReadOnlyList<string> References { get; init; }
    /// <summary>What a learner sees after a post-test attempt.</summary>
    public ReviewPolicy Review { get; init; }
    /// <summary>
    /// Measured minutes (lessons and pre-test) a learner must spend before the post-test opens; null
    /// when the course does not say, which means half the lessons' estimated minutes.
    /// </summary>
    public int? MinimumMinutes { get; init; }
    /// <summary>
    /// The course's editions in other languages (front matter <c>translations</c>, one <c>language: course-id</c> line
    /// each): the course page links an edition that names this course back.
    /// </summary>
    public IReadOnlyList<CourseTranslation> Translations { get; init; } = [];
    /// <summary>A picture in the course folder shown on the catalog and the course page; null for none.</summary>
    public string? Image { get; init; }
    /// <summary>The text alternative of <see cref="Image"/>, required with it.</summary>
    public string? ImageAlt { get; init; }
}

/// <summary>One line of a course's <c>translations</c>: the course that is its edition in another language.</summary>
/// <param name="Language">The other edition's language (<c>en</c> or <c>zh-CN</c>).</param>
/// <param name="CourseId">The other edition's course id.</param>
/// <param name="Line">1-based line in course.md, for diagnostics.</param>
/// <param name="Column">1-based column in course.md.</param>
public sealed record CourseTranslation(string Language, string CourseId, int Line, int Column);

/// <summary>Kinds of question.</summary>
public enum QuestionType
{
    /// <summary>Exactly one option is correct.</summary>
    Single,
    /// <summary>One or more options are correct; the learner must pick all of them and no other.</summary>
    Multiple,
    /// <summary>Two options, one correct.</summary>
    TrueFalse,
}

/// <summary>An answer option; <see cref="Key"/> is stable across shuffles ("a", "b", ...).</summary>
public sealed record QuestionOption(string Key, string Html);

/// <summary>A question with its answer key. The key and explanation never go to the browser before the learner answers.</summary>
/// <param name="Id">Stable id, unique in the course.</param>
/// <param name="Type">Single, multiple or true/false.</param>
/// <param name="StemHtml">The question text, sanitized HTML.</param>
/// <param name="Options">Options in the author's order.</param>
/// <param name="CorrectKeys">Keys of the correct options.</param>
/// <param name="ExplanationHtml">Shown after answering.</param>
/// <param name="References">Plain text of the footnotes the explanation cites.</param>
/// <param name="Line">1-based line of the question in its file, for diagnostics.</param>
public sealed record Question(
    string Id,
    QuestionType Type,
    string StemHtml,
    IReadOnlyList<QuestionOption> Options,
    IReadOnlySet<string> CorrectKeys,
    string ExplanationHtml,
    IReadOnlyList<string> References,
    int Line)
{
    /// <summary>
    /// For a test question, the lesson it assesses (<c>lesson=ID</c> in its header): where a learner
    /// who got it wrong is sent, and the group a question pool draws from. Null when not declared.
    /// </summary>
    public string? LessonId { get; init; }
}

/// <summary>A heading in a lesson's table of contents.</summary>
public sealed record TocEntry(string Anchor, string Text);

/// <summary>A piece of a rendered page: either sanitized HTML or the place where a question goes.</summary>
public sealed record PageSegment(string? Html, string? QuestionId)
{
    /// <summary>True when this segment is a question's place.</summary>
    public bool IsQuestion => QuestionId is not null;
}

/// <summary>A rendered lesson. Its HTML holds no answer keys: questions are separate segments.</summary>
/// <param name="Id">Stable id, unique in the course.</param>
/// <param name="Number">Order from the file name (01, 02, ...).</param>
/// <param name="FileName">The lesson's file name.</param>
/// <param name="Title">Title.</param>
/// <param name="Minutes">Estimated reading time.</param>
/// <param name="Objectives">Lesson objectives.</param>
/// <param name="Segments">Sanitized HTML and question places, in order.</param>
/// <param name="Toc">Second-level headings.</param>
/// <param name="Questions">Knowledge checks, with answer keys (server only).</param>
/// <param name="IdLine">1-based line of the id field, for diagnostics.</param>
public sealed record Lesson(
    string Id,
    int Number,
    string FileName,
    string Title,
    int Minutes,
    IReadOnlyList<string> Objectives,
    IReadOnlyList<PageSegment> Segments,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<Question> Questions,
    int IdLine);

/// <summary>How many questions an attempt draws from the questions that assess one lesson.</summary>
/// <param name="LessonId">The lesson whose questions (<c>lesson=ID</c>) are drawn from.</param>
/// <param name="Count">How many of them each attempt asks.</param>
public sealed record PoolDraw(string LessonId, int Count);

/// <summary>The course pre-test or post-test.</summary>
/// <param name="FileName">The test's file name.</param>
/// <param name="Title">Title.</param>
/// <param name="Segments">Introduction, question places and closing text.</param>
/// <param name="Questions">Every question in the file: the whole pool when <paramref name="Draw"/> is set.</param>
/// <param name="Draw">Empty when every attempt asks every question; otherwise what each attempt draws, lesson by lesson.</param>
public sealed record Assessment(
    string FileName, string Title, IReadOnlyList<PageSegment> Segments, IReadOnlyList<Question> Questions, IReadOnlyList<PoolDraw> Draw)
{
    /// <summary>How many questions one attempt asks.</summary>
    public int QuestionsPerAttempt => Draw.Count == 0 ? Questions.Count : Draw.Sum(d => d.Count);
}

/// <summary>What a learner sees of a post-test attempt's answers (front matter <c>review</c>).</summary>
public enum ReviewPolicy
{
    /// <summary>
    /// After a failed attempt with attempts left: the score, which questions were wrong and what to
    /// revisit. The correct answers and explanations once the learner has passed or used every attempt.
    /// </summary>
    AfterCompletion,

    /// <summary>The correct answers and explanations after every attempt (a practice or demonstration course).</summary>
    AfterEachAttempt,

    /// <summary>Never the correct answers: the score, which questions were wrong and what to revisit.</summary>
    ScoreOnly,
}

/// <summary>
/// One course at one content version, parsed and rendered once, with the files it was parsed from
/// (images and handouts are served from them, whatever the version's source was).
/// </summary>
public sealed record Course(
    CourseInfo Info,
    string ContentVersion,
    Loading.CourseFiles Files,
    IReadOnlyList<PageSegment> Introduction,
    IReadOnlyList<Lesson> Lessons,
    Assessment? PreTest,
    Assessment PostTest)
{
    /// <summary>The course id.</summary>
    public string Id => Info.Id;

    /// <summary>Measured minutes required before the post-test opens (see <see cref="CourseInfo.MinimumMinutes"/>).</summary>
    public int RequiredMinutes => Info.MinimumMinutes ?? Lessons.Sum(l => l.Minutes) / 2;

    /// <summary>Finds a lesson by id.</summary>
    public Lesson? FindLesson(string lessonId) => Lessons.FirstOrDefault(l => l.Id == lessonId);
}
