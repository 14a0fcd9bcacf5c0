using System.Diagnostics;
using NmosdLearn.Web.Features.Authoring;
using NmosdLearn.Tests.Shared;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>
/// The studio's line difference (history, review, save conflicts). The security test compared two 70,000-line
/// revisions: the history page took 78 s and was 24 MB. The difference is now bounded in time, memory and
/// output: past <see cref="TextDiff.MaxEditDistance"/> changed lines or <see cref="TextDiff.MaxShownCharacters"/>
/// the page says it is too large to show.
/// </summary>
public sealed class TextDiffTests
{
    private static string Lines(int count, Func<int, string> line) => string.Join("\n", Enumerable.Range(1, count).Select(line)) + "\n";

    private static (IReadOnlyList<DiffLine> Diff, TimeSpan Elapsed) Timed(string oldText, string newText)
    {
        var clock = Stopwatch.StartNew();
        var diff = TextDiff.Compare(oldText, newText);
        Timings.Report($"diff of {oldText.Length:N0} and {newText.Length:N0} characters: {clock.ElapsedMilliseconds} ms");
        return (diff, clock.Elapsed);
    }

    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_its_line_numbers_and_context()
    {
        var diff = TextDiff.Compare("a\nb\nc\nd\ne\nf\ng\nh\ni\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n", context: 1);

        Assert.Equal(
            [
                new DiffLine(DiffKind.Gap, "", null, null),
                new DiffLine(DiffKind.Same, "d", 4, 4),
                new DiffLine(DiffKind.Removed, "e", 5, null),
                new DiffLine(DiffKind.Added, "E", null, 5),
                new DiffLine(DiffKind.Same, "f", 6, 6),
                new DiffLine(DiffKind.Gap, "", null, null),
                new DiffLine(DiffKind.Same, "i", 9, 9),
                new DiffLine(DiffKind.Added, "j", null, 10),
            ],
            diff);
    }

    [Fact]
    public void A_new_file_is_all_added_and_the_same_texts_have_no_changes()
    {
        Assert.Equal([new DiffLine(DiffKind.Added, "x", null, 1), new DiffLine(DiffKind.Added, "y", null, 2)], TextDiff.Compare(null, "x\ny\n"));
        Assert.False(TextDiff.HasChanges(TextDiff.Compare("x\ny\n", "x\ny\n")));
    }

    /// <summary>The reported case: two 70,000-line revisions that differ on every other line.</summary>
    [Fact]
    public void Two_70000_line_revisions_that_differ_throughout_are_refused_as_too_large_in_under_a_second()
    {
        var oldText = Lines(70_000, i => $"line {i}");
        var newText = Lines(70_000, i => i % 2 == 0 ? $"changed {i}" : $"line {i}");

        var (diff, elapsed) = Timed(oldText, newText);

        Assert.Equal([new DiffLine(DiffKind.TooLarge, "", null, null)], diff);
        Assert.True(TextDiff.HasChanges(diff));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>A few changes in a long file are shown: the common start and end are set aside first.</summary>
    [Fact]
    public void Three_changes_in_a_70000_line_file_are_shown_quickly_with_their_context_only()
    {
        var oldText = Lines(70_000, i => $"line {i}");
        var newText = Lines(70_000, i => i is 10 or 35_000 or 69_990 ? $"changed {i}" : $"line {i}");

        var (diff, elapsed) = Timed(oldText, newText);

        Assert.Equal(3, diff.Count(l => l.Kind == DiffKind.Removed));
        Assert.Equal(3, diff.Count(l => l.Kind == DiffKind.Added));
        Assert.Contains(new DiffLine(DiffKind.Added, "changed 35000", null, 35_000), diff);
        Assert.True(diff.Count < 40, $"{diff.Count} lines");
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(99 * TextDiff.MaxEditDistance, true)]
    public void A_difference_of_more_changed_lines_than_the_limit_is_too_large(int pastTheLimit, bool tooLarge)
    {
        // Each added line is one edit; the old text is kept whole, so the distance is exactly the added lines.
        var added = TextDiff.MaxEditDistance + pastTheLimit;
        var oldText = Lines(1_000, i => $"kept {i}");
        var newText = Lines(1_000, i => $"kept {i}") + Lines(added, i => $"added {i}");

        var (diff, elapsed) = Timed(oldText, newText);

        Assert.Equal(tooLarge, diff.Any(l => l.Kind == DiffKind.TooLarge));
        Assert.Equal(tooLarge ? 0 : added, diff.Count(l => l.Kind == DiffKind.Added));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>The shown text is bounded too: a few very long changed lines are as large as many short ones.</summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(99 * TextDiff.MaxShownCharacters, true)]
    public void A_difference_longer_than_the_limit_is_too_large(int pastTheLimit, bool tooLarge)
    {
        var length = TextDiff.MaxShownCharacters + pastTheLimit;
        var (diff, elapsed) = Timed("", new string('x', length) + "\n");

        Assert.Equal(tooLarge, diff.Any(l => l.Kind == DiffKind.TooLarge));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }
}
