namespace NmosdLearn.Content.Quizzes;

/// <summary>One question of an attempt, with its options in the order that attempt shows them.</summary>
/// <param name="QuestionId">The question.</param>
/// <param name="OptionKeys">Its option keys, shuffled.</param>
public sealed record DrawnQuestion(string QuestionId, IReadOnlyList<string> OptionKeys);

/// <summary>
/// Chooses and orders the questions of one attempt. Everything follows from the seed stored with the
/// attempt: the same seed on the same content version always gives the same questions in the same order.
/// </summary>
public static class QuestionDraw
{
    /// <summary>
    /// Draws an attempt: every question when the test has no pool, otherwise the declared number of
    /// questions from each lesson's group; then the questions and each question's options are shuffled.
    /// </summary>
    public static IReadOnlyList<DrawnQuestion> Draw(Assessment assessment, int seed)
    {
        var random = new Random(seed);
        var chosen = assessment.Draw.Count == 0
            ? assessment.Questions.ToList()
            : assessment.Draw.SelectMany(pool => Shuffled(assessment.Questions.Where(q => q.LessonId == pool.LessonId), random).Take(pool.Count)).ToList();
        return Shuffled(chosen, random)
            .Select(question => new DrawnQuestion(question.Id, Shuffled(question.Options, random).Select(o => o.Key).ToList()))
            .ToList();
    }

    /// <summary>The drawn questions, in the attempt's order, each with its options in the attempt's order.</summary>
    public static IReadOnlyList<(Question Question, IReadOnlyList<QuestionOption> Options)> Resolve(Assessment assessment, IReadOnlyList<DrawnQuestion> drawn)
    {
        var byId = assessment.Questions.ToDictionary(q => q.Id);
        return drawn.Where(d => byId.ContainsKey(d.QuestionId))
            .Select(d =>
            {
                var question = byId[d.QuestionId];
                var options = d.OptionKeys.Select(k => question.Options.FirstOrDefault(o => o.Key == k)).OfType<QuestionOption>().ToList();
                return (question, (IReadOnlyList<QuestionOption>)(options.Count == question.Options.Count ? options : question.Options));
            })
            .ToList();
    }

    private static List<T> Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
