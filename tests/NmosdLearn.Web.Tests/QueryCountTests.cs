using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// The hot learner pages in a fixed number of database commands, whatever the number of courses and
/// enrolments, and no write on any GET: a full disk must not stop a clinician from reading.
/// </summary>
public sealed class QueryCountTests(CountingAppFactory app) : IClassFixture<CountingAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] Courses = [Tour, "test-course", "nmosd-pain-en"];

    [Theory]
    [InlineData("/courses")]
    [InlineData("/my")]
    [InlineData("/courses/platform-tour")]
    [InlineData("/courses/platform-tour/lessons/from-lesson-to-certificate")]
    public async Task A_page_costs_the_same_commands_for_one_course_or_three_and_never_writes(string path)
    {
        var one = await LearnerEnrolledInAsync(1);
        var three = await LearnerEnrolledInAsync(3);
        await one.GetPageAsync(path);
        await three.GetPageAsync(path);

        var forOne = await CommandsOfAsync(one, path);
        var forThree = await CommandsOfAsync(three, path);

        Assert.Equal(forOne.Count, forThree.Count);
        Assert.All(forOne.Concat(forThree), command => Assert.StartsWith("SELECT", command.TrimStart(), StringComparison.OrdinalIgnoreCase));
        Assert.True(forOne.Count <= 9, $"{path}: {forOne.Count} commands:\n{string.Join("\n", forOne)}");
    }

    [Theory]
    [InlineData("/courses/platform-tour/lessons/from-lesson-to-certificate")]
    [InlineData("/courses/platform-tour")]
    public async Task A_learner_page_seen_again_costs_at_most_one_indexed_read_until_something_changes(string path)
    {
        var learner = await LearnerEnrolledInAsync(1);
        await learner.GetPageAsync(path);

        var again = await CommandsOfAsync(learner, path);
        await learner.SubmitAsync($"/courses/{Tour}/lessons/{TourLesson}", $"/courses/{Tour}/heartbeat", [new("step", TourLesson)]);
        var afterAnswer = await CommandsOfAsync(learner, path);

        AssertVersionCheckOnly(again);
        Assert.True(afterAnswer.Count > 1, "a recorded change must make the next view read the state again");
    }

    [Theory]
    [InlineData("/courses", 1)]
    [InlineData("/my", 3)] // also the learner's courses in order of activity, and the certificates for the transcript
    public async Task A_list_of_courses_seen_again_reads_the_enrolments_not_the_records_until_something_changes(string path, int reads)
    {
        var learner = await LearnerEnrolledInAsync(3);
        await learner.GetPageAsync(path);

        var again = await CommandsOfAsync(learner, path);
        await learner.SubmitAsync($"/courses/{Tour}/lessons/{TourLesson}", $"/courses/{Tour}/heartbeat", [new("step", TourLesson)]);
        var afterChange = await CommandsOfAsync(learner, path);

        // The enrolment rows carry each state's version: every course's cached state is current, no record is read.
        Assert.Equal(reads, again.Count);
        Assert.Contains(again, c => c.Contains("FROM \"Enrollments\"") && c.Contains("\"StateVersion\""));
        Assert.DoesNotContain(again, c => c.Contains("FROM \"LessonProgress\""));
        Assert.Contains(afterChange, c => c.Contains("FROM \"LessonProgress\""));
    }

    /// <summary>
    /// A state seen again: on SQLite this process made every change (it alone may open the file), so it knows the
    /// version and asks nothing; on PostgreSQL other instances may have written, so it reads the version.
    /// </summary>
    private void AssertVersionCheckOnly(IReadOnlyList<string> commands)
    {
        if (app.OnPostgres)
        {
            Assert.Contains("\"StateVersion\"", Assert.Single(commands));
        }
        else
        {
            Assert.Empty(commands);
        }
    }

    [Fact]
    public async Task After_the_learners_own_answer_the_next_view_costs_at_most_one_read_and_holds_the_answer()
    {
        var learner = await app.SignedInLearnerAsync();
        await learner.WalkTestCourseToPostTestAsync();
        const string lesson = "/courses/test-course/lessons/first";
        await learner.GetPageAsync(lesson);

        await learner.AnswerCheckAsync("test-course", "first", "check-one", "a");
        var afterAnswer = await CommandsOfAsync(learner, lesson);

        // The cached state carried the answer to the new version: no rebuild, and the same as a rebuild would give.
        AssertVersionCheckOnly(afterAnswer);
        using var scope = app.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<NmosdLearn.Web.Data.AppDbContext>().KnowledgeCheckAnswers
            .Where(a => a.CourseId == "test-course" && a.QuestionId == "check-one" && a.SelectedJson == "[\"a\"]")
            .OrderByDescending(a => a.AnsweredAt).Select(a => a.UserId).FirstAsync(Cancel);
        var progress = scope.ServiceProvider.GetRequiredService<NmosdLearn.Web.Features.Progress.ProgressService>();
        var cached = await progress.GetAsync(userId, "test-course", Cancel);
        // A service with an empty cache of its own rebuilds the state from the records.
        var rebuilder = ActivatorUtilities.CreateInstance<NmosdLearn.Web.Features.Progress.ProgressService>(
            scope.ServiceProvider, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
        var rebuilt = (await rebuilder.GetManyAsync(userId, ["test-course"], Cancel))["test-course"];
        Assert.Equal(["a"], cached!.CheckAnswers["check-one"].Selected);
        Assert.False(cached.CheckAnswers["check-one"].IsCorrect);
        Assert.Equal(rebuilt.CheckAnswers.Keys.Order(), cached.CheckAnswers.Keys.Order());
        Assert.All(rebuilt.CheckAnswers, a => Assert.Equal(a.Value.Selected.Order(), cached.CheckAnswers[a.Key].Selected.Order()));
    }

    [Fact]
    public async Task A_lesson_can_be_read_while_the_database_refuses_every_write()
    {
        var learner = await LearnerEnrolledInAsync(1);
        app.Commands.RefuseWrites = true;
        try
        {
            var lesson = await learner.Http.GetAsync($"/courses/{Tour}/lessons/{TourLesson}", Cancel);
            var course = await learner.Http.GetAsync($"/courses/{Tour}", Cancel);

            Assert.Equal(HttpStatusCode.OK, lesson.StatusCode);
            Assert.Equal(HttpStatusCode.OK, course.StatusCode);
        }
        finally
        {
            app.Commands.RefuseWrites = false;
        }
    }

    private async Task<TestClient> LearnerEnrolledInAsync(int courses)
    {
        var learner = await app.SignedInLearnerAsync();
        foreach (var course in Courses.Take(courses))
        {
            await learner.AcknowledgeAsync(course);
        }

        await learner.CompleteLessonAsync(Tour, TourLesson);
        return learner;
    }

    private async Task<IReadOnlyList<string>> CommandsOfAsync(TestClient client, string path)
    {
        app.Commands.Start();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(path, Cancel)).StatusCode);
        return app.Commands.Stop();
    }
}

/// <summary>The app with every database command recorded, and writes refusable (as a full disk would refuse them).</summary>
public sealed class CountingAppFactory : AppFactory
{
    public CommandRecorder Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands));
    }
}

/// <summary>Counting commands, with a clock the test moves.</summary>
public sealed class ClockedCountingAppFactory : AppFactory
{
    public CommandRecorder Commands { get; } = new();

    public Accounts.ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands).AddSingleton<TimeProvider>(Clock)
            .PostConfigure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.TimeProvider = Clock));
    }
}

public sealed class CommandRecorder : DbCommandInterceptor
{
    private ConcurrentQueue<string>? _recording;

    public bool RefuseWrites { get; set; }

    public void Start() => _recording = new ConcurrentQueue<string>();

    public IReadOnlyList<string> Stop()
    {
        var recorded = _recording?.ToList() ?? [];
        _recording = null;
        return recorded;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        if (RefuseWrites && !text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("the disk is full (a test refusing every write)");
        }

        _recording?.Enqueue(text.ReplaceLineEndings(" "));
    }
}
