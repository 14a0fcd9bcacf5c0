namespace NmosdLearn.Web.Features.Admin;

/// <summary>One learner's response to one test question, as item analysis needs it.</summary>
/// <param name="AttemptScore">The score (0–100) of the whole attempt the response belongs to.</param>
public sealed record ItemResponse(string QuestionId, IReadOnlySet<string> Selected, bool Correct, int AttemptScore);

/// <summary>How one question performed.</summary>
/// <param name="ShareCorrect">Difficulty index p: the share of responses that were correct.</param>
/// <param name="Discrimination">
/// D = p(upper group) − p(lower group), the groups being the 27% of responses from the highest- and lowest-scoring
/// attempts; null with fewer than four responses.
/// </param>
public sealed record ItemStatistic(string QuestionId, int Responses, double ShareCorrect, double? Discrimination, IReadOnlyDictionary<string, int> OptionCounts)
{
    public bool TooEasy => Responses >= ReportStatistics.MinimumForFlags && ShareCorrect > 0.9;

    public bool TooHard => Responses >= ReportStatistics.MinimumForFlags && ShareCorrect < 0.3;

    public bool DiscriminatesNegatively => Responses >= ReportStatistics.MinimumForFlags && Discrimination < 0;
}

/// <summary>The figures an accreditor asks for, computed from plain lists so that tests can check them by hand.</summary>
public static class ReportStatistics
{
    /// <summary>Fewer responses than this say nothing about an item: no flag is raised.</summary>
    public const int MinimumForFlags = 10;

    /// <summary>The share of responses in each of the upper and lower groups (Kelley's 27%).</summary>
    public const double GroupShare = 0.27;

    public static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    public static ItemStatistic Item(string questionId, IReadOnlyList<ItemResponse> responses, IEnumerable<string> optionKeys)
    {
        var counts = optionKeys.ToDictionary(key => key, key => responses.Count(r => r.Selected.Contains(key)));
        if (responses.Count == 0)
        {
            return new ItemStatistic(questionId, 0, 0, null, counts);
        }

        var share = responses.Count(r => r.Correct) / (double)responses.Count;
        double? discrimination = null;
        if (responses.Count >= 4)
        {
            var ranked = responses.OrderByDescending(r => r.AttemptScore).ToList();
            var group = Math.Max(1, (int)Math.Round(responses.Count * GroupShare, MidpointRounding.AwayFromZero));
            var upper = ranked.Take(group).Count(r => r.Correct) / (double)group;
            var lower = ranked.TakeLast(group).Count(r => r.Correct) / (double)group;
            discrimination = upper - lower;
        }

        return new ItemStatistic(questionId, responses.Count, share, discrimination, counts);
    }

    /// <summary>Paired differences grouped into bands of <paramref name="width"/> points, from −100 to +100.</summary>
    public static IReadOnlyList<(int From, int To, int Count)> Distribution(IEnumerable<int> differences, int width = 20)
    {
        var list = differences.ToList();
        var bands = new List<(int, int, int)>();
        for (var from = -100; from < 100; from += width)
        {
            var to = from + width;
            // The last band includes +100.
            bands.Add((from, to, list.Count(d => d >= from && (d < to || (to == 100 && d == 100)))));
        }

        return bands;
    }
}
