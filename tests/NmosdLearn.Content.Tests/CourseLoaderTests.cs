using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests;

public sealed class CourseLoaderTests
{
    [Fact]
    public void Every_course_in_the_content_folder_loads_without_errors()
    {
        var library = new ContentLibrary(TestPaths.ContentFolder, "content", () => new DateOnly(2026, 11, 24));

        Assert.NotEmpty(library.Current.Results);
        foreach (var result in library.Current.Results)
        {
            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }
    }

    [Fact]
    public void The_example_course_has_one_lesson_and_a_three_question_post_test()
    {
        var result = CourseLoader.Load(Path.Combine(TestPaths.ContentFolder, "platform-tour"), "content/platform-tour", new DateOnly(2026, 11, 24));

        var course = Assert.IsType<Course>(result.Course);
        Assert.Equal("How NmosdLearn works", course.Info.Title);
        Assert.Single(course.Lessons);
        Assert.Equal(3, course.PostTest.Questions.Count);
        Assert.Equal(["tour-grading", "tour-verification", "tour-version"], course.PostTest.Questions.Select(q => q.Id));
    }

    [Fact]
    public void A_valid_course_is_read_with_all_its_fields()
    {
        using var folder = new CourseFolder();

        var result = folder.Load();

        Assert.Empty(result.Diagnostics);
        var course = result.Course!;
        Assert.Equal(1.5m, course.Info.Credits);
        Assert.Equal(new DateOnly(2028, 12, 31), course.Info.ExpiryDate);
        Assert.Equal("Test Author", Assert.Single(course.Info.Faculty).Name);
        Assert.Equal(["first", "second"], course.Lessons.Select(l => l.Id));
        Assert.Equal([1, 2], course.Lessons.Select(l => l.Number));
        Assert.Equal(4, course.PostTest.Questions.Count);
    }

    [Fact]
    public void Lesson_html_holds_no_answer_key_and_marks_where_each_question_goes()
    {
        using var folder = new CourseFolder();

        var lesson = folder.Load().Course!.Lessons[0];

        var html = string.Concat(lesson.Segments.Where(s => !s.IsQuestion).Select(s => s.Html));
        Assert.DoesNotContain("Because it is", html);
        Assert.DoesNotContain("Which is right", html);
        Assert.DoesNotContain("checked", html);
        Assert.Equal(["check-one"], lesson.Segments.Where(s => s.IsQuestion).Select(s => s.QuestionId!));
        Assert.Contains("Part one", html);
        Assert.Contains("More text", html);
    }

    [Fact]
    public void Links_between_lessons_point_at_lesson_pages()
    {
        using var folder = new CourseFolder();

        var course = folder.Load().Course!;

        Assert.Contains("href=\"/courses/test-course/lessons/second\"", course.Lessons[0].Segments[0].Html);
        Assert.Contains("href=\"/courses/test-course/lessons/first#section-part-one\"", course.Lessons[1].Segments[0].Html);
    }

    [Fact]
    public void A_lesson_has_a_table_of_contents_from_its_second_level_headings()
    {
        using var folder = new CourseFolder();

        var lesson = folder.Load().Course!.Lessons[0];

        Assert.Equal([new TocEntry("section-part-one", "Part one"), new TocEntry("section-part-two", "Part two")], lesson.Toc);
        Assert.Contains("<h2 id=\"section-part-one\">Part one</h2>", lesson.Segments[0].Html);
    }

