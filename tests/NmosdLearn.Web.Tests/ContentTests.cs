using System.Net;
using NmosdLearn.Content.Markdown;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// An app whose content folder the tests may change: a copy of the example course and a broken
/// course, watched for changes as in Development.
/// </summary>
public sealed class EditableContentFactory : AppFactory
{
    public EditableContentFactory()
    {
        ContentRoot = Path.Combine(Folder, "content");
        CopyFolder(Path.Combine(RepositoryRoot, "content", "platform-tour"), Path.Combine(ContentRoot, "platform-tour"));
        // Valid copies outside their dates: not yet released, and expired.
        foreach (var (id, change) in new[]
        {
            ("future-course", ("release_date: 2026-11-01", "release_date: 2099-01-01")),
            ("expired-course", ("expiry_date: 2028-11-30", "expiry_date: 2026-11-01")),
        })
        {
            var folder = Path.Combine(ContentRoot, id);
            CopyFolder(Path.Combine(RepositoryRoot, "content", "platform-tour"), folder);
            var text = File.ReadAllText(Path.Combine(folder, "course.md")).Replace("id: platform-tour", $"id: {id}").Replace(change.Item1, change.Item2);
            File.WriteAllText(Path.Combine(folder, "course.md"), id == "future-course" ? text.Replace("review_date: 2026-11-24", "review_date: 2098-12-01").Replace("expiry_date: 2028-11-30", "expiry_date: 2099-12-31") : text);
        }

        // Two broken copies: one stays broken, the other is fixed by a test.
        foreach (var id in new[] { "broken-course", "fix-me-course" })
        {
            var broken = Path.Combine(ContentRoot, id);
            CopyFolder(Path.Combine(RepositoryRoot, "content", "platform-tour"), broken);
            File.WriteAllText(Path.Combine(broken, "course.md"),
                File.ReadAllText(Path.Combine(broken, "course.md")).Replace("id: platform-tour", $"id: {id}").Replace("minutes: 10", "minutes: ten"));
        }
    }

    public string ContentRoot { get; }

    protected override string ContentFolder => ContentRoot;

    protected override bool WatchContent => true;
}

