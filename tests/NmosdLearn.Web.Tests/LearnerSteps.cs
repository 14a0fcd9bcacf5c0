using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests;

/// <summary>A certificate as a learner sees it after passing: its download id and its public code.</summary>
public sealed record EarnedCertificate(Guid Id, string Code)
{
    public string PdfPath => $"/certificates/{Id}/pdf";

    public string VerifyPath => $"/verify/{Code}";
}

/// <summary>What a learner does on the example course, step by step, through the real pages.</summary>
public static partial class LearnerSteps
{
    public const string Course = "platform-tour";
    public const string Lesson = "from-lesson-to-certificate";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<TestClient> SignedInLearnerAsync(this AppFactory app, string name = "Test Clinician", string profession = "MD", string? email = null)
    {
        var client = app.CreateTestClient();
        var response = await client.RegisterAsync(email ?? TestClient.NewEmail(), name, profession: profession);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<TestClient> SignedInAdminAsync(this AppFactory app)
    {
        var client = app.CreateTestClient();
        var response = await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task CompleteLessonAsync(this TestClient client)
    {
        var response = await client.SubmitAsync($"/courses/{Course}/lessons/{Lesson}", $"/courses/{Course}/lessons/{Lesson}/complete", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static Task<HttpResponseMessage> SubmitQuizAsync(this TestClient client, params (string Question, string Option)[] answers) =>
        client.SubmitAsync($"/courses/{Course}/post-test", $"/courses/{Course}/post-test",
            answers.Select(a => new KeyValuePair<string, string>($"q:{a.Question}", a.Option))
                .Append(new("submissionId", Guid.NewGuid().ToString())));

    public static Task<HttpResponseMessage> PassQuizAsync(this TestClient client) =>
        client.SubmitQuizAsync(("tour-grading", "b"), ("tour-verification", "c"), ("tour-version", "a"));

    /// <summary>Completes the lesson, passes the post-test and reads the certificate's links from the result page.</summary>
    public static async Task<EarnedCertificate> EarnCertificateAsync(this TestClient client)
    {
        await client.CompleteLessonAsync();
        var response = await client.PassQuizAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        var id = CertificateLink().Match(result);
        var code = VerifyLink().Match(result);
        Assert.True(id.Success && code.Success, "the result page has no certificate links");
        return new EarnedCertificate(Guid.Parse(id.Groups[1].Value), code.Groups[1].Value);
    }

    public static async Task<byte[]> GetBytesAsync(this TestClient client, string path)
    {
        var response = await client.Http.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    [GeneratedRegex("/certificates/([0-9a-f-]{36})/pdf")]
    public static partial Regex CertificateLink();

    [GeneratedRegex("href=\"/verify/([A-Za-z0-9_-]+)\"")]
    public static partial Regex VerifyLink();
}
