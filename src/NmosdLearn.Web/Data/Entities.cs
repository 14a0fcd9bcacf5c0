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

/// <summary>A graded submission of a pre-test or post-test.</summary>
public sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public required string ContentVersion { get; set; }
    public AssessmentKind Kind { get; set; }

    /// <summary>Answers as JSON: question id to chosen option keys.</summary>
    public required string AnswersJson { get; set; }

    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
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
