using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using NmosdLearn.Content.Loading;
using NmosdLearn.Content.Markdown;

/// <summary>
/// How long a 200 KB lesson takes to render from its Markdown, stage by stage. This is the cost of
/// loading a new content version; page views reuse the rendered result and parse nothing.
/// </summary>
internal static partial class RenderBenchmark
{
    public static int Run(string repositoryRoot, int iterations)
    {
        var folder = BuildCourse(repositoryRoot, out var lessonText);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lesson: {Encoding.UTF8.GetByteCount(lessonText) / 1024} KB of Markdown, {QuestionStart().Count(lessonText)} questions"));

        var started = Stopwatch.GetTimestamp();
        var first = CourseLoader.Load(folder, "bench", DateOnly.FromDateTime(DateTime.UtcNow));
        var firstLoad = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!first.IsValid)
        {
            Console.Error.WriteLine(string.Join("\n", first.Diagnostics));
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first load in a fresh process (includes JIT compilation): {firstLoad:0.0} ms"));

        var parse = new List<double>();
        var render = new List<double>();
        var sanitize = new List<double>();
        var lessonLoad = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            started = Stopwatch.GetTimestamp();
            var document = CourseMarkdown.Parse(lessonText);
            parse.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            var html = document.ToHtml(CourseMarkdown.Pipeline);
            render.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            CourseMarkdown.Sanitize(html);
            sanitize.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            CourseLoader.Load(folder, "bench", DateOnly.FromDateTime(DateTime.UtcNow));
            lessonLoad.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold render of the lesson, {iterations} times after the first (median / p99):"));
        Print("  parse (Markdig)", parse);
        Print("  render to HTML (Markdig)", render);
        Print("  parse + render", parse.Zip(render, (a, b) => a + b).ToList());
        Print("  sanitize (HtmlSanitizer)", sanitize);
        Print("  whole course load (parse, questions, links, render, sanitize, hash)", lessonLoad);
        Console.WriteLine("target: under 5 ms for the cold render of a 200 KB lesson; page views do no parsing (tested)");
        return 0;
    }

    private static void Print(string what, List<double> times)
    {
        times.Sort();
        var p99 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.99 * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {times[times.Count / 2]:0.00} ms / {p99:0.00} ms"));
    }

    /// <summary>A copy of the English NMOSD course whose only lesson is all seven lessons repeated to 200 KB.</summary>
    private static string BuildCourse(string repositoryRoot, out string lessonText)
    {
        var source = Path.Combine(repositoryRoot, "content", "nmosd-pain-en");
        var folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-render-benchmark", "bench");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "course.md", "pre-test.md", "post-test.md" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        }

        File.WriteAllText(Path.Combine(folder, "course.md"),
            File.ReadAllText(Path.Combine(folder, "course.md")).Replace("id: nmosd-pain-en", "id: bench"));
        var bodies = Directory.GetFiles(source, "0*.md").Order().Select(f =>
        {
            var text = File.ReadAllText(f);
            return text[(text.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..];
        }).ToList();
        var lesson = new StringBuilder("---\nid: bench\ntitle: A 200 KB lesson\nminutes: 20\nobjectives:\n  - Measure.\n---\n");
        for (var copy = 0; lesson.Length < 200 * 1024; copy++)
        {
            foreach (var body in bodies)
            {
                // Question ids and footnote labels must stay unique in the one file.
                var renamed = QuestionStart().Replace(body, m => $"{m.Value}-{copy}");
                lesson.Append(FootnoteLabel().Replace(renamed, m => $"[^{copy}x{m.Groups[1].Value}]")).Append("\n\n");
            }
        }

        lessonText = lesson.ToString();
        File.WriteAllText(Path.Combine(folder, "01-bench.md"), lessonText);
        return folder;
    }

    [GeneratedRegex(@"(?<=::: question )[a-z0-9-]+")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\[\^(\d+)\]")]
    private static partial Regex FootnoteLabel();
}
