namespace NmosdLearn.Content.Markdown;

/// <summary>
/// The titles of the five callout kinds (GitHub's alerts) in each course language. Rendered HTML belongs
/// to a course, not to a request, so the title follows the course's language like the rest of its text.
/// </summary>
internal static class CalloutTitles
{
    private static readonly Dictionary<string, (string English, string Chinese)> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NOTE"] = ("Note", "注意"),
        ["TIP"] = ("Tip", "提示"),
        ["IMPORTANT"] = ("Important", "重要"),
        ["WARNING"] = ("Warning", "警告"),
        ["CAUTION"] = ("Caution", "谨慎"),
    };

    /// <summary>The kinds an author may write, as <c>[!KIND]</c>.</summary>
    public static IEnumerable<string> Kinds => Titles.Keys;

    /// <summary>Whether <paramref name="kind"/> is one of the five kinds (in any letter case).</summary>
    public static bool IsKnown(string kind) => Titles.ContainsKey(kind);

    /// <summary>The title of a callout of <paramref name="kind"/> in a course of <paramref name="language"/>.</summary>
    public static string For(string kind, string language) =>
        Titles.TryGetValue(kind, out var title)
            ? language.StartsWith("zh", StringComparison.Ordinal) ? title.Chinese : title.English
            : kind;
}
