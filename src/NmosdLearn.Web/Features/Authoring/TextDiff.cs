using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

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
}

/// <summary>Line differences between two texts, with a few lines of context around each change.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Compare(string? oldText, string? newText, int context = 3)
    {
        var model = InlineDiffBuilder.Diff(oldText ?? "", newText ?? "", ignoreWhiteSpace: false);
        var lines = new List<DiffLine>();
        int oldLine = 0, newLine = 0;
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Inserted:
                    lines.Add(new DiffLine(DiffKind.Added, piece.Text, null, ++newLine));
                    break;
                case ChangeType.Deleted:
                    lines.Add(new DiffLine(DiffKind.Removed, piece.Text, ++oldLine, null));
                    break;
                default:
                    lines.Add(new DiffLine(DiffKind.Same, piece.Text, ++oldLine, ++newLine));
                    break;
            }
        }

        return WithContext(lines, context);
    }

    public static bool HasChanges(IReadOnlyList<DiffLine> diff) => diff.Any(l => l.Kind is DiffKind.Added or DiffKind.Removed);

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
