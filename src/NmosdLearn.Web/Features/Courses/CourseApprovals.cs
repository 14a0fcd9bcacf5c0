using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>Who reviewed a published content version and when: printed in the course information learners read.</summary>
public sealed record CourseApproval(string ReviewedBy, DateTimeOffset ReviewedAt, DateTimeOffset PublishedAt);

/// <summary>Finds the approval a version was published on. Approval is stored in the same write that publishes, so the answer is kept.</summary>
public sealed class CourseApprovals(AppDbContext db, IMemoryCache cache)
{
    public async Task<CourseApproval?> ForAsync(string courseId, string contentVersion, CancellationToken cancellationToken = default)
    {
        var key = (nameof(CourseApprovals), courseId, contentVersion);
        if (cache.TryGetValue(key, out CourseApproval? known))
        {
            return known;
        }

        var approval = await db.CourseVersionArchives.AsNoTracking()
            .Where(a => a.CourseId == courseId && a.ContentVersion == contentVersion && a.PublishedAt != null && a.ReviewedByName != null)
            .Select(a => new CourseApproval(a.ReviewedByName!, a.ReviewedAt!.Value, a.PublishedAt!.Value))
            .FirstOrDefaultAsync(cancellationToken);
        // Kept even when there is none (a folder course), so the course pages make no query per view.
        cache.Set(key, approval, TimeSpan.FromMinutes(10));
        return approval;
    }
}