public sealed class ContentTests(EditableContentFactory app) : IClassFixture<EditableContentFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_course_with_errors_is_not_offered_but_the_others_are()
    {
        var client = app.CreateTestClient();

        var catalog = await client.GetPageAsync("/courses");
        var broken = await client.Http.GetAsync("/courses/broken-course", Cancel);

        Assert.Contains("/courses/platform-tour", catalog);
        Assert.DoesNotContain("/courses/broken-course", catalog);
        Assert.Equal(HttpStatusCode.NotFound, broken.StatusCode);
    }

    [Fact]
    public async Task A_course_is_offered_only_from_its_release_date_to_its_expiry_date()
    {
        var client = await app.SignedInLearnerAsync();

        var catalog = await client.GetPageAsync("/courses");
        var future = await client.Http.GetAsync("/courses/future-course", Cancel);
        var expired = await client.Http.GetAsync("/courses/expired-course", Cancel);
        var enrol = await client.SubmitAsync("/courses", "/courses/expired-course/start", []);

        Assert.Contains("/courses/platform-tour", catalog);
        Assert.DoesNotContain("/courses/future-course", catalog);
        Assert.DoesNotContain("/courses/expired-course", catalog);
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, enrol.StatusCode);
    }

    [Fact]
    public async Task A_link_to_an_expired_course_says_when_it_expired_and_that_certificates_stay_valid()
    {
        string[] open = ["/courses/expired-course", "/courses/expired-course/start"];
        string[] signedIn = [.. open, "/courses/expired-course/lessons/first", "/courses/expired-course/pre-test",
            "/courses/expired-course/post-test", "/courses/expired-course/evaluation", "/courses/expired-course/claim"];
        foreach (var (client, paths) in new[] { (app.CreateTestClient(), open), (await app.SignedInLearnerAsync(), signedIn) })
        {
            foreach (var path in paths)
            {
                var response = await client.Http.GetAsync(path, Cancel);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

                Assert.True(response.StatusCode == HttpStatusCode.Gone, $"{path}: {response.StatusCode}");
                Assert.Contains("<h1>This activity has expired</h1>", html);
                Assert.Contains("was offered until 2026-11-01", html);
                Assert.Contains("Certificates already issued for it remain valid", html);
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateTestClient().Http.GetAsync("/courses/no-such-course", Cancel)).StatusCode);
        // The studio names courses by the same route value; its "no such draft" stays a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAdminAsync()).Http.GetAsync("/studio/expired-course", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Authors_see_every_course_with_its_errors()
    {
        var client = app.CreateTestClient();
        await client.LoginAsync(await app.CreateUserAsync("Author"), "a long enough password");

        var html = WebUtility.HtmlDecode(await client.GetPageAsync("/authoring"));

        Assert.Contains("content/broken-course/course.md:21:10: error: field 'minutes' must be a whole number, not 'ten'", html);
        Assert.Contains("Not offered: 1 error<", html);
        Assert.Contains("Not yet released: opens on 2099-01-01", html);
        Assert.Contains("Expired on 2026-11-01: no longer offered", html);
        Assert.Contains("platform-tour", html);
    }

    [Fact]
    public async Task Clinicians_cannot_open_the_authoring_page()
    {
        var client = await app.SignedInLearnerAsync();

        var response = await client.Http.GetAsync("/authoring", Cancel);

        Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_changed_file_is_picked_up_without_a_restart()
    {
        var client = app.CreateTestClient();
        await client.GetPageAsync("/courses");
        var courseFile = Path.Combine(app.ContentRoot, "fix-me-course", "course.md");

        await File.WriteAllTextAsync(courseFile, (await File.ReadAllTextAsync(courseFile, Cancel)).Replace("minutes: ten", "minutes: 10"), Cancel);

        var offered = false;
        for (var i = 0; i < 50 && !offered; i++)
        {
            await Task.Delay(100, Cancel);
            offered = (await client.GetPageAsync("/courses")).Contains("/courses/fix-me-course", StringComparison.Ordinal);
        }

        Assert.True(offered, "the fixed course was not offered within 5 seconds");
    }
}

[CollectionDefinition(nameof(ParsingCollection), DisableParallelization = true)]
public sealed class ParsingCollection;

/// <summary>Runs alone: the parse count is process-wide, and other tests load content.</summary>
[Collection(nameof(ParsingCollection))]
public sealed class PageViewParsingTests
{
    [Fact]
    public async Task Page_views_do_no_markdown_parsing()
    {
        await using var app = new AppFactory();
        var client = await app.SignedInLearnerAsync();
        await client.AcknowledgeAsync("platform-tour");
        await client.GetPageAsync("/courses/platform-tour/lessons/from-lesson-to-certificate");
        var before = CourseMarkdown.ParseCount;

        for (var i = 0; i < 5; i++)
        {
            await client.GetPageAsync("/courses");
            await client.GetPageAsync("/courses/platform-tour");
            await client.GetPageAsync("/courses/platform-tour/lessons/from-lesson-to-certificate");
        }

        Assert.Equal(before, CourseMarkdown.ParseCount);
    }
}

public sealed class ContentCheckCommandTests
{
    [Fact]
    public void Checking_the_repository_content_finds_no_error()
    {
        var output = new StringWriter();

        var exitCode = ContentCheckCommand.Run([Path.Combine(AppFactory.RepositoryRoot, "content")], output);

        Assert.Equal(0, exitCode);
        Assert.Contains("0 error(s)", output.ToString());
    }

    [Fact]
    public void Checking_a_broken_course_prints_each_problem_and_exits_1()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-tests", Guid.NewGuid().ToString("N"), "broken");
        Directory.CreateDirectory(root);
        foreach (var file in Directory.GetFiles(Path.Combine(AppFactory.RepositoryRoot, "content", "platform-tour")))
        {
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(root, "course.md"), File.ReadAllText(Path.Combine(root, "course.md")).Replace("id: platform-tour", "id: broken"));
        File.AppendAllText(Path.Combine(root, "post-test.md"), "\nSee [the missing lesson](09-missing.md).\n");
        var output = new StringWriter();

        var exitCode = ContentCheckCommand.Run([root], output);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{root}/post-test.md:38:5: error: broken link: '09-missing.md' is not a lesson of this course", output.ToString());
    }
}
