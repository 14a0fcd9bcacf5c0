namespace NmosdLearn.Web.Data;

/// <summary>
/// A course kept in the studio. Its draft is the newest revision of each of its files; what learners see is
/// its newest published version (<see cref="CourseVersionArchive.PublishedAt"/>).
/// </summary>
public sealed class StudioCourse
{
    public required string CourseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByName { get; set; }

    /// <summary>True when the course began as a folder in <c>content/</c>; the studio copy now wins over that folder.</summary>
    public bool ImportedFromFolder { get; set; }
}

/// <summary>
/// One saved revision of one file of a studio course. Revisions of a file count up from 1; a save names
/// the revision it started from, and the unique index refuses a second save from the same one.
/// </summary>
public sealed class StudioFileRevision
{
    public long Id { get; set; }
    public required string CourseId { get; set; }

    /// <summary>The file's path in the course, such as <c>02-phenotypes.md</c> or <c>figure.png</c>.</summary>
    public required string Path { get; set; }

    public int Revision { get; set; }

    /// <summary>The file's bytes; null when this revision removed the file (deleted, or renamed away).</summary>
    public byte[]? Bytes { get; set; }

    public required string SavedById { get; set; }
    public required string SavedByName { get; set; }
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>What happened, when it was more than an edit: "renamed from 02-old.md", "restored revision 3".</summary>
    public string? Note { get; set; }
}

/// <summary>A request to review one exact draft (its content version), and the reviewer's decision.</summary>
public sealed class StudioReview
{
    public long Id { get; set; }
    public required string CourseId { get; set; }

    /// <summary>The content version of the draft as it was when review was asked: an approval holds for exactly these files.</summary>
    public required string DraftVersion { get; set; }

    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? RequestNote { get; set; }

    /// <summary>Null while waiting; otherwise one of <see cref="ReviewDecisions"/>.</summary>
    public string? Decision { get; set; }

    public string? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Comment { get; set; }
}

public static class ReviewDecisions
{
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";
}

/// <summary>
/// An account that may change a studio course: an owner (who also adds and removes authors) or a co-author.
/// A course without any row can be changed only by administrators, who can add an owner.
/// </summary>
public sealed class StudioCourseAuthor
{
    public required string CourseId { get; set; }
    public required string UserId { get; set; }

    /// <summary>One of <see cref="StudioAuthorRoles"/>.</summary>
    public required string Role { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Who added this author; null for the course's creator and for owners set by the upgrade.</summary>
    public string? AddedById { get; set; }
}

public static class StudioAuthorRoles
{
    public const string Owner = "owner";
    public const string CoAuthor = "co-author";
}
