using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Quizzes;

public enum SubmissionRefusal
{
    None,
    LessonsIncomplete,
    AttemptsUsedUp,
    AlreadyPassed,
}

public sealed record SubmissionOutcome(QuizAttempt? Attempt, SubmissionRefusal Refusal);

/// <summary>Grades post-test submissions on the server and issues the certificate when the learner passes.</summary>
public sealed class QuizService(AppDbContext db, ProgressService progress, CertificateService certificates, TimeProvider time)
{
    /// <summary>
    /// Grades and stores one submission. <paramref name="submissionId"/> comes from the form, so a
    /// double click or a resubmission returns the first attempt instead of making another.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitPostTestAsync(
        AppUser learner, Course course, Guid submissionId, IReadOnlyDictionary<string, IReadOnlySet<string>> answers,
        CancellationToken cancellationToken)
    {
        var existing = await db.QuizAttempts.FirstOrDefaultAsync(a => a.Id == submissionId && a.UserId == learner.Id, cancellationToken);
        if (existing is not null)
        {
            return new SubmissionOutcome(existing, SubmissionRefusal.None);
        }

        var state = await progress.GetAsync(learner.Id, course.Id, cancellationToken);
        if (!state.AllLessonsComplete(course))
        {
            return new SubmissionOutcome(null, SubmissionRefusal.LessonsIncomplete);
        }

        if (state.PostTestPassed)
        {
            return new SubmissionOutcome(null, SubmissionRefusal.AlreadyPassed);
        }

        if (state.PostTestAttempts >= course.Info.AttemptLimit)
        {
            return new SubmissionOutcome(null, SubmissionRefusal.AttemptsUsedUp);
        }

        var result = QuizGrader.Grade(course.PostTest.Questions, answers, course.Info.PassingScore);
        var now = time.GetUtcNow();
        var attempt = new QuizAttempt
        {
            Id = submissionId,
            UserId = learner.Id,
            CourseId = course.Id,
            ContentVersion = course.ContentVersion,
            Kind = AssessmentKind.PostTest,
            AnswersJson = JsonSerializer.Serialize(answers.ToDictionary(a => a.Key, a => a.Value.Order().ToArray())),
            Correct = result.Correct,
            Total = result.Total,
            ScorePercent = result.ScorePercent,
            Passed = result.Passed,
            SubmittedAt = now,
        };
        db.QuizAttempts.Add(attempt);
        if (result.Passed && state.Certificate is null)
        {
            // Until learners claim credit in a step of their own, passing claims the course's full credit.
            certificates.Create(learner, course, DateOnly.FromDateTime(now.UtcDateTime), course.Info.Credits);
        }

        try
        {
            // The attempt and its certificate are saved together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == submissionId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            // A concurrent duplicate of this submission was saved first; it is the one attempt.
            return new SubmissionOutcome(winner, SubmissionRefusal.None);
        }

        return new SubmissionOutcome(attempt, SubmissionRefusal.None);
    }

    public Task<QuizAttempt?> FindAttemptAsync(Guid attemptId, string userId, CancellationToken cancellationToken) =>
        db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadAnswers(string answersJson) =>
        (JsonSerializer.Deserialize<Dictionary<string, string[]>>(answersJson) ?? [])
            .ToDictionary(a => a.Key, a => (IReadOnlySet<string>)a.Value.ToHashSet());
}
