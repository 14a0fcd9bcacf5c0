using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Every email is written in the language of the person who receives it, not of whoever made it go.</summary>
[Collection(AppCollection.Name)]
public sealed class PreferredLanguageTests(AppFactory app)
{
    private const string Password = "a long enough password";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Registers and confirms an account from a browser whose interface is in the given language.</summary>
    private async Task<(TestClient Client, string Email)> RegisterInAsync(string language)
    {
        var client = app.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var email = TestClient.NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(email)).StatusCode);
        await client.ConfirmEmailAsync(app, email);
        return (client, email);
    }

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email, Cancel)).Id;
    }

    private static IEnumerable<KeyValuePair<string, string>> ResetFields(string link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        return [new("UserId", query["user"]!), new("Code", query["code"]!), new("NewPassword", password)];
    }

    [Fact]
    public async Task An_administrators_reset_is_in_the_recipients_language_says_an_administrator_sent_it_and_survives_a_role_change()
    {
        var (_, email) = await RegisterInAsync("zh-CN");
        var id = await UserIdAsync(email);
        var admin = await app.SignedInAdminAsync();
        var earlier = app.Mailbox.MessageIds(email);

        // The administrator works in English.
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/password-reset", []);
        var link = await app.Mailbox.LinkAsync(email, "/account/reset-password", earlier);
        var message = app.Mailbox.MessagesTo(email).Last(m => !earlier.Contains(m.MessageId ?? ""));
        Assert.Equal("重设您的 NmosdLearn 密码", message.Subject);
        Assert.Contains("NmosdLearn 的管理员", message.TextBody);
        Assert.DoesNotContain("也许是您", message.TextBody);
        Assert.DoesNotContain("perhaps you", message.TextBody);

        // Then the administrator makes the person an author and a reviewer: the link still sets a new password.
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/roles", [new("roles", "Author"), new("roles", "Reviewer")]);
        var person = app.CreateTestClient();
        var reset = await person.SubmitAsync(link, "/account/reset-password", ResetFields(link, "copper meadow lantern forty"));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().LoginAsync(email, "copper meadow lantern forty")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_sent_by_an_administrator_still_works_after_the_administrator_changes_the_roles_and_the_sessions_end()
    {
        var email = TestClient.NewEmail();
        var session = await app.SignedInLearnerAsync(email: email);
        var id = await UserIdAsync(email);
        var admin = await app.SignedInAdminAsync();
        var earlier = app.Mailbox.MessageIds(email);
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/password-reset", []);
        var link = await app.Mailbox.LinkAsync(email, "/account/reset-password", earlier);

        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/roles", [new("roles", "Reviewer")]);

        // The role change ends the person's sessions at once, as before...
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/my", Cancel)).StatusCode);
        // ...but not the pending link.
        var form = await app.CreateTestClient().Http.GetAsync(link, Cancel);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var reset = await app.CreateTestClient().SubmitAsync(link, "/account/reset-password", ResetFields(link, "granite willow harbour sixty"));
        Assert.Equal("/account/login?reset=True", reset.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_chosen_in_the_settings_is_the_language_of_the_email_whatever_the_language_of_the_request()
    {
        var (client, email) = await RegisterInAsync("en-GB");
        var settings = await client.GetPageAsync("/account/settings");
        Assert.Contains("name=\"PreferredLanguage\"", settings);

        var saved = await client.SubmitAsync("/account/settings", "/account/settings/language", [new("PreferredLanguage", "zh-CN")]);
        Assert.Equal("/account/settings?saved=language", saved.Headers.Location?.OriginalString);

        // Asked from an English browser, the reset arrives in Chinese with the ordinary wording.
        var earlier = app.Mailbox.MessageIds(email);
        await app.CreateTestClient().SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", email)]);
        await app.Mailbox.LinkAsync(email, "/account/reset-password", earlier);
        var reset = app.Mailbox.MessagesTo(email).Last(m => !earlier.Contains(m.MessageId ?? ""));
        Assert.Equal("重设您的 NmosdLearn 密码", reset.Subject);
        Assert.Contains("也许是您", reset.TextBody);

        // A language the platform does not offer is refused with a message, and nothing changes.
        var refused = await client.SubmitAsync("/account/settings", "/account/settings/language", [new("PreferredLanguage", "fr")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var scope = app.Services.CreateScope();
        var language = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Email == email).Select(u => EF.Property<string>(u, "PreferredLanguage")).SingleAsync(Cancel);
        Assert.Equal("zh-CN", language);
    }

    [Fact]
    public async Task An_account_registered_in_chinese_gets_its_security_notices_in_chinese_from_an_english_session()
    {
        var (client, email) = await RegisterInAsync("zh-CN");
        client.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var earlier = app.Mailbox.MessageIds(email);

        var changed = await client.SubmitAsync("/account/settings", "/account/settings/password",
            [new("CurrentPassword", Password), new("NewPassword", "amber pylon kestrel ninety")]);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        for (var i = 0; i < 50 && app.Mailbox.MessagesTo(email).All(m => earlier.Contains(m.MessageId ?? "")); i++)
        {
            await Task.Delay(100, Cancel);
        }

        var notice = app.Mailbox.MessagesTo(email).Last(m => !earlier.Contains(m.MessageId ?? ""));
        Assert.Equal("您的 NmosdLearn 密码已更改", notice.Subject);
    }
}
