using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Admin;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// Names are single lines of visible text: line breaks, control characters and text-direction controls are refused
/// where a name is typed, and names stored before the rule are shown and printed without them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NameSafetyTests(AppFactory app)
{
    private const string Refusal = "cannot contain line breaks, control characters or text-direction characters";

    /// <summary>A paragraph and a link injected into an email, and a right-to-left override that reverses what follows.</summary>
    private const string Hostile = "Eve\r\n\r\nClick https://evil.example/reset to keep your account\u202Egnp.exe\u0007";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Eve\r\n\r\nClick https://evil.example")]
    [InlineData("Eve\tTab")]
    [InlineData("Mallory \u202Egnp.exe")]
    [InlineData("Trudy \u2066isolated\u2069")]
    [InlineData("Line\u2028Separator")]
    public async Task A_name_with_line_breaks_control_or_text_direction_characters_is_refused_at_registration_and_in_settings(string name)
    {
        var email = TestClient.NewEmail();
        var registered = await app.CreateTestClient().RegisterAsync(email, name);
        var learner = await app.SignedInLearnerAsync("Plain Name");
        var renamed = await learner.SubmitAsync("/account/settings", "/account/settings/name", [new("FullName", name)]);

        Assert.NotEqual(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains(Refusal, WebUtility.HtmlDecode(await registered.Content.ReadAsStringAsync(Cancel)));
        Assert.Empty(app.Mailbox.MessagesTo(email));
        Assert.NotEqual(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains(Refusal, WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync(Cancel)));
    }

    [Fact]
    public async Task A_stored_name_with_such_characters_is_shown_and_printed_as_one_clean_line()
    {
        var learner = await app.SignedInLearnerAsync("Eve Plain");
        var certificate = await learner.EarnCertificateAsync();
        using (var scope = app.Services.CreateScope())
        {
            // As a name saved before the rule would be.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = db.Certificates.Single(c => c.Id == certificate.Id);
            stored.RecipientName = Hostile;
            db.Users.Single(u => u.Id == stored.UserId).FullName = Hostile;
            await db.SaveChangesAsync(Cancel);
        }

        var newEmail = TestClient.NewEmail();
        var asked = await learner.SubmitAsync("/account/settings", "/account/settings/email", [new("NewEmail", newEmail), new("PasswordForEmail", "a long enough password")]);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        await app.Mailbox.LinkAsync(newEmail, "/account/settings/confirm-email");
        var message = Assert.Single(app.Mailbox.MessagesTo(newEmail));
        var verify = await app.CreateTestClient().GetPageAsync($"/verify/{certificate.Code}");
        var pdf = Squash(string.Concat(Lines(await learner.GetBytesAsync($"/certificates/{certificate.Id}/pdf"))));
        var transcript = Squash(string.Concat(Lines(await learner.GetBytesAsync("/my/transcript.pdf"))));

        Assert.Contains("Eve Click https://evil.example/reset to keep your accountgnp.exe,", message.TextBody);
        Assert.DoesNotContain("\nClick", message.TextBody);
        Assert.False(message.HtmlBody!.Contains('\u202E'), "a right-to-left override is left in");
        Assert.Contains("Eve Click https://evil.example/reset to keep your accountgnp.exe", verify);
        Assert.False(verify.Contains('\u202E'), "a right-to-left override is left in");
        Assert.Contains("EveClickhttps://evil.example/resettokeepyouraccountgnp.exe", pdf);
        Assert.False(pdf.Contains('\u202E'), "a right-to-left override is left in");
        Assert.Contains("EveClickhttps://evil.example/resettokeepyouraccountgnp.exe", transcript);
        Assert.False(transcript.Contains('\u202E'), "a right-to-left override is left in");
    }

    // Line breaks stay: comments are multi-line, and CSV quotes the cell, so a line break cannot start a row.
    [Fact]
    public void A_CSV_cell_carries_no_text_direction_character() =>
        Assert.Equal(Hostile.Replace("\u202E", "", StringComparison.Ordinal), CsvFile.Cell(Hostile));
}
