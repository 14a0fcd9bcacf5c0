using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// A deleted staff member's records stay (who did what is still one account, when and on what), but no longer name
/// them: the README's deletion rule removes every personal detail.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DeletedStaffTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_a_staff_account_keeps_the_audit_and_review_rows_but_removes_the_email_and_name_from_them()
    {
        var email = await app.CreateUserAsync(Roles.Reviewer);
        const string name = "Test Reviewer";
        var courseId = "deleted-staff-" + Guid.NewGuid().ToString("N")[..8];
        string userId;
        long reviewId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            userId = db.Users.Single(u => u.Email == email).Id;
            var review = new StudioReview
            {
                CourseId = courseId, DraftVersion = "v1", RequestedById = userId, RequestedByName = name, RequestedAt = DateTimeOffset.UtcNow,
                Decision = ReviewDecisions.Approved, ReviewerId = userId, ReviewerName = name, DecidedAt = DateTimeOffset.UtcNow,
            };
            db.StudioReviews.Add(review);
            db.StudioFileRevisions.Add(new StudioFileRevision { CourseId = courseId, Path = "course.md", Revision = 1, Bytes = [1], SavedById = userId, SavedByName = name, SavedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancel);
            reviewId = review.Id;
            db.CourseVersionArchives.Add(new CourseVersionArchive
            {
                // Not marked published: the shared host's library would try to load these made-up bytes as a course.
                CourseId = courseId, ContentVersion = "v1", Files = [1], ArchivedAt = DateTimeOffset.UtcNow, PublishedAt = null,
                PublishedByName = name, ReviewId = reviewId, ReviewedByName = name, ReviewedAt = DateTimeOffset.UtcNow,
            });
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserId = userId, UserEmail = email, Action = AuditActions.ReviewApprove, CourseId = courseId, AfterJson = "{}" });
            db.AuditEntries.Add(new AuditEntry
            {
                At = DateTimeOffset.UtcNow, UserId = userId, UserEmail = email, Action = AuditActions.Publish, CourseId = courseId,
                AfterJson = System.Text.Json.JsonSerializer.Serialize(new { contentVersion = "v1", reviewId, reviewedBy = name }),
            });
            await db.SaveChangesAsync(Cancel);
        }

        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId);
            await scope.ServiceProvider.GetRequiredService<AccountDataService>().DeleteAsync(user!, Cancel);
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var label = $"Deleted account #{userId[..8]}";
            var audit = await db.AuditEntries.AsNoTracking().Where(e => e.CourseId == courseId).ToListAsync(Cancel);
            var review = await db.StudioReviews.AsNoTracking().SingleAsync(r => r.Id == reviewId, Cancel);
            var revision = await db.StudioFileRevisions.AsNoTracking().SingleAsync(r => r.CourseId == courseId, Cancel);
            var archive = await db.CourseVersionArchives.AsNoTracking().SingleAsync(a => a.CourseId == courseId, Cancel);

            Assert.Equal(2, audit.Count);
            Assert.All(audit, e => Assert.Equal(userId, e.UserId));
            Assert.All(audit, e => Assert.Equal(label, e.UserEmail));
            Assert.All(audit, e => Assert.DoesNotContain(name, e.AfterJson ?? "", StringComparison.Ordinal));
            Assert.Equal((label, label), (review.ReviewerName, review.RequestedByName));
            Assert.Equal(label, revision.SavedByName);
            Assert.Equal((label, label), (archive.ReviewedByName, archive.PublishedByName));
        }
    }
}
