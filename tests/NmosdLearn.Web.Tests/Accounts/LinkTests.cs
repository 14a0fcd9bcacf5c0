using System.Net;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// The email-confirmation link proves the address only: it works once, for a day, never signs in, and never
/// replaces the session of whoever opens it (issue #27 finding 3: it was a reusable three-day sign-in link).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConfirmationLinkTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_confirmation_link_confirms_once_never_signs_in_and_leaves_another_persons_session_alone()
    {
        var email = TestClient.NewEmail();
        await app.CreateTestClient().RegisterAsync(email, "Owner Of The Link");
        var link = await app.Mailbox.LinkAsync(email, "/account/confirm");
        var someoneElse = await app.SignedInLearnerAsync("Someone Else");

        var openedWhileSignedIn = await someoneElse.Http.GetAsync(link, Cancel);
        var stranger = app.CreateTestClient();
        var openedAgain = await stranger.Http.GetAsync(link, Cancel);

        Assert.Equal(HttpStatusCode.OK, openedWhileSignedIn.StatusCode);
        var settings = await someoneElse.GetPageAsync("/account/settings");
        Assert.Contains("Someone Else", settings);
        Assert.DoesNotContain("Owner Of The Link", settings);
        Assert.Equal(HttpStatusCode.BadRequest, openedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.Http.GetAsync("/my", Cancel)).StatusCode);
        // Confirmed all the same: the owner signs in and finds the address confirmed.
        var owner = app.CreateTestClient();
        await owner.LoginAsync(email, "a long enough password");
        Assert.Contains("(confirmed)", await owner.GetPageAsync("/account/settings"));
    }
}

/// <summary>A confirmation link lasts a day by the platform's clock.</summary>
public sealed class ConfirmationLinkExpiryTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    [Fact]
    public async Task A_confirmation_link_older_than_a_day_is_refused()
    {
        var email = TestClient.NewEmail();
        await app.CreateTestClient().RegisterAsync(email);
        var link = await app.Mailbox.LinkAsync(email, "/account/confirm");

        app.Clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateTestClient().Http.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
    }
}
