using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Tests;

/// <summary>An app on a given database and content folder, so that a test can stop it and start it again on the same data.</summary>
public sealed class RestartableFactory(string databasePath, string contentFolder) : AppFactory
{
    public override string DatabasePath => databasePath;

    protected override string ContentFolder => contentFolder;
}

/// <summary>A learner finishes on the content version they started, even after the files change and the platform restarts.</summary>
public sealed class VersionPinningTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_keeps_the_version_they_started_across_a_change_and_a_restart()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        var content = Path.Combine(root, "content");
        var lessonFile = Path.Combine(content, "test-course", "02-second.md");
        AppFactory.CopyFolder(AppFactory.TestCourseFixture, Path.Combine(content, "test-course"));
        var database = Path.Combine(root, "app.db");
        const string email = "pinned@tests.nmosdlearn.local";
        const string password = "a long enough password";

        await using (var before = new RestartableFactory(database, content))
        {
            var learner = before.CreateTestClient();
            await learner.RegisterAsync(email, password: password);
            await learner.AcknowledgeAsync("test-course");
            await learner.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");
            Assert.Contains("<h1>Second lesson</h1>", await learner.GetPageAsync("/courses/test-course/lessons/second"));
        }

        File.WriteAllText(lessonFile, File.ReadAllText(lessonFile).Replace("title: Second lesson", "title: Second lesson, revised"));

        await using var after = new RestartableFactory(database, content);
        var returning = after.CreateTestClient();
        await returning.LoginAsync(email, password);
        var newcomer = await after.NewLearnerAsync();
        await newcomer.AcknowledgeAsync("test-course");
        await newcomer.TakeTestAsync("test-course", [("pre-one", "b"), ("pre-two", "a")], "pre-test");

        Assert.Contains("<h1>Second lesson</h1>", await returning.GetPageAsync("/courses/test-course/lessons/second"));
        Assert.Contains("<h1>Second lesson, revised</h1>", await newcomer.GetPageAsync("/courses/test-course/lessons/second"));
        using var scope = after.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<CourseVersions>().Current("test-course")!;
        Assert.Contains("revised", current.FindLesson("second")!.Title);
    }
}
