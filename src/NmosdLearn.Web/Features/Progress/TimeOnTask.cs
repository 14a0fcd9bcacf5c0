using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>
/// Measures active time on a course from the heartbeats its pages send while they are visible and the
/// learner is active. Each heartbeat credits the time since the previous one, at most
/// <see cref="MaxCreditPerHeartbeat"/>, to the step the previous one came from: a learner who walks
/// away for an hour earns one minute, and the clock is the server's, never the browser's.
/// </summary>
public sealed class TimeOnTask(AppDbContext db, TimeProvider time)
{
    public const string PreTestStep = "pre-test";
    public const string PostTestStep = "post-test";

    /// <summary>How often a visible page with an active learner sends a heartbeat (the page's script reads it).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    /// <summary>The most one heartbeat can add: two intervals, so one late heartbeat still counts in full.</summary>
    public static readonly TimeSpan MaxCreditPerHeartbeat = TimeSpan.FromSeconds(60);

    /// <summary>A step a heartbeat may name: one of the course's tests, or a lesson the learner may open now.</summary>
    public static bool IsStep(CourseState state, string step) =>
        step is PreTestStep or PostTestStep
        || (state.Course.FindLesson(step) is not null && PathGate.ForLesson(state) == PathRefusal.None);

    /// <summary>
    /// Records a heartbeat from a page of <paramref name="step"/>. The enrolment's last heartbeat is
    /// swapped with a compare-and-set, so two tabs beating at once credit the interval once.
    /// Returns the seconds credited.
    /// </summary>
    public async Task<int> HeartbeatAsync(string userId, string courseId, string step, CancellationToken cancellationToken)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            var previous = await db.Enrollments.AsNoTracking()
                .Where(e => e.UserId == userId && e.CourseId == courseId)
                .Select(e => new { e.LastHeartbeatAt, e.LastHeartbeatStep })
                .FirstOrDefaultAsync(cancellationToken);
            if (previous is null)
            {
                return 0;
            }

            var now = time.GetUtcNow();
            var swapped = await db.Enrollments
                .Where(e => e.UserId == userId && e.CourseId == courseId && e.LastHeartbeatAt == previous.LastHeartbeatAt)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.LastHeartbeatAt, now)
                    .SetProperty(e => e.LastHeartbeatStep, step)
                    .SetProperty(e => e.LastActivityAt, now), cancellationToken);
            if (swapped == 0)
            {
                continue;
            }

            var credit = previous.LastHeartbeatAt is { } last && previous.LastHeartbeatStep is { } creditedStep
                ? (int)Math.Round(Math.Clamp((now - last).TotalSeconds, 0, MaxCreditPerHeartbeat.TotalSeconds))
                : 0;
            if (credit > 0)
            {
                await AddAsync(userId, courseId, previous.LastHeartbeatStep!, credit, cancellationToken);
            }

            await db.BumpLearnerStateAsync(userId, courseId, cancellationToken);
            return credit;
        }

        return 0;
    }

    private async Task AddAsync(string userId, string courseId, string step, int seconds, CancellationToken cancellationToken)
    {
        Task<int> UpdateAsync() => db.StudyTimes
            .Where(t => t.UserId == userId && t.CourseId == courseId && t.Step == step)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Seconds, t => t.Seconds + seconds), cancellationToken);

        if (await UpdateAsync() > 0)
        {
            return;
        }

        db.StudyTimes.Add(new StudyTime { UserId = userId, CourseId = courseId, Step = step, Seconds = seconds });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            await UpdateAsync();
        }
    }
}
