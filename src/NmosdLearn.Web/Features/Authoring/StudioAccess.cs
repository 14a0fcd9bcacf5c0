using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>What one person may do to one studio course.</summary>
/// <param name="Role">Their <see cref="StudioAuthorRoles"/> role on the course, or null when they are not its author.</param>
/// <param name="IsAdmin">Administrators may act on any course; on one they are not an author of, every change is audited.</param>
public sealed record StudioStanding(string? Role, bool IsAdmin)
{
    public bool MayChange => Role is not null || IsAdmin;

    public bool MayManageAuthors => Role == StudioAuthorRoles.Owner || IsAdmin;

    public bool IsOverride => Role is null && IsAdmin;
}

/// <summary>
/// The one rule for changing a studio course: only its owners and co-authors may, and administrators on any
/// course. Every changing action of <see cref="StudioService"/> asks here first, so a new page or a hand-made
/// request cannot skip it. Reading (the course page, preview, history, review) stays open to all studio staff.
/// </summary>
public sealed class StudioAccess(AppDbContext db, TimeProvider time)
{
    public async Task<StudioStanding> StandingAsync(string courseId, StudioActor actor, CancellationToken cancellationToken) =>
        new(await db.StudioCourseAuthors.AsNoTracking().Where(a => a.CourseId == courseId && a.UserId == actor.UserId)
            .Select(a => a.Role).FirstOrDefaultAsync(cancellationToken), actor.IsAdmin);

    /// <summary>
    /// Whether the actor may see the files of a course under review (the published and the draft images on the review
    /// page): reviewers, who judge them, and whoever may change the course (its owners and co-authors, administrators).
    /// </summary>
    public async Task<bool> MaySeeReviewFilesAsync(string courseId, StudioActor actor, bool isReviewer, CancellationToken cancellationToken) =>
        isReviewer || (await StandingAsync(courseId, actor, cancellationToken)).MayChange;

    /// <summary>
    /// Whether the actor may take <paramref name="action"/> (one of <see cref="AuditActions"/>) on the course. An
    /// administrator's override is added to the audit log in the same save as the change, so a refused or failed
    /// change leaves no entry. A course not in the studio has nothing to protect: the action itself refuses it.
    /// </summary>
    public async Task<bool> MayChangeAsync(string courseId, string action, StudioActor actor, CancellationToken cancellationToken, bool manageAuthors = false)
    {
        if (!await db.StudioCourses.AnyAsync(c => c.CourseId == courseId, cancellationToken))
        {
            return true;
        }

        var standing = await StandingAsync(courseId, actor, cancellationToken);
        if (!(manageAuthors ? standing.MayManageAuthors : standing.MayChange))
        {
            return false;
        }

        if (standing.IsOverride)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = AuditActions.AdminOverride, CourseId = courseId,
                AfterJson = JsonSerializer.Serialize(new { action }),
            });
        }

        return true;
    }
}
