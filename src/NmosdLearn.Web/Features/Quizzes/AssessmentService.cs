using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Quizzes;

/// <summary>A question in the order one attempt shows it, with its options in that attempt's order.</summary>
public sealed record OrderedQuestion(Question Question, IReadOnlyList<QuestionOption> Options);

/// <summary>Where attempt seeds come from: random in the app; tests put fixed ones in their place.</summary>
public sealed class AttemptSeeds(Func<int> next)
{
    public static AttemptSeeds Random { get; } = new(() => System.Random.Shared.Next());

    public int Next() => next();
}

/// <summary>The outcome of saving answers to an attempt.</summary>
public enum AnswerSave
{
    Saved,

    /// <summary>The attempt is submitted, discarded or not the learner's: nothing saved.</summary>
    NotOpen,

    /// <summary>An answer names an option its question does not have (or more options than it has): nothing saved.</summary>
    Refused,
}

/// <summary>What a learner may see of a submitted attempt.</summary>
public enum ReviewLevel
{
    /// <summary>The score only (a pre-test before the post-test is done).</summary>
    Score,

    /// <summary>The score, which questions were wrong and the lesson to revisit; never the correct options or explanations.</summary>
    WrongQuestions,

    /// <summary>Everything: the correct options, explanations and references.</summary>
    Full,
}

/// <summary>
/// Runs pre-tests and post-tests: an attempt is created when the learner opens the test (one open
/// attempt per learner and test, held by a unique index), it draws its questions from a stored seed,
/// answers are saved one row per question as the learner goes, and submitting grades the attempt
/// once, on the server, against exactly the questions it drew.
/// </summary>
public sealed class AssessmentService(AppDbContext db, TimeProvider time, AttemptSeeds seeds)
{
    public static Assessment? AssessmentOf(Course course, AssessmentKind kind) =>
        kind == AssessmentKind.PreTest ? course.PreTest : course.PostTest;

    /// <summary>
    /// The post-test's review policy decides the post-test; a pre-test shows its score only until the
    /// post-test is done (passed, or every attempt used), so it cannot serve as an answer sheet.
    /// </summary>
    public static ReviewLevel ReviewOf(CourseState state, QuizAttempt attempt)
    {
        var postTestDone = state.PostTestPassed || !state.PostTestAttemptsLeft;
        if (attempt.Kind == AssessmentKind.PreTest)
        {
            return postTestDone ? ReviewLevel.Full : ReviewLevel.Score;
        }

        return state.Course.Info.Review switch
        {
            ReviewPolicy.AfterEachAttempt => ReviewLevel.Full,
            ReviewPolicy.ScoreOnly => ReviewLevel.WrongQuestions,
            _ => postTestDone ? ReviewLevel.Full : ReviewLevel.WrongQuestions,
        };
    }

