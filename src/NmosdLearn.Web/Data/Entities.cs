namespace NmosdLearn.Web.Data;

/// <summary>A lesson a learner has completed, at the content version they read.</summary>
public sealed class LessonProgress
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public required string LessonId { get; set; }
    public required string ContentVersion { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

public enum AssessmentKind
{
    PreTest = 1,
    PostTest = 2,
}

/// <summary>
/// One attempt at a pre-test or post-test. It exists from the moment the learner opens the test, so
/// answers are saved as they go (a reload or a dropped connection loses nothing); submitting grades
/// it once, against the content version it started on.
/// </summary>
public sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public required string ContentVersion { get; set; }
    public AssessmentKind Kind { get; set; }

    /// <summary>Answers as JSON: question id to chosen option keys.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>This attempt's shuffled order as JSON: question ids, each with its option keys.</summary>
    public string OrderJson { get; set; } = "[]";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while the attempt is in progress.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }

    public bool IsSubmitted => SubmittedAt is not null;
}

/// <summary>
/// An issued certificate. It stores everything it prints, so the PDF can be generated again at any
/// time from the record alone and always shows the same content.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; set; }

    /// <summary>The public verification code: 128 random bits, base64url.</summary>
    public required string Code { get; set; }

    public required string UserId { get; set; }
    public required string RecipientName { get; set; }
    public required string Profession { get; set; }
    public required string CourseId { get; set; }
    public required string CourseTitle { get; set; }
    public required string ContentVersion { get; set; }
    public required string Language { get; set; }
    public required string CreditType { get; set; }
    public decimal Credits { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}
