using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Lti;

/// <summary>
/// The hand-off link signs in only in the browser that launched, asks before replacing someone else's session
/// (issue #27 finding 16: it signed in whoever opened it), and like every sign-in refuses a locked account (finding 2).
/// </summary>
public sealed class LtiHandoffTests : IClassFixture<LtiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly LtiFactory _app;

    public LtiHandoffTests(LtiFactory app)
    {
        _app = app;
        // The platform registration the launch tests make; constructing them is enough.
        _ = new LtiTests(app);
    }

    private async Task<string> LaunchAsync(TestClient browser, string subject)
    {
        var (state, nonce) = await LtiTests.LoginAsync(browser);
        var launch = await LtiTests.PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce, subject, "test-course")), state);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        return LtiTests.ContinueLink().Match(await launch.Content.ReadAsStringAsync(Cancel)).Groups[1].Value;
    }

    private static string NewSubject() => "lms-user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_handoff_link_opened_in_another_browser_signs_nobody_in()
    {
        var continueUrl = await LaunchAsync(_app.CreateTestClient(), NewSubject());
        var victim = _app.CreateTestClient();

        var opened = await victim.Http.GetAsync(continueUrl, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await victim.Http.GetAsync("/my", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Someone_signed_in_in_the_launching_browser_is_asked_before_the_launch_replaces_them()
    {
        var browser = await _app.SignedInLearnerAsync("Already Here");
        var continueUrl = await LaunchAsync(browser, NewSubject());

        var asked = await browser.Http.GetAsync(continueUrl, Cancel);
        var askPage = await asked.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Switch accounts?", askPage);
        Assert.Contains("Already Here", await browser.GetPageAsync("/account/settings"));

        var switched = await browser.Http.PostAsync(continueUrl, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", TestClient.AntiforgeryTokenIn(askPage))]), Cancel);
        Assert.Equal("/courses/test-course", switched.Headers.Location?.OriginalString);
        Assert.Contains("Chen Jing 陈静", await browser.GetPageAsync("/account/settings"));
    }

    [Fact]
    public async Task A_launch_into_an_account_with_two_factor_asks_for_the_code_before_signing_in()
    {
        var subject = NewSubject();
        var first = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await first.Http.GetAsync(await LaunchAsync(first, subject), Cancel)).StatusCode);
        var totp = await first.EnableTwoFactorAsync();

        var browser = _app.CreateTestClient();
        var opened = await browser.Http.GetAsync(await LaunchAsync(browser, subject), Cancel);

        Assert.Equal("/account/login/two-factor?returnUrl=%2Fcourses%2Ftest-course", opened.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/my", Cancel)).StatusCode);
        var code = await browser.SubmitAsync(opened.Headers.Location!.OriginalString, "/account/login/two-factor",
            [new("Code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30))), new("ReturnUrl", "/courses/test-course")]);
        Assert.Equal("/courses/test-course", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/my", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_launch_does_not_sign_in_an_account_an_administrator_locked()
    {
        var subject = NewSubject();
        var first = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await first.Http.GetAsync(await LaunchAsync(first, subject), Cancel)).StatusCode);
        string userId;
        using (var scope = _app.Services.CreateScope())
        {
            userId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LtiUserLinks.Where(l => l.Subject == subject).Select(l => l.UserId).SingleAsync(Cancel);
        }

        var admin = await _app.SignedInAdminAsync();
        await admin.SubmitAsync($"/admin/users/{userId}", $"/admin/users/{userId}/lock", []);
        var browser = _app.CreateTestClient();
        var opened = await browser.Http.GetAsync(await LaunchAsync(browser, subject), Cancel);

        await LtiTests.AssertRefusedAsync(opened, "This account is locked");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/my", Cancel)).StatusCode);
    }
}
