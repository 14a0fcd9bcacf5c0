using Markdig.Syntax;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests;

/// <summary>content/README.md documents the format by example; its examples must form a valid course.</summary>
public sealed class FormatDocumentationTests
{
    private static readonly string ReadmePath = Path.Combine(TestPaths.ContentFolder, "README.md");

    private static Dictionary<string, string> ExampleFiles()
    {
        var document = Markdown.CourseMarkdown.Parse(File.ReadAllText(ReadmePath));
        return document.Descendants<FencedCodeBlock>()
            .Where(block => block.Info == "markdown" && block.Arguments?.StartsWith("file=", StringComparison.Ordinal) == true)
            .ToDictionary(block => block.Arguments!["file=".Length..], block => block.Lines.ToString());
    }

    [Fact]
    public void The_examples_in_the_readme_make_a_course_that_loads_without_any_diagnostic()
    {
        using var folder = new CourseFolder("example-course");
        foreach (var file in Directory.GetFiles(folder.Path).Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var examples = ExampleFiles();
        foreach (var (name, text) in examples)
        {
            folder.Write(name, text);
        }

        var result = folder.Load();

        Assert.Equal(["01-first-steps.md", "02-next-steps.md", "course.md", "post-test.md", "pre-test.md"], examples.Keys.Order());
        Assert.Empty(result.Diagnostics);
        var course = result.Course!;
        Assert.Equal(2, course.Lessons.Count);
        Assert.Contains(course.Lessons.SelectMany(l => l.Questions), q => q.Type == QuestionType.Multiple);
        Assert.Contains(course.Lessons.SelectMany(l => l.Questions), q => q.Type == QuestionType.TrueFalse);
        Assert.Contains(course.PostTest.Questions, q => q.Type == QuestionType.Single);
        Assert.NotNull(course.PreTest);
    }

    [Fact]
    public void Every_field_the_loader_reads_is_documented()
    {
        var readme = File.ReadAllText(ReadmePath);

        foreach (var field in CourseLoader.CourseFields.Concat(CourseLoader.FacultyFields).Concat(CourseLoader.LessonFields).Concat(CourseLoader.AssessmentFields))
        {
            Assert.Contains($"`{field}`", readme);
        }
    }

    [Fact]
    public void Every_kind_of_question_and_callout_is_documented()
    {
        var readme = File.ReadAllText(ReadmePath);

        Assert.Contains("`::: question ID single`", readme);
        Assert.Contains("`::: question ID multiple`", readme);
        Assert.Contains("`::: question ID true-false`", readme);
        Assert.Contains("[!NOTE]", readme);
        Assert.Contains("[!WARNING]", readme);
    }
}
