using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>A learner's own certificates: the list, downloads, the transcript, and nobody else's.</summary>
[Collection(AppCollection.Name)]
public sealed class LearnerCertificateTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_lists_their_certificates_and_downloads_one_at_any_time()
    {
        var learner = await app.SignedInLearnerAsync("Zoë O'Brien-Ånström");
        var certificate = await learner.EarnCertificateAsync();

        var list = await learner.GetPageAsync("/my/certificates");
        var again = await learner.GetBytesAsync(certificate.PdfPath);

        Assert.Contains("How NmosdLearn works", list);
        Assert.Contains(certificate.Code, list);
        Assert.Contains($"href=\"{certificate.PdfPath}\"", list);
        Assert.Contains($"href=\"{certificate.VerifyPath}\"", list);
        Assert.Contains("Download your transcript (PDF)", list);
        Assert.Contains("Zoë O'Brien-Ånström", Lines(again));
    }

    [Fact]
    public async Task Many_downloads_of_a_new_certificate_at_once_render_it_once()
    {
        var learner = await app.SignedInLearnerAsync("Rush Downloader");
        var certificate = await learner.EarnCertificateAsync();
        var pdfs = app.Services.GetRequiredService<CertificatePdfCache>();
        var before = pdfs.Renders;

        var downloads = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => learner.GetBytesAsync(certificate.PdfPath)));

        // The collection's tests run one at a time on this host: no other render comes between.
        Assert.Equal(1, pdfs.Renders - before);
        Assert.All(downloads, bytes => Assert.Equal(downloads[0], bytes));
        Assert.Contains("Rush Downloader", Lines(downloads[0]));
    }

    [Fact]
    public async Task The_transcript_lists_every_valid_completion_with_credits_totalled_by_year()
    {
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync("Ana Müller", email: email);
        var earned = await learner.EarnCertificateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
            var service = scope.ServiceProvider.GetRequiredService<CertificateService>();
            service.Create(user, Records.AmaCourse(id: "pain-a", title: "Neuropathic pain in NMOSD"), new DateOnly(2025, 3, 14), 1.0m);
            service.Create(user, Records.AmaCourse(id: "pain-b", title: "Tonic spasms"), new DateOnly(2025, 9, 2), 0.5m);
            var revoked = service.Create(user, Records.AmaCourse(id: "pain-c", title: "Itch and NMOSD"), new DateOnly(2025, 10, 1), 1.5m);
            revoked.RevokedAt = DateTimeOffset.UtcNow;
            revoked.RevokedReason = "Recorded in error";
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        }

        var response = await learner.Http.GetAsync("/my/transcript.pdf", Cancel);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var lines = Lines(await response.Content.ReadAsByteArrayAsync(Cancel));
        var text = Squash(string.Concat(lines));
        Assert.Contains("Transcript of continuing education", lines);
        Assert.Contains("Ana Müller", lines);
        Assert.Contains(Squash("How NmosdLearn works"), text);
        Assert.Contains(Squash("Neuropathic pain in NMOSD"), text);
        Assert.Contains(Squash("Tonic spasms"), text);
        Assert.DoesNotContain(Squash("Itch and NMOSD"), text);
        Assert.Contains(earned.Code, text);
        Assert.Contains(Squash($"Total for {DateTime.UtcNow.Year}: 0.25 hours of participation"), text);
        Assert.Contains(Squash("Total for 2025: 1.5 AMA PRA Category 1 Credit™"), text);
        Assert.True(text.IndexOf(Squash($"Total for {DateTime.UtcNow.Year}"), StringComparison.Ordinal) < text.IndexOf(Squash("Total for 2025"), StringComparison.Ordinal),
            "the latest year comes first");
    }

    [Fact]
    public async Task A_learner_cannot_see_or_download_another_learners_certificate_even_by_guessing()
    {
        var owner = await app.SignedInLearnerAsync("Owner Learner");
        var certificate = await owner.EarnCertificateAsync();
        var other = await app.SignedInLearnerAsync("Other Learner");

        var stolen = await other.Http.GetAsync(certificate.PdfPath, Cancel);
        var list = await other.GetPageAsync("/my/certificates");
        var transcript = Squash(string.Concat(Lines(await other.GetBytesAsync("/my/transcript.pdf"))));
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            guesses.Add((await other.Http.GetAsync($"/certificates/{Guid.NewGuid()}/pdf", Cancel)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.DoesNotContain(certificate.Code, list);
        Assert.Contains("You have no certificates yet", list);
        Assert.DoesNotContain(certificate.Code, transcript);
        Assert.DoesNotContain("OwnerLearner", transcript);
        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(certificate.PdfPath, Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("/my/certificates")]
    [InlineData("/my/transcript.pdf")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var response = await app.CreateTestClient().Http.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_anonymous_visitor_cannot_download_a_certificate()
    {
        var certificate = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();

        var response = await app.CreateTestClient().Http.GetAsync(certificate.PdfPath, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_certificate_is_listed_as_revoked_and_no_longer_downloads()
    {
        var learner = await app.SignedInLearnerAsync();
        var certificate = await learner.EarnCertificateAsync();
        await (await app.SignedInAdminAsync()).RevokeAsync(certificate.Code, "Issued by mistake");

        var list = await learner.GetPageAsync("/my/certificates");
        var download = await learner.Http.GetAsync(certificate.PdfPath, Cancel);

        Assert.Contains("Revoked", list);
        Assert.Contains("Issued by mistake", list);
        Assert.DoesNotContain($"href=\"{certificate.PdfPath}\"", list);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.AnyAsync(c => c.Code == certificate.Code && c.RevokedAt != null, Cancel));
    }
}
