using System.Text;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>Rules for the files of a studio course: names, uploads and the template a new course starts from.</summary>
public static partial class StudioFiles
{
    /// <summary>The largest image an author may upload.</summary>
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>The largest text file the editor saves (the most the content checker reads); a lesson is a few thousand words.</summary>
    public const int MaxTextBytes = NmosdLearn.Content.Loading.ContentLimits.MaxMarkdownBytes;

    public static bool IsMarkdown(string path) => path.EndsWith(".md", StringComparison.Ordinal);

    /// <summary>Whether a course file is an image served to learners, which a page may show with <c>![description](name)</c>.</summary>
    public static bool IsImage(string path) =>
        NmosdLearn.Content.Loading.CourseUrls.ServedFileTypes.TryGetValue(Path.GetExtension(path), out var type) && type.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>
    /// How a page refers to a file of its course: the checker looks the address up, unescaped, among the course's
    /// files, so a name with spaces or brackets is escaped to stay one Markdown link destination.
    /// </summary>
    public static string Reference(string path) => Uri.EscapeDataString(path);

    /// <summary>
    /// Checks an uploaded image: its name (made safe, never a path) and its bytes (the type is read from the
    /// content, not trusted from the name). Returns the name to store it under, or the reason it is refused
    /// (an interface string; <c>{0}</c> is the size limit in MB).
    /// </summary>
    public static (string? Name, string? Problem) CheckUpload(string? fileName, byte[] bytes)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return (null, "Choose an image to upload.");
        }

        if (fileName.Any(char.IsControl) || fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains(".."))
        {
            return (null, "The file name may not hold folders, '..' or control characters: name it like 'figure-1.png'.");
        }

        if (bytes.Length == 0)
        {
            return (null, "The file is empty.");
        }

        if (bytes.Length > MaxUploadBytes)
        {
            return (null, "The image is larger than {0} MB: make it smaller (figures rarely need more than 1,600 pixels across).");
        }

        if (SniffImage(bytes) is not { } extension)
        {
            return (null, "The file is not a PNG, JPEG, GIF or WebP image (judged by its content, not its name).");
        }

        var stem = SafeStem(Path.GetFileNameWithoutExtension(fileName));
        if (stem.Length == 0)
        {
            return (null, "Give the image a name made of letters, digits and hyphens, like 'figure-1.png'.");
        }

        return ($"{stem}{extension}", null);
    }

    /// <summary>The image type by its first bytes, as the extension to store it with; null for anything else.</summary>
    public static string? SniffImage(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? ".png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ".jpg"
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? ".gif"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? ".webp"
        : null;

    /// <summary>Lowercase letters, digits and single hyphens: safe in a URL and on any file system.</summary>
    public static string SafeStem(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var stem = builder.ToString().Trim('-');
        return stem.Length > 60 ? stem[..60].Trim('-') : stem;
    }

    /// <summary>A lesson file name for a number and title, such as <c>03-pain-assessment.md</c>.</summary>
    public static string LessonFileName(int number, string title)
    {
        var stem = SafeStem(title);
        return $"{number:00}-{(stem.Length == 0 ? "lesson" : stem)}.md";
    }

    /// <summary>The number of a lesson file (<c>03-x.md</c> → 3), or null for any other file.</summary>
    public static int? LessonNumber(string path) =>
        LessonFile().Match(path) is { Success: true } match ? int.Parse(match.Groups[1].Value) : null;

    public static bool IsValidCourseId(string id) => CourseId().IsMatch(id) && id.Length <= 60;

    /// <summary>The files of a new course, from the template shipped with the platform.</summary>
    public static IReadOnlyList<(string Path, string Text)> NewCourse(string id, string title, string language, string author, DateOnly today) =>
        new[] { "course.md", "01-first-lesson.md", "post-test.md" }
            .Select(name => (name, Fill(Template(name), new()
            {
                ["id"] = id,
                ["title"] = YamlText(title),
                ["language"] = language,
                ["author"] = YamlText(author),
                ["today"] = today.ToString("yyyy-MM-dd"),
                ["expiry"] = today.AddYears(2).ToString("yyyy-MM-dd"),
            })))
            .ToList();

    /// <summary>A new lesson's text.</summary>
    public static string NewLesson(string lessonId, string title) =>
        Fill(Template("lesson.md"), new() { ["lessonId"] = lessonId, ["title"] = YamlText(title) });

    /// <summary>Replaces the <c>title:</c> line of a lesson's front matter.</summary>
    public static string WithTitle(string markdown, string title) =>
        TitleLine().Replace(markdown, $"title: \"{YamlText(title)}\"", 1);

    /// <summary>Text safe inside a double-quoted YAML scalar on one line.</summary>
    private static string YamlText(string text) =>
        new string(text.Where(c => !char.IsControl(c)).ToArray()).Replace("\\", "\\\\").Replace("\"", "\\\"").Trim();

    private static string Template(string name)
    {
        using var stream = typeof(StudioFiles).Assembly.GetManifestResourceStream($"StudioTemplate.{name}")
            ?? throw new InvalidOperationException($"the studio template {name} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        values.Aggregate(template, (text, value) => text.Replace("{{" + value.Key + "}}", value.Value));

    [GeneratedRegex(@"^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.md$")]
    private static partial Regex LessonFile();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CourseId();

    [GeneratedRegex(@"(?m)^title:.*$")]
    private static partial Regex TitleLine();
}
