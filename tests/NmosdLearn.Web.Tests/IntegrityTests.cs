using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;
using static NmosdLearn.Web.Tests.LearnerSteps;
using NmosdLearn.Tests.Shared;

namespace NmosdLearn.Web.Tests;

/// <summary>Credit you can defend: no answer sheet before the last attempt, drawn pools, no lost answer, measured time.</summary>
[Collection(AppCollection.Name)]
public sealed class IntegrityTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Course TourCourse => app.Content.Current.Find(Tour)!;

    [Fact]
    public async Task After_a_failed_attempt_with_attempts_left_no_correct_answer_or_explanation_is_shown()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);

        var resultPath = await client.TakeTestAsync(Tour, TourWrongAnswers);
        var result = await client.GetPageAsync(resultPath);

        Assert.Contains("You did not pass this time", result);
        Assert.Contains("What to revisit", result);
        Assert.Contains($"href=\"/courses/{Tour}/lessons/{TourLesson}\"", result);
        foreach (var question in TourCourse.PostTest.Questions)
        {
            Assert.DoesNotContain(question.ExplanationHtml, result);
            foreach (var option in question.Options.Where(o => question.CorrectKeys.Contains(o.Key)))
            {
                Assert.DoesNotContain($">{option.Html}<", result);
            }
        }

        Assert.DoesNotContain("type=\"radio\"", result);
        Assert.DoesNotContain("Reference:", result);
        // The next attempt's page carries no key either.
        var (_, retake) = await client.OpenTestAsync(Tour);
        Assert.DoesNotContain(TourCourse.PostTest.Questions[0].ExplanationHtml, retake);
    }

    [Fact]
    public async Task After_passing_the_full_review_opens_for_every_attempt()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        var failedPath = await client.TakeTestAsync(Tour, TourWrongAnswers);

        var passed = await client.GetPageAsync(await client.TakeTestAsync(Tour, TourCorrectAnswers));
        var failedAfterwards = await client.GetPageAsync(failedPath);

        foreach (var page in new[] { passed, failedAfterwards })
        {
            Assert.Contains("Review your answers", page);
            foreach (var question in TourCourse.PostTest.Questions)
            {
                Assert.Contains(question.ExplanationHtml, page);
            }
        }
    }

    [Fact]
    public async Task The_pre_test_shows_its_score_only_until_the_post_test_is_done()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync("test-course");
        var result = await client.GetPageAsync(await client.TakeTestAsync("test-course", [("pre-one", "a"), ("pre-two", "a")], "pre-test"));
        var preTest = app.Content.Current.Find("test-course")!.PreTest!;

        Assert.Contains("You answered 1 of 2 correctly", result);
        Assert.All(preTest.Questions, question => Assert.DoesNotContain(question.ExplanationHtml, result));
    }

    [Fact]
    public async Task Two_attempts_draw_different_sets_from_the_pool_and_each_is_graded_on_its_own()
    {
        var postTest = app.Content.Current.Find("pool-course")!.PostTest;
        var (firstSeed, secondSeed) = (1, 2);
        var firstSet = QuestionDraw.Draw(postTest, firstSeed).Select(d => d.QuestionId).ToHashSet();
        var secondSet = QuestionDraw.Draw(postTest, secondSeed).Select(d => d.QuestionId).ToHashSet();
        Assert.False(firstSet.SetEquals(secondSet), "the fixed seeds must draw different sets for this test to mean anything");

        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync("pool-course");
        await client.AnswerCheckAsync("pool-course", "first", "check-one", "b");
        await client.CompleteLessonAsync("pool-course", "first");
        await client.CompleteLessonAsync("pool-course", "second");
        app.Seeds.Enqueue(firstSeed);
        var (first, firstPage) = await client.OpenTestAsync("pool-course");
        // Answer every question of the pool correctly: only the drawn three may count.
        var everyAnswer = postTest.Questions.Select(q => (q.Id, q.CorrectKeys.Single())).ToArray();
        await client.SubmitAttemptAsync("pool-course", first, everyAnswer.Where(a => a.Id != firstSet.First()).ToArray());
        app.Seeds.Enqueue(secondSeed);
        var (second, secondPage) = await client.OpenTestAsync("pool-course");

        Assert.Equal(firstSet, QuestionIdsOn(firstPage, postTest));
        Assert.Equal(secondSet, QuestionIdsOn(secondPage, postTest));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var graded = await db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == first, Cancel);
        Assert.Equal((2, 3, firstSeed), (graded.Correct, graded.Total, graded.Seed));
        Assert.Equal(secondSeed, (await db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == second, Cancel)).Seed);
        // An answer to a question the attempt did not draw is not stored.
        var stored = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == first).Select(a => a.QuestionId).ToListAsync(Cancel);
        Assert.Subset(firstSet, stored.ToHashSet());
    }

    private static HashSet<string> QuestionIdsOn(string page, Assessment postTest) =>
        postTest.Questions.Where(q => page.Contains($"name=\"q:{q.Id}\"")).Select(q => q.Id).ToHashSet();

    /// <summary>
    /// The security test stored 24 MB of "option" text in one autosave, and a report view then doubled the
    /// process's memory: a save may hold only keys of its drawn question's options, and a body larger than
    /// a test's form is refused before it is read.
    /// </summary>
    [Fact]
    public async Task A_save_naming_options_its_question_does_not_have_is_refused_and_stores_nothing()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        var (attempt, page) = await client.OpenTestAsync(Tour);
        var token = TestClient.AntiforgeryTokenIn(page);
        var question = TourCorrectAnswers[0].Question;
        var answers = $"/courses/{Tour}/post-test/attempts/{attempt}/answers";
        FormUrlEncodedContent Form(string path, params string[] values) =>
            new([new("__RequestVerificationToken", token), .. values.Select(v => new KeyValuePair<string, string>($"q:{question}", v))]);

        // Text where an option key belongs, a made-up key, and more keys than the question has options.
        foreach (var values in new string[][] { [new string('x', 60_000)], ["zz"], ["a", "b", "c", "d", "e", "a "] })
        {
            var refused = await client.Http.PostAsync(answers, Form(answers, values), Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("an option its question does not have", await refused.Content.ReadAsStringAsync(Cancel));
        }

        var review = await client.Http.PostAsync($"/courses/{Tour}/post-test/attempts/{attempt}/review", Form(answers, "zz"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, review.StatusCode);

        // The report's 24 MB: refused unread, quickly.
        using var hugeForm = Form(answers, new string('x', 24 * 1024 * 1024));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var huge = await client.Http.PostAsync(answers, hugeForm, Cancel);
        Timings.Report($"24 MB autosave refused in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.True(clock.Elapsed < Timings.Ceiling, $"took {clock.Elapsed}");
        Assert.Contains("nothing was saved", await huge.Content.ReadAsStringAsync(Cancel));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty(await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attempt).ToListAsync(Cancel));
        }

        var saved = await client.Http.PostAsync(answers, Form(answers, TourCorrectAnswers[0].Option), Cancel);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
    }

    [Fact]
    public async Task Three_saves_of_different_questions_to_one_attempt_at_once_lose_nothing_in_100_rounds()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        var (attempt, page) = await client.OpenTestAsync(Tour);
        var token = TestClient.AntiforgeryTokenIn(page);
        var questions = TourCorrectAnswers.Select(a => a.Question).ToArray();
        var lost = 0;
        var acknowledged = 0;

        for (var round = 0; round < 100; round++)
        {
            var option = round % 2 == 0 ? "a" : "b";
            var saves = questions.Select(question => client.Http.PostAsync($"/courses/{Tour}/post-test/attempts/{attempt}/answers",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new($"q:{question}", option)]), Cancel)).ToList();
            var responses = await Task.WhenAll(saves);
            acknowledged += responses.Count(r => r.StatusCode == HttpStatusCode.NoContent);

            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attempt).ToListAsync(Cancel);
            lost += questions.Count(q => rows.SingleOrDefault(r => r.QuestionId == q)?.SelectedJson != $"[\"{option}\"]");
        }

        Assert.Equal(300, acknowledged);
        Assert.Equal(0, lost);
    }

    [Fact]
    public async Task Fifty_pairs_of_simultaneous_post_test_starts_make_one_open_attempt_each()
    {
        var learners = new List<TestClient>();
        for (var i = 0; i < 50; i++)
        {
            var client = await app.NewLearnerAsync($"Two tabs {i}");
            await client.AcknowledgeAsync(Tour);
            await client.CompleteLessonAsync(Tour, TourLesson);
            learners.Add(client);
        }

        var opened = await Task.WhenAll(learners.Select(async client =>
        {
            var pair = await Task.WhenAll(client.OpenTestAsync(Tour), client.OpenTestAsync(Tour));
            return pair.Select(p => p.AttemptId).ToArray();
        }));

        Assert.All(opened, pair => Assert.Equal(pair[0], pair[1]));
        Assert.All(opened, pair => Assert.NotEqual(Guid.Empty, pair[0]));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = opened.Select(p => p[0]).ToList();
        var users = await db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.UserId).ToListAsync(Cancel);
        var attemptsOfThoseUsers = await db.QuizAttempts.AsNoTracking().CountAsync(a => users.Contains(a.UserId) && a.CourseId == Tour, Cancel);
        Assert.Equal(50, attemptsOfThoseUsers);
    }

    [Fact]
    public async Task The_claim_form_starts_empty_and_shows_the_measured_time()
    {
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        await app.RecordStudyTimeAsync(email, Tour, TourLesson, 7);
        await client.TakeTestAsync(Tour, TourCorrectAnswers);
        await client.EvaluateAsync(Tour, 2);

        var claim = await client.GetPageAsync($"/courses/{Tour}/claim");

        Assert.Contains("open and in use: 7 minutes.", claim);
        // Neither field carries a value: Razor leaves out the attribute of a null value.
        Assert.Matches("<input[^>]*id=\"Credits\"", claim);
        Assert.DoesNotMatch("<input[^>]*id=\"Credits\"[^>]*value=\"[^\"]", claim);
        Assert.DoesNotMatch("<input[^>]*id=\"Minutes\"[^>]*value=\"[^\"]", claim);
        await client.ClaimAsync(Tour, "0.25", "12");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.RecipientName == "Test Clinician" && c.UserId == db.Users.Single(u => u.Email == email).Id, Cancel);
        Assert.Equal((12, 7), (certificate.MinutesAttested, certificate.MinutesMeasured));
    }

    [Fact]
    public async Task A_learner_under_the_minimum_time_cannot_start_the_post_test_and_is_told_how_long_remains()
    {
        const string course = "nmosd-pain-en";
        var nmosd = app.Content.Current.Find(course)!;
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);
        await client.AcknowledgeAsync(course);
        await client.TakeTestAsync(course, [], "pre-test");
        foreach (var lesson in nmosd.Lessons)
        {
            foreach (var question in lesson.Questions)
            {
                await client.AnswerCheckAsync(course, lesson.Id, question.Id, question.CorrectKeys.ToArray());
            }

            Assert.Equal(HttpStatusCode.Redirect, (await client.CompleteLessonAsync(course, lesson.Id)).StatusCode);
        }

        await app.RecordStudyTimeAsync(email, course, nmosd.Lessons[0].Id, 30);
        var response = await client.Http.GetAsync($"/courses/{course}/post-test", Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(45, nmosd.RequiredMinutes);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("at least 45 minutes of measured study", page);
        Assert.Contains("You have about 15 minutes to go.", page);
        Assert.DoesNotContain("data-autosave", page);

        await app.RecordStudyTimeAsync(email, course, nmosd.Lessons[1].Id, 15);
        var (attempt, _) = await client.OpenTestAsync(course);
        Assert.NotEqual(Guid.Empty, attempt);
    }

    [Fact]
    public async Task The_course_page_shows_the_measured_time_and_the_minimum_from_the_start()
    {
        const string course = "nmosd-pain-en";
        var nmosd = app.Content.Current.Find(course)!;
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);

        var before = WebUtility.HtmlDecode(await client.GetPageAsync($"/courses/{course}"));
        await client.AcknowledgeAsync(course);
        await app.RecordStudyTimeAsync(email, course, nmosd.Lessons[0].Id, 30);
        var started = WebUtility.HtmlDecode(await client.GetPageAsync($"/courses/{course}"));
        await app.RecordStudyTimeAsync(email, course, nmosd.Lessons[1].Id, 15);
        var reached = WebUtility.HtmlDecode(await client.GetPageAsync($"/courses/{course}"));

        Assert.Equal(45, nmosd.RequiredMinutes);
        Assert.Contains("The post-test opens after at least 45 minutes of measured study", before);
        Assert.Contains("Measured so far: 30 minutes.", started);
        Assert.Contains("about 15 minutes to go.", started);
        Assert.Matches("<progress[^>]*value=\"30\" max=\"45\"", started);
        Assert.Contains("Measured so far: 45 minutes.", reached);
        Assert.Contains("You have reached the minimum study time of 45 minutes", reached);
    }

    [Fact]
    public async Task Heartbeats_measure_active_time_capping_every_gap_and_counting_two_tabs_once()
    {
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);
        await client.AcknowledgeAsync(Tour);
        var page = await client.GetPageAsync($"/courses/{Tour}/lessons/{TourLesson}");
        Assert.Contains("data-heartbeat=", page);
        var beat = await client.Http.PostAsync($"/courses/{Tour}/heartbeat",
            new FormUrlEncodedContent([new("__RequestVerificationToken", TestClient.AntiforgeryTokenIn(page)), new("step", TourLesson)]), Cancel);
        var unknownStep = await client.Http.PostAsync($"/courses/{Tour}/heartbeat",
            new FormUrlEncodedContent([new("__RequestVerificationToken", TestClient.AntiforgeryTokenIn(page)), new("step", "no-such-lesson")]), Cancel);
        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStep.StatusCode);

        var clock = new ManualClock(DateTimeOffset.UtcNow.AddHours(1));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = db.Users.Single(u => u.Email == email).Id;
        var timeOnTask = new TimeOnTask(db, clock);

        await timeOnTask.HeartbeatAsync(userId, Tour, TourLesson, Cancel);          // after an hour away: at most one minute
        clock.Now += TimeSpan.FromSeconds(30);
        await timeOnTask.HeartbeatAsync(userId, Tour, TourLesson, Cancel);          // 30 s of reading
        clock.Now += TimeSpan.FromSeconds(30);
        var twoTabs = await Task.WhenAll(                                             // two tabs, one interval
            new TimeOnTask(scope.ServiceProvider.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>(), clock).HeartbeatAsync(userId, Tour, TourLesson, Cancel),
            new TimeOnTask(scope.ServiceProvider.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>(), clock).HeartbeatAsync(userId, Tour, TourLesson, Cancel));
        clock.Now += TimeSpan.FromMinutes(20);
        await timeOnTask.HeartbeatAsync(userId, Tour, "post-test", Cancel);           // 20 minutes idle: one minute

        var seconds = await db.StudyTimes.AsNoTracking().Where(t => t.UserId == userId && t.CourseId == Tour).ToDictionaryAsync(t => t.Step, t => t.Seconds, Cancel);
        Assert.Equal(30, twoTabs.Sum());
        Assert.Equal(60 + 30 + 30 + 60, seconds[TourLesson]);
        Assert.False(seconds.ContainsKey("post-test"));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
