using System.Buffers.Text;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using NmosdLearn.Web.Features.Certificates;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>The public verification page: valid, revoked, reissued, not found, and rate-limited.</summary>
[Collection(AppCollection.Name)]
public sealed class VerificationTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_sees_a_valid_certificate_with_name_course_completion_date_credits_and_content_version()
    {
        var learner = await app.SignedInLearnerAsync("Zoë O'Brien-Ånström");
        var certificate = await learner.EarnCertificateAsync();

        var page = await app.CreateTestClient().GetPageAsync(certificate.VerifyPath);

        var course = app.Content.Current.Find(LearnerSteps.Course)!;
        Assert.Contains("This certificate is valid", page);
        Assert.Contains("Zoë O&#x27;Brien-Ånström", page);
        Assert.Contains("How NmosdLearn works", page);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd"), page);
        Assert.Contains("0.25 hours of participation", page);
        Assert.Contains(course.ContentVersion, page);
        Assert.Contains(certificate.Code, page);
    }

    [Fact]
    public async Task An_unknown_or_altered_code_is_not_found()
    {
        var learner = await app.SignedInLearnerAsync();
        var certificate = await learner.EarnCertificateAsync();
        var last = certificate.Code[^1];
        var altered = certificate.Code[..^1] + (last == 'A' ? 'B' : 'A');
        var anonymous = app.CreateTestClient();

        foreach (var code in new[] { altered, CertificateService.NewCode(), certificate.Code.ToLowerInvariant(), certificate.Code + "A", "x" })
        {
            var page = await anonymous.Http.GetAsync($"/verify/{code}", Cancel);
            var json = await anonymous.Http.GetAsync($"/verify/{code}.json", Cancel);

            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("Certificate not found", await page.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_certificate_verifies_as_revoked_with_the_date_and_reason()
    {
        var learner = await app.SignedInLearnerAsync("Revoked Learner");
        var certificate = await learner.EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        var revoke = await admin.RevokeAsync(certificate.Code, "Completion recorded in error");
        var page = await app.CreateTestClient().GetPageAsync(certificate.VerifyPath);

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("This certificate has been revoked", page);
        Assert.Contains($"Revoked on {DateTime.UtcNow:yyyy-MM-dd}: Completion recorded in error", page);
        Assert.DoesNotContain("This certificate is valid", page);
        Assert.Contains("Revoked Learner", page);
    }

    [Fact]
    public async Task A_reissued_certificate_keeps_its_address_and_shows_the_new_name()
    {
        var learner = await app.SignedInLearnerAsync("Jon Smiht");
        var first = await learner.EarnCertificateAsync();
        var firstPdf = await learner.GetBytesAsync(first.PdfPath);
        var admin = await app.SignedInAdminAsync();

        var reissue = await admin.ReissueAsync(first.Code, "Jon Smith", "The learner reported a typing error in the surname");

        Assert.Equal(HttpStatusCode.Redirect, reissue.StatusCode);
        var page = await app.CreateTestClient().GetPageAsync(first.VerifyPath);
        Assert.Contains("This certificate is valid", page);
        Assert.Contains("Jon Smith", page);
        Assert.DoesNotContain("Jon Smiht", page);
        Assert.Contains("Reissued (issue 2)", page);

        var mine = await learner.GetPageAsync("/my/certificates");
        var current = Guid.Parse(LearnerSteps.CertificateLink().Match(mine).Groups[1].Value);
        Assert.NotEqual(first.Id, current);
        var lines = Lines(await learner.GetBytesAsync($"/certificates/{current}/pdf"));
        Assert.Contains("Jon Smith", lines);
        Assert.Contains($"https://learn.example.org/verify/{first.Code}", lines);
        Assert.Contains("Jon Smiht", Lines(firstPdf));
        // The superseded issue is history: the learner can no longer download it, an administrator can.
        Assert.Equal(HttpStatusCode.NotFound, (await learner.Http.GetAsync(first.PdfPath, Cancel)).StatusCode);
        Assert.Contains("Jon Smiht", Lines(await admin.GetBytesAsync(first.PdfPath)));
    }

    [Fact]
    public async Task Lookups_are_rate_limited_per_client_address()
    {
        using var limited = app.WithWebHostBuilder(builder => builder.UseSetting("Certificates:Verification:PermitLimit", "3"));
        using var client = limited.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.GetAsync($"/verify/{CertificateService.NewCode()}", Cancel)).StatusCode);
        }

        var page = await client.GetAsync($"/verify/{CertificateService.NewCode()}", Cancel);
        var json = await client.GetAsync($"/verify/{CertificateService.NewCode()}.json", Cancel);
        var keys = await client.GetAsync(CredentialSigner.JwksPath, Cancel);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many requests", await page.Content.ReadAsStringAsync(Cancel));
        Assert.True(page.Headers.RetryAfter is not null, "a 429 says when to retry");
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        Assert.Contains("too-many-requests", await json.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
    }

    [Fact]
    public void Codes_carry_128_random_bits()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CertificateService.NewCode()).ToList();

        Assert.All(codes, code => Assert.Equal(16, Base64Url.DecodeFromChars(code).Length));
        Assert.All(codes, code => Assert.True(CertificateService.IsWellFormedCode(code)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
