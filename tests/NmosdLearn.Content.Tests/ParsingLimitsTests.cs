using System.Diagnostics;
using System.Text;
using NmosdLearn.Content.Loading;
using NmosdLearn.Tests.Shared;

namespace NmosdLearn.Content.Tests;

/// <summary>
/// Author files are refused by a cheap scan of their text before YAML or Markdown parsing starts: the YAML
/// parser overflows the stack (killing the process) on front matter nested about 40,000 levels deep and
/// spends quadratic time on deep brackets. Each limit is tested at the limit, just past it, and a hundred
/// times past it, where the refusal must still be quick and name the file and line.
/// </summary>
public sealed class ParsingLimitsTests(ITestOutputHelper output)
{
    private const string Objectives = "objectives:\n  - Pass the tests.\n";

    /// <summary>The timings are of the checks, not of compiling the parsers on first use: load the course once first.</summary>
    static ParsingLimitsTests() => Load("course.md", File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "course.md")));

    /// <summary>course.md with its objectives replaced by <paramref name="yaml"/>.</summary>
    private static string CourseWith(string yaml)
    {
        var text = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "course.md")).ReplaceLineEndings("\n");
        Assert.Contains(Objectives, text);
        return text.Replace(Objectives, yaml);
    }

    private static (CourseLoadResult Result, TimeSpan Elapsed) Load(string fileName, string text)
    {
        var files = Directory.GetFiles(CourseFolder.ValidCourseFolder)
            .Select(f => (Path.GetFileName(f), Path.GetFileName(f) == fileName ? Encoding.UTF8.GetBytes(text) : File.ReadAllBytes(f)))
            .ToList();
        var clock = Stopwatch.StartNew();
        var result = CourseLoader.Load(files, "test-course", "content/test-course", new DateOnly(2026, 11, 24));
        return (result, clock.Elapsed);
    }

    /// <summary>A list of lists on one line: the top-level mapping (1), the list's indentation (1) and one level per dash.</summary>
    private static string CompactDashes(int depth) => $"objectives:\n  {string.Concat(Enumerable.Repeat("- ", depth - 2))}x\n";

    /// <summary>A list of lists, one level per line, each indented two more spaces: the mapping, one step per line and the last line's dash.</summary>
    private static string IndentedDashes(int depth)
    {
        var builder = new StringBuilder("objectives:\n");
        var lines = depth - 2;
        for (var i = 1; i <= lines; i++)
        {
            builder.Append(' ', 2 * i).Append(i == lines ? "- x\n" : "-\n");
        }

        return builder.ToString();
    }

    /// <summary>Brackets on one line: the top-level mapping (1) and one level per bracket.</summary>
    private static string FlowBrackets(int depth) => $"objectives: {new string('[', depth - 1)}x{new string(']', depth - 1)}\n";

    private static string Nested(string shape, int depth) => shape switch
    {
        "dashes" => CompactDashes(depth),
        "indented" => IndentedDashes(depth),
        _ => FlowBrackets(depth),
    };

    private void Report(string what, TimeSpan elapsed, CourseLoadResult result)
    {
        var line = $"{what}: {elapsed.TotalMilliseconds:F0} ms; {string.Join(" | ", result.Diagnostics.Take(2))}";
        output.WriteLine(line);
        Timings.Report(line);
    }

    [Theory]
    [InlineData("dashes")]
    [InlineData("indented")]
    [InlineData("brackets")]
    public void Front_matter_nested_to_the_limit_is_parsed(string shape)
    {
        var (result, _) = Load("course.md", CourseWith(Nested(shape, ContentLimits.MaxFrontMatterDepth)));

        // YAML reads it; the list is then not a list of text, which the checker says in its own words.
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("nested"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("objectives"));
    }

    [Theory]
    [InlineData("dashes", 1)]
    [InlineData("indented", 1)]
    [InlineData("brackets", 1)]
    [InlineData("dashes", 100)]
    [InlineData("indented", 100)]
    [InlineData("brackets", 100)]
    public void Front_matter_nested_past_the_limit_is_refused_before_parsing(string shape, int times)
    {
        var depth = times == 1 ? ContentLimits.MaxFrontMatterDepth + 1 : ContentLimits.MaxFrontMatterDepth * times;
        var (result, elapsed) = Load("course.md", CourseWith(Nested(shape, depth)));
        Report($"{shape} x{times}", elapsed, result);

        // A hundred times deeper may also be too large, which is refused first.
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("content/test-course/course.md", error.Path);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        if (times == 1 || error.Message.Contains("nested"))
        {
            Assert.StartsWith($"the front matter is nested more than {ContentLimits.MaxFrontMatterDepth} levels deep", error.Message);
            Assert.True(error.Line >= 8, error.ToString());
        }

        Assert.False(result.IsValid);
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>
    /// The attacks as reported: a block list of lists 150,000 levels deep (300 KB; the parser overflowed
    /// the stack, killing the server) and 20,000 brackets (46 s of parsing). Never run before the fix.
    /// </summary>
    [Theory]
    [InlineData("dashes", 150_000)]
    [InlineData("indented", 300)]
    [InlineData("brackets", 20_000)]
    public void The_reported_attacks_are_refused_in_under_a_second(string shape, int depth)
    {
        var (result, elapsed) = Load("course.md", CourseWith(Nested(shape, depth)));
        Report($"{shape} {depth}", elapsed, result);

        Assert.Contains(result.Diagnostics, d => d.Path == "content/test-course/course.md" && d.Severity == DiagnosticSeverity.Error
            && (d.Message.Contains("nested") || d.Message.Contains("KB")));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>Front matter of exactly <paramref name="bytes"/> bytes: the valid course's, with comment lines to fill it.</summary>
    private static string CourseWithFrontMatterBytes(int bytes)
    {
        var text = CourseWith(Objectives);
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        var missing = bytes - Encoding.UTF8.GetByteCount(text.AsSpan(4, end - 4));
        var comments = new StringBuilder();
        while (missing > 0)
        {
            // Each line is "\n#" and up to 5,000 characters: short enough for the line-length limit.
            var length = Math.Min(5000, missing - 2);
            comments.Append("\n#").Append('x', Math.Max(length, 0));
            missing -= Math.Max(length, 0) + 2;
        }

        Assert.Equal(0, missing);
        return text.Insert(end, comments.ToString());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100 * ContentLimits.MaxFrontMatterBytes, true)]
    public void Front_matter_larger_than_the_limit_is_refused(int pastTheLimit, bool refused)
    {
        var text = CourseWithFrontMatterBytes(ContentLimits.MaxFrontMatterBytes + pastTheLimit);
        var (result, elapsed) = Load("course.md", text);
        Report($"front matter +{pastTheLimit} bytes", elapsed, result);

        if (!refused)
        {
            Assert.Empty(result.Diagnostics);
            return;
        }

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("content/test-course/course.md", error.Path);
        Assert.Contains("KB", error.Message);
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100 * ContentLimits.MaxFrontMatterLines, true)]
    public void Front_matter_longer_than_the_limit_is_refused(int pastTheLimit, bool refused)
    {
        var text = CourseWith(Objectives);
        var existing = text.AsSpan(4, text.IndexOf("\n---\n", 4, StringComparison.Ordinal) - 4).Count('\n') + 1;
        var comments = ContentLimits.MaxFrontMatterLines + pastTheLimit - existing;
        var (result, elapsed) = Load("course.md", text.Replace(Objectives, Objectives + string.Concat(Enumerable.Repeat("#\n", comments))));
        Report($"front matter +{pastTheLimit} lines", elapsed, result);

        if (!refused)
        {
            Assert.Empty(result.Diagnostics);
            return;
        }

        // A hundred times as many lines is also more than a Markdown file may have, which is refused first.
        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith(pastTheLimit == 1 ? $"the front matter has more than {ContentLimits.MaxFrontMatterLines:N0} lines" : "the file has", error.Message);
        Assert.Equal((pastTheLimit == 1 ? ContentLimits.MaxFrontMatterLines : ContentLimits.MaxMarkdownLines) + (pastTheLimit == 1 ? 2 : 1), error.Line);
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>Anchors and aliases ("billion laughs") are refused past a handful; course front matter needs none.</summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    public void Anchors_and_aliases_past_the_limit_are_refused(int pastTheLimit, bool refused)
    {
        var count = ContentLimits.MaxFrontMatterAliases + pastTheLimit;
        var anchors = (count + 1) / 2;
        var yaml = new StringBuilder("objectives:\n");
        for (var i = 0; i < anchors; i++)
        {
            yaml.Append($"  - &a{i} Objective {i}.\n");
        }

        for (var i = 0; i < count - anchors; i++)
        {
            yaml.Append($"  - *a{i}\n");
        }

        var (result, elapsed) = Load("course.md", CourseWith(yaml.ToString()));
        Report($"{count} anchors and aliases", elapsed, result);

        Assert.Equal(refused, result.Diagnostics.Any(d => d.Message.Contains("anchors and aliases")));
        Assert.Equal(!refused, result.IsValid);
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>Text that only looks like YAML structure (quoted, in a block scalar, in a comment) is not counted.</summary>
    [Fact]
    public void Brackets_and_dashes_inside_text_do_not_count_as_nesting()
    {
        var deep = new string('[', 100);
        var yaml = $"objectives:\n  - \"{deep}\"\n  - '{deep}'\n  - Plain text with - - - dashes and & and * signs. # {deep}\n  - |\n    {deep}\n    - - - - - - - - - - - - - - - - - - - - x\n";

        var (result, _) = Load("course.md", CourseWith(yaml));

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    /// <summary>A lesson file of exactly <paramref name="bytes"/> bytes: the valid lesson, with a paragraph to fill it.</summary>
    private static string LessonOfBytes(int bytes)
    {
        var text = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "02-second.md")).ReplaceLineEndings("\n");
        var paragraph = new StringBuilder("\n");
        var filler = "Text that fills the lesson. ";
        var missing = bytes - Encoding.UTF8.GetByteCount(text) - 2;
        while (paragraph.Length + filler.Length < missing)
        {
            paragraph.Append(filler);
            if (paragraph.Length % 2000 < filler.Length)
            {
                paragraph.Append("\n\n");
            }
        }

        paragraph.Append('x', missing - paragraph.Length).Append('\n');
        var result = text + paragraph;
        Assert.Equal(bytes - 1, Encoding.UTF8.GetByteCount(result));
        return result + "\n";
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(99 * ContentLimits.MaxMarkdownBytes, true)]
    public void Markdown_files_larger_than_the_limit_are_refused(int pastTheLimit, bool refused)
    {
        var (result, elapsed) = Load("02-second.md", LessonOfBytes(ContentLimits.MaxMarkdownBytes + pastTheLimit));
        Report($"lesson +{pastTheLimit} bytes", elapsed, result);

        if (!refused)
        {
            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
            return;
        }

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("content/test-course/02-second.md", error.Path);
        Assert.StartsWith($"the file is {(ContentLimits.MaxMarkdownBytes + pastTheLimit + 1023) / 1024:N0} KB: at most {ContentLimits.MaxMarkdownBytes / 1024:N0} KB", error.Message);
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(99 * ContentLimits.MaxMarkdownLines, true)]
    public void Markdown_files_with_more_lines_than_the_limit_are_refused(int pastTheLimit, bool refused)
    {
        var lesson = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "02-second.md")).ReplaceLineEndings("\n");
        var lines = lesson.Count(c => c == '\n') + 1;
        // Empty headings: the kind of line that costs the Markdown parser most.
        var text = lesson + string.Concat(Enumerable.Repeat("#\n", ContentLimits.MaxMarkdownLines + pastTheLimit - lines));
        var (result, elapsed) = Load("02-second.md", text);
        Report($"lesson +{pastTheLimit} lines", elapsed, result);

        // A hundred times as many lines is also too many bytes, which is refused first.
        Assert.Equal(refused, result.Diagnostics.Any(d => pastTheLimit == 1
            ? d.Message.StartsWith("the file has") && d.Line == ContentLimits.MaxMarkdownLines + 1
            : d.Message.StartsWith("the file is")));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>Headings with the same text cost the parser's heading ids quadratic time (10,000 took 16 s).</summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(99 * ContentLimits.MaxHeadingsPerFile, true)]
    public void Markdown_files_with_more_headings_than_the_limit_are_refused(int pastTheLimit, bool refused)
    {
        var lesson = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "02-second.md")).ReplaceLineEndings("\n");
        var body = lesson.Split('\n').SkipWhile((l, i) => i == 0 || l != "---").Skip(1);
        var existing = body.Count(l => l.StartsWith('#') || l is "---");
        var text = lesson + string.Concat(Enumerable.Repeat("\n## Same\n", ContentLimits.MaxHeadingsPerFile + pastTheLimit - existing));
        var (result, elapsed) = Load("02-second.md", text);
        Report($"lesson +{pastTheLimit} headings", elapsed, result);

        // A hundred times as many is also more lines than a file may have, which is refused first.
        Assert.Equal(refused, result.Diagnostics.Any(d => d.Message.StartsWith(
            pastTheLimit == 1 ? $"the file has more than {ContentLimits.MaxHeadingsPerFile} headings" : "the file has")));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>Block quotes nested 100,000 deep: refused by the line scan, never handed to Markdig.</summary>
    [Theory]
    [InlineData(ContentLimits.MaxNesting, false)]
    [InlineData(ContentLimits.MaxNesting + 1, true)]
    [InlineData(100_000, true)]
    public void Block_quotes_nested_past_the_limit_are_refused_quickly(int depth, bool refused)
    {
        var lesson = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "02-second.md")).ReplaceLineEndings("\n");
        var (result, elapsed) = Load("02-second.md", lesson + "\n" + new string('>', depth) + " deep\n");
        Report($"{depth} block quotes", elapsed, result);

        Assert.Equal(refused, result.Diagnostics.Any(d => d.Message.Contains("nested") && d.Path.EndsWith("02-second.md")));
        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }

    /// <summary>
    /// One line as long as a whole file may be, made of the characters Markdig's inline parsers work
    /// hardest on (emphasis runs, brackets that never close, backticks, entity-like text, autolinks):
    /// parsed and checked within a second, or refused.
    /// </summary>
    [Theory]
    [InlineData("*a")]
    [InlineData("**a_")]
    [InlineData("[a](")]
    [InlineData("![a")]
    [InlineData("`")]
    [InlineData("``a")]
    [InlineData("&#")]
    [InlineData("<a")]
    [InlineData("[^a")]
    [InlineData("~~a")]
    [InlineData("\\")]
    [InlineData("| a ")]
    public void A_line_as_long_as_a_file_may_be_is_handled_within_a_second(string unit)
    {
        var lesson = File.ReadAllText(Path.Combine(CourseFolder.ValidCourseFolder, "02-second.md")).ReplaceLineEndings("\n");
        var room = ContentLimits.MaxMarkdownBytes - Encoding.UTF8.GetByteCount(lesson) - 2;
        var line = string.Concat(Enumerable.Repeat(unit, room / unit.Length));
        var (result, elapsed) = Load("02-second.md", lesson + "\n" + line + "\n");
        Report($"'{unit}' x{room / unit.Length}", elapsed, result);

        Assert.True(elapsed < Timings.Ceiling, $"took {elapsed}");
    }
}
