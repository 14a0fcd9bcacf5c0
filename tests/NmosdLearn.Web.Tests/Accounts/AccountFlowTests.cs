using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Every account flow, with the email read from the SMTP server in the test process.</summary>
[Collection(AppCollection.Name)]
public sealed class AccountFlowTests(AppFactory app)
{
    private const string Password = "a long enough password";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_sends_a_confirmation_link_in_text_and_html_and_a_certificate_waits_for_it()
    {
        var email = TestClient.NewEmail();
        var client = app.CreateTestClient();
        var registered = await client.RegisterAsync(email);
        Assert.Equal("/account/check-email?purpose=confirm", registered.Headers.Location!.OriginalString);
        var message = Assert.Single(app.Mailbox.MessagesTo(email));
        Assert.Contains("/account/confirm?user=", message.TextBody);
        Assert.Contains("href=\"https://learn.example.org/account/confirm?user=", message.HtmlBody);
        // The lifetime it states is the link's own (it said "three days" of a link that works for one).
        Assert.Contains("The link works for 24 hours.", message.TextBody);
        Assert.Contains("The link works for 24 hours.", await client.GetPageAsync(registered.Headers.Location!.OriginalString));

        // Signed in by password, unconfirmed: the whole course, but no certificate yet.
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Password)).StatusCode);
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        await client.TakeTestAsync(Tour, TourCorrectAnswers);
        await client.EvaluateAsync(Tour, 2);
        var refused = await client.ClaimAsync(Tour, "0.25");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Confirm your email address to receive your certificate", await refused.Content.ReadAsStringAsync(Cancel));

        await client.ConfirmEmailAsync(app, email);
        var claimed = await client.ClaimAsync(Tour, "0.25");
        Assert.Equal($"/courses/{Tour}/claim/confirmation", claimed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_the_same_and_tells_the_owner_by_email()
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);

        var again = await app.CreateTestClient().RegisterAsync(email, "Someone Else");

        Assert.Equal("/account/check-email?purpose=confirm", again.Headers.Location!.OriginalString);
        Assert.Contains(app.Mailbox.MessagesTo(email), m => (m.Subject ?? "").Contains("tried to create an NmosdLearn account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("12345678")]
    [InlineData("qwertyuiop")]
    public async Task A_common_password_is_refused_at_registration_and_at_password_change(string common)
    {
        var email = TestClient.NewEmail();
        var registration = await app.CreateTestClient().RegisterAsync(email, password: common);
        var client = await app.SignedInLearnerAsync();
        var change = await client.SubmitAsync("/account/settings", "/account/settings/password",
            [new("CurrentPassword", Password), new("NewPassword", common)]);

        Assert.Equal(HttpStatusCode.OK, registration.StatusCode);
        Assert.Contains("This password is too common", await registration.Content.ReadAsStringAsync(Cancel));
        Assert.Empty(app.Mailbox.MessagesTo(email));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, change.StatusCode);
        Assert.Contains("This password is too common", await change.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_reset_link_works_once_and_lets_the_owner_in()
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);
        var client = app.CreateTestClient();
        var asked = await client.SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        var link = await app.Mailbox.LinkAsync(email, "/account/reset-password");

        var reset = await client.SubmitAsync(link, "/account/reset-password", ResetFields(link, "a brand new passphrase here"));
        var again = await client.SubmitAsync(link, "/account/reset-password", ResetFields(link, "yet another new passphrase"));

        Assert.Equal("/account/check-email?purpose=reset", asked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link cannot be used", await again.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().LoginAsync(email, "a brand new passphrase here")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateTestClient().LoginAsync(email, Password)).StatusCode);
    }

    [Fact]
    public async Task Asking_for_a_reset_answers_the_same_for_a_known_and_an_unknown_address()
    {
        var known = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: known);
        var unknown = TestClient.NewEmail();

        var forKnown = await app.CreateTestClient().SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", known)]);
        var forUnknown = await app.CreateTestClient().SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", unknown)]);

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(forKnown.Headers.Location, forUnknown.Headers.Location);
        Assert.Contains(app.Mailbox.MessagesTo(known), m => (m.TextBody ?? "").Contains("/account/reset-password", StringComparison.Ordinal));
        Assert.Single(app.Mailbox.MessagesTo(unknown));
    }

    [Fact]
    public async Task Changing_the_email_needs_the_new_address_confirmed_and_tells_the_old_one()
    {
        var oldEmail = TestClient.NewEmail();
        var newEmail = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: oldEmail);

        var asked = await client.SubmitAsync("/account/settings", "/account/settings/email", [new("NewEmail", newEmail), new("PasswordForEmail", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains(app.Mailbox.MessagesTo(oldEmail), m => (m.Subject ?? "").Contains("is being changed", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().LoginAsync(oldEmail, Password)).StatusCode);

        var confirmed = await client.Http.GetAsync(await app.Mailbox.LinkAsync(newEmail, "/account/settings/confirm-email"), Cancel);

        Assert.Equal("/account/settings?saved=email-confirmed", confirmed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().LoginAsync(newEmail, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateTestClient().LoginAsync(oldEmail, Password)).StatusCode);
    }

    [Fact]
    public async Task The_name_for_future_certificates_can_be_changed()
    {
        var client = await app.SignedInLearnerAsync(name: "Ann Before");

        await client.SubmitAsync("/account/settings", "/account/settings/name", [new("FullName", "Ann After-Marriage")]);

        Assert.Contains("Ann After-Marriage", await client.GetPageAsync("/account/settings"));
    }

    [Fact]
    public async Task My_data_downloads_as_json_and_deleting_the_account_keeps_the_certificate_verifiable()
    {
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(name: "Dana Delete", email: email);
        var certificate = await client.EarnCertificateAsync();

        var download = await client.Http.GetAsync("/account/settings/data", Cancel);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync(Cancel));
        var deleted = await client.SubmitAsync("/account/settings", "/account/settings/delete", [new("PasswordForDelete", Password), new("Confirm", "true")]);

        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(email, json.RootElement.GetProperty("account").GetProperty("Email").GetString());
        Assert.Equal(certificate.Code, json.RootElement.GetProperty("certificates")[0].GetProperty("Code").GetString());
        Assert.True(deleted.StatusCode == HttpStatusCode.OK, $"{deleted.StatusCode} {deleted.Headers.Location}");
        Assert.Contains("Your account is deleted", await deleted.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateTestClient().LoginAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/my", Cancel)).StatusCode);
        var verify = await app.CreateTestClient().GetPageAsync(certificate.VerifyPath);
        Assert.Contains("Dana Delete", verify);
        // The address is free for a new account.
        await app.SignedInLearnerAsync(email: email);
    }

    private static IEnumerable<KeyValuePair<string, string>> ResetFields(string link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        return [new("UserId", query["user"]!), new("Code", query["code"]!), new("NewPassword", password)];
    }
}

/// <summary>A reset link expires after an hour by the platform's clock.</summary>
public sealed class ResetLinkExpiryTests : IClassFixture<ClockedAppFactory>
{
    private readonly ClockedAppFactory _app;

    public ResetLinkExpiryTests(ClockedAppFactory app) => _app = app;

    [Fact]
    public async Task A_reset_link_older_than_an_hour_is_refused()
    {
        var email = TestClient.NewEmail();
        await _app.SignedInLearnerAsync(email: email);
        var client = _app.CreateTestClient();
        await client.SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        var link = await _app.Mailbox.LinkAsync(email, "/account/reset-password");

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        var late = await client.Http.GetAsync(link, TestContext.Current.CancellationToken);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        var post = await client.SubmitAsync(link, "/account/reset-password",
            [new("UserId", query["user"]!), new("Code", query["code"]!), new("NewPassword", "a brand new passphrase here")]);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateTestClient().LoginAsync(email, "a long enough password")).StatusCode);
    }
}

/// <summary>The app with a clock the test moves.</summary>
public sealed class ClockedAppFactory : AppFactory
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>An administrator's session ends after 30 minutes without a request; a clinician's does not.</summary>
public sealed class AdminIdleTimeoutTests : IClassFixture<ClockedAppFactory>
{
    private readonly ClockedAppFactory _app;

    public AdminIdleTimeoutTests(ClockedAppFactory app) => _app = app;

    [Fact]
    public async Task An_idle_administrator_is_signed_out_and_an_idle_clinician_is_not()
    {
        var adminEmail = await _app.CreateUserAsync("Admin", "a long enough password");
        var admin = _app.CreateTestClient();
        await admin.LoginAsync(adminEmail, "a long enough password");
        var clinician = await _app.SignedInLearnerAsync();
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin", cancel)).StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.GetAsync("/admin", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.Http.GetAsync("/my", cancel)).StatusCode);
    }
}
