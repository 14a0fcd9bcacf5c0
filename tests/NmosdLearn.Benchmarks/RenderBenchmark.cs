using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using NmosdLearn.Content;
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

        var renderer = new CourseHtmlRenderer("en");
        var parsed = CourseMarkdown.Parse(lessonText);
        var html = renderer.RenderUnsanitized(parsed);
        if (!CourseMarkdown.IsWithinPolicy(html))
        {
            Console.Error.WriteLine("the lesson's HTML is not within the sanitizer's policy: it would take the slow path");
            return 1;
        }

        var context = new CourseContext("bench", new CourseFiles(CourseLoader.ReadFiles(folder)), new Dictionary<string, string>(), "en");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{iterations} runs of each, each run after a full garbage collection (median / p99 / allocated per run):"));
        Print("  parse (Markdig)", Measure(iterations, () => CourseMarkdown.Parse(lessonText)));
        Print("  render to HTML (Markdig)", Measure(iterations, () => renderer.RenderUnsanitized(parsed)));
        Print("  check against the sanitizer's policy", Measure(iterations, () => CourseMarkdown.IsWithinPolicy(html)));
        Print("  cold render: parse + render + policy check", Measure(iterations, () => CourseMarkdown.RenderDocument(CourseMarkdown.Parse(lessonText))));
        Print("  the lesson as the loader reads it (plus questions cut out and rendered, links, contents)",
            Measure(iterations, () => PageParser.Parse(lessonText, context, new DiagnosticBag("01-bench.md"))));
        Print("  for comparison: parse + render + the sanitizer's own pass (taken only when the check declines)",
            Measure(iterations, () => CourseMarkdown.CreateSanitizer().Sanitize(renderer.RenderUnsanitized(CourseMarkdown.Parse(lessonText)))));
        Print("  whole course load (lesson, course page, tests, hash of the files)",
            Measure(iterations, () => CourseLoader.Load(folder, "bench", DateOnly.FromDateTime(DateTime.UtcNow))));
        Console.WriteLine("target: under 5 ms for the cold render of a 200 KB lesson (median); page views do no parsing (tested)");
        return 0;
    }

    /// <summary>
    /// Times <paramref name="action"/> after a full collection each time, so that one run's garbage is not
    /// collected in the next run's time; what the run allocates itself is counted in. Warm-up runs first
    /// let the JIT finish optimizing (the first load above shows the cost before it has).
    /// </summary>
    private static (List<double> Times, long AllocatedBytes) Measure(int iterations, Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        Thread.Sleep(200);
        var times = new List<double>(iterations);
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (times, allocated / iterations);
    }

    private static void Print(string what, (List<double> Times, long AllocatedBytes) measured)
    {
        var times = measured.Times;
        times.Sort();
        var p99 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.99 * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {times[times.Count / 2]:0.00} ms / {p99:0.00} ms / {measured.AllocatedBytes / 1024.0 / 1024.0:0.0} MB"));
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
        for (var copy = 0; Encoding.UTF8.GetByteCount(lesson.ToString()) < 200 * 1024; copy++)
        {
            foreach (var body in bodies.TakeWhile(_ => Encoding.UTF8.GetByteCount(lesson.ToString()) < 200 * 1024))
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
