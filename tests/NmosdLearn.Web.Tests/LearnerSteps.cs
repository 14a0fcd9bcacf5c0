using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests;

/// <summary>A certificate as a learner sees it after claiming credit: its download id and its public code.</summary>
public sealed record EarnedCertificate(Guid Id, string Code)
{
    public string PdfPath => $"/certificates/{Id}/pdf";

    public string VerifyPath => $"/verify/{Code}";
}

/// <summary>The clinician's path as HTTP requests, one step each, for tests that need a learner at some point of a course.</summary>
public static partial class LearnerSteps
{
    public const string Tour = "platform-tour";
    public const string TourLesson = "from-lesson-to-certificate";

    /// <summary>The course the certificate tests use: the example course.</summary>
    public const string Course = Tour;

    /// <summary>The example course's post-test, answered correctly.</summary>
    public static readonly (string Question, string Option)[] TourCorrectAnswers =
        [("tour-grading", "b"), ("tour-verification", "c"), ("tour-version", "a")];

    public static readonly (string Question, string Option)[] TourWrongAnswers =
        [("tour-grading", "a"), ("tour-verification", "a"), ("tour-version", "b")];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<TestClient> NewLearnerAsync(this AppFactory app, string name = "Test Clinician") => app.SignedInLearnerAsync(name);

    /// <summary>Registers, follows the confirmation link from the email, then signs in with the password.</summary>
    public static async Task<TestClient> SignedInLearnerAsync(
        this AppFactory app, string name = "Test Clinician", string profession = "MD", string? email = null, string password = "a long enough password")
    {
        var client = app.CreateTestClient();
        email ??= TestClient.NewEmail();
        var earlier = app.Mailbox.MessageIds(email);
        var response = await client.RegisterAsync(email, name, password, profession);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await client.ConfirmEmailAsync(app, email, earlier, password);
        return client;
    }

