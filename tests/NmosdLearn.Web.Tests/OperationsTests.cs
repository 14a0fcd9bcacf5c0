using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Tests.Studio;

namespace NmosdLearn.Web.Tests;

/// <summary>What an operator relies on: health endpoints, and sign-in that survives a second instance or a moved folder.</summary>
public sealed class OperationsTests(StudioFactory app) : IClassFixture<StudioFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_answers_and_ready_says_the_database_answers_and_courses_are_loaded()
    {
        var client = app.CreateTestClient();

        var live = await client.Http.GetAsync("/health/live", Cancel);
        var ready = await client.Http.GetAsync("/health/ready", Cancel);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        Assert.Equal(["content", "database"], report["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Ready_says_so_when_no_course_is_loaded()
    {
        await using var empty = new EmptyContentFactory();

        var ready = await empty.CreateTestClient().Http.GetAsync("/health/ready", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("no course is loaded", await ready.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_a_second_instance_on_the_same_database()
    {
        AppFactory.RequirePostgres();
        var email = await app.CreateUserAsync("Clinician");
        var raw = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        raw.DefaultRequestHeaders.Add("X-Test-Client-Address", TestClient.NewAddress());
        var form = await raw.GetAsync("/account/login", Cancel);
        var antiforgery = Cookies(form);
        var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = "a long enough password",
                ["__RequestVerificationToken"] = TestClient.AntiforgeryTokenIn(await form.Content.ReadAsStringAsync(Cancel)),
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        var signedIn = await raw.SendAsync(login, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookies(signedIn);

        await using var second = new StudioFactory { SharedDatabase = app.DatabasePath };
        var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/my/certificates");
        request.Headers.Add("Cookie", session);
        var onSecond = await other.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        // What makes it hold beyond one machine's folder: the keys live in the database, under a fixed name.
        using var scope = app.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<NmosdLearn.Web.Data.AppDbContext>().DataProtectionKeys.Any());
        Assert.Equal("NmosdLearn", scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.DataProtection.DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private sealed class EmptyContentFactory : AppFactory
    {
        protected override string ContentFolder => Directory.CreateDirectory(Path.Combine(Folder, "empty-content")).FullName;
    }
}
