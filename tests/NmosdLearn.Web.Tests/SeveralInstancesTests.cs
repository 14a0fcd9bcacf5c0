using System.Net;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Tests.Studio;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>Two instances on one PostgreSQL database, as behind a load balancer; the tests of SQLite's refusal are in DatabaseSetupTests.</summary>
public sealed class SeveralInstancesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An instance that checks sessions every second (production: every minute), so the test need not wait a minute.</summary>
    private sealed class Instance : StudioFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Accounts:Sessions:CheckSeconds", "1");
        }
    }

    [Fact]
    public async Task A_clinician_signs_in_on_one_instance_finishes_on_the_other_and_a_sign_out_reaches_both()
    {
        AppFactory.RequirePostgres();
        await using var first = new Instance();
        await using var second = new Instance { SharedDatabase = first.DatabasePath };
        var cookies = new CookieContainer();
        var address = TestClient.NewAddress();
        var onFirst = first.CreateTestClient(cookies, address);
        var onSecond = second.CreateTestClient(cookies, address);

        // Registered and signed in on the first; the lesson on the first; the post-test, evaluation and claim on the second.
        var email = TestClient.NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.RegisterAsync(email)).StatusCode);
        await onFirst.ConfirmEmailAsync(first, email);
        await onFirst.AcknowledgeAsync(Tour);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.CompleteLessonAsync(Tour, TourLesson)).StatusCode);
        await onSecond.TakeTestAsync(Tour, TourCorrectAnswers);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.EvaluateAsync(Tour, 2)).StatusCode);
        var claim = await onSecond.ClaimAsync(Tour, "0.25");
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        var confirmation = await onSecond.GetPageAsync(claim.Headers.Location!.OriginalString);
        var certificate = CertificateLink().Match(confirmation).Value;
        var pdf = await onSecond.GetBytesAsync(certificate);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal(pdf.Length, (await onFirst.GetBytesAsync(certificate)).Length);

        // A copy of the cookie taken before the sign-out on the first instance.
        var copied = cookies.GetCookieHeader(new Uri("http://localhost"));
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SubmitAsync("/my", "/account/logout", [])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(first, copied)).StatusCode);
        var refused = false;
        for (var i = 0; i < 30 && !refused; i++)
        {
            refused = (await WithCookieAsync(second, copied)).StatusCode == HttpStatusCode.Redirect;
            if (!refused)
            {
                await Task.Delay(200, Cancel);
            }
        }

        Assert.True(refused, "the second instance still accepts a cookie signed out on the first");
    }

    [Fact]
    public async Task Two_instances_started_at_the_same_moment_on_a_new_database_both_start_with_one_set_of_tables_roles_and_administrator()
    {
        AppFactory.RequirePostgres();
        await using var first = new Instance();
        await using var second = new Instance { SharedDatabase = first.DatabasePath };

        // Both migrate and seed the empty database at once (EF Core's migration lock; the seeder looks again after a collision).
        await Task.WhenAll(Task.Run(() => first.Services, Cancel), Task.Run(() => second.Services, Cancel));

        var counts = await first.QueryAsync(async db => (
            Roles: await db.Roles.CountAsync(Cancel),
            Admins: await db.Users.CountAsync(u => u.Email == AppFactory.AdminEmail, Cancel)));
        Assert.Equal((NmosdLearn.Web.Features.Account.Roles.All.Count, 1), counts);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateTestClient().Http.GetAsync("/health/ready", Cancel)).StatusCode);
    }

    private static async Task<HttpResponseMessage> WithCookieAsync(AppFactory app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/my/certificates");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Cancel);
    }
}
