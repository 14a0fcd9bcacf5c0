using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using UglyToad.PdfPig;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>The example course end to end: lesson, server-graded test, evaluation, claim, certificate, public verification.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CoursePathTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lesson_renders_its_markdown_as_html()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);

        var html = await client.GetPageAsync($"/courses/{Tour}/lessons/{TourLesson}");

        Assert.Contains("<h2 id=\"section-the-quiz\">The quiz</h2>", html);
        Assert.Contains("<a href=\"#section-the-quiz\">The quiz</a>", html);
        Assert.Contains("markdown-alert", html);
        Assert.Contains("Lesson 1 of 1", html);
    }

    [Fact]
    public async Task A_learner_who_fails_sees_the_score_and_cannot_claim()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);

        var result = await client.GetPageAsync(await client.TakeTestAsync(Tour, TourWrongAnswers));
        var claim = await client.ClaimAsync(Tour, "0.25");

        Assert.Contains("You did not pass this time", result);
        Assert.Contains("You scored 0% (0 of 3 correct)", result);
        Assert.Contains("Try the post-test again", result);
        Assert.Contains("You can get your certificate once you have passed the post-test and evaluated the course.", await claim.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_learner_completes_the_course_and_gets_a_verifiable_certificate()
    {
        var client = await app.NewLearnerAsync("张伟");

        var confirmation = await client.CompleteTourAsync();

        Assert.Contains("Your certificate is ready", confirmation);
        var pdfLink = CertificateLink().Match(confirmation).Value;
        var pdf = await client.Http.GetAsync(pdfLink, Cancel);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(1, document.NumberOfPages);
        var text = document.GetPage(1).Text;
        Assert.Contains("张伟", text);
        Assert.Contains("How NmosdLearn works", text);

        var code = VerifyLink().Match(confirmation).Groups[1].Value;
        Assert.Contains(code, text);
        var verify = await app.CreateTestClient().GetPageAsync($"/verify/{code}");
        Assert.Contains("This certificate is valid", verify);
        Assert.Contains("张伟", verify);
        Assert.Contains("How NmosdLearn works", verify);
        Assert.Contains("Progress: 100% complete", await client.GetPageAsync($"/courses/{Tour}"));
    }

    [Fact]
    public async Task Submitting_an_attempt_twice_grades_it_once()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        var (attemptId, _) = await client.OpenTestAsync(Tour);
        await client.SubmitAsync($"/courses/{Tour}/post-test", $"/courses/{Tour}/post-test/attempts/{attemptId}/review",
            TourWrongAnswers.Select(a => new KeyValuePair<string, string>($"q:{a.Question}", a.Option)));

        var first = await client.SubmitAsync($"/courses/{Tour}", $"/courses/{Tour}/post-test/attempts/{attemptId}/submit", []);
        var second = await client.SubmitAsync($"/courses/{Tour}", $"/courses/{Tour}/post-test/attempts/{attemptId}/submit", []);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var attempt = await db.QuizAttempts.SingleAsync(a => a.Id == attemptId, Cancel);
        var submittedByUser = await db.QuizAttempts.CountAsync(a => a.UserId == attempt.UserId && a.SubmittedAt != null, Cancel);
        Assert.Equal(1, submittedByUser);
    }

    [Fact]
    public async Task Completing_a_lesson_twice_keeps_one_progress_mark()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync(Tour);

        await client.CompleteLessonAsync(Tour, TourLesson);
        await client.CompleteLessonAsync(Tour, TourLesson);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.OrderByDescending(u => u.CreatedAt).FirstAsync(Cancel);
        Assert.Equal(1, await db.LessonProgress.CountAsync(p => p.UserId == user.Id && p.LessonId == TourLesson, Cancel));
    }

    [Fact]
    public async Task An_unknown_verification_code_gets_a_clear_404_page()
    {
        var response = await app.CreateTestClient().Http.GetAsync("/verify/not-a-real-code", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Certificate not found", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_learner_cannot_download_another_learners_certificate()
    {
        var owner = await app.NewLearnerAsync();
        var pdfLink = CertificateLink().Match(await owner.CompleteTourAsync()).Value;

        var other = await app.NewLearnerAsync();
        var stolen = await other.Http.GetAsync(pdfLink, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_gets_the_not_found_page()
    {
        var response = await app.CreateTestClient().Http.GetAsync("/courses/no-such-course", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Cancel));
    }

    [GeneratedRegex("/certificates/[0-9a-f-]{36}/pdf")]
    private static partial Regex CertificateLink();

    [GeneratedRegex("href=\"/verify/([A-Za-z0-9_-]+)\"")]
    private static partial Regex VerifyLink();
}
