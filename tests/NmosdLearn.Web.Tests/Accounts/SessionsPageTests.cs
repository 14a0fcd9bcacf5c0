using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>A person sees where they are signed in and signs any session out (issue #27 finding 19: there was no such page).</summary>
[Collection(AppCollection.Name)]
public sealed partial class SessionsPageTests(AppFactory app)
{
    private const string Password = "a long enough password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<TestClient> SignedInWithAsync(string email, string userAgent, string address)
    {
        var client = app.CreateTestClient(address);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Password)).StatusCode);
        return client;
    }

    [Fact]
    public async Task The_sessions_page_lists_each_session_and_signs_out_one_or_every_other()
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);
        var laptop = await SignedInWithAsync(email, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "203.0.113.57");
        var phone = await SignedInWithAsync(email, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "198.51.100.23");
        var tablet = await SignedInWithAsync(email, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "192.0.2.9");

        var page = await laptop.GetPageAsync("/account/settings/sessions");

        Assert.Contains("Firefox, Windows", page);
        Assert.Contains("Safari, iOS", page);
        Assert.Contains("Chrome, Android", page);
        Assert.Contains("203.0.113.0/24", page);
        Assert.DoesNotContain("203.0.113.57", page);
        Assert.Contains("This browser", page);

        // Sign out the phone by its own button; another person cannot use the tablet's.
        var ended = await laptop.SubmitAsync("/account/settings/sessions", EndActionOf(page, "Safari, iOS"), []);
        var stranger = await app.SignedInLearnerAsync();
        var notTheirs = await stranger.SubmitAsync("/account/settings/sessions", EndActionOf(page, "Chrome, Android"), []);
        Assert.Equal("/account/settings/sessions?done=ended", ended.Headers.Location?.OriginalString);
        Assert.Equal("/account/settings/sessions?done=gone", notTheirs.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/my", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.Http.GetAsync("/my", Cancel)).StatusCode);

        var everywhere = await laptop.SubmitAsync("/account/settings/sessions", "/account/settings/sessions/end-others", []);
        Assert.Equal("/account/settings/sessions?done=others", everywhere.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.Http.GetAsync("/my", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/my", Cancel)).StatusCode);
        Assert.DoesNotContain("Chrome, Android", await laptop.GetPageAsync("/account/settings/sessions"));
    }

    /// <summary>The "sign out" form's address in the list item that names the device.</summary>
    private static string EndActionOf(string page, string device)
    {
        var start = page.IndexOf(device, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{device} is not listed");
        return EndForm().Match(page[start..page.IndexOf("</li>", start, StringComparison.Ordinal)]).Groups[1].Value;
    }

    [GeneratedRegex("action=\"(/account/settings/sessions/[0-9a-f]+/end)\"")]
    private static partial Regex EndForm();
}
