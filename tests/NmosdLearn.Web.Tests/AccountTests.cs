using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class AccountTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/courses")]
    [InlineData("/courses/platform-tour")]
    [InlineData("/account/register")]
    [InlineData("/account/login")]
    public async Task Public_pages_answer_200(string path)
    {
        var response = await app.CreateTestClient().Http.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Registration_stores_the_certificate_fields_and_makes_a_clinician()
    {
        var client = app.CreateTestClient();
        var email = TestClient.NewEmail();

        var response = await client.RegisterAsync(email, "Zoë O'Brien-Ånström");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal("Zoë O'Brien-Ånström", user.FullName);
        Assert.Equal("MD", user.Profession);
        Assert.Equal("Neurology", user.Specialty);
        Assert.Equal("United Kingdom", user.Country);
        Assert.Null(user.LicenceNumber);
        Assert.Equal(["Clinician"], await users.GetRolesAsync(user));
    }

    [Fact]
    public async Task A_blank_registration_lists_one_error_per_field_as_the_fields_show_them()
    {
        var client = app.CreateTestClient();
        var page = await client.GetPageAsync("/account/register");

        var response = await client.SubmitAsync("/account/register", "/account/register",
            [new("FullName", ""), new("Email", ""), new("Password", ""), new("Profession", ""), new("Specialty", ""), new("Country", "")]);
        var links = System.Text.RegularExpressions.Regex.Matches(await response.Content.ReadAsStringAsync(Cancel), "<li><a href=\"#([^\"]+)\">")
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(page);
        Assert.Contains("Email", links);
        Assert.Equal(links.Distinct().Count(), links.Count);
    }

    [Fact]
    public async Task Registration_with_a_short_password_shows_the_problem_and_creates_nothing()
    {
        var client = app.CreateTestClient();
        var email = TestClient.NewEmail();

        var response = await client.RegisterAsync(email, password: "short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("There is a problem", html);
        Assert.Contains("Your password must be at least 8 characters", html);
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task A_password_needs_no_digits_capitals_or_symbols()
    {
        var response = await app.CreateTestClient().RegisterAsync(TestClient.NewEmail(), password: "plain lowercase words");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_registered_user_can_sign_in_and_a_wrong_password_is_refused()
    {
        var email = TestClient.NewEmail();
        await app.CreateTestClient().RegisterAsync(email, password: "correct horse battery");

        var wrong = await app.CreateTestClient().LoginAsync(email, "wrong password");
        var right = await app.CreateTestClient().LoginAsync(email, "correct horse battery");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The email address or password is not right", await wrong.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nmosdlearn.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clinician_gets_403_on_an_admin_page()
    {
        var client = await app.SignedInLearnerAsync();

        var response = await client.Http.GetAsync("/admin", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = await client.Http.GetAsync(response.Headers.Location, Cancel);

        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task The_configured_administrator_can_open_the_admin_page()
    {
        var client = app.CreateTestClient();
        await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.Http.GetAsync("/admin", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/courses/platform-tour/lessons/from-lesson-to-certificate")]
    [InlineData("/courses/platform-tour/post-test")]
    public async Task An_anonymous_user_is_sent_to_sign_in(string path)
    {
        var response = await app.CreateTestClient().Http.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/login")]
    [InlineData("/courses/platform-tour/lessons/from-lesson-to-certificate/complete")]
    [InlineData("/language")]
    public async Task A_post_without_an_antiforgery_token_is_rejected(string path)
    {
        // Signed in, so that the antiforgery check and not the sign-in check is what refuses the post.
        var client = await app.SignedInLearnerAsync();
        var content = new FormUrlEncodedContent([new("Email", TestClient.NewEmail()), new("Password", "a long enough password")]);

        var response = await client.Http.PostAsync(path, content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_to_a_page_that_takes_no_post_is_refused_as_such()
    {
        var client = await app.SignedInLearnerAsync();

        var response = await client.Http.PostAsync("/courses/platform-tour/post-test", new FormUrlEncodedContent([new("Email", "x")]), Cancel);

        // Before the error pages answered any method, the re-executed status page failed the antiforgery check: an empty 400.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task No_demo_accounts_exist_outside_development()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        Assert.Null(await users.FindByEmailAsync("clinician@demo.nmosdlearn.local"));
    }
}

[Collection(AppCollection.Name)]
public sealed class SecurityHeaderTests(AppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/courses/platform-tour")]
    [InlineData("/verify/not-a-real-code")]
    public async Task Every_page_allows_only_the_platforms_own_scripts_and_no_framing(string path)
    {
        var response = await app.CreateTestClient().Http.GetAsync(path, TestContext.Current.CancellationToken);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
