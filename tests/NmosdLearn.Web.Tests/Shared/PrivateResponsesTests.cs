using System.Net;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests.Shared;

/// <summary>
/// Personal data never stays in a browser's or a shared proxy's cache: every download of a person's data and every page
/// shown to a signed-in person says no-store, unless it is public on purpose (course files, the verification documents).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PrivateResponsesTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_personal_download_says_no_store()
    {
        var learner = await app.SignedInLearnerAsync("Cache Tester");
        var certificate = await learner.EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        var downloads = new (TestClient Client, string Path)[]
        {
            (learner, "/account/settings/data"),
            (learner, "/my/transcript.pdf"),
            (learner, certificate.PdfPath),
            (admin, "/admin/audit/audit.csv"),
            (admin, "/admin/reports/platform-tour/completions.csv"),
            (admin, "/admin/reports/platform-tour/responses.csv"),
            (admin, "/admin/reports/platform-tour/items.csv"),
            (admin, "/admin/reports/platform-tour/evaluations.csv"),
            (admin, "/admin/reports/platform-tour/activity.csv"),
        };
        foreach (var (client, path) in downloads)
        {
            var response = await client.Http.GetAsync(path, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} is cacheable: '{response.Headers.CacheControl}'");
        }
    }

    [Fact]
    public async Task Pages_for_a_signed_in_person_say_no_store_and_public_documents_keep_their_caching()
    {
        var learner = await app.SignedInLearnerAsync("Cache Reader");

        foreach (var path in new[] { "/my", "/account/settings", "/my/certificates", "/courses/platform-tour" })
        {
            var response = await learner.Http.GetAsync(path, Cancel);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} is cacheable: '{response.Headers.CacheControl}'");
        }

        var badge = await app.CreateTestClient().Http.GetAsync("/courses/platform-tour/badge.svg", Cancel);
        Assert.True(badge.Headers.CacheControl?.Public == true, $"the badge image lost its caching: '{badge.Headers.CacheControl}'");
    }
}
