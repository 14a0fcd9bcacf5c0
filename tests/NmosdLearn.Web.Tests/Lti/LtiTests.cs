using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Lti;

/// <summary>
/// An LMS inside the tests: it signs launches with its own RSA key, serves its key set and a token endpoint, and
/// receives scores. The app reaches it through its "lti" HTTP client.
/// </summary>
public sealed class FakeLtiPlatform : HttpMessageHandler
{
    public const string Issuer = "https://lms.example.test";
    public const string ClientId = "nmosdlearn-tool";
    public const string Deployment = "deployment-1";
    public const string LineItem = "https://lms.example.test/api/lineitems/7?course=42";

    public RSA Key { get; } = RSA.Create(2048);

    public string KeyId { get; } = "platform-key-1";

    public ConcurrentQueue<(string Url, string? Authorization, JsonObject Body)> Scores { get; } = new();

    public ConcurrentQueue<string> TokenRequests { get; } = new();

    /// <summary>Answers the token endpoint with this status: a platform that is down, then up again.</summary>
    public HttpStatusCode ScoreStatus { get; set; } = HttpStatusCode.OK;

    public string IdToken(JsonObject claims, RSA? signingKey = null, string? keyId = null)
    {
        var key = new RsaSecurityKey(signingKey ?? Key) { KeyId = keyId ?? KeyId };
        return new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The claims of a resource-link launch for <paramref name="subject"/> into <paramref name="courseId"/>, with a line item for scores.</summary>
    public static JsonObject LaunchClaims(string nonce, string subject, string courseId, string audience = ClientId, DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = subject, ["nonce"] = nonce,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = (expires ?? now.AddMinutes(5)).ToUnixTimeSeconds(),
            ["name"] = "Chen Jing 陈静", ["email"] = $"{subject}@lms.example.test",
            ["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiResourceLinkRequest",
            ["https://purl.imsglobal.org/spec/lti/claim/version"] = "1.3.0",
            ["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = Deployment,
            ["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"] = "https://learn.example.org/lti/launch",
            ["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = new JsonObject { ["id"] = "link-1" },
            ["https://purl.imsglobal.org/spec/lti/claim/roles"] = new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
            ["https://purl.imsglobal.org/spec/lti/claim/custom"] = new JsonObject { ["course"] = courseId },
            ["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = new JsonObject
            {
                ["scope"] = new JsonArray("https://purl.imsglobal.org/spec/lti-ags/scope/score"), ["lineitem"] = LineItem,
            },
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/jwks")
        {
            var parameters = Key.ExportParameters(false);
            var jwks = new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["kid"] = KeyId, ["alg"] = "RS256", ["use"] = "sig",
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }),
            };
            return Json(jwks);
        }

        if (path == "/token")
        {
            TokenRequests.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
            return Json(new JsonObject { ["access_token"] = "platform-access-token", ["token_type"] = "Bearer", ["expires_in"] = 3600 });
        }

        if (path.EndsWith("/scores", StringComparison.Ordinal))
        {
            if (ScoreStatus != HttpStatusCode.OK)
            {
                return new HttpResponseMessage(ScoreStatus);
            }

            Scores.Enqueue((request.RequestUri.ToString(), request.Headers.Authorization?.ToString(),
                JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject()));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(JsonObject body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

public sealed class LtiFactory : AppFactory
{
    public FakeLtiPlatform Platform { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Lti:ScoreCheckSeconds", "1");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(NmosdLearn.Web.Features.Lti.LtiLaunches.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Platform));
    }
}

public sealed partial class LtiTests : IClassFixture<LtiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly LtiFactory _app;

    public LtiTests(LtiFactory app)
    {
        _app = app;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.LtiPlatforms.Any())
        {
            db.LtiPlatforms.Add(new LtiPlatform
            {
                Name = "Test LMS", Issuer = FakeLtiPlatform.Issuer, ClientId = FakeLtiPlatform.ClientId, AuthenticationUrl = FakeLtiPlatform.Issuer + "/auth",
                TokenUrl = FakeLtiPlatform.Issuer + "/token", KeySetUrl = FakeLtiPlatform.Issuer + "/jwks", DeploymentIds = FakeLtiPlatform.Deployment,
            });
            db.SaveChanges();
        }
    }

    /// <summary>The platform's side of a login: the tool's redirect names the state and nonce to answer with.</summary>
    internal static async Task<(string State, string Nonce)> LoginAsync(TestClient browser)
    {
        var login = await browser.Http.GetAsync($"/lti/login?iss={Uri.EscapeDataString(FakeLtiPlatform.Issuer)}&login_hint=hint-1&client_id={FakeLtiPlatform.ClientId}", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!;
        Assert.StartsWith(FakeLtiPlatform.Issuer + "/auth?", location.ToString());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("id_token", query["response_type"].ToString());
        Assert.Equal("form_post", query["response_mode"].ToString());
        return (query["state"].ToString(), query["nonce"].ToString());
    }

    internal static Task<HttpResponseMessage> PostLaunchAsync(TestClient browser, string idToken, string state) =>
        browser.Http.PostAsync("/lti/launch", new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = state }), Cancel);

    [Fact]
    public async Task A_launch_creates_the_learner_signs_them_in_through_a_first_party_window_and_opens_the_course()
    {
        var browser = _app.CreateTestClient();
        var (state, nonce) = await LoginAsync(browser);
        var subject = "lms-user-" + Guid.NewGuid().ToString("N")[..8];

        var launch = await PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce, subject, "test-course")), state);
        var page = await launch.Content.ReadAsStringAsync(Cancel);
        var continueUrl = ContinueLink().Match(page).Groups[1].Value;
        var opened = await browser.Http.GetAsync(continueUrl, Cancel);
        var again = await browser.Http.GetAsync(continueUrl, Cancel);

        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        Assert.Contains("frame-ancestors https://lms.example.test", launch.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("target=\"_blank\"", page);
        Assert.Equal("/courses/test-course", opened.Headers.Location?.OriginalString);
        Assert.Contains("Chen Jing 陈静", await browser.GetPageAsync("/account/settings"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Launches_with_a_bad_signature_a_reused_nonce_a_wrong_audience_or_an_expired_token_are_refused_with_a_clear_page()
    {
        var browser = _app.CreateTestClient();
        using var impostor = RSA.Create(2048);

        var (state1, nonce1) = await LoginAsync(browser);
        var forged = await PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce1, "u-forged", "test-course"), impostor), state1);

        var (state2, nonce2) = await LoginAsync(browser);
        var token2 = _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce2, "u-replay", "test-course"));
        await PostLaunchAsync(browser, token2, state2);
        var replayed = await PostLaunchAsync(browser, token2, state2);
        var (state3, _) = await LoginAsync(browser);
        var oldNonce = await PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce2, "u-replay", "test-course")), state3);

        var (state4, nonce4) = await LoginAsync(browser);
        var wrongAudience = await PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce4, "u-aud", "test-course", audience: "another-tool")), state4);

        var (state5, nonce5) = await LoginAsync(browser);
        var expired = await PostLaunchAsync(browser,
            _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce5, "u-exp", "test-course", expires: DateTimeOffset.UtcNow.AddMinutes(-10))), state5);

        await AssertRefusedAsync(forged, "signature does not match");
        await AssertRefusedAsync(replayed, "used already");
        await AssertRefusedAsync(oldNonce, "nonce");
        await AssertRefusedAsync(wrongAudience, "meant for another tool");
        await AssertRefusedAsync(expired, "expired");
    }

    [Fact]
    public async Task A_passed_post_test_and_the_certificate_send_scores_the_platform_receives_even_after_it_was_down()
    {
        var browser = _app.CreateTestClient();
        var (state, nonce) = await LoginAsync(browser);
        var subject = "lms-score-" + Guid.NewGuid().ToString("N")[..8];
        var launch = await PostLaunchAsync(browser, _app.Platform.IdToken(FakeLtiPlatform.LaunchClaims(nonce, subject, "test-course")), state);
        await browser.Http.GetAsync(ContinueLink().Match(await launch.Content.ReadAsStringAsync(Cancel)).Groups[1].Value, Cancel);

        _app.Platform.ScoreStatus = HttpStatusCode.ServiceUnavailable;
        await browser.WalkTestCourseToPostTestAsync();
        await browser.TakeTestAsync("test-course", [("post-one", "a"), ("post-two", "a"), ("post-two", "c"), ("post-three", "a"), ("post-four", "c")]);
        await Task.Delay(1500, Cancel);
        Assert.DoesNotContain(_app.Platform.Scores, s => s.Body["userId"]!.GetValue<string>() == subject);
        _app.Platform.ScoreStatus = HttpStatusCode.OK;
        await _app.Services.GetRequiredService<NmosdLearn.Web.Features.Lti.LtiScoreSender>().SendDueAsync(Cancel);
        using (var scope = _app.Services.CreateScope())
        {
            // The first failure asked for a wait: make it due now rather than wait 20 seconds in a test.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var score in db.LtiScores.Where(s => s.SentAt == null))
            {
                score.NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            }

            await db.SaveChangesAsync(Cancel);
        }

        var received = await WaitForScoreAsync(subject);

        Assert.Equal(100, received.Body["scoreGiven"]!.GetValue<double>());
        Assert.Equal(100, received.Body["scoreMaximum"]!.GetValue<double>());
        Assert.Equal("FullyGraded", received.Body["gradingProgress"]!.GetValue<string>());
        Assert.Equal("https://lms.example.test/api/lineitems/7/scores?course=42", received.Url);
        Assert.Equal("Bearer platform-access-token", received.Authorization);
        // The token request was authenticated with an assertion signed by the tool's published key.
        var assertion = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(_app.Platform.TokenRequests.Last())["client_assertion"].ToString();
        var jwks = await _app.CreateTestClient().GetPageAsync(CredentialSigner.JwksPath);
        var valid = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(), ValidIssuer = FakeLtiPlatform.ClientId, ValidAudience = FakeLtiPlatform.Issuer + "/token",
        });
        Assert.True(valid.IsValid, valid.Exception?.Message);
    }

    [Fact]
    public async Task A_deep_linking_request_from_an_instructor_returns_a_signed_response_naming_the_chosen_course()
    {
        var browser = _app.CreateTestClient();
        var (state, nonce) = await LoginAsync(browser);
        var claims = FakeLtiPlatform.LaunchClaims(nonce, "instructor-1", "unused");
        claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiDeepLinkingRequest";
        claims["https://purl.imsglobal.org/spec/lti/claim/roles"] = new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
        claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = new JsonObject
        {
            ["deep_link_return_url"] = "https://lms.example.test/deep-link/return", ["accept_types"] = new JsonArray("ltiResourceLink"), ["data"] = "opaque-42",
        };

        var picker = await (await PostLaunchAsync(browser, _app.Platform.IdToken(claims), state)).Content.ReadAsStringAsync(Cancel);
        var request = WebUtility.HtmlDecode(Regex.Match(picker, "name=\"request\" value=\"([^\"]+)\"").Groups[1].Value);
        var chosen = await browser.Http.PostAsync("/lti/deep-link",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = request, ["courseId"] = "platform-tour" }), Cancel);
        var page = await chosen.Content.ReadAsStringAsync(Cancel);
        var jwt = Regex.Match(page, "name=\"JWT\" value=\"([^\"]+)\"").Groups[1].Value;
        var jwks = await _app.CreateTestClient().GetPageAsync(CredentialSigner.JwksPath);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(), ValidIssuer = FakeLtiPlatform.ClientId, ValidAudience = FakeLtiPlatform.Issuer,
        });

        Assert.Contains("action=\"https://lms.example.test/deep-link/return\"", page);
        Assert.Contains("form-action 'self' https://lms.example.test", chosen.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(result.IsValid, result.Exception?.Message);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]))!;
        Assert.Equal("LtiDeepLinkingResponse", payload["https://purl.imsglobal.org/spec/lti/claim/message_type"]!.GetValue<string>());
        Assert.Equal(FakeLtiPlatform.Deployment, payload["https://purl.imsglobal.org/spec/lti/claim/deployment_id"]!.GetValue<string>());
        Assert.Equal("opaque-42", payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"]!.GetValue<string>());
        var item = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]![0]!;
        Assert.Equal("ltiResourceLink", item["type"]!.GetValue<string>());
        Assert.Equal("platform-tour", item["custom"]!["course"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_learner_cannot_use_deep_linking()
    {
        var browser = _app.CreateTestClient();
        var (state, nonce) = await LoginAsync(browser);
        var claims = FakeLtiPlatform.LaunchClaims(nonce, "learner-dl", "unused");
        claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiDeepLinkingRequest";

        await AssertRefusedAsync(await PostLaunchAsync(browser, _app.Platform.IdToken(claims), state), "Only an instructor");
    }

    /// <summary>A learner launched from the LMS and signed in through the first-party window.</summary>
    private async Task<TestClient> LaunchedLearnerAsync(string subject, string? email, string courseId = "test-course", Action<JsonObject>? adjust = null)
    {
        var browser = _app.CreateTestClient();
        var (state, nonce) = await LoginAsync(browser);
        var claims = FakeLtiPlatform.LaunchClaims(nonce, subject, courseId);
        claims["email"] = email;
        adjust?.Invoke(claims);
        var launch = await PostLaunchAsync(browser, _app.Platform.IdToken(claims), state);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        var opened = await browser.Http.GetAsync(ContinueLink().Match(await launch.Content.ReadAsStringAsync(Cancel)).Groups[1].Value, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return browser;
    }

    private AppUser LinkedUser(string subject)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = db.LtiUserLinks.Single(l => l.Subject == subject).UserId;
        return db.Users.AsNoTracking().Single(u => u.Id == userId);
    }

    [Fact]
    public async Task A_launch_never_takes_the_LMS_email_so_its_real_owner_registers_and_resets_into_an_account_of_their_own()
    {
        var subject = "lms-claim-" + Guid.NewGuid().ToString("N")[..8];
        var email = TestClient.NewEmail();
        await LaunchedLearnerAsync(subject, email);
        var lmsAccount = LinkedUser(subject);

        // The real owner of the address registers and resets the password: both reach an account of their own.
        var owner = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.RegisterAsync(email, "Address Owner")).StatusCode);
        await owner.ConfirmEmailAsync(_app, email);
        var earlier = _app.Mailbox.MessageIds(email);
        await _app.CreateTestClient().SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        var resetLink = await _app.Mailbox.LinkAsync(email, "/account/reset-password", earlier);

        Assert.NotEqual(email, lmsAccount.Email, StringComparer.OrdinalIgnoreCase);
        Assert.False(lmsAccount.EmailConfirmed);
        Assert.EndsWith(".invalid", lmsAccount.Email);
        using var scope = _app.Services.CreateScope();
        var ownerAccount = scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().Single(u => u.Email == email);
        Assert.NotEqual(lmsAccount.Id, ownerAccount.Id);
        Assert.Contains(Uri.EscapeDataString(ownerAccount.Id), resetLink);
        Assert.DoesNotContain(Uri.EscapeDataString(lmsAccount.Id), resetLink);
    }

    [Fact]
    public async Task A_launch_with_an_email_an_account_here_uses_or_with_none_creates_its_own_account_and_no_link()
    {
        var taken = TestClient.NewEmail();
        var existing = await _app.SignedInLearnerAsync("Existing Learner", email: taken);
        var withTaken = "lms-taken-" + Guid.NewGuid().ToString("N")[..8];
        var withNone = "lms-none-" + Guid.NewGuid().ToString("N")[..8];

        var launched = await LaunchedLearnerAsync(withTaken, taken);
        await LaunchedLearnerAsync(withNone, null);

        Assert.Contains("Chen Jing 陈静", await launched.GetPageAsync("/account/settings"));
        Assert.DoesNotContain("Chen Jing 陈静", await existing.GetPageAsync("/account/settings"));
        Assert.NotEqual(taken, LinkedUser(withTaken).Email, StringComparer.OrdinalIgnoreCase);
        Assert.NotNull(LinkedUser(withNone).Email);
    }

    [Fact]
    public async Task An_account_a_launch_creates_takes_the_launch_locale_as_its_email_language_when_the_platform_offers_it()
    {
        const string presentation = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation";
        var chinese = "lms-zh-" + Guid.NewGuid().ToString("N")[..8];
        var french = "lms-fr-" + Guid.NewGuid().ToString("N")[..8];
        var odd = "lms-odd-" + Guid.NewGuid().ToString("N")[..8];

        await LaunchedLearnerAsync(chinese, null, adjust: claims => claims[presentation] = new JsonObject { ["locale"] = "zh_CN" });
        await LaunchedLearnerAsync(french, null, adjust: claims => claims[presentation] = new JsonObject { ["locale"] = "fr-FR" });
        await LaunchedLearnerAsync(odd, null, adjust: claims => claims[presentation] = "not an object");

        Assert.Equal("zh-CN", LinkedUser(chinese).PreferredLanguage);
        // None of ours: the default (English) for every email.
        Assert.Null(LinkedUser(french).PreferredLanguage);
        Assert.Null(LinkedUser(odd).PreferredLanguage);
    }

    [Fact]
    public async Task A_learner_from_the_LMS_gets_a_certificate_without_a_confirmed_address_because_the_LMS_vouches_for_them()
    {
        var subject = "lms-cert-" + Guid.NewGuid().ToString("N")[..8];
        var learner = await LaunchedLearnerAsync(subject, TestClient.NewEmail(), "platform-tour");

        var certificate = await learner.EarnCertificateAsync();

        Assert.False(LinkedUser(subject).EmailConfirmed);
        Assert.Contains("Chen Jing 陈静", await _app.CreateTestClient().GetPageAsync($"/verify/{certificate.Code}"));
    }

    private static string LoginUrl => $"/lti/login?iss={Uri.EscapeDataString(FakeLtiPlatform.Issuer)}&login_hint=hint-1&client_id={FakeLtiPlatform.ClientId}";

    [Fact]
    public async Task Logins_are_limited_per_client_network_and_an_IPv6_64_counts_as_one_client()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40; i++)
        {
            var response = await _app.CreateTestClient($"{prefix}:{i + 1:x}::1").Http.GetAsync(LoginUrl, Cancel);
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused!.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateTestClient().Http.GetAsync(LoginUrl, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Expired_logins_are_deleted_and_too_many_pending_logins_are_refused()
    {
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var platform = db.LtiPlatforms.Single(p => p.Issuer == FakeLtiPlatform.Issuer).Id;
            for (var i = 0; i < 50; i++)
            {
                db.LtiLogins.Add(new LtiLogin { State = $"old-{Guid.NewGuid():N}", Nonce = Guid.NewGuid().ToString("N"), PlatformId = platform, CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-11) });
            }

            await db.SaveChangesAsync(Cancel);
        }

        await LoginAsync(_app.CreateTestClient());
        int pending;
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.DoesNotContain(db.LtiLogins.AsEnumerable(), l => l.State.StartsWith("old-", StringComparison.Ordinal));
            pending = db.LtiLogins.Count();
        }

        // A host with room for two more pending logins: the third is refused with a page that says why.
        await using var small = _app.WithWebHostBuilder(builder => builder.UseSetting("Lti:Login:MaxPending", (pending + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? busy = null;
        for (var i = 0; i < 3; i++)
        {
            var client = small.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("X-Test-Client-Address", TestClient.NewAddress());
            var response = await client.GetAsync(LoginUrl, Cancel);
            statuses.Add(response.StatusCode);
            busy ??= response.StatusCode == HttpStatusCode.ServiceUnavailable ? response : null;
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.Contains("Too many launches are waiting", WebUtility.HtmlDecode(await busy!.Content.ReadAsStringAsync(Cancel)));
    }

    private async Task<(string Url, string? Authorization, JsonObject Body)> WaitForScoreAsync(string subject)
    {
        for (var i = 0; i < 50; i++)
        {
            var found = _app.Platform.Scores.FirstOrDefault(s => s.Body["userId"]!.GetValue<string>() == subject);
            if (found.Body is not null)
            {
                return found;
            }

            await Task.Delay(200, Cancel);
        }

        throw new Xunit.Sdk.XunitException($"the platform received no score for {subject}");
    }

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("The launch was refused", page);
        Assert.Contains(reason, page);
    }

    [GeneratedRegex("href=\"(/lti/continue/[^\"]+)\"")]
    internal static partial Regex ContinueLink();
}
