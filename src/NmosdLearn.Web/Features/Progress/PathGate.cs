using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>Why a step of the course cannot be opened now.</summary>
public enum PathRefusal
{
    None,
    NotAcknowledged,
    PreTestFirst,
    LessonsIncomplete,
    TimeTooShort,
    AlreadyPassed,
    AttemptsUsedUp,
    AlreadyTaken,
}

/// <summary>
/// The CME gates of the learner's path in one place: the services and pages ask here whether a lesson
/// or a test may open, and where to send a learner who came too early.
/// </summary>
public static class PathGate
{
    public static PathRefusal ForLesson(CourseState state) =>
        !state.IsAcknowledged ? PathRefusal.NotAcknowledged
        : !state.PreTestDone ? PathRefusal.PreTestFirst
        : PathRefusal.None;

    public static PathRefusal ForTest(CourseState state, AssessmentKind kind) => kind switch
    {
        _ when !state.IsAcknowledged => PathRefusal.NotAcknowledged,
        AssessmentKind.PreTest when state.PreTestDone => PathRefusal.AlreadyTaken,
        AssessmentKind.PostTest when !state.PreTestDone => PathRefusal.PreTestFirst,
        AssessmentKind.PostTest when !state.AllLessonsComplete => PathRefusal.LessonsIncomplete,
        AssessmentKind.PostTest when state.PostTestPassed => PathRefusal.AlreadyPassed,
        AssessmentKind.PostTest when !state.PostTestAttemptsLeft => PathRefusal.AttemptsUsedUp,
        AssessmentKind.PostTest when state.MinutesStillRequired > 0 => PathRefusal.TimeTooShort,
        _ => PathRefusal.None,
    };

    /// <summary>The step to do first, for a learner who came too early; null when there is none to send them to.</summary>
    public static string? FirstStepUrl(CourseState state, PathRefusal refusal)
    {
        var id = state.Course.Id;
        return refusal switch
        {
            PathRefusal.NotAcknowledged => $"/courses/{id}/start",
            PathRefusal.PreTestFirst => $"/courses/{id}/pre-test",
            PathRefusal.LessonsIncomplete or PathRefusal.TimeTooShort =>
                state.Course.Lessons.FirstOrDefault(l => !state.IsLessonComplete(l.Id)) is { } lesson
                    ? $"/courses/{id}/lessons/{lesson.Id}"
                    : $"/courses/{id}/lessons/{state.Course.Lessons[0].Id}",
            PathRefusal.AlreadyPassed => state.Evaluation is null ? $"/courses/{id}/evaluation" : $"/courses/{id}/claim",
            _ => null,
        };
    }
}

/// <summary>
/// A service was asked to record something the learner's path does not allow yet. Pages ask
/// <see cref="PathGate"/> first and explain; the services refuse on their own, so no caller can skip a gate.
/// </summary>
public sealed class PathRefusedException(PathRefusal refusal)
    : InvalidOperationException($"The learner's path does not allow this step now: {refusal}.")
{
    public PathRefusal Refusal { get; } = refusal;

    /// <summary>Throws unless the gate is open.</summary>
    public static void ThrowIfRefused(PathRefusal refusal)
    {
        if (refusal != PathRefusal.None)
        {
            throw new PathRefusedException(refusal);
        }
    }
}

/// <summary>A step the learner opened too early: why, and where to go first.</summary>
public sealed record PathRefusalViewModel(CourseState State, PathRefusal Refusal, string Title);
