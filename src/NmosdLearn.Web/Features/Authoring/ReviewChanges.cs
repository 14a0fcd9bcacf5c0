using System.Globalization;
using NmosdLearn.Content;

namespace NmosdLearn.Web.Features.Authoring;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field of a course or lesson as learners read it, before and after (empty when it had or has no value).</summary>
/// <param name="Label">The field's name on the page, an interface string to localize.</param>
public sealed record FieldChange(string Label, IReadOnlyList<string> Old, IReadOnlyList<string> New);

/// <summary>
/// How one file of a course changed between the published version and the draft, as a reviewer needs to read it: the
/// course's fields by name, the difference of the rendered text block by block, an image's two versions; the difference
/// of the file's source only when the file cannot be rendered (the draft has errors that stop it loading).
/// </summary>
public sealed record ReviewChange(string Path, ChangeKind Kind)
{
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];

    /// <summary>The rendered text's blocks compared (lines of <see cref="TextBlock.ToLine"/>), when both sides render.</summary>
    public IReadOnlyList<DiffLine>? Rendered { get; init; }

    /// <summary>The file's source compared, when it cannot be rendered.</summary>
    public IReadOnlyList<DiffLine>? Source { get; init; }

    public bool IsImage { get; init; }

    /// <summary>True when the bytes differ but nothing a learner reads does (white space, the order of front matter lines).</summary>
    public bool OnlyLayout => !IsImage && Fields.Count == 0 && Source is null && (Rendered is null || !TextDiff.HasChanges(Rendered));
}

/// <summary>Compares the published version of a studio course with its draft, file by file (see <see cref="ReviewChange"/>).</summary>
public static class ReviewChanges
{
    public static IReadOnlyList<ReviewChange> Compare(IReadOnlyDictionary<string, byte[]> published, Course? publishedCourse, Draft draft)
    {
        var draftCourse = draft.Check.Parsed;
        var changes = new List<ReviewChange>();
        foreach (var path in draft.Files.Select(f => f.Path).Union(published.Keys).Order(NmosdLearn.Content.Loading.CourseFiles.PathOrder.Instance))
        {
            var old = published.GetValueOrDefault(path);
            var now = draft.Find(path)?.Bytes;
            if (old is not null && now is not null && old.AsSpan().SequenceEqual(now))
            {
                continue;
            }

            var kind = old is null ? ChangeKind.Added : now is null ? ChangeKind.Removed : ChangeKind.Changed;
            if (!StudioFiles.IsMarkdown(path))
            {
                changes.Add(new ReviewChange(path, kind) { IsImage = true });
                continue;
            }

            var before = old is null ? Page.None : Page.Of(publishedCourse, path);
            var after = now is null ? Page.None : Page.Of(draftCourse, path);
            if (before is null || after is null)
            {
                changes.Add(new ReviewChange(path, kind) { Source = TextDiff.Compare(TextOf(old), TextOf(now)) });
                continue;
            }

            var rendered = TextDiff.Compare(RenderedText.Lines(before.Blocks), RenderedText.Lines(after.Blocks));
            changes.Add(new ReviewChange(path, kind)
            {
                Fields = FieldChanges(before.Fields, after.Fields),
                Rendered = TextDiff.HasChanges(rendered) ? rendered : null,
            });
        }

        return changes;
    }

    private static string? TextOf(byte[]? bytes) => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);

    private static List<FieldChange> FieldChanges(IReadOnlyList<(string Label, IReadOnlyList<string> Value)> before, IReadOnlyList<(string Label, IReadOnlyList<string> Value)> after)
    {
        var changes = new List<FieldChange>();
        foreach (var label in before.Select(f => f.Label).Union(after.Select(f => f.Label)))
        {
            var old = before.FirstOrDefault(f => f.Label == label).Value ?? [];
            var now = after.FirstOrDefault(f => f.Label == label).Value ?? [];
            if (!old.SequenceEqual(now, StringComparer.Ordinal))
            {
                changes.Add(new FieldChange(label, old, now));
            }
        }

        return changes;
    }

    /// <summary>What a learner reads of one file: its fields by label and its rendered text.</summary>
    private sealed record Page(IReadOnlyList<(string Label, IReadOnlyList<string> Value)> Fields, IReadOnlyList<TextBlock> Blocks)
    {
        /// <summary>The side of a file that does not exist: nothing to read.</summary>
        public static readonly Page None = new([], []);

        /// <summary>The page a file makes in a course; null when the course or the file could not be read.</summary>
        public static Page? Of(Course? course, string path)
        {
            if (course is null)
            {
                return null;
            }

            if (path == "course.md")
            {
                return new Page(CourseFields(course), RenderedText.Of(course.Introduction, []));
            }

            if (course.Lessons.FirstOrDefault(l => l.FileName == path) is { } lesson)
            {
                return new Page(
                    [("Title", [lesson.Title]), ("Estimated time", [Minutes(lesson.Minutes)]), ("Objectives", lesson.Objectives)],
                    RenderedText.Of(lesson.Segments, lesson.Questions));
            }

            if (new[] { course.PreTest, course.PostTest }.FirstOrDefault(t => t?.FileName == path) is { } test)
            {
                return new Page(
                    [("Title", [test.Title]), ("Questions drawn per attempt", test.Draw.Select(d => $"{d.LessonId}: {d.Count}").ToList())],
                    RenderedText.Of(test.Segments, test.Questions));
            }

            return null;
        }

        private static List<(string, IReadOnlyList<string>)> CourseFields(Course course)
        {
            var info = course.Info;
            static IReadOnlyList<string> One(string value) => [value];
            static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return
            [
                ("Title", One(info.Title)),
                ("Language", One(info.Language)),
                ("Version", One(info.Version)),
                ("Summary", One(info.Summary)),
                ("Intended audience", One(info.Audience)),
                ("Learning objectives", info.Objectives),
                ("Faculty and disclosures", info.Faculty.Select(m => $"{m.Name}, {m.Credentials} ({m.Role}). {m.Disclosure}").ToList()),
                ("Commercial support", One(info.CommercialSupport)),
                ("Accreditation", One(info.Accreditation)),
                ("Credit designation", One(info.CreditDesignation)),
                ("Credits", One(info.Credits.ToString(CultureInfo.InvariantCulture))),
                ("Credit type", One(info.CreditType)),
                ("Estimated time", One(Minutes(info.Minutes))),
                ("Minimum study time before the post-test", One(Minutes(course.RequiredMinutes))),
                ("Released", One(Date(info.ReleaseDate))),
                ("Last reviewed", One(Date(info.ReviewDate))),
                ("Available until", One(Date(info.ExpiryDate))),
                ("Pass mark", One($"{info.PassingScore}%")),
                ("Post-test attempts", One(info.AttemptLimit.ToString(CultureInfo.InvariantCulture))),
                ("Answers shown after a post-test", One(info.Review.ToString())),
                ("References", info.References),
            ];
        }

        private static string Minutes(int minutes) => $"{minutes} min";
    }
}
