using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests;

/// <summary>A course names its edition in another language (<c>translations</c>); the checker holds both ends of the link.</summary>
public sealed class CourseEditionTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "nmosdlearn-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A copy of the valid fixture course under <paramref name="id"/>, in a language, naming editions in its front matter.</summary>
    private void Course(string id, string language, string? translations)
    {
        var folder = Path.Combine(_root, id);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(CourseFolder.ValidCourseFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var course = Path.Combine(folder, "course.md");
        var text = File.ReadAllText(course).Replace("id: test-course", $"id: {id}").Replace("language: en", $"language: {language}");
        if (translations is not null)
        {
            text = text.Replace("passing_score:", $"translations:\n  {translations}\npassing_score:");
        }

        File.WriteAllText(course, text);
    }

    private IReadOnlyList<string> Problems(string id) =>
        new ContentLibrary(_root, "content", () => Today).Current.FindResult(id)!.Diagnostics.Select(d => d.ToString()).ToList();

    private int TranslationsLine(string id) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(_root, id, "course.md")), l => l == "translations:") + 2;

    [Fact]
    public void The_shipped_nmosd_courses_name_each_other_and_the_checker_finds_nothing_wrong()
    {
        var library = new ContentLibrary(TestPaths.ContentFolder, "content", () => Today);

        var english = library.Current.FindResult("nmosd-pain-en")!;
        var chinese = library.Current.FindResult("nmosd-pain-zh")!;

        Assert.Empty(english.Diagnostics);
        Assert.Empty(chinese.Diagnostics);
        Assert.Equal([("zh-CN", "nmosd-pain-zh")], english.Course!.Info.Translations.Select(t => (t.Language, t.CourseId)));
        Assert.Equal([("en", "nmosd-pain-en")], chinese.Course!.Info.Translations.Select(t => (t.Language, t.CourseId)));
    }

    [Fact]
    public void An_edition_that_does_not_name_this_course_back_is_an_error_at_the_translations_line()
    {
        Course("course-en", "en", "zh-CN: course-zh");
        Course("course-zh", "zh-CN", null);

        Assert.Equal(
            [$"content/course-en/course.md:{TranslationsLine("course-en")}:3: error: 'course-zh', named as the zh-CN edition, does not name this course back: add 'en: course-en' under 'translations' in its course.md"],
            Problems("course-en"));
        Assert.Empty(Problems("course-zh"));
    }

    [Fact]
    public void An_edition_that_does_not_exist_or_is_in_another_language_is_an_error()
    {
        Course("course-en", "en", "zh-CN: no-such-course");
        Course("other-en", "en", "zh-CN: course-en");

        Assert.Equal(
            [$"content/course-en/course.md:{TranslationsLine("course-en")}:3: error: the zh-CN edition 'no-such-course' named in 'translations' does not exist: check its id"],
            Problems("course-en"));
        Assert.Equal(
            [$"content/other-en/course.md:{TranslationsLine("other-en")}:3: error: 'course-en', named as the zh-CN edition, is written in 'en'"],
            Problems("other-en"));
    }

    [Fact]
    public void Editions_that_name_each_other_pass()
    {
        Course("course-en", "en", "zh-CN: course-zh");
        Course("course-zh", "zh-CN", "en: course-en");

        Assert.Empty(Problems("course-en"));
        Assert.Empty(Problems("course-zh"));
    }

    [Theory]
    [InlineData("fr: course-fr", "'translations' names an edition in 'fr': a course is written in en or zh-CN")]
    [InlineData("en: other-course", "'translations' names an edition in 'en', the language of this course itself: name the edition in the other language")]
    [InlineData("zh-CN: Not An Id", "'Not An Id' is not a course id: ids use lowercase letters, digits and hyphens")]
    public void A_translations_line_that_cannot_name_an_edition_is_an_error_of_the_course_itself(string line, string message)
    {
        Course("course-en", "en", line);

        var result = CourseLoader.Load(Path.Combine(_root, "course-en"), "content/course-en", Today);

        var problem = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        Assert.Equal(TranslationsLine("course-en"), problem.Line);
        Assert.Equal(message, problem.Message);
        Assert.False(result.IsValid);
    }
}
