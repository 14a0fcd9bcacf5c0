using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests;

public sealed class QuestionParserTests
{
    private static Question PostTestQuestion(string id)
    {
        using var folder = new CourseFolder();
        return folder.Load().Course!.PostTest.Questions.Single(q => q.Id == id);
    }

    [Fact]
    public void A_single_answer_question_has_its_stem_options_key_and_explanation()
    {
        var question = PostTestQuestion("post-one");

        Assert.Equal(QuestionType.Single, question.Type);
        Assert.Equal("<p>Pick the right one.</p>", question.StemHtml);
        Assert.Equal([new QuestionOption("a", "Right"), new QuestionOption("b", "Wrong")], question.Options);
        Assert.Equal(["a"], question.CorrectKeys);
        Assert.Equal("<p>Explanation one.</p>", question.ExplanationHtml);
    }

    [Fact]
    public void A_multiple_answer_question_keeps_every_checked_option()
    {
        var question = PostTestQuestion("post-two");

        Assert.Equal(QuestionType.Multiple, question.Type);
        Assert.Equal(["a", "c"], question.CorrectKeys.Order());
    }

    [Fact]
    public void A_true_false_question_has_two_options()
    {
        var question = PostTestQuestion("post-three");

        Assert.Equal(QuestionType.TrueFalse, question.Type);
        Assert.Equal(2, question.Options.Count);
    }

    [Fact]
    public void An_explanation_carries_the_reference_it_cites()
    {
        using var folder = new CourseFolder();

        var question = folder.Load().Course!.Lessons[0].Questions.Single();

        Assert.Equal(["The reference."], question.References);
    }

    [Theory]
    [InlineData("- [x] Right\n- [ ] Wrong\n\n> Explanation one.", "- [ ] Right\n- [ ] Wrong\n\n> Explanation one.", "question 'post-one' has no correct answer: mark it with '[x]'")]
    [InlineData("- [ ] Wrong\n\n> Explanation one.", "- [x] Wrong\n\n> Explanation one.", "question 'post-one' is single-answer but marks 2 options correct; mark one, or write '::: question post-one multiple'")]
    [InlineData("> Explanation one.\n", "", "question 'post-one' has no explanation: add a block quote ('> ...') after the options")]
    public void A_broken_question_is_reported_at_its_opening_line(string oldText, string newText, string message)
    {
        using var folder = new CourseFolder();
        folder.Replace("post-test.md", oldText, newText);

        var result = folder.Load();

        Assert.False(result.IsValid);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new ContentDiagnostic("content/test-course/post-test.md", 5, 1, DiagnosticSeverity.Error, message), diagnostic);
    }
}
