using NmosdLearn.Content.Loading;
using NmosdLearn.Content.Quizzes;

namespace NmosdLearn.Content.Tests;

/// <summary>Question pools and seeded order: what each attempt asks follows from its seed alone.</summary>
public sealed class QuestionDrawTests
{
    private static readonly Course PoolCourse = CourseLoader.Load(
        Path.Combine(TestPaths.RepositoryRoot, "tests", "NmosdLearn.Content.Tests", "Fixtures", "pool-course"), "pool-course", new DateOnly(2026, 12, 1)).Course!;

    private static readonly Course Tour = CourseLoader.Load(
        Path.Combine(TestPaths.ContentFolder, "platform-tour"), "content/platform-tour", new DateOnly(2026, 12, 1)).Course!;

    [Fact]
    public void A_pool_is_read_with_each_questions_lesson()
    {
        var postTest = PoolCourse.PostTest;

        Assert.Equal([new PoolDraw("first", 2), new PoolDraw("second", 1)], postTest.Draw);
        Assert.Equal(6, postTest.Questions.Count);
        Assert.Equal(3, postTest.QuestionsPerAttempt);
        Assert.Equal(["first", "first", "first", "first", "second", "second"], postTest.Questions.Select(q => q.LessonId));
    }

    [Fact]
    public void Each_attempt_draws_the_declared_number_from_each_lesson()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var drawn = QuestionDraw.Draw(PoolCourse.PostTest, seed);
            var lessons = drawn.Select(d => PoolCourse.PostTest.Questions.Single(q => q.Id == d.QuestionId).LessonId).ToList();

            Assert.Equal(3, drawn.Select(d => d.QuestionId).Distinct().Count());
            Assert.Equal(2, lessons.Count(l => l == "first"));
            Assert.Equal(1, lessons.Count(l => l == "second"));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_questions_options_and_order()
    {
        var first = QuestionDraw.Draw(PoolCourse.PostTest, 42);
        var again = QuestionDraw.Draw(PoolCourse.PostTest, 42);

        Assert.Equal(Describe(first), Describe(again));
    }

    [Fact]
    public void Different_seeds_draw_different_sets_and_every_question_is_drawn_sometime()
    {
        var sets = Enumerable.Range(0, 50).Select(seed => string.Join(",", QuestionDraw.Draw(PoolCourse.PostTest, seed).Select(d => d.QuestionId).Order())).ToList();

        Assert.True(sets.Distinct().Count() > 5, "50 seeds drew fewer than 6 different sets");
        var everDrawn = Enumerable.Range(0, 50).SelectMany(seed => QuestionDraw.Draw(PoolCourse.PostTest, seed)).Select(d => d.QuestionId).ToHashSet();
        Assert.Equal(PoolCourse.PostTest.Questions.Select(q => q.Id).ToHashSet(), everDrawn);
    }

    [Fact]
    public void Without_a_pool_every_question_is_asked_with_all_its_options()
    {
        var drawn = QuestionDraw.Draw(Tour.PostTest, 7);

        Assert.Equal(Tour.PostTest.Questions.Select(q => q.Id).Order(), drawn.Select(d => d.QuestionId).Order());
        foreach (var question in drawn)
        {
            Assert.Equal(Tour.PostTest.Questions.Single(q => q.Id == question.QuestionId).Options.Select(o => o.Key).Order(), question.OptionKeys.Order());
        }
    }

    [Fact]
    public void Resolving_a_draw_keeps_its_order_and_grading_counts_only_the_drawn_questions()
    {
        var drawn = QuestionDraw.Draw(PoolCourse.PostTest, 3);
        var resolved = QuestionDraw.Resolve(PoolCourse.PostTest, drawn);

        Assert.Equal(drawn.Select(d => d.QuestionId), resolved.Select(r => r.Question.Id));
        Assert.Equal(drawn.Select(d => d.OptionKeys), resolved.Select(r => r.Options.Select(o => o.Key).ToList()));
        var allRight = resolved.ToDictionary(r => r.Question.Id, r => r.Question.CorrectKeys);
        var result = QuizGrader.Grade(resolved.Select(r => r.Question).ToList(), allRight, 75);
        Assert.Equal(3, result.Total);
        Assert.Equal(100, result.ScorePercent);
    }

    [Fact]
    public void Review_policy_and_minimum_time_are_read_with_safe_defaults()
    {
        using var folder = new CourseFolder();
        folder.Replace("course.md", "minimum_minutes: 0\n", "");
        var defaults = folder.Load().Course!;
        Assert.Equal(ReviewPolicy.AfterCompletion, defaults.Info.Review);
        Assert.Null(defaults.Info.MinimumMinutes);
        Assert.Equal(defaults.Lessons.Sum(l => l.Minutes) / 2, defaults.RequiredMinutes);

        folder.Replace("course.md", "attempt_limit: 3\n", "attempt_limit: 3\nreview: score-only\nminimum_minutes: 12\n");
        var declared = folder.Load().Course!;
        Assert.Equal(ReviewPolicy.ScoreOnly, declared.Info.Review);
        Assert.Equal(12, declared.RequiredMinutes);
    }

    private static IEnumerable<string> Describe(IEnumerable<DrawnQuestion> drawn) =>
        drawn.Select(d => d.QuestionId + ":" + string.Join("", d.OptionKeys));
}
