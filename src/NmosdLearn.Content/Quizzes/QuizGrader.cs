namespace NmosdLearn.Content.Quizzes;

/// <summary>How one question was answered.</summary>
/// <param name="Question">The question.</param>
/// <param name="Selected">The option keys the learner chose.</param>
/// <param name="IsCorrect">True when the learner chose every correct option and no other.</param>
public sealed record QuestionResult(Question Question, IReadOnlySet<string> Selected, bool IsCorrect);

/// <summary>The outcome of a graded set of questions.</summary>
public sealed record QuizResult(IReadOnlyList<QuestionResult> Questions, int PassingScore)
{
    /// <summary>Number answered correctly.</summary>
    public int Correct => Questions.Count(q => q.IsCorrect);

    /// <summary>Number of questions.</summary>
    public int Total => Questions.Count;

    /// <summary>Score in whole percent, rounded down so that a pass is never rounded into being.</summary>
    public int ScorePercent => Total == 0 ? 0 : Correct * 100 / Total;

    /// <summary>True when the score reaches the passing score.</summary>
    public bool Passed => ScorePercent >= PassingScore;
}

/// <summary>Grades answers against the answer key. All grading happens here, on the server.</summary>
public static class QuizGrader
{
    /// <summary>
    /// Grades every question; a question with no answer counts as wrong, and answers to questions
    /// not in the list, or options the question does not have, are ignored.
    /// </summary>
    public static QuizResult Grade(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, IReadOnlySet<string>> answers, int passingScore)
    {
        var results = questions.Select(question =>
        {
            var selected = answers.TryGetValue(question.Id, out var chosen)
                ? chosen.Where(key => question.Options.Any(o => o.Key == key)).ToHashSet()
                : [];
            if (question.Type != QuestionType.Multiple && selected.Count > 1)
            {
                return new QuestionResult(question, selected, false);
            }

            return new QuestionResult(question, selected, selected.SetEquals(question.CorrectKeys));
        }).ToList();

        return new QuizResult(results, passingScore);
    }
}
