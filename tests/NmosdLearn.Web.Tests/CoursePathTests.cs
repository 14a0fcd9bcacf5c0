using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using UglyToad.PdfPig;

namespace NmosdLearn.Web.Tests;

/// <summary>The thin path: lesson, server-graded quiz, progress, certificate, public verification.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CoursePathTests(AppFactory app)
{
    private const string Course = LearnerSteps.Course;
    private const string Lesson = LearnerSteps.Lesson;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<TestClient> SignedInLearnerAsync(string name = "Test Clinician") => app.SignedInLearnerAsync(name);

    private static Task<HttpResponseMessage> SubmitQuizAsync(TestClient client, params (string Question, string Option)[] answers) =>
        client.SubmitQuizAsync(answers);

    private static Task CompleteLessonAsync(TestClient client) => client.CompleteLessonAsync();

    [Fact]
    public async Task The_lesson_renders_its_markdown_as_html()
    {
        var client = await SignedInLearnerAsync();

        var html = await client.GetPageAsync($"/courses/{Course}/lessons/{Lesson}");

        Assert.Contains("<h2 id=\"the-quiz\">The quiz</h2>", html);
        Assert.Contains("markdown-alert", html);
        Assert.Contains("Lesson 1 of 1", html);
    }

    [Fact]
    public async Task The_quiz_page_never_contains_the_answer_key_or_explanations()
    {
        var client = await SignedInLearnerAsync();
        await CompleteLessonAsync(client);

        var html = await client.GetPageAsync($"/courses/{Course}/post-test");

        var course = app.Content.Current.Find(Course)!;
        foreach (var question in course.PostTest.Questions)
        {
            Assert.Contains($"name=\"q:{question.Id}\"", html);
            Assert.DoesNotContain(question.ExplanationHtml, html);
        }

        Assert.DoesNotContain("checked", html);
        Assert.DoesNotContain("Correct answer", html);
    }

    [Fact]
    public async Task The_quiz_stays_locked_until_the_lesson_is_complete()
    {
        var client = await SignedInLearnerAsync();

        var page = await client.GetPageAsync($"/courses/{Course}/post-test");
        var response = await SubmitQuizAsync(client, ("tour-grading", "b"), ("tour-verification", "c"), ("tour-version", "a"));

        Assert.Contains("Complete every lesson before you take the post-test.", page);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_learner_who_fails_sees_the_score_and_gets_no_certificate()
    {
        var client = await SignedInLearnerAsync();
        await CompleteLessonAsync(client);

        var response = await SubmitQuizAsync(client, ("tour-grading", "a"), ("tour-verification", "a"), ("tour-version", "a"));
        var result = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("You did not pass this time", result);
        Assert.Contains("You scored 33% (1 of 3 correct)", result);
        Assert.DoesNotContain("/certificates/", result);
    }

    [Fact]
    public async Task A_learner_completes_the_course_and_gets_a_verifiable_certificate()
    {
        var client = await SignedInLearnerAsync("张伟");
        await CompleteLessonAsync(client);
        var coursePage = await client.GetPageAsync($"/courses/{Course}");
        Assert.Contains("Progress: 50% complete", coursePage);

        var response = await SubmitQuizAsync(client, ("tour-grading", "b"), ("tour-verification", "c"), ("tour-version", "a"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("You passed", result);
        Assert.Contains("You scored 100% (3 of 3 correct)", result);

        var pdfLink = CertificateLink().Match(result).Value;
        var pdf = await client.Http.GetAsync(pdfLink, Cancel);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(1, document.NumberOfPages);
        var text = document.GetPage(1).Text;
        Assert.Contains("张伟", text);
        Assert.Contains("How NmosdLearn works", text);

        var code = VerifyLink().Match(result).Groups[1].Value;
        Assert.Contains(code, text);
        var verify = await app.CreateTestClient().GetPageAsync($"/verify/{code}");
        Assert.Contains("This certificate is valid", verify);
        Assert.Contains("张伟", verify);
        Assert.Contains("How NmosdLearn works", verify);

        var courseAfter = await client.GetPageAsync($"/courses/{Course}");
        Assert.Contains("Progress: 100% complete", courseAfter);
    }

    [Fact]
    public async Task Submitting_the_same_quiz_form_twice_makes_one_attempt()
    {
        var client = await SignedInLearnerAsync();
        await CompleteLessonAsync(client);
        var html = await client.GetPageAsync($"/courses/{Course}/post-test");
        var token = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var submission = Regex.Match(html, "name=\"submissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        KeyValuePair<string, string>[] form =
        [
            new("__RequestVerificationToken", token), new("submissionId", submission),
            new("q:tour-grading", "a"), new("q:tour-verification", "a"), new("q:tour-version", "a"),
        ];

        var first = await client.Http.PostAsync($"/courses/{Course}/post-test", new FormUrlEncodedContent(form), Cancel);
        var second = await client.Http.PostAsync($"/courses/{Course}/post-test", new FormUrlEncodedContent(form), Cancel);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.QuizAttempts.CountAsync(a => a.Id == Guid.Parse(submission), Cancel));
    }

    [Fact]
    public async Task Completing_a_lesson_twice_keeps_one_progress_mark()
    {
        var client = await SignedInLearnerAsync();

        await CompleteLessonAsync(client);
        await CompleteLessonAsync(client);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.OrderByDescending(u => u.CreatedAt).FirstAsync(Cancel);
        Assert.Equal(1, await db.LessonProgress.CountAsync(p => p.UserId == user.Id && p.LessonId == Lesson, Cancel));
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
        var owner = await SignedInLearnerAsync();
        await CompleteLessonAsync(owner);
        var response = await SubmitQuizAsync(owner, ("tour-grading", "b"), ("tour-verification", "c"), ("tour-version", "a"));
        var result = await owner.GetPageAsync(response.Headers.Location!.OriginalString);
        var pdfLink = CertificateLink().Match(result).Value;

        var other = await SignedInLearnerAsync();
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

    private static Regex CertificateLink() => LearnerSteps.CertificateLink();

    private static Regex VerifyLink() => LearnerSteps.VerifyLink();
}
