using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>Where a learner stands in one course.</summary>
public sealed record CourseProgress(
    IReadOnlySet<string> CompletedLessonIds,
    int PostTestAttempts,
    QuizAttempt? BestPostTest,
    Certificate? Certificate)
{
    public bool IsLessonComplete(string lessonId) => CompletedLessonIds.Contains(lessonId);

    public bool AllLessonsComplete(Course course) => course.Lessons.All(l => CompletedLessonIds.Contains(l.Id));

    public bool PostTestPassed => BestPostTest?.Passed == true;

    public int PercentComplete(Course course)
    {
        // Lessons plus the post-test, so a course is 100 % only when passed.
        var steps = course.Lessons.Count + 1;
        var done = course.Lessons.Count(l => CompletedLessonIds.Contains(l.Id)) + (PostTestPassed ? 1 : 0);
        return done * 100 / steps;
    }

    public static CourseProgress None { get; } = new(new HashSet<string>(), 0, null, null);
}

public sealed class ProgressService(AppDbContext db, TimeProvider time)
{
    public async Task<CourseProgress> GetAsync(string userId, string courseId, CancellationToken cancellationToken = default)
    {
        var lessons = await db.LessonProgress
            .Where(p => p.UserId == userId && p.CourseId == courseId)
            .Select(p => p.LessonId)
            .ToListAsync(cancellationToken);
        var attempts = await db.QuizAttempts
            .Where(a => a.UserId == userId && a.CourseId == courseId && a.Kind == AssessmentKind.PostTest)
            .ToListAsync(cancellationToken);
        var certificate = await db.Certificates
            .Where(c => c.UserId == userId && c.CourseId == courseId && c.RevokedAt == null && c.SupersededAt == null)
            .FirstOrDefaultAsync(cancellationToken);
        var best = attempts.OrderByDescending(a => a.ScorePercent).ThenBy(a => a.SubmittedAt).FirstOrDefault();
        return new CourseProgress(lessons.ToHashSet(), attempts.Count, best, certificate);
    }

    /// <summary>Marks a lesson complete. Completing it again changes nothing.</summary>
    public async Task CompleteLessonAsync(string userId, Course course, Lesson lesson, CancellationToken cancellationToken = default)
    {
        var exists = await db.LessonProgress.AnyAsync(
            p => p.UserId == userId && p.CourseId == course.Id && p.LessonId == lesson.Id, cancellationToken);
        if (exists)
        {
            return;
        }

        db.LessonProgress.Add(new LessonProgress
        {
            UserId = userId,
            CourseId = course.Id,
            LessonId = lesson.Id,
            ContentVersion = course.ContentVersion,
            CompletedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // A concurrent request (double click) recorded it first: the unique index keeps one mark.
            db.ChangeTracker.Clear();
        }
    }
}
