using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Quizzes;

public enum AssessmentRefusal
{
    None,
    NotAcknowledged,
    PreTestFirst,
    LessonsIncomplete,
    AlreadyPassed,
    AttemptsUsedUp,
    AlreadyTaken,
}

/// <summary>A question in the order one attempt shows it, with its options in that attempt's order.</summary>
public sealed record OrderedQuestion(Question Question, IReadOnlyList<QuestionOption> Options);

/// <summary>
/// Runs pre-tests and post-tests: an attempt is created when the learner opens the test, answers are
/// saved as they go, and submitting grades the attempt once, on the server, against the content
/// version it started on.
/// </summary>
public sealed class AssessmentService(AppDbContext db, TimeProvider time)
{
    public static Assessment? AssessmentOf(Course course, AssessmentKind kind) =>
        kind == AssessmentKind.PreTest ? course.PreTest : course.PostTest;

    /// <summary>Why the learner may not start a new attempt now, or None.</summary>
    public static AssessmentRefusal CanStart(CourseState state, AssessmentKind kind) => kind switch
    {
        _ when !state.IsAcknowledged => AssessmentRefusal.NotAcknowledged,
        AssessmentKind.PreTest when state.PreTestDone => AssessmentRefusal.AlreadyTaken,
        AssessmentKind.PostTest when !state.PreTestDone => AssessmentRefusal.PreTestFirst,
        AssessmentKind.PostTest when !state.AllLessonsComplete => AssessmentRefusal.LessonsIncomplete,
        AssessmentKind.PostTest when state.PostTestPassed => AssessmentRefusal.AlreadyPassed,
        AssessmentKind.PostTest when !state.PostTestAttemptsLeft => AssessmentRefusal.AttemptsUsedUp,
        _ => AssessmentRefusal.None,
    };

    /// <summary>The attempt in progress, or a new one with its own shuffled order.</summary>
    public async Task<QuizAttempt> StartOrResumeAsync(string userId, CourseState state, AssessmentKind kind, CancellationToken cancellationToken)
    {
        var open = (kind == AssessmentKind.PreTest ? state.PreTestAttempts : state.PostTestAttempts).LastOrDefault(a => !a.IsSubmitted);
        if (open is not null)
        {
            return open;
        }

        var assessment = AssessmentOf(state.Course, kind)!;
        var order = Shuffle(assessment.Questions)
            .Select(q => new AttemptOrder(q.Id, Shuffle(q.Options).Select(o => o.Key).ToArray()))
            .ToArray();
        var attempt = new QuizAttempt
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CourseId = state.Course.Id,
            ContentVersion = state.Course.ContentVersion,
            Kind = kind,
            AnswersJson = "{}",
            OrderJson = JsonSerializer.Serialize(order),
            StartedAt = time.GetUtcNow(),
        };
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    public Task<QuizAttempt?> FindAsync(Guid attemptId, string userId, CancellationToken cancellationToken) =>
        db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);

    /// <summary>Saves answers to an attempt in progress. Returns false when it was already submitted.</summary>
    public async Task<bool> SaveAnswersAsync(
        Guid attemptId, string userId, IReadOnlyDictionary<string, IReadOnlySet<string>> answers, bool merge, CancellationToken cancellationToken)
    {
        var attempt = await db.QuizAttempts.FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);
        if (attempt is null || attempt.IsSubmitted)
        {
            return false;
        }

        var saved = merge ? ReadAnswers(attempt.AnswersJson).ToDictionary() : [];
        foreach (var (questionId, keys) in answers)
        {
            saved[questionId] = keys;
        }

        attempt.AnswersJson = WriteAnswers(saved);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Grades the attempt once. A second submit (a double click, a resubmitted form) finds it already
    /// graded and changes nothing; a conditional update makes that hold under concurrency too.
    /// </summary>
    public async Task<QuizAttempt?> SubmitAsync(Guid attemptId, string userId, Course attemptCourse, CancellationToken cancellationToken)
    {
        var attempt = await FindAsync(attemptId, userId, cancellationToken);
        if (attempt is null || attempt.IsSubmitted)
        {
            return attempt;
        }

        var assessment = AssessmentOf(attemptCourse, attempt.Kind)!;
        var passingScore = attempt.Kind == AssessmentKind.PostTest ? attemptCourse.Info.PassingScore : 0;
        var result = QuizGrader.Grade(assessment.Questions, ReadAnswers(attempt.AnswersJson), passingScore);
        var now = time.GetUtcNow();
        await db.QuizAttempts
            .Where(a => a.Id == attemptId && a.SubmittedAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.SubmittedAt, now)
                .SetProperty(a => a.Correct, result.Correct)
                .SetProperty(a => a.Total, result.Total)
                .SetProperty(a => a.ScorePercent, result.ScorePercent)
                .SetProperty(a => a.Passed, attempt.Kind == AssessmentKind.PostTest && result.Passed), cancellationToken);
        return await FindAsync(attemptId, userId, cancellationToken);
    }

    public static IReadOnlyList<OrderedQuestion> Ordered(Assessment assessment, QuizAttempt attempt)
    {
        var order = JsonSerializer.Deserialize<AttemptOrder[]>(attempt.OrderJson) ?? [];
        var byId = assessment.Questions.ToDictionary(q => q.Id);
        var ordered = order.Where(o => byId.ContainsKey(o.QuestionId))
            .Select(o =>
            {
                var question = byId[o.QuestionId];
                var options = o.OptionKeys.Select(k => question.Options.FirstOrDefault(x => x.Key == k)).OfType<QuestionOption>().ToList();
                return new OrderedQuestion(question, options.Count == question.Options.Count ? options : question.Options);
            })
            .ToList();
        // Questions the stored order does not know (none, unless the data was edited) go last, unshuffled.
        ordered.AddRange(assessment.Questions.Where(q => order.All(o => o.QuestionId != q.Id)).Select(q => new OrderedQuestion(q, q.Options)));
        return ordered;
    }

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadAnswers(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) ?? [])
            .ToDictionary(a => a.Key, a => (IReadOnlySet<string>)a.Value.ToHashSet());

    private static string WriteAnswers(IReadOnlyDictionary<string, IReadOnlySet<string>> answers) =>
        JsonSerializer.Serialize(answers.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value.Order().ToArray()));

    private static List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    private sealed record AttemptOrder(string QuestionId, string[] OptionKeys);
}
