using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// An administrator's lock holds: no self-service path (reset, confirmation link) signs a locked account in or
/// unlocks it, the admin pages go on showing it, and only the right password is told why (issue #27 finding 2, #34 item 4).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccountLockTests(AppFactory app)
{
    private const string Password = "a long enough password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email, Cancel)).Id;
    }

    [Fact]
    public async Task A_locked_account_stays_locked_through_a_password_reset_and_its_confirmation_link()
    {
        var email = TestClient.NewEmail();
        var learner = app.CreateTestClient();
        var earlier = app.Mailbox.MessageIds(email);
        await learner.RegisterAsync(email);
        var confirmationLink = await app.Mailbox.LinkAsync(email, "/account/confirm", earlier);
        var id = await UserIdAsync(email);
        var admin = await app.SignedInAdminAsync();
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/lock", []);

        // The confirmation link confirms, but signs nobody in.
        var confirming = app.CreateTestClient();
        await confirming.Http.GetAsync(confirmationLink, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, (await confirming.Http.GetAsync("/my", Cancel)).StatusCode);

        // "Forgot password" changes the password, and nothing else.
        var beforeReset = app.Mailbox.MessageIds(email);
        await learner.SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        var resetLink = await app.Mailbox.LinkAsync(email, "/account/reset-password", beforeReset);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + resetLink).Query);
        var reset = await learner.SubmitAsync(resetLink, "/account/reset-password",
            [new("UserId", query["user"]!), new("Code", query["code"]!), new("NewPassword", "violet harbour engine ninety")]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var rightPassword = await learner.LoginAsync(email, "violet harbour engine ninety");
        var wrongPassword = await app.CreateTestClient().LoginAsync(email, "not the password at all 42");

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("This account is locked. Contact your course provider", await rightPassword.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain("locked", await wrongPassword.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await learner.Http.GetAsync("/my", Cancel)).StatusCode);
        var details = await admin.GetPageAsync($"/admin/users/{id}");
        Assert.Contains("Locked by an administrator on", details);
        Assert.Contains($"action=\"/admin/users/{id}/unlock\"", details);

        // The administrator's unlock, and only that, lets the person back in.
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/unlock", []);
        Assert.Equal("/my", (await app.CreateTestClient().LoginAsync(email, "violet harbour engine ninety")).Headers.Location?.OriginalString);
    }
}
