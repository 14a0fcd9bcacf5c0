using NmosdLearn.Content;

namespace NmosdLearn.Web.Features.Quizzes;

/// <summary>One question as a form field. Holds no answer key unless <see cref="ShowAnswer"/> (after submission).</summary>
public sealed record QuestionFieldViewModel(
    Question Question, IReadOnlyList<QuestionOption> Options, IReadOnlySet<string>? Selected, bool ShowAnswer, int Number)
{
    public string FieldName => AssessmentsController.AnswerFieldPrefix + Question.Id;
}
