using System.Text;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests;

/// <summary>
/// The studio's template marks every text an author must write as <c>{{…}}</c>; the checker refuses a course while any
/// is left, naming its file and line, so a course made from the template cannot be reviewed or published as it is.
/// </summary>
public sealed class TemplatePlaceholderTests
{
    private static readonly string TemplateFolder = Path.Combine(TestPaths.RepositoryRoot, "src", "NmosdLearn.Web", "Features", "Authoring", "Template");

    /// <summary>The template's files as the studio fills them for a new course (its own variables replaced, the placeholders left).</summary>
    private static List<(string Relative, byte[] Bytes)> NewCourseFromTemplate() =>
        new[] { "course.md", "01-first-lesson.md", "post-test.md" }
            .Select(name => (name, Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(TemplateFolder, name))
                .Replace("{{id}}", "template-course").Replace("{{title}}", "Template course").Replace("{{language}}", "en")
                .Replace("{{author}}", "A. Author").Replace("{{today}}", "2026-12-01").Replace("{{expiry}}", "2028-12-01"))))
            .ToList();

    [Fact]
    public void A_course_made_from_the_template_fails_the_checker_with_every_placeholder_named_by_file_and_line()
    {
        var files = NewCourseFromTemplate();

        var result = CourseLoader.Load(files, "template-course", "content/template-course", new DateOnly(2026, 12, 1));

        Assert.False(result.IsValid);
        var placeholders = result.Diagnostics.Where(d => d.Message.Contains("template placeholder", StringComparison.Ordinal)).ToList();
        Assert.All(placeholders, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        // Every line of the template that still holds a placeholder is named, in every file.
        foreach (var (name, bytes) in files)
        {
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            var expected = Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Contains("{{", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, placeholders.Where(d => d.Path == $"content/template-course/{name}").Select(d => d.Line).Distinct());
        }

        // The disclosure a reviewer must not miss, by its exact place.
        var course = Encoding.UTF8.GetString(files[0].Bytes).Split('\n');
        var disclosureLine = Array.FindIndex(course, l => l.TrimStart().StartsWith("disclosure:", StringComparison.Ordinal)) + 1;
        Assert.Contains(placeholders, d => d.Path == "content/template-course/course.md" && d.Line == disclosureLine);
    }

    [Fact]
    public void Once_every_placeholder_is_replaced_the_template_course_loads_without_errors()
    {
        var written = 0;
        var files = NewCourseFromTemplate()
            .Select(f => (f.Relative, Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(
                Encoding.UTF8.GetString(f.Bytes), @"\{\{(.*?)\}\}", _ => $"Written by the author ({++written})."))))
            .ToList();

        var result = CourseLoader.Load(files, "template-course", "content/template-course", new DateOnly(2026, 12, 1));

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Braces_inside_a_code_block_are_text_not_a_placeholder()
    {
        using var folder = new CourseFolder();
        folder.Replace("01-first.md", "More text.", "More text.\n\n```\n{{ a template language's syntax }}\n```\n");

        var result = folder.Load();

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }
}