    /// <summary>
    /// Follows the newest confirmation link emailed to the address, which confirms it (and never signs in), then signs
    /// in with the password as the confirmation page asks.
    /// </summary>
    public static async Task ConfirmEmailAsync(
        this TestClient client, AppFactory app, string email, IReadOnlySet<string>? earlier = null, string password = "a long enough password")
    {
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(await app.Mailbox.LinkAsync(email, "/account/confirm", earlier), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, password)).StatusCode);
    }

    /// <summary>Turns two-factor on from the settings page with the key it shows; returns the authenticator, as the phone app would hold it.</summary>
    public static async Task<OtpNet.Totp> EnableTwoFactorAsync(this TestClient client)
    {
        var page = await client.GetPageAsync("/account/settings/two-factor");
        var key = AuthenticatorKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key));
        var enabled = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", totp.ComputeTotp())]);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return totp;
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex AuthenticatorKey();

    public static async Task<TestClient> SignedInAdminAsync(this AppFactory app)
    {
        var client = app.CreateTestClient();
        var response = await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Completes the example course and reads the certificate's links from the confirmation page.</summary>
    public static async Task<EarnedCertificate> EarnCertificateAsync(this TestClient client)
    {
        var confirmation = await client.CompleteTourAsync();
        var id = CertificateLink().Match(confirmation);
        var code = VerifyLink().Match(confirmation);
        Assert.True(id.Success && code.Success, "the confirmation page has no certificate links");
        return new EarnedCertificate(Guid.Parse(id.Groups[1].Value), code.Groups[1].Value);
    }

    public static async Task<byte[]> GetBytesAsync(this TestClient client, string path)
    {
        var response = await client.Http.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    /// <summary>In "test-course": acknowledged, pre-test taken, both lessons complete; the post-test is open.</summary>
    public static async Task WalkTestCourseToPostTestAsync(this TestClient client)
    {
        await client.AcknowledgeAsync("test-course");
        await client.TakeTestAsync("test-course", [("pre-one", "a"), ("pre-two", "a")], "pre-test");
        await client.AnswerCheckAsync("test-course", "first", "check-one", "b");
        Assert.Equal(HttpStatusCode.Redirect, (await client.CompleteLessonAsync("test-course", "first")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.CompleteLessonAsync("test-course", "second")).StatusCode);
    }

    /// <summary>A "test-course" post-test answered wrongly.</summary>
    public static readonly (string Question, string Option)[] TestCourseFailingAnswers = [("post-one", "b")];

    public static async Task AcknowledgeAsync(this TestClient client, string course)
    {
        var response = await client.SubmitAsync($"/courses/{course}/start", $"/courses/{course}/start", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static Task<HttpResponseMessage> CompleteLessonAsync(this TestClient client, string course, string lesson) =>
        client.SubmitAsync($"/courses/{course}/lessons/{lesson}", $"/courses/{course}/lessons/{lesson}/complete", []);

    public static Task<HttpResponseMessage> AnswerCheckAsync(this TestClient client, string course, string lesson, string question, params string[] options) =>
        client.SubmitAsync($"/courses/{course}/lessons/{lesson}", $"/courses/{course}/lessons/{lesson}/checks/{question}",
            options.Select(o => new KeyValuePair<string, string>($"q:{question}", o)));

    /// <summary>Opens a test, which starts (or resumes) an attempt; returns its id and the page.</summary>
    public static async Task<(Guid AttemptId, string Html)> OpenTestAsync(this TestClient client, string course, string test = "post-test")
    {
        // A test opened too early answers 403 with the reason; the caller checks which it got.
        var response = await client.Http.GetAsync($"/courses/{course}/{test}", Cancel);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{test}: {response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var match = AttemptAction().Match(html);
        return (match.Success ? Guid.Parse(match.Groups[1].Value) : Guid.Empty, html);
    }

    /// <summary>Answers a whole test and submits it; returns the result page's address.</summary>
    public static async Task<string> TakeTestAsync(this TestClient client, string course, (string Question, string Option)[] answers, string test = "post-test")
    {
        var (attemptId, _) = await client.OpenTestAsync(course, test);
        Assert.NotEqual(Guid.Empty, attemptId);
        return await client.SubmitAttemptAsync(course, attemptId, answers, test);
    }

    /// <summary>Answers an attempt already open, checks the answers and submits; returns the result page's address.</summary>
    public static async Task<string> SubmitAttemptAsync(this TestClient client, string course, Guid attemptId, (string Question, string Option)[] answers, string test = "post-test")
    {
        var review = await client.SubmitAsync($"/courses/{course}/{test}", $"/courses/{course}/{test}/attempts/{attemptId}/review",
            answers.Select(a => new KeyValuePair<string, string>($"q:{a.Question}", a.Option)));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        var submit = await client.SubmitAsync($"/courses/{course}/{test}/attempts/{attemptId}/review", $"/courses/{course}/{test}/attempts/{attemptId}/submit", []);
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return submit.Headers.Location!.OriginalString;
    }

    public static Task<HttpResponseMessage> EvaluateAsync(this TestClient client, string course, int objectives) =>
        client.SubmitAsync($"/courses/{course}/evaluation", $"/courses/{course}/evaluation",
            Enumerable.Range(0, objectives).Select(i => new KeyValuePair<string, string>($"Objectives[{i}]", "4"))
                .Concat([new("Relevance", "5"), new("IntendedChange", "Ask about pain at every visit."), new("CommercialBias", "false"), new("OverallQuality", "4")]));

    public static Task<HttpResponseMessage> ClaimAsync(this TestClient client, string course, string credits, string minutes = "90") =>
        client.SubmitAsync($"/courses/{course}/claim", $"/courses/{course}/claim",
            [new("Credits", credits), new("Minutes", minutes), new("Attest", "true")]);

    /// <summary>Takes a learner through the whole example course; returns the confirmation page.</summary>
    public static async Task<string> CompleteTourAsync(this TestClient client)
    {
        await client.AcknowledgeAsync(Tour);
        Assert.Equal(HttpStatusCode.Redirect, (await client.CompleteLessonAsync(Tour, TourLesson)).StatusCode);
        await client.TakeTestAsync(Tour, TourCorrectAnswers);
        Assert.Equal(HttpStatusCode.Redirect, (await client.EvaluateAsync(Tour, 2)).StatusCode);
        var claim = await client.ClaimAsync(Tour, "0.25");
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        return await client.GetPageAsync(claim.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("/attempts/([0-9a-f-]{36})/review")]
    private static partial Regex AttemptAction();

    [GeneratedRegex("/certificates/([0-9a-f-]{36})/pdf")]
    public static partial Regex CertificateLink();

    [GeneratedRegex("href=\"/verify/([A-Za-z0-9_-]+)\"")]
    public static partial Regex VerifyLink();
}
