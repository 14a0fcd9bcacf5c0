using System.Net;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// Turning two-factor off and making new recovery codes need the password (or a code) given within the last five
/// minutes in this session (issue #27 finding 9: a session left open could do both without it).
/// </summary>
public sealed class ReauthenticationTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private const string Password = "a long enough password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_factor_off_and_new_recovery_codes_ask_for_the_password_again_after_five_minutes()
    {
        var client = await app.SignedInLearnerAsync();
        await client.EnableTwoFactorAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var codes = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor/recovery-codes", []);
        var off = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor/disable", []);

        Assert.Equal("/account/settings/confirm-it-is-you?returnUrl=%2Faccount%2Fsettings%2Ftwo-factor", codes.Headers.Location?.OriginalString);
        Assert.Equal("/account/settings/confirm-it-is-you?returnUrl=%2Faccount%2Fsettings%2Ftwo-factor", off.Headers.Location?.OriginalString);
        Assert.Contains("On", await client.GetPageAsync("/account/settings"));

        var wrong = await client.SubmitAsync(off.Headers.Location!.OriginalString, "/account/settings/confirm-it-is-you",
            [new("Secret", "not my password at all"), new("ReturnUrl", "/account/settings/two-factor")]);
        var confirmed = await client.SubmitAsync(off.Headers.Location!.OriginalString, "/account/settings/confirm-it-is-you",
            [new("Secret", Password), new("ReturnUrl", "/account/settings/two-factor")]);
        var offNow = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor/disable", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal("/account/settings/two-factor", confirmed.Headers.Location?.OriginalString);
        Assert.Equal("/account/settings?saved=two-factor-off", offNow.Headers.Location?.OriginalString);
    }
}
