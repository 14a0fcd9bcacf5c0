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
        Assert.Equal("/my", signIn.Headers.Location!.OriginalString);
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
    public async Task Addresses_of_one_IPv6_64_share_one_limit_and_an_IPv4_mapped_address_counts_as_its_IPv4_address()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var fromOne64 = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            // Each attempt from a fresh address of the same /64, as one subscriber's network allows.
            fromOne64.Add((await app.CreateTestClient($"{prefix}:{i + 1:x}:{Random.Shared.Next(1, 0xffff):x}::1").LoginAsync(TestClient.NewEmail(), "password guess")).StatusCode);
        }

        var ipv4 = $"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        var mixed = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            mixed.Add((await app.CreateTestClient(i % 2 == 0 ? ipv4 : "::ffff:" + ipv4).LoginAsync(TestClient.NewEmail(), "password guess")).StatusCode);
        }

        Assert.Equal(10, fromOne64.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, fromOne64.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(10, mixed.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, mixed.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void The_rate_limit_key_is_the_IPv4_address_or_the_IPv6_64(string? address, string key) =>
        Assert.Equal(key, NmosdLearn.Web.Features.Shared.RateLimitKey.For(address));

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
