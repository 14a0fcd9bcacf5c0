using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>
/// The signed credential where people look for it (#34 item 10): the verification page links the JWT (the JSON is
/// labelled unsigned), the learner downloads it and copies the address a wallet fetches, and the verification page
/// takes a typed certificate number.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class SignedBadgeTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_verification_page_links_the_signed_credential_and_calls_the_json_unsigned()
    {
        var learner = await app.SignedInLearnerAsync();
        var certificate = await learner.EarnCertificateAsync();

        var page = await app.CreateTestClient().GetPageAsync(certificate.VerifyPath);

        var signed = SignedLink().Match(page);
        Assert.True(signed.Success, "no link labelled as the signed credential");
        Assert.Equal($"/verify/{certificate.Code}.jwt", signed.Groups[1].Value);
        var readable = ReadableLink().Match(page);
        Assert.True(readable.Success, "no link to the readable JSON");
        Assert.Equal($"/verify/{certificate.Code}.json", readable.Groups[1].Value);
        Assert.Contains("not signed", readable.Groups[2].Value);
        var jwt = await app.CreateTestClient().GetPageAsync(signed.Groups[1].Value);
        Assert.Equal(3, jwt.Split('.').Length);
    }

    [Fact]
    public async Task A_learner_downloads_the_signed_badge_and_is_given_the_address_a_wallet_fetches()
    {
        var learner = await app.SignedInLearnerAsync();
        var certificate = await learner.EarnCertificateAsync();

        var mine = await learner.GetPageAsync("/my/certificates");

        var download = $"/certificates/{certificate.Id}/credential.jwt";
        Assert.Contains($"href=\"{download}\"", mine);
        var walletAddress = $"https://learn.example.org/verify/{certificate.Code}.jwt";
        Assert.Contains($"value=\"{walletAddress}\"", mine);
        var file = await learner.Http.GetAsync(download, Cancel);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".jwt", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var downloaded = await file.Content.ReadAsStringAsync(Cancel);
        var fetched = await app.CreateTestClient().GetPageAsync(new Uri(walletAddress).PathAndQuery);
        Assert.Equal(CredentialVerifier.Payload(fetched).ToJsonString(), CredentialVerifier.Payload(downloaded).ToJsonString());
        var keys = await app.CreateTestClient().GetPageAsync(CredentialSigner.JwksPath);
        Assert.True(await CredentialVerifier.VerifyAsync(downloaded, keys));
        // Someone else's badge is not there, as for the PDF.
        var other = await app.SignedInLearnerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(download, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_typed_certificate_number_is_checked_and_bad_input_gets_a_clear_message()
    {
        var learner = await app.SignedInLearnerAsync("Typed Number");
        var certificate = await learner.EarnCertificateAsync();
        var anonymous = app.CreateTestClient();

        var form = await anonymous.GetPageAsync("/verify");
        Assert.Contains("<form method=\"get\" action=\"/verify\"", form);
        Assert.Contains("name=\"code\"", form);

        var typed = await anonymous.GetPageAsync($"/verify?code={Uri.EscapeDataString(" " + certificate.Code[..11] + " " + certificate.Code[11..] + " ")}");
        Assert.Contains("This certificate is valid", typed);
        Assert.Contains("Typed Number", typed);

        var unknown = await anonymous.Http.GetAsync($"/verify?code={CertificateService.NewCode()}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Certificate not found", await unknown.Content.ReadAsStringAsync(Cancel));

        foreach (var bad in new[] { "", "abc", new string('x', 20_000), "a\r\nb\0c\u202Ed", "../../etc/passwd", "<script>" })
        {
            var answer = await anonymous.Http.GetAsync($"/verify?code={Uri.EscapeDataString(bad)}", Cancel);
            var html = await answer.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("There is a problem", html);
            Assert.DoesNotContain("<script>", html);
        }
    }

    [Fact]
    public async Task Typed_lookups_count_against_the_verification_limit()
    {
        using var limited = app.WithWebHostBuilder(builder => builder.UseSetting("Certificates:Verification:PermitLimit", "2"));
        using var client = limited.CreateClient();

        var first = await client.GetAsync($"/verify?code={CertificateService.NewCode()}", Cancel);
        var second = await client.GetAsync($"/verify?code={CertificateService.NewCode()}", Cancel);
        var third = await client.GetAsync($"/verify?code={CertificateService.NewCode()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*>Signed credential[^<]*</a>")]
    private static partial Regex SignedLink();

    [GeneratedRegex("<a href=\"([^\"]+\\.json)\"[^>]*>([^<]*)</a>")]
    private static partial Regex ReadableLink();
}
