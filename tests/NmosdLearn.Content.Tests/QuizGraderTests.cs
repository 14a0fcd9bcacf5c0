using NmosdLearn.Content.Quizzes;

namespace NmosdLearn.Content.Tests;

public sealed class QuizGraderTests
{
    private static readonly IReadOnlyList<Question> Questions = LoadQuestions();

    private static IReadOnlyList<Question> LoadQuestions()
    {
        using var folder = new CourseFolder();
        return folder.Load().Course!.PostTest.Questions;
    }

    private static Dictionary<string, IReadOnlySet<string>> Answers(params (string Id, string[] Keys)[] answers) =>
        answers.ToDictionary(a => a.Id, a => (IReadOnlySet<string>)a.Keys.ToHashSet());

    [Fact]
    public void All_correct_scores_one_hundred_and_passes()
    {
        var result = QuizGrader.Grade(Questions, Answers(("post-one", ["a"]), ("post-two", ["a", "c"]), ("post-three", ["a"]), ("post-four", ["c"])), 75);

        Assert.Equal(4, result.Correct);
        Assert.Equal(100, result.ScorePercent);
        Assert.True(result.Passed);
    }

    [Fact]
    public void A_multiple_answer_question_needs_every_correct_option_and_no_other()
    {
        var partial = QuizGrader.Grade(Questions, Answers(("post-two", ["a"])), 75);
        var extra = QuizGrader.Grade(Questions, Answers(("post-two", ["a", "b", "c"])), 75);

        Assert.False(partial.Questions.Single(q => q.Question.Id == "post-two").IsCorrect);
        Assert.False(extra.Questions.Single(q => q.Question.Id == "post-two").IsCorrect);
    }

    [Fact]
    public void Three_of_four_reaches_a_pass_mark_of_75_but_not_76()
    {
        var answers = Answers(("post-one", ["a"]), ("post-two", ["a", "c"]), ("post-three", ["a"]), ("post-four", ["a"]));

        Assert.True(QuizGrader.Grade(Questions, answers, 75).Passed);
        Assert.False(QuizGrader.Grade(Questions, answers, 76).Passed);
    }

    [Fact]
    public void Unanswered_questions_count_as_wrong()
    {
        var result = QuizGrader.Grade(Questions, Answers(("post-one", ["a"])), 75);

        Assert.Equal(1, result.Correct);
        Assert.Equal(25, result.ScorePercent);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Several_answers_to_a_single_answer_question_are_wrong_even_if_one_is_right()
    {
        var result = QuizGrader.Grade(Questions, Answers(("post-one", ["a", "b"])), 75);

        Assert.False(result.Questions[0].IsCorrect);
    }

    [Fact]
    public void Unknown_questions_and_options_are_ignored()
    {
        var result = QuizGrader.Grade(Questions, Answers(("post-one", ["a", "z"]), ("made-up", ["a"])), 75);

        Assert.True(result.Questions[0].IsCorrect);
        Assert.Equal(4, result.Total);
    }
}
