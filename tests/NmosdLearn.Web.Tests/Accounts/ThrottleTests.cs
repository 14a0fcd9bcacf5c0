using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Guessing is slowed per address and per account, and never keeps the real user out.</summary>
[Collection(AppCollection.Name)]
public sealed class ThrottleTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_wrong_passwords_from_one_address_get_429_and_the_real_user_still_signs_in()
    {
        // The default limits, as production runs them.
        await using var defaults = app.WithWebHostBuilder(builder => builder.UseSetting("Accounts:Limits:SignIn:PerAccount", "20"));
        var email = TestClient.NewEmail();
        var owner = new TestClient(defaults.CreateClient(new() { AllowAutoRedirect = false }));
        owner.Http.DefaultRequestHeaders.Add("X-Test-Client-Address", TestClient.NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, (await owner.RegisterAsync(email)).StatusCode);

        var attacker = TestClient.NewAddress();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 30; i++)
        {
            var client = new TestClient(defaults.CreateClient(new() { AllowAutoRedirect = false }));
            client.Http.DefaultRequestHeaders.Add("X-Test-Client-Address", attacker);
            var response = await client.LoginAsync(email, $"wrong guess number {i}");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        var real = new TestClient(defaults.CreateClient(new() { AllowAutoRedirect = false }));
        real.Http.DefaultRequestHeaders.Add("X-Test-Client-Address", TestClient.NewAddress());
        var signIn = await real.LoginAsync(email, "a long enough password");

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused!.Headers.RetryAfter);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/courses", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_spray_over_many_accounts_from_one_address_is_cut_off()
    {
        var attacker = TestClient.NewAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add((await app.CreateTestClient(attacker).LoginAsync(TestClient.NewEmail(), "password guess")).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer()
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);

        var known = await (await app.CreateTestClient().LoginAsync(email, "not the password at all")).Content.ReadAsStringAsync(Cancel);
        var unknown = await (await app.CreateTestClient().LoginAsync(TestClient.NewEmail(), "not the password at all")).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(ErrorSummary(known), ErrorSummary(unknown));
        Assert.Contains("The email address or password is not right", known);
    }

    private static string ErrorSummary(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<div[^>]*error-summary[\\s\\S]*?</div>").Value;
}
