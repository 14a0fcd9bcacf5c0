using NmosdLearn.Content;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

public enum StepStatus
{
    CannotStartYet,
    NotStarted,
    InProgress,
    Completed,
}

public enum StepKind
{
    Acknowledge,
    PreTest,
    Lesson,
    PostTest,
    Evaluation,
    Claim,
}

/// <summary>One line of the course task list.</summary>
public sealed record CourseStep(StepKind Kind, string Title, string Url, StepStatus Status, Lesson? Lesson = null)
{
    public bool IsOpen => Status != StepStatus.CannotStartYet;
}

/// <summary>A learner's answer to a knowledge check, as graded.</summary>
public sealed record CheckAnswer(IReadOnlySet<string> Selected, bool IsCorrect);

/// <summary>
/// Everything about one learner in one course that the pages and the CME gates need. The course is
/// the version the learner is held to (or the current one before they enrol).
/// </summary>
public sealed record CourseState(
    Course Course,
    Enrollment? Enrollment,
    IReadOnlySet<string> CompletedLessonIds,
    IReadOnlyDictionary<string, CheckAnswer> CheckAnswers,
    IReadOnlyList<QuizAttempt> PreTestAttempts,
    IReadOnlyList<QuizAttempt> PostTestAttempts,
    CourseEvaluation? Evaluation,
    Certificate? Certificate,
    IReadOnlyDictionary<string, int> StudySeconds)
{
    /// <summary>A learner who has not started the course (or nobody signed in), as the course page shows it to them.</summary>
    public static CourseState NotStarted(Course course) =>
        new(course, null, new HashSet<string>(), new Dictionary<string, CheckAnswer>(), [], [], null, null, new Dictionary<string, int>());

    /// <summary>Active minutes measured on the whole course so far.</summary>
    public int MeasuredMinutes => StudySeconds.Values.Sum() / 60;

    /// <summary>Active minutes still to spend on lessons and the pre-test before the post-test opens.</summary>
    public int MinutesStillRequired
    {
        get
        {
            if (Enrollment is { MeasuresTime: false })
            {
                return 0;
            }

            var beforePostTest = StudySeconds.Where(s => s.Key != TimeOnTask.PostTestStep).Sum(s => s.Value);
            return Math.Max(0, (Course.RequiredMinutes * 60 - beforePostTest + 59) / 60);
        }
    }

    public bool IsAcknowledged => Enrollment is not null;

    /// <summary>
    /// The lesson the learner was last reading: the step of the page's last heartbeat (a view itself writes
    /// nothing), or the lesson recorded by earlier versions of the platform.
    /// </summary>
    public string? LastLessonId =>
        Enrollment?.LastHeartbeatStep is { } step && Course.FindLesson(step) is not null ? step : Enrollment?.LastLessonId;

    public bool PreTestDone => Course.PreTest is null || PreTestAttempts.Any(a => a.IsSubmitted);

    /// <summary>Lessons open once the course information is acknowledged and the pre-test (if any) taken.</summary>
    public bool LessonsOpen => IsAcknowledged && PreTestDone;

    public bool IsLessonComplete(string lessonId) => CompletedLessonIds.Contains(lessonId);

    public bool AllLessonsComplete => Course.Lessons.All(l => CompletedLessonIds.Contains(l.Id));

    public IReadOnlyList<Question> UnansweredChecks(Lesson lesson) =>
        lesson.Questions.Where(q => !CheckAnswers.ContainsKey(q.Id)).ToList();

    public int PostTestAttemptsUsed => PostTestAttempts.Count(a => a.IsSubmitted && a.ResetAt is null);

    public bool PostTestPassed => PostTestAttempts.Any(a => a.IsSubmitted && a.Passed);

    public bool PostTestAttemptsLeft => PostTestAttemptsUsed < Course.Info.AttemptLimit;

    public bool EvaluationOpen => PostTestPassed && Evaluation is null;

    public bool ClaimOpen => PostTestPassed && Evaluation is not null && Certificate is null;

    public IReadOnlyList<CourseStep> Steps(Func<string, string> localize)
    {
        var id = Course.Id;
        var steps = new List<CourseStep>
        {
            new(StepKind.Acknowledge, localize("Course information and disclosures"), $"/courses/{id}/start",
                IsAcknowledged ? StepStatus.Completed : StepStatus.NotStarted),
        };
        if (Course.PreTest is { } preTest)
        {
            steps.Add(new(StepKind.PreTest, preTest.Title, $"/courses/{id}/pre-test",
                PreTestDone ? StepStatus.Completed
                : !IsAcknowledged ? StepStatus.CannotStartYet
                : PreTestAttempts.Count > 0 ? StepStatus.InProgress : StepStatus.NotStarted));
        }

        foreach (var lesson in Course.Lessons)
        {
            var status = IsLessonComplete(lesson.Id) ? StepStatus.Completed
                : !LessonsOpen ? StepStatus.CannotStartYet
                : LastLessonId == lesson.Id || lesson.Questions.Any(q => CheckAnswers.ContainsKey(q.Id)) ? StepStatus.InProgress
                : StepStatus.NotStarted;
            steps.Add(new(StepKind.Lesson, lesson.Title, $"/courses/{id}/lessons/{lesson.Id}", status, lesson));
        }

        steps.Add(new(StepKind.PostTest, Course.PostTest.Title, $"/courses/{id}/post-test",
            PostTestPassed ? StepStatus.Completed
            : !(LessonsOpen && AllLessonsComplete) ? StepStatus.CannotStartYet
            : PostTestAttempts.Count > 0 ? StepStatus.InProgress : StepStatus.NotStarted));
        steps.Add(new(StepKind.Evaluation, localize("Evaluation"), $"/courses/{id}/evaluation",
            Evaluation is not null ? StepStatus.Completed : PostTestPassed ? StepStatus.NotStarted : StepStatus.CannotStartYet));
        steps.Add(new(StepKind.Claim, localize("Get your certificate"), $"/courses/{id}/claim",
            Certificate is not null ? StepStatus.Completed : ClaimOpen ? StepStatus.NotStarted : StepStatus.CannotStartYet));
        return steps;
    }

    /// <summary>Where "Continue where you left off" goes: the first open step not yet completed.</summary>
    public CourseStep? NextStep(Func<string, string> localize)
    {
        var steps = Steps(localize);
        var last = LastLessonId is { } lastId
            ? steps.FirstOrDefault(s => s.Lesson?.Id == lastId && s.Status != StepStatus.Completed)
            : null;
        return last ?? steps.FirstOrDefault(s => s.IsOpen && s.Status != StepStatus.Completed);
    }

    /// <summary>Completed steps over all steps, so a course reads 100 % only when credit is claimed.</summary>
    public int PercentComplete(Func<string, string> localize)
    {
        var steps = Steps(localize);
        return steps.Count(s => s.Status == StepStatus.Completed) * 100 / steps.Count;
    }
}
