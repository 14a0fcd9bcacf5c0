using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Admin;

namespace NmosdLearn.Web.Tests.Admin;

/// <summary>A host of its own, whose database holds only the cohorts these tests seed.</summary>
public sealed class ReportsFactory : AppFactory
{
    public CommandRecorder Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // No background check for published courses while commands are counted.
        builder.UseSetting("Content:PublishedCheckSeconds", "3600");
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands));
    }

    public async Task<TestClient> AdminAsync()
    {
        var client = CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(AdminEmail, AdminPassword)).StatusCode);
        return client;
    }

    public async Task SeedAsync(Func<AppDbContext, Task> seed)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await seed(db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class ReportTests(ReportsFactory app) : IClassFixture<ReportsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One seeded learner: scores, the answer to the known item, time, and whether they completed and evaluated.</summary>
    private sealed record Learner(int Pre, int Post, bool KnownItemRight, int? Measured, int? Attested, bool Completed, (int Relevance, int Quality, bool Bias)? Evaluation);

    private static readonly Learner[] Cohort =
    [
        new(25, 100, true, 50, 60, true, (5, 5, false)),
        new(50, 100, true, 62, 60, true, (4, 4, false)),
        new(25, 75, true, 48, 45, true, (4, 5, true)),
        new(0, 75, false, 90, 90, true, (3, 3, false)),
        new(50, 75, true, 55, 60, true, null),
        new(75, 100, true, 47, 50, true, null),
        new(25, 50, false, null, null, false, null),
        new(50, 25, false, null, null, false, (2, 2, true)),
        new(0, 25, true, null, null, false, null),
        new(25, 50, false, null, null, false, null),
        new(75, 50, false, null, null, false, null),
        new(0, 0, false, null, null, false, null),
    ];

    [Fact]
    public async Task The_report_figures_match_those_computed_by_hand_from_the_seeded_cohort()
    {
        const string courseId = "test-course";
        var course = app.Content.Current.Find(courseId)!;
        var known = course.PostTest.Questions[0];
        await app.SeedAsync(db => SeedCohortAsync(db, course, known));

        using var scope = app.Services.CreateScope();
        var report = (await scope.ServiceProvider.GetRequiredService<CourseReports>().BuildAsync(courseId, new ReportFilter(null, null, null), Cancel))!;

        // Completion rate and medians, from the table above.
        var completed = Cohort.Where(l => l.Completed).ToList();
        Assert.Equal(Cohort.Length, report.Enrolments);
        Assert.Equal(completed.Count / (double)Cohort.Length, report.CompletionRate, 6);
        Assert.Equal(MedianByHand(completed.Select(l => l.Measured!.Value)), report.MedianMeasuredMinutes);
        Assert.Equal(MedianByHand(completed.Select(l => l.Attested!.Value)), report.MedianAttestedMinutes);

        // Knowledge gain: the paired difference of each learner's post-test and pre-test.
        Assert.Equal(Cohort.Average(l => l.Post - l.Pre), report.MeanGain!.Value, 6);
        Assert.Equal(Cohort.Length, report.GainDistribution.Sum(b => b.Count));
        Assert.Equal(Cohort.Count(l => l.Post - l.Pre is >= 40 and < 60), report.GainDistribution.Single(b => b.From == 40).Count);

        // The known item: 12 responses, the upper and lower groups are round(12 × 0.27) = 3 attempts each.
        var ranked = Cohort.OrderByDescending(l => l.Post).ToList();
        var expectedD = ranked.Take(3).Count(l => l.KnownItemRight) / 3.0 - ranked.TakeLast(3).Count(l => l.KnownItemRight) / 3.0;
        var item = report.Items.Single(i => i.Question.Id == known.Id).Statistic;
        Assert.Equal(Cohort.Length, item.Responses);
        Assert.Equal(Cohort.Count(l => l.KnownItemRight) / (double)Cohort.Length, item.ShareCorrect, 6);
        Assert.Equal(expectedD, item.Discrimination!.Value, 6);
        Assert.Equal(Cohort.Count(l => l.KnownItemRight), item.OptionCounts[known.CorrectKeys.Single()]);

        // Options by their text, not the author's letter: learners saw them shuffled.
        var right = Cohort.Count(l => l.KnownItemRight);
        var admin = await app.AdminAsync();
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/reports/{courseId}"));
        var items = await admin.Http.GetStringAsync($"/admin/reports/{courseId}/items.csv", Cancel);
        Assert.Contains($"<span lang=\"en\">Right</span> (correct): {right}</li>", page);
        Assert.Contains($"<span lang=\"en\">Wrong</span>: {Cohort.Length - right}</li>", page);
        Assert.DoesNotContain("a*:", page);
        Assert.Contains($"Right (correct)={right}; Wrong={Cohort.Length - right}", items);

        // Evaluations.
        var evaluations = Cohort.Where(l => l.Evaluation is not null).Select(l => l.Evaluation!.Value).ToList();
        Assert.Equal(evaluations.Count, report.Evaluation.Count);
        Assert.Equal(evaluations.Average(e => e.Relevance), report.Evaluation.MeanRelevance!.Value, 6);
        Assert.Equal(evaluations.Average(e => e.Quality), report.Evaluation.MeanQuality!.Value, 6);
        Assert.Equal(evaluations.Count(e => e.Bias), report.Evaluation.PerceivedBias);
        Assert.Equal(["Bias comment 2", "Bias comment 7"], report.Evaluation.BiasComments);
    }

    [Fact]
    public void The_discrimination_index_of_a_known_item_is_the_upper_minus_the_lower_group()
    {
        // Ten responses: the three best attempts answered right, the three worst wrong, the middle mixed.
        var responses = Enumerable.Range(0, 10)
            .Select(i => new ItemResponse("q", new HashSet<string> { i < 3 || i == 5 ? "a" : "b" }, i < 3 || i == 5, 100 - i * 10))
            .ToList();

        var statistic = ReportStatistics.Item("q", responses, ["a", "b"]);

        Assert.Equal(1.0, statistic.Discrimination);
        Assert.Equal(0.4, statistic.ShareCorrect, 6);
        Assert.Equal(4, statistic.OptionCounts["a"]);
        Assert.False(statistic.DiscriminatesNegatively);
        Assert.Equal(5.5, ReportStatistics.Median([8, 3, 5, 6]));
    }

    [Fact]
    public async Task The_report_of_a_course_with_10000_learners_costs_as_many_queries_as_one_with_a_few()
    {
        var pool = app.Content.Current.Find("pool-course")!;
        await app.SeedAsync(db => SeedManyAsync(db, pool, 10_000));
        // Signed in after the (slow) seeding, so the counted pages come soon after sign-in.
        var admin = await app.AdminAsync();
        await admin.GetPageAsync("/admin/reports/platform-tour");
        await admin.GetPageAsync("/admin/reports/pool-course");

        // Each page twice, keeping the smaller count: a session check (once a minute per session) may fall into either.
        var few = await CountCommandsAsync(admin, "/admin/reports/platform-tour");
        var many = await CountCommandsAsync(admin, "/admin/reports/pool-course");
        var page = await admin.GetPageAsync("/admin/reports/pool-course");

        Assert.Contains("10000", page);
        Assert.True(few.Count == many.Count, $"few:\n{string.Join("\n", few)}\nmany:\n{string.Join("\n", many)}");
        Assert.True(many.Count <= 12, string.Join("\n", many));
    }

    private async Task<IReadOnlyList<string>> CountCommandsAsync(TestClient admin, string path)
    {
        var runs = new List<IReadOnlyList<string>>();
        for (var run = 0; run < 2; run++)
        {
            app.Commands.Start();
            await admin.GetPageAsync(path);
            runs.Add(app.Commands.Stop());
        }

        return runs.MinBy(r => r.Count)!;
    }

    private static double MedianByHand(IEnumerable<int> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
    }

    private static Task SeedCohortAsync(AppDbContext db, Course course, Question known)
    {
        for (var i = 0; i < Cohort.Length; i++)
        {
            var learner = Cohort[i];
            var user = NewUser($"Cohort learner {i}");
            db.Users.Add(user);
            db.Enrollments.Add(new Enrollment { UserId = user.Id, CourseId = course.Id, ContentVersion = course.ContentVersion, AcknowledgedAt = Start.AddDays(i) });
            db.QuizAttempts.Add(Attempt(user.Id, course, AssessmentKind.PreTest, learner.Pre, Start.AddDays(i).AddMinutes(5), course.PreTest!.Questions));
            var post = Attempt(user.Id, course, AssessmentKind.PostTest, learner.Post, Start.AddDays(i).AddHours(2), course.PostTest.Questions);
            db.QuizAttempts.Add(post);
            var wrong = known.Options.First(o => !known.CorrectKeys.Contains(o.Key)).Key;
            db.AttemptAnswers.Add(new AttemptAnswer
            {
                AttemptId = post.Id, QuestionId = known.Id, SavedAt = post.StartedAt,
                SelectedJson = JsonSerializer.Serialize(new[] { learner.KnownItemRight ? known.CorrectKeys.Single() : wrong }),
            });
            if (learner.Completed)
            {
                db.Certificates.Add(CertificateFor(user, course, learner.Measured!.Value, learner.Attested!.Value, Start.AddDays(i)));
            }

            if (learner.Evaluation is { } evaluation)
            {
                db.CourseEvaluations.Add(new CourseEvaluation
                {
                    UserId = user.Id, CourseId = course.Id, ContentVersion = course.ContentVersion, ObjectiveRatingsJson = "[4,5]",
                    Relevance = evaluation.Relevance, OverallQuality = evaluation.Quality, IntendedChange = $"Change {i}",
                    PerceivedCommercialBias = evaluation.Bias, CommercialBiasComment = evaluation.Bias ? $"Bias comment {i}" : null, SubmittedAt = Start.AddDays(i),
                });
            }
        }

        return Task.CompletedTask;
    }

    private static Task SeedManyAsync(AppDbContext db, Course course, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var user = NewUser($"Learner {i}");
            db.Users.Add(user);
            db.Enrollments.Add(new Enrollment { UserId = user.Id, CourseId = course.Id, ContentVersion = course.ContentVersion, AcknowledgedAt = Start });
            var post = Attempt(user.Id, course, AssessmentKind.PostTest, i % 101, Start.AddHours(1), course.PostTest.Questions.Take(3).ToList());
            db.QuizAttempts.Add(post);
            db.AttemptAnswers.Add(new AttemptAnswer
            {
                AttemptId = post.Id, QuestionId = course.PostTest.Questions[0].Id, SavedAt = Start,
                SelectedJson = JsonSerializer.Serialize(course.PostTest.Questions[0].CorrectKeys.ToArray()),
            });
        }

        return Task.CompletedTask;
    }

    private static AppUser NewUser(string name)
    {
        var email = TestClient.NewEmail();
        return new AppUser
        {
            Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = name, Profession = "MD", Country = "China", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = Start,
        };
    }

    private static QuizAttempt Attempt(string userId, Course course, AssessmentKind kind, int score, DateTimeOffset at, IReadOnlyList<Question> asked) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, CourseId = course.Id, ContentVersion = course.ContentVersion, Kind = kind, StartedAt = at, SubmittedAt = at.AddMinutes(10),
        ScorePercent = score, Passed = score >= course.Info.PassingScore, Total = asked.Count,
        OrderJson = JsonSerializer.Serialize(asked.Select(q => new DrawnQuestion(q.Id, q.Options.Select(o => o.Key).ToList()))),
    };

    private static Certificate CertificateFor(AppUser user, Course course, int measured, int attested, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), Code = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        Kind = CertificateKind.Completion, UserId = user.Id, RecipientName = user.FullName, Profession = user.Profession, Provider = "NmosdLearn",
        CourseId = course.Id, CourseTitle = course.Info.Title, Format = "Enduring material", ContentVersion = course.ContentVersion, Language = "en",
        CreditType = course.Info.CreditType, Credits = 1, MinutesMeasured = measured, MinutesAttested = attested, CreditDesignation = "",
        AccreditationStatement = "", CompletedOn = DateOnly.FromDateTime(at.UtcDateTime), IssuedAt = at,
    };
}
