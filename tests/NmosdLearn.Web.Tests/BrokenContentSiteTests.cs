using System.Net;
using NmosdLearn.Tests.Shared;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Tests;

/// <summary>A site whose content folder holds every broken fixture, each as a course of its own, next to the valid test course.</summary>
public sealed class AllBrokenCoursesFactory : AppFactory
{
    public AllBrokenCoursesFactory()
    {
        ContentRoot = Path.Combine(Folder, "content");
        CopyFolder(TestCourseFixture, Path.Combine(ContentRoot, "test-course"));
        foreach (var name in Fixtures)
        {
            var course = Path.Combine(ContentRoot, name);
            CopyFolder(TestCourseFixture, course);
            BrokenFixtures.Apply(RepositoryRoot, name, course);
            var courseFile = Path.Combine(course, "course.md");
            if (File.Exists(courseFile))
            {
                File.WriteAllText(courseFile, File.ReadAllText(courseFile).Replace("id: test-course", $"id: {name}"));
            }
        }
    }

    public static string[] Fixtures { get; } = BrokenFixtures.Names(RepositoryRoot);

    public string ContentRoot { get; }

    protected override string ContentFolder => ContentRoot;

    /// <summary>The fixture's expected diagnostics as they read for the course folder named after it.</summary>
    public static IEnumerable<string> ExpectedFor(string fixture) =>
        BrokenFixtures.Expected(RepositoryRoot, fixture).Select(line => line.Replace("test-course", fixture));
}

/// <summary>No broken course crashes the checker or the site, or takes another course down.</summary>
public sealed class BrokenContentSiteTests(AllBrokenCoursesFactory app) : IClassFixture<AllBrokenCoursesFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] PagesOfACourse =
        ["", "/start", "/pre-test", "/lessons/first", "/lessons/second", "/post-test", "/evaluation", "/claim"];

    [Fact]
    public async Task Every_page_of_every_broken_course_answers_without_a_server_error_and_the_valid_course_still_works()
    {
        var learner = await app.SignedInLearnerAsync();

        foreach (var fixture in AllBrokenCoursesFactory.Fixtures)
        {
            foreach (var page in PagesOfACourse)
            {
                var response = await learner.Http.GetAsync($"/courses/{fixture}{page}", Cancel);
                Assert.True((int)response.StatusCode < 500, $"/courses/{fixture}{page} answered {(int)response.StatusCode}");
            }
        }

        var catalog = await learner.GetPageAsync("/courses");
        foreach (var fixture in AllBrokenCoursesFactory.Fixtures.Where(HasErrors))
        {
            Assert.DoesNotContain($"/courses/{fixture}\"", catalog);
            Assert.Equal(HttpStatusCode.NotFound, (await learner.Http.GetAsync($"/courses/{fixture}", Cancel)).StatusCode);
        }

        Assert.Contains("/courses/test-course\"", catalog);
        await learner.AcknowledgeAsync("test-course");
        await learner.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");
        Assert.Contains("<h1>First lesson</h1>", await learner.GetPageAsync("/courses/test-course/lessons/first"));
    }

    [Fact]
    public async Task Authors_see_each_broken_course_with_every_one_of_its_errors()
    {
        var author = app.CreateTestClient();
        await author.LoginAsync(await app.CreateUserAsync("Author"), "a long enough password");

        var html = WebUtility.HtmlDecode(await author.GetPageAsync("/authoring"));

        foreach (var fixture in AllBrokenCoursesFactory.Fixtures)
        {
            foreach (var line in AllBrokenCoursesFactory.ExpectedFor(fixture))
            {
                Assert.Contains(line, html);
            }
        }
    }

    [Fact]
    public void The_checker_reports_every_problem_of_every_broken_course_in_one_run()
    {
        var output = new StringWriter();

        var exitCode = ContentCheckCommand.Run([app.ContentRoot], output);

        var printed = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(1, exitCode);
        foreach (var fixture in AllBrokenCoursesFactory.Fixtures)
        {
            foreach (var line in AllBrokenCoursesFactory.ExpectedFor(fixture))
            {
                Assert.Contains(line.Replace("content/", app.ContentRoot + "/", StringComparison.Ordinal), printed);
            }
        }
    }

    private static bool HasErrors(string fixture) =>
        AllBrokenCoursesFactory.ExpectedFor(fixture).Any(line => line.Contains(": error: ", StringComparison.Ordinal));
}
