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
    public static Task BumpLearnerStateAsync(this AppDbContext db, string userId, string courseId, CancellationToken cancellationToken) =>
        db.Enrollments.Where(e => e.UserId == userId && e.CourseId == courseId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.StateVersion, e => e.StateVersion + 1), cancellationToken);
}
