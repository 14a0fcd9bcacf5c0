using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using OtpNet;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Two-factor with an authenticator app (codes computed here, as the app would) and recovery codes; required for staff.</summary>
public sealed partial class TwoFactorTests : IClassFixture<StaffTwoFactorFactory>
{
    private const string Password = "a long enough password";
    private readonly StaffTwoFactorFactory _app;

    public TwoFactorTests(StaffTwoFactorFactory app) => _app = app;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_without_two_factor_is_sent_to_enrolment()
    {
        var email = await _app.CreateUserAsync("Admin", Password);
        var client = _app.CreateTestClient();
        await client.LoginAsync(email, Password);

        var admin = await client.Http.GetAsync("/admin", Cancel);
        var courses = await client.Http.GetAsync("/courses", Cancel);

        Assert.Equal("/account/settings/two-factor?required=true", admin.Headers.Location!.OriginalString);
        Assert.Equal("/account/settings/two-factor?required=true", courses.Headers.Location!.OriginalString);
        Assert.Contains("Administrators and authors must use two-factor authentication", await client.GetPageAsync("/account/settings/two-factor?required=true"));
    }

    [Fact]
    public async Task A_clinician_enrols_an_authenticator_then_signs_in_with_a_code_and_with_a_recovery_code_once()
    {
        var email = TestClient.NewEmail();
        var client = await _app.SignedInLearnerAsync(email: email);
        var page = await client.GetPageAsync("/account/settings/two-factor");
        var key = Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/account/settings/two-factor/qr.png", Cancel)).StatusCode);

        var wrong = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", "000000")]);
        var enabled = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", totp.ComputeTotp())]);
        var enabledPage = await enabled.Content.ReadAsStringAsync(Cancel);
        var recoveryCodes = RecoveryCode().Matches(enabledPage).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, recoveryCodes.Count);

        // Password alone is not enough now.
        var withCode = _app.CreateTestClient();
        var first = await withCode.LoginAsync(email, Password);
        Assert.StartsWith("/account/login/two-factor", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await withCode.Http.GetAsync("/my", Cancel)).StatusCode);
        var codeStep = await withCode.SubmitAsync(first.Headers.Location.OriginalString, "/account/login/two-factor",
            [new("Code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)))]);
        Assert.Equal("/my", codeStep.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await withCode.Http.GetAsync("/my", Cancel)).StatusCode);

        var withRecovery = _app.CreateTestClient();
        await withRecovery.LoginAsync(email, Password);
        var recovered = await withRecovery.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", recoveryCodes[0])]);
        Assert.Equal("/my", recovered.Headers.Location!.OriginalString);

        var reused = _app.CreateTestClient();
        await reused.LoginAsync(email, Password);
        var again = await reused.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That code is not right", await again.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_even_within_its_time_step()
    {
        var email = TestClient.NewEmail();
        var client = await _app.SignedInLearnerAsync(email: email);
        var page = await client.GetPageAsync("/account/settings/two-factor");
        var totp = new Totp(Base32Encoding.ToBytes(Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var now = DateTime.UtcNow;
        var enrolment = totp.ComputeTotp(now);
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", enrolment)])).StatusCode);

        // The code just typed to enrol, seen over a shoulder, does not complete someone else's sign-in.
        var watcher = _app.CreateTestClient();
        await watcher.LoginAsync(email, Password);
        var replayed = await watcher.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", enrolment)]);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("That code is not right", await replayed.Content.ReadAsStringAsync(Cancel));

        // The next code signs the owner in once; the same code again, within its 30 seconds, does not.
        var next = totp.ComputeTotp(now.AddSeconds(30));
        var owner = _app.CreateTestClient();
        await owner.LoginAsync(email, Password);
        Assert.Equal("/my", (await owner.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", next)])).Headers.Location?.OriginalString);
        await watcher.LoginAsync(email, Password);
        var again = await watcher.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", next)]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That code is not right", await again.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Turning_two_factor_on_signs_out_the_other_sessions()
    {
        var email = TestClient.NewEmail();
        var client = await _app.SignedInLearnerAsync(email: email);
        var other = _app.CreateTestClient();
        await other.LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/my", Cancel)).StatusCode);

        var page = await client.GetPageAsync("/account/settings/two-factor");
        var totp = new Totp(Base32Encoding.ToBytes(Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", totp.ComputeTotp())]);

        Assert.Equal(HttpStatusCode.Redirect, (await other.Http.GetAsync("/my", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/my", Cancel)).StatusCode);
    }

    /// <summary>Issue #27 finding 10: Identity's lockout locked the whole account for 15 minutes after five wrong codes.</summary>
    [Fact]
    public async Task Five_wrong_second_factor_codes_are_throttled_for_the_guesser_but_never_lock_the_account()
    {
        var email = TestClient.NewEmail();
        var client = await _app.SignedInLearnerAsync(email: email);
        var totp = await client.EnableTwoFactorAsync();
        var guesser = _app.CreateTestClient();
        await guesser.LoginAsync(email, Password);
        for (var i = 0; i < 5; i++)
        {
            var guess = await guesser.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", $"00000{i}")]);
            Assert.Contains("That code is not right", await guess.Content.ReadAsStringAsync(Cancel));
        }

        var owner = _app.CreateTestClient();
        var first = await owner.LoginAsync(email, Password);
        Assert.StartsWith("/account/login/two-factor", first.Headers.Location?.OriginalString ?? $"(no redirect: {first.StatusCode})");
        var second = await owner.SubmitAsync(first.Headers.Location!.OriginalString, "/account/login/two-factor",
            [new("Code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)))]);
        Assert.Equal("/my", second.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex Key();

    [GeneratedRegex("<li>([A-Za-z0-9-]{8,})</li>")]
    private static partial Regex RecoveryCode();
}

/// <summary>The app with two-factor required for administrators and authors, as production runs it.</summary>
public sealed class StaffTwoFactorFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:RequireTwoFactorForStaff", "true");
    }
}

/// <summary>An administrator signed in with two factors stays so when the security stamp is checked again.</summary>
public sealed partial class StaffRevalidationTests(StaffStampEveryRequestFactory app) : IClassFixture<StaffStampEveryRequestFactory>
{
    [Fact]
    public async Task An_administrator_keeps_the_second_factor_across_revalidations()
    {
        const string password = "a long enough password";
        var cancel = TestContext.Current.CancellationToken;
        var email = await app.CreateUserAsync("Admin", password);
        var client = app.CreateTestClient();
        await client.LoginAsync(email, password);
        var page = await client.GetPageAsync("/account/settings/two-factor");
        var second = await client.Http.GetAsync("/account/settings/two-factor", cancel);
        Assert.True(second.StatusCode == HttpStatusCode.OK, $"again: {second.StatusCode} {second.Headers.Location}");
        var key = Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor", [new("Code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp())]);

        for (var i = 0; i < 4; i++)
        {
            var admin = await client.Http.GetAsync("/admin", cancel);
            Assert.True(admin.StatusCode == HttpStatusCode.OK, $"request {i}: {admin.StatusCode} {admin.Headers.Location}");
        }
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex Key();
}

public sealed class StaffStampEveryRequestFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:RequireTwoFactorForStaff", "true");
        builder.ConfigureServices(services =>
            Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.PostConfigure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(
                services, o => o.ValidationInterval = TimeSpan.Zero));
    }
}
