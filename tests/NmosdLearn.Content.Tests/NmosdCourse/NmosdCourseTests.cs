using System.Text.RegularExpressions;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Content.Tests.NmosdCourse;

/// <summary>The NMOSD pain course: both languages load, match each other, and quote only numbers the source gives.</summary>
public sealed partial class NmosdCourseTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly string[] CourseIds = ["nmosd-pain-en", "nmosd-pain-zh"];

    private static Course Load(string id)
    {
        var result = CourseLoader.Load(Path.Combine(TestPaths.ContentFolder, id), $"content/{id}", Today);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Course!;
    }

    private static string SourceArticle =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "seeds"), "*.txt").Single());

    [Theory]
    [InlineData("nmosd-pain-en", "en")]
    [InlineData("nmosd-pain-zh", "zh-CN")]
    public void Each_language_loads_without_any_diagnostic_and_has_the_required_shape(string id, string language)
    {
        var result = CourseLoader.Load(Path.Combine(TestPaths.ContentFolder, id), $"content/{id}", Today);

        Assert.Empty(result.Diagnostics);
        var course = result.Course!;
        Assert.Equal(language, course.Info.Language);
        Assert.Equal(7, course.Lessons.Count);
        Assert.All(course.Lessons, lesson => Assert.True(lesson.Questions.Count >= 3, $"{lesson.Id} has fewer than three knowledge checks"));
        Assert.All(course.Lessons, lesson => Assert.InRange(lesson.Minutes, 10, 20));
        Assert.True(course.PreTest!.Questions.Count >= 8);
        Assert.True(course.PostTest.Questions.Count >= 15);
        Assert.Equal(75, course.Info.PassingScore);
    }

    [Fact]
    public void Both_languages_have_the_same_lessons_question_ids_and_correct_answers()
    {
        var english = Load("nmosd-pain-en");
        var chinese = Load("nmosd-pain-zh");

        Assert.Equal(english.Lessons.Select(l => (l.Id, l.FileName, l.Minutes)), chinese.Lessons.Select(l => (l.Id, l.FileName, l.Minutes)));
        Assert.Equal(AnswerKey(english), AnswerKey(chinese));
        Assert.Equal(english.Info.Credits, chinese.Info.Credits);
        Assert.Equal(english.Info.Objectives.Count, chinese.Info.Objectives.Count);
    }

    [Theory]
    [InlineData("nmosd-pain-en", "Note", "Warning")]
    [InlineData("nmosd-pain-zh", "注意", "警告")]
    public void Callouts_are_titled_in_the_course_language_without_an_icon(string id, string note, string warning)
    {
        var html = string.Concat(Load(id).Lessons.SelectMany(l => l.Segments).Select(s => s.Html));

        Assert.Contains($"<p class=\"markdown-alert-title\">{note}</p>", html);
        Assert.Contains($"<p class=\"markdown-alert-title\">{warning}</p>", html);
        Assert.DoesNotContain("<svg", html);
    }

    private static List<string> AnswerKey(Course course) =>
        course.Lessons.SelectMany(l => l.Questions.Select(q => (Page: l.Id, Question: q)))
            .Concat(course.PreTest!.Questions.Select(q => (Page: "pre-test", Question: q)))
            .Concat(course.PostTest.Questions.Select(q => (Page: "post-test", Question: q)))
            .Select(x => $"{x.Page}/{x.Question.Id}/{x.Question.Type}/{x.Question.Options.Count}/{string.Join(",", x.Question.CorrectKeys.Order())}")
            .ToList();

    /// <summary>A test whose keys cluster on one position rewards guessing "always b".</summary>
    [Theory]
    [InlineData("nmosd-pain-en")]
    [InlineData("nmosd-pain-zh")]
    public void No_keyed_position_holds_more_than_40_percent_of_a_tests_single_answer_items(string id)
    {
        var course = Load(id);

        foreach (var (name, test) in new[] { ("pre-test", course.PreTest!), ("post-test", course.PostTest) })
        {
            var positions = test.Questions.Where(q => q.Type == QuestionType.Single)
                .Select(q => q.Options.ToList().FindIndex(o => q.CorrectKeys.Contains(o.Key)))
                .ToList();
            var crowded = positions.GroupBy(p => p).MaxBy(g => g.Count())!;

            Assert.True(crowded.Count() <= positions.Count * 0.4,
                $"{id} {name}: {crowded.Count()} of {positions.Count} single-answer items are keyed to option {crowded.Key + 1}");
        }
    }

    /// <summary>Post-test question ids name the lesson they test: post-{topic}-...</summary>
    [Theory]
    [InlineData("burden", "post-burden-")]
    [InlineData("phenotypes", "post-phenotype-")]
    [InlineData("mechanisms-astrocytes", "post-astro-")]
    [InlineData("mechanisms-circuits", "post-circuit-")]
    [InlineData("symptomatic-management", "post-symptomatic-")]
    [InlineData("relapse-prevention", "post-relapse-")]
    [InlineData("into-practice", "post-practice-")]
    public void The_post_test_covers_every_lesson_at_least_twice(string lessonId, string questionPrefix)
    {
        var course = Load("nmosd-pain-en");

        Assert.NotNull(course.FindLesson(lessonId));
        Assert.True(course.PostTest.Questions.Count(q => q.Id.StartsWith(questionPrefix, StringComparison.Ordinal)) >= 2);
    }

    /// <summary>Every test question maps to a course objective; every objective is assessed; a third of the post-test applies knowledge.</summary>
    [Fact]
    public void The_assessment_blueprint_matches_the_tests_and_covers_every_objective_with_enough_application()
    {
        var course = Load("nmosd-pain-en");
        var blueprint = Blueprint().ToDictionary(e => e.Id);
        var questionIds = course.PreTest!.Questions.Concat(course.PostTest.Questions).Select(q => q.Id).ToList();

        var unmapped = questionIds.Where(id => !blueprint.ContainsKey(id)).ToList();
        var unknown = blueprint.Keys.Where(id => !questionIds.Contains(id)).ToList();
        Assert.True(unmapped.Count == 0, "questions missing from the blueprint: " + string.Join(", ", unmapped));
        Assert.True(unknown.Count == 0, "blueprint ids with no question: " + string.Join(", ", unknown));
        Assert.All(blueprint.Values, e => Assert.InRange(e.Objective, 1, course.Info.Objectives.Count));
        Assert.All(blueprint.Values, e => Assert.Contains(e.Kind, new[] { "recall", "application" }));

        var post = course.PostTest.Questions.Select(q => blueprint[q.Id]).ToList();
        foreach (var objective in Enumerable.Range(1, course.Info.Objectives.Count))
        {
            Assert.True(post.Count(e => e.Objective == objective) >= 2, $"objective {objective} has fewer than two post-test items");
        }

        var application = post.Count(e => e.Kind == "application");
        Assert.True(application * 3 >= post.Count, $"only {application} of {post.Count} post-test items are application items");
    }

    private static IEnumerable<(string Id, int Objective, string Kind)> Blueprint() =>
        File.ReadAllLines(Path.Combine(NmosdCourseFolder, "assessment-blueprint.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));

    [Fact]
    public void Every_allow_list_entry_quotes_its_source_verbatim_and_contains_its_number()
    {
        foreach (var (number, source, quote) in AllowList())
        {
            Assert.True(SourceText(source).Contains(quote, StringComparison.Ordinal), $"'{quote}' is not in the source '{source}'");
            Assert.True(quote.Contains(number.TrimEnd('%'), StringComparison.Ordinal), $"the quote for {number} does not contain it");
        }
    }

    private static string SourceText(string source) => source == "article"
        ? SourceArticle
        : File.ReadAllText(Path.Combine(NmosdCourseFolder, "sources", source + ".txt"));

    private static string NmosdCourseFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "NmosdLearn.Content.Tests", "NmosdCourse");

    [Theory]
    [MemberData(nameof(CourseFiles))]
    public void Every_number_in_the_course_is_in_the_allow_list(string file)
    {
        var allowed = AllowList().Select(e => e.Number).ToHashSet();
        var text = FootnoteLabel().Replace(File.ReadAllText(Path.Combine(TestPaths.ContentFolder, file)), "");
        // Front-matter settings are configuration, not quoted facts.
        var lines = text.Split('\n').Where(line => !SettingLine().IsMatch(line));

        var unknown = lines.SelectMany((line, index) => Number().Matches(line).Select(m => $"{file}:{index + 1}: {m.Value}"))
            .Where(hit => !allowed.Contains(hit[(hit.LastIndexOf(' ') + 1)..]))
            .ToList();

        Assert.True(unknown.Count == 0, "numbers not in the allow-list:\n" + string.Join("\n", unknown));
    }

    public static TheoryData<string> CourseFiles => new(CourseIds.SelectMany(id =>
        Directory.GetFiles(Path.Combine(TestPaths.ContentFolder, id), "*.md").Order().Select(f => $"{id}/{Path.GetFileName(f)}")));

    private static IEnumerable<(string Number, string Source, string Quote)> AllowList() =>
        File.ReadAllLines(Path.Combine(NmosdCourseFolder, "number-allowlist.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[2], parts[3]));

    [GeneratedRegex(@"\d+(?:\.\d+)?(?:/\d+)?%?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\[\^\d+\]")]
    private static partial Regex FootnoteLabel();

    [GeneratedRegex("^(release_date|review_date|expiry_date|version|credits|minutes|passing_score|attempt_limit|minimum_minutes):")]
    private static partial Regex SettingLine();
}