    [Fact]
    public void The_content_version_changes_when_any_file_changes_and_only_then()
    {
        using var folder = new CourseFolder();
        var first = folder.Load().Course!.ContentVersion;
        var again = folder.Load().Course!.ContentVersion;

        folder.Replace("02-second.md", "Back to", "Return to");
        var changed = folder.Load().Course!.ContentVersion;

        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public void A_library_keeps_old_versions_for_learners_who_started_on_them()
    {
        using var folder = new CourseFolder();
        var library = new ContentLibrary(folder.Root, "content", () => new DateOnly(2026, 11, 24));
        var oldVersion = library.Current.Find("test-course")!.ContentVersion;

        folder.Replace("02-second.md", "Back to", "Return to");
        library.Reload();

        var current = library.Current.Find("test-course")!;
        Assert.NotEqual(oldVersion, current.ContentVersion);
        Assert.NotNull(library.FindVersion("test-course", oldVersion));
    }

    [Fact]
    public void Courses_parsed_from_some_sources_before_the_others_can_be_read_are_reused_by_the_full_load()
    {
        using var folder = new CourseFolder();
        var folderSource = new FolderCourseSource(folder.Root, "content");
        var databaseRead = false;
        var database = new MemoryCourseSource([new SourcedCourse("studio-course", "studio/studio-course", CourseOrigins.Studio, KnownVersion: null,
            () =>
            {
                databaseRead = true;
                return CourseLoader.ReadFiles(Path.Combine(folder.Root, "test-course"));
            })]);
        var library = new ContentLibrary([folderSource, database], () => new DateOnly(2026, 11, 24), loadNow: false);

        // At start the folder's courses are parsed while the database is migrated; the database is not touched.
        var early = library.Reload(source => source is FolderCourseSource);
        Assert.Equal(["test-course"], early.Results.Select(r => r.FolderName));
        Assert.False(databaseRead);

        var full = library.Reload();
        Assert.Equal(["studio-course", "test-course"], full.Results.Select(r => r.FolderName));
        Assert.True(databaseRead);
        Assert.Same(early.Find("test-course"), full.Find("test-course"));
    }

    [Fact]
    public void A_broken_course_does_not_take_the_others_down()
    {
        using var folder = new CourseFolder();
        var broken = Path.Combine(folder.Root, "broken-course");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "course.md"), "---\ntitle: [unclosed\n---\n");

        var library = new ContentLibrary(folder.Root, "content", () => new DateOnly(2026, 11, 24));

