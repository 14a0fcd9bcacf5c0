using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Tests;

/// <summary>An app on a given database and content folder, so that a test can stop it and start it again on the same data.</summary>
public sealed class RestartableFactory(string databasePath, string contentFolder) : AppFactory
{
    public override string DatabasePath => databasePath;

    protected override string ContentFolder => contentFolder;
}

/// <summary>A learner finishes on the content version they started, even after the files change and the platform restarts.</summary>
public sealed partial class VersionPinningTests
{
    [GeneratedRegex("<img src=\"(/courses/test-course/files/[0-9a-f]{16}/figure.png)\"")]
    private static partial Regex FigureAddress();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_keeps_the_version_they_started_across_a_change_and_a_restart()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        var content = Path.Combine(root, "content");
        var lessonFile = Path.Combine(content, "test-course", "02-second.md");
        var figureFile = Path.Combine(content, "test-course", "figure.png");
        AppFactory.CopyFolder(AppFactory.TestCourseFixture, Path.Combine(content, "test-course"));
        // Files a browser would run from the platform's origin are never served, referenced or not.
        File.WriteAllText(Path.Combine(content, "test-course", "notes.html"), "<script>alert(1)</script>");
        File.WriteAllText(Path.Combine(content, "test-course", "notes.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        // A folder inside the course is part of its version, so the archive must keep it too.
        Directory.CreateDirectory(Path.Combine(content, "test-course", "drafts"));
        File.WriteAllText(Path.Combine(content, "test-course", "drafts", "ideas.txt"), "Not part of any lesson.");
        var database = Path.Combine(root, "app.db");
        const string email = "pinned@tests.nmosdlearn.local";
        const string password = "a long enough password";

        await using (var before = new RestartableFactory(database, content))
        {
            var learner = await before.SignedInLearnerAsync(email: email, password: password);
            await learner.AcknowledgeAsync("test-course");
            await learner.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");
            Assert.Contains("<h1>Second lesson</h1>", await learner.GetPageAsync("/courses/test-course/lessons/second"));
        }

        var originalFigure = File.ReadAllBytes(figureFile);
        File.WriteAllText(lessonFile, File.ReadAllText(lessonFile).Replace("title: Second lesson", "title: Second lesson, revised"));
        File.WriteAllBytes(figureFile, [.. originalFigure, 0]);

        await using var after = new RestartableFactory(database, content);
        var returning = after.CreateTestClient();
        await returning.LoginAsync(email, password);
        var newcomer = await after.NewLearnerAsync();
        await newcomer.AcknowledgeAsync("test-course");
        await newcomer.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");

        var pinnedPage = await returning.GetPageAsync("/courses/test-course/lessons/second");
        var currentPage = await newcomer.GetPageAsync("/courses/test-course/lessons/second");
        Assert.Contains("<h1>Second lesson</h1>", pinnedPage);
        Assert.Contains("<h1>Second lesson, revised</h1>", currentPage);

        // Each learner sees the figure of their own version, at an address that names the version.
        var pinnedFigure = FigureAddress().Match(pinnedPage).Groups[1].Value;
        var currentFigure = FigureAddress().Match(currentPage).Groups[1].Value;
        Assert.NotEqual(pinnedFigure, currentFigure);
        Assert.Equal(originalFigure, await returning.Http.GetByteArrayAsync(pinnedFigure, Cancel));
        Assert.Equal([.. originalFigure, 0], await newcomer.Http.GetByteArrayAsync(currentFigure, Cancel));
        var response = await newcomer.Http.GetAsync(currentFigure, Cancel);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("default-src 'none'; sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Http.GetAsync("/courses/test-course/files/0000000000000000/figure.png", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Http.GetAsync(currentFigure.Replace("figure.png", "02-second.md"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Http.GetAsync(currentFigure.Replace("figure.png", "notes.html"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Http.GetAsync(currentFigure.Replace("figure.png", "notes.svg"), Cancel)).StatusCode);
        using var scope = after.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<CourseVersions>().Current("test-course")!;
        Assert.Contains("revised", current.FindLesson("second")!.Title);
    }

    [Fact]
    public async Task A_learner_who_enrols_after_the_files_changed_unseen_is_held_to_what_they_saw_across_a_restart()
    {
        var (content, database) = NewContent();
        var lessonFile = Path.Combine(content, "test-course", "02-second.md");
        var email = TestClient.NewEmail();
        string before;
        string pinned;
        await using (var first = new RestartableFactory(database, content))
        {
            var learner = await first.SignedInLearnerAsync(email: email, password: Password);
            // A deployment copies new files; without a watcher the platform has not loaded them yet.
            File.WriteAllText(lessonFile, File.ReadAllText(lessonFile).Replace("title: Second lesson", "title: Second lesson, revised"));
            await learner.AcknowledgeAsync("test-course");
            await learner.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");
            before = Heading().Match(await learner.GetPageAsync("/courses/test-course/lessons/second")).Value;
            pinned = EnrolledVersion(first, email);
        }

        await using var second = new RestartableFactory(database, content);
        var returning = second.CreateTestClient();
        await returning.LoginAsync(email, Password);
        using var scope = second.Services.CreateScope();

        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<CourseVersions>().GetAsync("test-course", pinned, Cancel));
        Assert.Equal(before, Heading().Match(await returning.GetPageAsync("/courses/test-course/lessons/second")).Value);
    }

    [Fact]
    public async Task Starting_again_after_the_course_changed_leads_to_the_course_page_not_a_lesson_of_the_new_version()
    {
        var (content, database) = NewContent();
        File.Delete(Path.Combine(content, "test-course", "pre-test.md"));
        await using var app = new RestartableFactory(database, content);
        var learner = await app.NewLearnerAsync();
        await learner.AcknowledgeAsync("test-course");
        var firstLesson = Path.Combine(content, "test-course", "01-first.md");
        File.WriteAllText(firstLesson, File.ReadAllText(firstLesson).Replace("id: first", "id: intro"));
        app.Content.Reload();

        var token = TestClient.AntiforgeryTokenIn(await learner.GetPageAsync("/courses/test-course"));
        var again = await learner.Http.PostAsync("/courses/test-course/start",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);

        Assert.Equal("/courses/test-course", again.Headers.Location?.OriginalString);
        Assert.Contains("/courses/test-course/lessons/first", await learner.GetPageAsync("/courses/test-course"));
    }

    private const string Password = "a long enough password";

    [GeneratedRegex("<h1>[^<]*</h1>")]
    private static partial Regex Heading();

    private static (string Content, string Database) NewContent()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        AppFactory.CopyFolder(AppFactory.TestCourseFixture, Path.Combine(root, "content", "test-course"));
        return (Path.Combine(root, "content"), Path.Combine(root, "app.db"));
    }

    private static string EnrolledVersion(AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = db.Users.Single(u => u.Email == email);
        return db.Enrollments.Single(e => e.UserId == user.Id && e.CourseId == "test-course").ContentVersion;
    }
}
