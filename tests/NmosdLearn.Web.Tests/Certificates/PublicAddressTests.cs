using Microsoft.AspNetCore.Hosting;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>
/// Every absolute address the platform makes (account email, certificate pages, credentials, keys) is on the configured
/// public address, whatever Host header a request carries; production refuses to start without one.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicAddressTests(AppFactory app)
{
    private const string Forged = "attacker.example";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Production_does_not_start_without_a_public_address_and_names_the_setting()
    {
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:PublicBaseUrl", "");
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("Certificates:PublicBaseUrl is missing", failure);
        Assert.Contains("Certificates__PublicBaseUrl", failure);
    }

    [Fact]
    public void Production_names_every_missing_setting_in_one_line()
    {
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:PublicBaseUrl", "");
            builder.UseSetting("DataProtection:CertificatePath", "");
        });

        var failure = StartRefusal.Of(production);

        Assert.Matches("NmosdLearn cannot start: .*DataProtection:CertificatePath is missing.*Certificates:PublicBaseUrl is missing", failure);
    }

    [Fact]
    public async Task A_forged_Host_header_changes_no_address_the_platform_makes()
    {
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync(email: email);
        learner.Http.DefaultRequestHeaders.Host = Forged;

        var confirmation = await learner.CompleteTourAsync();
        var code = LearnerSteps.VerifyLink().Match(confirmation).Groups[1].Value;
        var credential = await learner.GetPageAsync($"/verify/{code}.json");
        var keys = await learner.GetPageAsync("/.well-known/jwks.json");
        var stranger = app.CreateTestClient();
        stranger.Http.DefaultRequestHeaders.Host = Forged;
        await stranger.SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        var reset = await app.Mailbox.LinkAsync(email, "/account/reset-password");
        var message = app.Mailbox.MessagesTo(email).Last(m => (m.TextBody ?? "").Contains("/account/reset-password", StringComparison.Ordinal));

        Assert.Contains("https://learn.example.org/verify/", confirmation);
        Assert.All(new[] { confirmation, credential, keys, message.TextBody ?? "", message.HtmlBody ?? "" },
            text => Assert.DoesNotContain(Forged, text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("https://learn.example.org/account/reset-password", message.TextBody);
        Assert.NotEmpty(reset);
    }
}
