namespace NmosdLearn.Web.Features.Authoring;

/// <summary>One line of a difference: kept, added or removed, with its line number on each side.</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldLine, int? NewLine);

public enum DiffKind
{
    Same,
    Added,
    Removed,

    /// <summary>Unchanged lines left out between two changes.</summary>
    Gap,

    /// <summary>The texts differ too much to show the difference (the only line of such a difference).</summary>
    TooLarge,
}

/// <summary>
/// Line differences between two texts, with a few lines of context around each change. Bounded: the common
/// start and end are set aside, the rest is compared by Myers' algorithm, which stops once more than
/// <see cref="MaxEditDistance"/> lines differ (its time and memory grow with the lines times that distance,
/// never with the square of the lines), and a difference whose shown text would be longer than
/// <see cref="MaxShownCharacters"/> is not shown either. Either way the result is one
/// <see cref="DiffKind.TooLarge"/> line, and the page offers both versions to download instead.
/// </summary>
public static class TextDiff
{
    /// <summary>The most lines added plus removed that a difference shows.</summary>
    public const int MaxEditDistance = 1000;

    /// <summary>The most characters of text (changed lines and their context) that a difference shows.</summary>
    public const int MaxShownCharacters = 500_000;

    private static readonly IReadOnlyList<DiffLine> TooLarge = [new DiffLine(DiffKind.TooLarge, "", null, null)];

    public static IReadOnlyList<DiffLine> Compare(string? oldText, string? newText, int context = 3)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = EditScript(Ids(a, b, prefix, suffix, out var bIds), bIds, MaxEditDistance);
        if (edits is null)
        {
            return TooLarge;
        }

        var lines = new List<DiffLine>(a.Length + b.Length - (a.Length - prefix - suffix));
        for (var i = 0; i < prefix; i++)
        {
            lines.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));
        }

        foreach (var (kind, x, y) in edits)
        {
            lines.Add(kind switch
            {
                DiffKind.Removed => new DiffLine(kind, a[prefix + x], prefix + x + 1, null),
                DiffKind.Added => new DiffLine(kind, b[prefix + y], null, prefix + y + 1),
                _ => new DiffLine(kind, a[prefix + x], prefix + x + 1, prefix + y + 1),
            });
        }

        for (var i = suffix; i > 0; i--)
        {
            lines.Add(new DiffLine(DiffKind.Same, a[^i], a.Length - i + 1, b.Length - i + 1));
        }

        var shown = WithContext(lines, context);
        return shown.Sum(l => (long)l.Text.Length) > MaxShownCharacters ? TooLarge : shown;
    }

    public static bool HasChanges(IReadOnlyList<DiffLine> diff) => diff.Any(l => l.Kind is DiffKind.Added or DiffKind.Removed or DiffKind.TooLarge);

    public static bool IsTooLarge(IReadOnlyList<DiffLine> diff) => diff.Any(l => l.Kind == DiffKind.TooLarge);

    /// <summary>A text's lines; a final line break ends the last line rather than starting an empty one.</summary>
    private static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var lines = text.Split('\n');
        if (text.EndsWith('\n'))
        {
            Array.Resize(ref lines, lines.Length - 1);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        return lines;
    }

    /// <summary>The middle lines of both texts as numbers, equal for equal lines, so comparing them costs nothing.</summary>
    private static int[] Ids(string[] a, string[] b, int prefix, int suffix, out int[] bIds)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string line) => ids.TryGetValue(line, out var id) ? id : ids[line] = ids.Count;
        var aIds = new int[a.Length - prefix - suffix];
        for (var i = 0; i < aIds.Length; i++)
        {
            aIds[i] = Id(a[prefix + i]);
        }

        bIds = new int[b.Length - prefix - suffix];
        for (var i = 0; i < bIds.Length; i++)
        {
            bIds[i] = Id(b[prefix + i]);
        }

        return aIds;
    }

    /// <summary>
    /// Myers' shortest edit script from <paramref name="a"/> to <paramref name="b"/>, in order, as positions in
    /// each; null when it needs more than <paramref name="max"/> edits. Each round keeps only its own diagonals
    /// (2d + 1 numbers), so memory is at most about max² numbers.
    /// </summary>
    private static List<(DiffKind Kind, int X, int Y)>? EditScript(int[] a, int[] b, int max)
    {
        int n = a.Length, m = b.Length;
        if (Math.Abs(n - m) > max)
        {
            return null;
        }

        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add(v.AsSpan(offset - d, 2 * d + 1).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m);
                }
            }
        }

        return null;
    }

    private static List<(DiffKind Kind, int X, int Y)> Backtrack(List<int[]> trace, int n, int m)
    {
        var edits = new List<(DiffKind, int, int)>();
        int x = n, y = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            // trace[d] holds the diagonals -d..d as they were before round d.
            var v = trace[d];
            int At(int k) => k < -d || k > d ? 0 : v[k + d];
            var k = x - y;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                edits.Add((DiffKind.Same, --x, --y));
            }

            if (d > 0)
            {
                edits.Add(x == previousX ? (DiffKind.Added, x, --y) : (DiffKind.Removed, --x, y));
                (x, y) = (previousX, previousY);
            }
        }

        edits.Reverse();
        return edits;
    }

    private static List<DiffLine> WithContext(List<DiffLine> lines, int context)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != DiffKind.Same)
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var result = new List<DiffLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                result.Add(lines[i]);
            }
            else if (result.Count == 0 || result[^1].Kind != DiffKind.Gap)
            {
                result.Add(new DiffLine(DiffKind.Gap, "", null, null));
            }
        }

        return result;
    }
}
