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

    /// <summary>
    /// The questions this attempt asks, in its order, as JSON: question ids, each with its option keys.
    /// Grading, review and reports use exactly this set (a pool draws a different one per attempt).
    /// </summary>
    public string OrderJson { get; set; } = "[]";

    /// <summary>The seed the set and order were drawn with (0 for attempts made before seeds were stored).</summary>
    public int Seed { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When an answer was last saved; every save writes it first, which orders saves against the submit.</summary>
    public DateTimeOffset? LastAnsweredAt { get; set; }

    /// <summary>Null while the attempt is in progress.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// Set when an attempt was closed without grading: a second open attempt that two tabs made before the
    /// database allowed only one. It is kept with its answers, and counts for nothing.
    /// </summary>
    public DateTimeOffset? DiscardedAt { get; set; }

    /// <summary>
    /// Set when an administrator gave the learner their attempts back (with <see cref="ResetReason"/>): the
    /// attempt keeps its answers and score for the record and the reports, but no longer counts toward the limit.
    /// </summary>
    public DateTimeOffset? ResetAt { get; set; }

    public string? ResetReason { get; set; }

    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }

    public bool IsSubmitted => SubmittedAt is not null;

    public bool IsOpen => SubmittedAt is null && DiscardedAt is null;
}

/// <summary>
/// A learner's answer to one question of one attempt. One row per attempt and question, written by an
/// atomic upsert, so saves of different questions never overwrite each other.
/// </summary>
public sealed class AttemptAnswer
{
    public Guid AttemptId { get; set; }
    public required string QuestionId { get; set; }

    /// <summary>Chosen option keys as a JSON array, sorted.</summary>
    public required string SelectedJson { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>Active time a learner spent on one step of a course, measured by the server from page heartbeats.</summary>
public sealed class StudyTime
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }

    /// <summary>A lesson id, or <c>pre-test</c> / <c>post-test</c>.</summary>
    public required string Step { get; set; }

    public int Seconds { get; set; }
}

/// <summary>What a certificate attests.</summary>
public enum CertificateKind
{
    /// <summary>Credit of the course's credit type, for a profession that credit type covers.</summary>
    Credit = 1,

    /// <summary>Completion (participation) only, for a profession the course's credit type does not cover.</summary>
    Completion = 2,
}

/// <summary>
/// One issue of a certificate. It stores everything it prints, so the PDF can be generated again at
/// any time from the record alone and always shows the same content. A reissue (after a name
/// correction) adds a new record with the same <see cref="Code"/> and marks this one superseded, so
/// the verification address never changes and every earlier issue is kept.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; set; }

    /// <summary>The certificate number and public verification code: 128 random bits, base64url. Shared by every issue.</summary>
    public required string Code { get; set; }

    /// <summary>1 for the first issue, then one more for each reissue.</summary>
    public int Revision { get; set; } = 1;

    public CertificateKind Kind { get; set; }

    public required string UserId { get; set; }
    public required string RecipientName { get; set; }
    public required string Profession { get; set; }
    public required string Provider { get; set; }
    public required string CourseId { get; set; }
    public required string CourseTitle { get; set; }

    /// <summary>The activity format as printed, e.g. "Enduring material, online".</summary>
    public required string Format { get; set; }

    public required string ContentVersion { get; set; }
    public required string Language { get; set; }
    public required string CreditType { get; set; }

    /// <summary>Credits claimed (hours of participation for a certificate of completion).</summary>
    public decimal Credits { get; set; }

    /// <summary>The time the learner attested when claiming; null for a certificate issued by hand.</summary>
    public int? MinutesAttested { get; set; }

    /// <summary>The active time the platform measured; null for a certificate issued by hand.</summary>
    public int? MinutesMeasured { get; set; }

    public required string CreditDesignation { get; set; }
    public required string AccreditationStatement { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The administrator who issued it by hand for a completion recorded elsewhere; null when the platform issued it.</summary>
    public string? IssuedByUserId { get; set; }

    /// <summary>Why it was issued by hand, or reissued.</summary>
    public string? Note { get; set; }

    /// <summary>The issue this one replaces (a reissue), if any.</summary>
    public Guid? ReplacesId { get; set; }

    /// <summary>When a reissue replaced this issue; null for the current one.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>
    /// The provider's identity (logo, signatory) current when the certificate was first issued, or null when there was
    /// none. A certificate keeps printing what it was issued with: a later signatory did not sign it.
    /// </summary>
    public int? ProviderIdentityId { get; set; }

    public bool IsCurrent => SupersededAt is null;
}

/// <summary>
/// One version of the provider's identity as an administrator saved it: the logo pages and certificates show, and the
/// signatory certificates print. Never changed once saved (a change is a new row, the highest id is current), so a
/// certificate can name the version it was issued with and every instance can cache a version for ever.
/// </summary>
public sealed class ProviderIdentity
{
    public int Id { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public required string SavedByUserId { get; set; }

    /// <summary>A checked PNG or SVG (see <c>IdentityImages</c>), or null for none.</summary>
    public byte[]? Logo { get; set; }

    /// <summary><c>image/png</c> or <c>image/svg+xml</c> when there is a logo.</summary>
    public string? LogoContentType { get; set; }

    public string? SignatoryName { get; set; }
    public string? SignatoryTitle { get; set; }

    /// <summary>A checked PNG of the signatory's signature, printed above their name; null for none.</summary>
    public byte[]? Signature { get; set; }
}

/// <summary>An administrator's action on a certificate: who, when, what, and the record before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserId { get; set; }
    public required string UserEmail { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public Guid? CertificateId { get; set; }

    /// <summary>The certificate's code, so one query finds the history of all its issues.</summary>
    public string? CertificateCode { get; set; }

    /// <summary>The course an author's, reviewer's or administrator's action was on.</summary>
    public string? CourseId { get; set; }

    /// <summary>The account an administrator's action was on (roles, lock, reset).</summary>
    public string? TargetUserId { get; set; }

    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
}

public static class AuditActions
{
    public const string Revoke = "certificate.revoke";
    public const string Reissue = "certificate.reissue";
    public const string IssueManually = "certificate.issue-manually";
    public const string CorrectName = "learner.correct-name";
    public const string RolesChange = "user.roles";
    public const string Lock = "user.lock";
    public const string Unlock = "user.unlock";
    public const string SendPasswordReset = "user.send-password-reset";
    public const string ResetAttempts = "learner.reset-attempts";
    public const string Export = "report.export";
    public const string LtiPlatformRegister = "lti.platform-register";
    public const string ProviderIdentity = "provider.identity";
    public const string CourseCreate = "course.create";
    public const string CourseImport = "course.import";
    public const string FileSave = "course.file-save";
    public const string FileRestore = "course.file-restore";
    public const string FileUpload = "course.file-upload";
    public const string LessonAdd = "course.lesson-add";
    public const string LessonRename = "course.lesson-rename";
    public const string LessonReorder = "course.lesson-reorder";
    public const string ReviewRequest = "course.review-request";
    public const string ReviewApprove = "course.review-approve";
    public const string ReviewRequestChanges = "course.review-request-changes";
    public const string Publish = "course.publish";
    public const string AuthorAdd = "course.author-add";
    public const string AuthorRemove = "course.author-remove";

    /// <summary>An administrator changed a course they are not an author of (the action's own entry follows).</summary>
    public const string AdminOverride = "course.admin-override";
}