    /// <summary>
    /// The attempt in progress, or a new one with its own drawn questions. A new attempt starts only when the
    /// learner's path allows it (the gate an open attempt passed when it started).
    /// </summary>
    public async Task<QuizAttempt> StartOrResumeAsync(CourseState state, AssessmentKind kind, CancellationToken cancellationToken)
    {
        var course = state.Course;
        var userId = state.Enrollment?.UserId ?? throw new PathRefusedException(PathRefusal.NotAcknowledged);
        if (await FindOpenAsync(userId, course.Id, kind, cancellationToken) is { } open)
        {
            return open;
        }

        PathRefusedException.ThrowIfRefused(PathGate.ForTest(state, kind));

        var seed = seeds.Next();
        var attempt = new QuizAttempt
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CourseId = course.Id,
            ContentVersion = course.ContentVersion,
            Kind = kind,
            Seed = seed,
            OrderJson = JsonSerializer.Serialize(QuestionDraw.Draw(AssessmentOf(course, kind)!, seed)),
            StartedAt = time.GetUtcNow(),
        };
        db.QuizAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.BumpLearnerStateAsync(userId, course.Id, cancellationToken);
            return attempt;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another tab opened the test at the same moment; its attempt is the one.
            db.ChangeTracker.Clear();
            return await FindOpenAsync(userId, course.Id, kind, cancellationToken)
                ?? throw new InvalidOperationException("an open attempt was reported but cannot be found", ex);
        }
    }

    private Task<QuizAttempt?> FindOpenAsync(string userId, string courseId, AssessmentKind kind, CancellationToken cancellationToken) =>
        db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(
            a => a.UserId == userId && a.CourseId == courseId && a.Kind == kind && a.SubmittedAt == null && a.DiscardedAt == null, cancellationToken);

    public Task<QuizAttempt?> FindAsync(Guid attemptId, string userId, CancellationToken cancellationToken) =>
        db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);

    /// <summary>The attempt's saved answers: question id to chosen option keys.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> AnswersAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var rows = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attemptId).ToListAsync(cancellationToken);
        return rows.ToDictionary(a => a.QuestionId, a => ReadKeys(a.SelectedJson));
    }

    /// <summary>
    /// Saves answers to an attempt in progress, one row per question; an empty set clears a question.
    /// With <paramref name="replaceAll"/> (the whole form) questions not sent are cleared too. Nothing is
    /// saved when the attempt is not open, or when an answer holds a key that is not one of its drawn
    /// question's options: only those keys are ever stored, so a save's size is bounded by the test's
    /// (answers to questions the attempt did not draw are ignored). The attempt row is written first, so saves
    /// to one attempt and its submit take turns (a write lock on SQLite, a row lock elsewhere), and the
    /// caller hears of success only after the commit.
    /// </summary>
    public async Task<AnswerSave> SaveAnswersAsync(
        Guid attemptId, string userId, IReadOnlyDictionary<string, IReadOnlySet<string>> answers, bool replaceAll, CancellationToken cancellationToken)
    {
        // The drawn questions never change once an attempt exists, so they are checked before the write begins.
        var orderJson = await db.QuizAttempts.Where(a => a.Id == attemptId && a.UserId == userId).Select(a => a.OrderJson).SingleOrDefaultAsync(cancellationToken);
        if (orderJson is null)
        {
            return AnswerSave.NotOpen;
        }

        var options = DrawnOf(orderJson).ToDictionary(d => d.QuestionId, d => d.OptionKeys.ToHashSet(StringComparer.Ordinal));
        if (answers.Any(a => options.TryGetValue(a.Key, out var keys) && (a.Value.Count > keys.Count || !a.Value.All(keys.Contains))))
        {
            return AnswerSave.Refused;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var open = await db.QuizAttempts
            .Where(a => a.Id == attemptId && a.UserId == userId && a.SubmittedAt == null && a.DiscardedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastAnsweredAt, now), cancellationToken);
        if (open == 0)
        {
            return AnswerSave.NotOpen;
        }

        var drawn = options.Keys.ToHashSet();
        foreach (var (questionId, keys) in answers.Where(a => drawn.Contains(a.Key)))
        {
            if (keys.Count == 0)
            {
                await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && a.QuestionId == questionId).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            var selected = JsonSerializer.Serialize(keys.Order(StringComparer.Ordinal));
            var updated = await db.AttemptAnswers
                .Where(a => a.AttemptId == attemptId && a.QuestionId == questionId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.SelectedJson, selected).SetProperty(a => a.SavedAt, now), cancellationToken);
            if (updated == 0)
            {
                db.AttemptAnswers.Add(new AttemptAnswer { AttemptId = attemptId, QuestionId = questionId, SelectedJson = selected, SavedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (replaceAll)
        {
            var sent = answers.Where(a => a.Value.Count > 0).Select(a => a.Key).ToList();
            await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && !sent.Contains(a.QuestionId)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return AnswerSave.Saved;
    }

    /// <summary>
    /// Grades the attempt once, against the questions it drew. Closing the attempt is the first write
    /// of the transaction, so no save can land between the grading and the close, and a second submit
    /// (a double click, a resubmitted form) finds it closed and changes nothing.
    /// </summary>
    public async Task<QuizAttempt?> SubmitAsync(Guid attemptId, string userId, Course attemptCourse, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            var closed = await db.QuizAttempts
                .Where(a => a.Id == attemptId && a.UserId == userId && a.SubmittedAt == null && a.DiscardedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.SubmittedAt, now), cancellationToken);
            if (closed == 1)
            {
                var attempt = await db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
                var passingScore = attempt.Kind == AssessmentKind.PostTest ? attemptCourse.Info.PassingScore : 0;
                var result = QuizGrader.Grade(
                    Ordered(AssessmentOf(attemptCourse, attempt.Kind)!, attempt).Select(q => q.Question).ToList(),
                    await AnswersAsync(attemptId, cancellationToken), passingScore);
                await db.QuizAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.Correct, result.Correct)
                    .SetProperty(a => a.Total, result.Total)
                    .SetProperty(a => a.ScorePercent, result.ScorePercent)
                    .SetProperty(a => a.Passed, attempt.Kind == AssessmentKind.PostTest && result.Passed), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await db.BumpLearnerStateAsync(userId, attempt.CourseId, cancellationToken);
            }
        }

        return await FindAsync(attemptId, userId, cancellationToken);
    }

    /// <summary>Grades a submitted attempt again for its result page: the same questions, the same answers.</summary>
    public async Task<QuizResult> ResultAsync(QuizAttempt attempt, Course attemptCourse, CancellationToken cancellationToken) =>
        QuizGrader.Grade(
            Ordered(AssessmentOf(attemptCourse, attempt.Kind)!, attempt).Select(q => q.Question).ToList(),
            await AnswersAsync(attempt.Id, cancellationToken),
            attempt.Kind == AssessmentKind.PostTest ? attemptCourse.Info.PassingScore : 0);

    /// <summary>The questions the attempt drew, in its order.</summary>
    public static IReadOnlyList<OrderedQuestion> Ordered(Assessment assessment, QuizAttempt attempt) =>
        QuestionDraw.Resolve(assessment, DrawnOf(attempt.OrderJson)).Select(q => new OrderedQuestion(q.Question, q.Options)).ToList();

    internal static IReadOnlyList<DrawnQuestion> DrawnOf(string orderJson) => JsonSerializer.Deserialize<DrawnQuestion[]>(orderJson) ?? [];

    internal static IReadOnlySet<string> ReadKeys(string json) => JsonSerializer.Deserialize<string[]>(json)?.ToHashSet() ?? [];
}