        Assert.Equal(["test-course"], library.Current.Courses.Select(c => c.Id));
        var result = library.Current.FindResult("broken-course")!;
        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Path == "content/broken-course/course.md" && d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("\uE000nope\uE000")]
    [InlineData("&#xE000;nope&#57344;")]
    [InlineData("&#x0e000;")]
    public void The_reserved_character_between_test_questions_is_an_error_not_a_crash(string reserved)
    {
        using var folder = new CourseFolder();
        folder.Replace("post-test.md", ":::\n\n::: question post-two", $":::\n\n{reserved}\n\n::: question post-two");

        var result = folder.Load();

        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Path == "content/test-course/post-test.md" && d.Line == 14 && d.Message.Contains("U+E000"));
    }

    [Fact]
    public void A_page_holding_the_reserved_character_is_kept_whole_so_no_cut_can_leave_half_a_tag()
    {
        var bag = new DiagnosticBag("01-first.md");
        var context = new CourseContext("test-course", new CourseFiles([]), new Dictionary<string, string>(), "en");
        const string text = "![x\uE000y](https://example.org/a.png) z\uE000 [t](https://example.org/?a= \" onerror=alert(1) x\")\n";

        var page = PageParser.Parse(text, context, bag);

        var segment = Assert.Single(page.Segments);
        Assert.False(segment.IsQuestion);
        Assert.DoesNotContain("\uE000", segment.Html!, StringComparison.Ordinal);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{segment.Html}</body>");
        Assert.All(document.Body!.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            attribute => Assert.False(attribute.Name.StartsWith("on", StringComparison.Ordinal), attribute.Name));
        Assert.Equal(2, bag.Items.Count(d => d.Message.Contains("U+E000")));
    }

    [Fact]
    public void A_symbolic_link_in_a_course_folder_is_an_error_never_followed()
    {
        using var toAFile = new CourseFolder();
        File.CreateSymbolicLink(Path.Combine(toAFile.Path, "notes.png"), "/etc/passwd");
        using var toTheRoot = new CourseFolder();
        Directory.CreateSymbolicLink(Path.Combine(toTheRoot.Path, "all"), "/");

        var fileResult = toAFile.Load();
        var directoryResult = toTheRoot.Load();

        Assert.Equal(["content/test-course:1:1: error: could not read the course: 'notes.png' is a symbolic link: copy the file itself into the course folder"],
            fileResult.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["content/test-course:1:1: error: could not read the course: 'all' is a symbolic link: copy the file itself into the course folder"],
            directoryResult.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_file_over_50_MB_is_an_error()
    {
        using var folder = new CourseFolder();
        using (var video = File.Create(Path.Combine(folder.Path, "lecture.png")))
        {
            video.SetLength(CourseLoader.MaxFileBytes + 1);
        }

        var result = folder.Load();

        Assert.False(result.IsValid);
        Assert.Equal("could not read the course: 'lecture.png' is larger than 50 MB: courses hold figures and handouts, not videos",
            Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Heading_ids_cannot_take_the_platform_s_own_ids_and_links_follow_them()
    {
        using var folder = new CourseFolder();
        folder.Replace("post-test.md", "---\n\n::: question post-one",
            "---\n\n## Autosave status\n\nSee [below](#autosave-status) and [the note](#fn:1).\n\n::: question post-one");

        var page = folder.Load().Course!.PostTest.Segments[0].Html!;

        Assert.Contains("<h2 id=\"section-autosave-status\">", page);
        Assert.DoesNotContain("id=\"autosave-status\"", page);
        Assert.Contains("href=\"#section-autosave-status\"", page);
        Assert.Contains("href=\"#fn:1\"", page);
    }

    [Fact]
    public void Old_versions_kept_in_memory_are_bounded_and_the_current_one_is_always_kept()
    {
        using var folder = new CourseFolder();
        var library = new ContentLibrary(folder.Root, "content", () => new DateOnly(2026, 11, 24));
        var versions = new List<string>();
        for (var edit = 0; edit < ContentLibrary.MaxOldVersions + 10; edit++)
        {
            folder.Write("02-second.md", File.ReadAllText(Path.Combine(folder.Path, "02-second.md")) + $"\nEdit {edit}.\n");
            versions.Add(library.Reload().Find("test-course")!.ContentVersion);
        }

        var kept = versions.Where(v => library.FindVersion("test-course", v) is not null).ToList();
        Assert.Equal(ContentLibrary.MaxOldVersions + 1, kept.Count);
        Assert.Equal(versions.TakeLast(ContentLibrary.MaxOldVersions + 1), kept);
    }

    [Fact]
    public async Task A_version_always_names_the_text_that_was_parsed_even_while_a_file_is_being_saved()
    {
        using var folder = new CourseFolder();
        var lessonFile = Path.Combine(folder.Path, "02-second.md");
        var original = File.ReadAllText(lessonFile);
        var texts = new[] { original, original.Replace("title: Second lesson", "title: Second lesson, revised") };
        var titleOfVersion = new Dictionary<string, string>();
        foreach (var (text, title) in texts.Zip(["Second lesson", "Second lesson, revised"]))
        {
            File.WriteAllText(lessonFile, text);
            titleOfVersion[CourseLoader.ComputeContentVersion(folder.Path)] = title;
        }

        using var saving = new CancellationTokenSource();
        var editor = Task.Run(() =>
        {
            for (var i = 0; !saving.IsCancellationRequested; i++)
            {
                File.WriteAllText(lessonFile, texts[i % 2]);
            }
        }, TestContext.Current.CancellationToken);
        var checkedLoads = 0;
        for (var load = 0; load < 300; load++)
        {
            var course = folder.Load().Course;
            if (course is not null && titleOfVersion.TryGetValue(course.ContentVersion, out var title))
            {
                Assert.Equal(title, course.Lessons[1].Title);
                checkedLoads++;
            }
        }

        saving.Cancel();
        await editor;
        Assert.True(checkedLoads > 0);
    }
}
