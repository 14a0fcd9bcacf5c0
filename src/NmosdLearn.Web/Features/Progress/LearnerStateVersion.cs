using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>
/// Marks a learner's state in a course as changed. Every write to their records calls it after the write
/// has committed: a reader that saw the old version may have cached a state that misses the write, and
/// the new version makes the next reader build it again, on any instance.
/// </summary>
public static class LearnerStateVersion
{
    /// <summary>Moves the version on by one and returns the new version (null when the learner is not enrolled).</summary>
    public static async Task<long?> BumpLearnerStateAsync(this AppDbContext db, string userId, string courseId, CancellationToken cancellationToken)
    {
        // One statement that both writes and reads (RETURNING: SQLite 3.35+ and PostgreSQL), so the caller knows
        // whether any other change came between its read and its own.
        var versions = await db.Database.SqlQuery<long>(
            $"UPDATE \"Enrollments\" SET \"StateVersion\" = \"StateVersion\" + 1 WHERE \"UserId\" = {userId} AND \"CourseId\" = {courseId} RETURNING \"StateVersion\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        return versions.Count == 0 ? null : versions[0];
    }
}
