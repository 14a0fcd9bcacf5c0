namespace NmosdLearn.Web.Data;

/// <summary>
/// A learner's place in one course: when they acknowledged the course information (required before
/// any lesson opens), the content version they are held to until they finish, where they stopped,
/// and the credit they claimed.
/// </summary>
public sealed class Enrollment
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }

    /// <summary>The content version the learner started on; they finish on it even if the files change.</summary>
    public required string ContentVersion { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }
    public string? LastLessonId { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public decimal? CreditsClaimed { get; set; }
    public int? MinutesAttested { get; set; }

    /// <summary>Active minutes the platform had measured when credit was claimed.</summary>
    public int? MinutesMeasured { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>
    /// True when the platform measured time on task from the start of this enrolment, so a course's
    /// minimum study time applies. False for enrolments made before time was measured: holding them to
    /// a minimum they had no way to accrue would lock them out of the post-test.
    /// </summary>
    public bool MeasuresTime { get; set; }

    /// <summary>
    /// Goes up after every change to the learner's records in this course, so that a cached copy of their
    /// state is checked with one indexed read of this row (see LearnerStateCache).
    /// </summary>
    public long StateVersion { get; set; }

    /// <summary>The last heartbeat from any page of this course: time on task is counted from it, capped.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; set; }

    /// <summary>The step (lesson id or test) the last heartbeat came from: the time until the next one is credited to it.</summary>
    public string? LastHeartbeatStep { get; set; }
}

/// <summary>A learner's latest answer to a knowledge check in a lesson.</summary>
public sealed class KnowledgeCheckAnswer
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public required string QuestionId { get; set; }
    public required string ContentVersion { get; set; }

    /// <summary>Chosen option keys as JSON.</summary>
    public required string SelectedJson { get; set; }

    public bool IsCorrect { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>The learner's evaluation of the activity, required before credit can be claimed.</summary>
public sealed class CourseEvaluation
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public required string ContentVersion { get; set; }

    /// <summary>For each course objective, in order, how far it was met (1-5), as JSON.</summary>
    public required string ObjectiveRatingsJson { get; set; }

    public int Relevance { get; set; }
    public required string IntendedChange { get; set; }
    public bool PerceivedCommercialBias { get; set; }
    public string? CommercialBiasComment { get; set; }
    public int OverallQuality { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>
/// The files of a course at one content version, kept so that a learner held to that version can
/// finish on it after the files change and the platform restarts.
/// </summary>
public sealed class CourseVersionArchive
{
    public long Id { get; set; }
    public required string CourseId { get; set; }
    public required string ContentVersion { get; set; }

    /// <summary>The course's files as a zip file.</summary>
    public required byte[] Files { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }

    /// <summary>Set when this version was published from the studio: from then on it is the course learners start.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedByName { get; set; }

    /// <summary>The approval this version was published on: who reviewed exactly these files, and when.</summary>
    public long? ReviewId { get; set; }

    public string? ReviewedByName { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}
