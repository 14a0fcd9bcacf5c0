using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>Reads and records a learner's progress: enrolment, lessons, knowledge checks.</summary>
public sealed class ProgressService(AppDbContext db, CourseVersions versions, CourseCatalogService catalog, IMemoryCache cache, TimeProvider time)
{
    private static readonly MemoryCacheEntryOptions CachedStateLifetime =
        new() { SlidingExpiration = TimeSpan.FromMinutes(10), AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30) };

    private static (string, string, string) StateKey(string userId, string courseId) => (nameof(CourseState), userId, courseId);

    /// <summary>
    /// The learner's state in a course, on the version they are held to. Null when the course does not
    /// exist (or, for someone not enrolled, is not offered).
    /// </summary>
    public async Task<CourseState?> GetAsync(string? userId, string courseId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return versions.Current(courseId) is { } current && catalog.IsOpen(current) ? Empty(current) : null;
        }

        // On SQLite this process made every change, so it knows the current version without asking.
        var key = StateKey(userId, courseId);
        if (VersionsWrittenHere.Known(db, userId, courseId) is { } known && cache.TryGetValue(key, out (long Version, CourseState State) mine) && mine.Version == known)
        {
            return mine.State;
        }

        // Otherwise one indexed read decides whether the cached state is current; a change anywhere bumps the version.
        var stamp = await db.Enrollments.AsNoTracking()
            .Where(e => e.UserId == userId && e.CourseId == courseId)
            .Select(e => (long?)e.StateVersion)
            .FirstOrDefaultAsync(cancellationToken);
        if (stamp is { } version && cache.TryGetValue(key, out (long Version, CourseState State) cached) && cached.Version == version)
        {
            return cached.State;
        }

        // Rebuilt, and cached at the version read with it.
        return (await GetManyAsync(userId, [courseId], cancellationToken)).GetValueOrDefault(courseId);
    }

    /// <summary>
    /// The learner's state in several courses (the catalog, "My learning"), in a fixed number of queries
    /// whatever the number of courses: one for the enrolments, then, unless every enrolled course's cached state is
    /// at the version that read returned, one per kind of record for the other enrolled courses together.
    /// Courses the learner may not see are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CourseState>> GetManyAsync(string userId, IReadOnlyCollection<string> courseIds, CancellationToken cancellationToken)
    {
        var enrollments = (await db.Enrollments.AsNoTracking()
            .Where(e => e.UserId == userId && courseIds.Contains(e.CourseId))
            .ToListAsync(cancellationToken)).ToDictionary(e => e.CourseId);
        var states = new Dictionary<string, CourseState>();
        var current = new HashSet<string>();
        foreach (var courseId in courseIds.Distinct())
        {
            var enrollment = enrollments.GetValueOrDefault(courseId);
            // The enrolment row carries the state's version, read before any of the records below.
            if (enrollment is not null && cache.TryGetValue(StateKey(userId, courseId), out (long Version, CourseState State) cached)
                && cached.Version == enrollment.StateVersion)
            {
                states[courseId] = cached.State;
                current.Add(courseId);
                continue;
            }

            var course = enrollment is null
                ? versions.Current(courseId)
                : await versions.GetAsync(courseId, enrollment.ContentVersion, cancellationToken) ?? versions.Current(courseId);
            // Someone who has not started a course sees it only while it is open; a learner who has started keeps it.
            if (course is not null && (enrollment is not null || catalog.IsOpen(course)))
            {
                states[courseId] = Empty(course) with { Enrollment = enrollment };
            }
        }

        var enrolled = enrollments.Keys.Where(id => states.ContainsKey(id) && !current.Contains(id)).ToList();
        if (enrolled.Count == 0)
        {
            return states;
        }

        // Nothing is recorded in a course before enrolment, so only enrolled courses are read.
        var lessons = await db.LessonProgress.AsNoTracking()
            .Where(p => p.UserId == userId && enrolled.Contains(p.CourseId))
            .Select(p => new { p.CourseId, p.LessonId })
            .ToListAsync(cancellationToken);
        var checks = await db.KnowledgeCheckAnswers.AsNoTracking()
            .Where(a => a.UserId == userId && enrolled.Contains(a.CourseId))
            .ToListAsync(cancellationToken);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && enrolled.Contains(a.CourseId))
            .OrderBy(a => a.StartedAt)
            .ToListAsync(cancellationToken);
        var evaluations = await db.CourseEvaluations.AsNoTracking()
            .Where(e => e.UserId == userId && enrolled.Contains(e.CourseId))
            .ToListAsync(cancellationToken);
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.UserId == userId && enrolled.Contains(c.CourseId) && c.RevokedAt == null && c.SupersededAt == null)
            .ToListAsync(cancellationToken);
        var studied = await db.StudyTimes.AsNoTracking()
            .Where(t => t.UserId == userId && enrolled.Contains(t.CourseId))
            .ToListAsync(cancellationToken);

        foreach (var courseId in enrolled)
        {
            states[courseId] = states[courseId] with
            {
                CompletedLessonIds = lessons.Where(l => l.CourseId == courseId).Select(l => l.LessonId).ToHashSet(),
                CheckAnswers = checks.Where(a => a.CourseId == courseId)
                    .ToDictionary(a => a.QuestionId, a => new CheckAnswer(Quizzes.AssessmentService.ReadKeys(a.SelectedJson), a.IsCorrect)),
                PreTestAttempts = attempts.Where(a => a.CourseId == courseId && a.Kind == AssessmentKind.PreTest).ToList(),
                PostTestAttempts = attempts.Where(a => a.CourseId == courseId && a.Kind == AssessmentKind.PostTest).ToList(),
                Evaluation = evaluations.FirstOrDefault(e => e.CourseId == courseId),
                Certificate = certificates.FirstOrDefault(c => c.CourseId == courseId),
                StudySeconds = studied.Where(t => t.CourseId == courseId).ToDictionary(t => t.Step, t => t.Seconds),
            };
            cache.Set(StateKey(userId, courseId), (enrollments[courseId].StateVersion, states[courseId]), CachedStateLifetime);
        }

        return states;
    }

    private static CourseState Empty(Course course) => CourseState.NotStarted(course);

    /// <summary>
    /// Records that the learner has read the course information and holds them to the current content
    /// version, archived first so that they can finish on it after any change or restart. Returns the
    /// version they are held to, or null when the course is gone.
    /// </summary>
    public async Task<Course?> AcknowledgeAsync(string userId, string courseId, CancellationToken cancellationToken)
    {
        if (await versions.ArchiveCurrentAsync(courseId, cancellationToken) is not { } course)
        {
            return null;
        }

        var now = time.GetUtcNow();
        db.Enrollments.Add(new Enrollment
        {
            UserId = userId,
            CourseId = course.Id,
            ContentVersion = course.ContentVersion,
            AcknowledgedAt = now,
            LastActivityAt = now,
            MeasuresTime = true,
        });
        await SaveIgnoringDuplicateAsync(cancellationToken);
        return course;
    }

    /// <summary>
    /// Grades a knowledge check on the server and keeps the learner's latest answer: one row per learner
    /// and question, updated in place or inserted; an insert that meets a concurrent one updates instead.
    /// </summary>
    public async Task<CheckAnswer> AnswerCheckAsync(
        CourseState state, Question question, IReadOnlySet<string> selected, CancellationToken cancellationToken)
    {
        PathRefusedException.ThrowIfRefused(PathGate.ForLesson(state));
        var (userId, course) = (state.Enrollment!.UserId, state.Course);
        var graded = QuizGrader.Grade([question], new Dictionary<string, IReadOnlySet<string>> { [question.Id] = selected }, 100)
            .Questions[0];
        var json = JsonSerializer.Serialize(graded.Selected.Order(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        Task<int> UpdateAsync() => db.KnowledgeCheckAnswers
            .Where(a => a.UserId == userId && a.CourseId == course.Id && a.QuestionId == question.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.SelectedJson, json)
                .SetProperty(a => a.IsCorrect, graded.IsCorrect)
                .SetProperty(a => a.ContentVersion, course.ContentVersion)
                .SetProperty(a => a.AnsweredAt, now), cancellationToken);

        var answer = new CheckAnswer(graded.Selected, graded.IsCorrect);
        await ChangeAsync(state, async () =>
        {
            if (await UpdateAsync() == 0)
            {
                db.KnowledgeCheckAnswers.Add(new KnowledgeCheckAnswer
                {
                    UserId = userId,
                    CourseId = course.Id,
                    QuestionId = question.Id,
                    ContentVersion = course.ContentVersion,
                    SelectedJson = json,
                    IsCorrect = graded.IsCorrect,
                    AnsweredAt = now,
                });
                if (!await SaveIgnoringDuplicateAsync(cancellationToken))
                {
                    await UpdateAsync();
                }
            }
        }, current => current with
        {
            CheckAnswers = new Dictionary<string, CheckAnswer>(current.CheckAnswers) { [question.Id] = answer },
        }, cancellationToken);
        return answer;
    }

    /// <summary>
    /// Writes a change to the learner's records and moves their state version on, in one transaction: one commit,
    /// so one flush to disk. When <paramref name="state"/> was the cached state and the version moved by exactly one
    /// (no other change came between), the cached state plus <paramref name="carry"/> is the state at the new version
    /// and is cached as that once committed, so the next page needs no rebuild; otherwise the next page rebuilds it.
    /// </summary>
    private async Task ChangeAsync(CourseState state, Func<Task> write, Func<CourseState, CourseState>? carry, CancellationToken cancellationToken)
    {
        var key = StateKey(state.Enrollment!.UserId, state.Course.Id);
        long? basedOn = cache.TryGetValue(key, out (long Version, CourseState State) cached) && ReferenceEquals(cached.State, state) ? cached.Version : null;
        long? version;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            await write();
            version = await db.BumpLearnerStateAsync(state.Enrollment.UserId, state.Course.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (carry is not null && basedOn is { } before && version == before + 1)
        {
            cache.Set(key, (version.Value, carry(state)), CachedStateLifetime);
        }
    }

    /// <summary>Marks a lesson complete once its knowledge checks are answered. Completing it again changes nothing.</summary>
    public async Task CompleteLessonAsync(CourseState state, Lesson lesson, CancellationToken cancellationToken)
    {
        PathRefusedException.ThrowIfRefused(PathGate.ForLesson(state));
        if (state.UnansweredChecks(lesson).Count > 0)
        {
            throw new InvalidOperationException($"lesson {lesson.Id} has unanswered knowledge checks");
        }

        var (userId, course) = (state.Enrollment!.UserId, state.Course);
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
        await ChangeAsync(state, () => SaveIgnoringDuplicateAsync(cancellationToken), carry: null, cancellationToken);
    }

    /// <summary>Saves; false when a concurrent request (a double click) recorded the same thing first and a unique index kept that one.</summary>
    private async Task<bool> SaveIgnoringDuplicateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
