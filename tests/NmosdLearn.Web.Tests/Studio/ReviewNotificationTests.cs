using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>Review requests and decisions reach the people who act next, by email and on the studio index.</summary>
public sealed partial class ReviewNotificationTests(StudioFactory app) : IClassFixture<StudioFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewId() => $"notify-{Guid.NewGuid():N}"[..20];

    /// <summary>Signs in a new account with the role, whose interface (and so whose preferred language) is the given one.</summary>
    private async Task<(TestClient Client, string Email)> StaffInAsync(string role, string language)
    {
        var (client, email) = await app.StaffWithEmailAsync(role);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (language != "en")
        {
            var saved = await client.SubmitAsync("/account/settings", "/account/settings/language", [new("PreferredLanguage", language)]);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        return (client, email);
    }

    private static Task CreateCourseAsync(TestClient author, string id) => TemplateDrafts.CreateReadyForReviewAsync(author, id, "Notified course");

    private async Task<MimeKit.MimeMessage> NextMessageAsync(string email, IReadOnlySet<string> earlier)
    {
        for (var i = 0; i < 50; i++)
        {
            if (app.Mailbox.MessagesTo(email).LastOrDefault(m => !earlier.Contains(m.MessageId ?? "")) is { } message)
            {
                return message;
            }

            await Task.Delay(100, Cancel);
        }

        throw new InvalidOperationException($"no new email to {email}");
    }

    [Fact]
    public async Task Asking_for_review_emails_the_reviewers_and_the_decision_emails_the_authors_each_in_their_own_language_with_a_link()
    {
        var (owner, ownerEmail) = await StaffInAsync("Author", "zh-CN");
        var (_, coAuthorEmail) = await StaffInAsync("Author", "en");
        var (reviewer, reviewerEmail) = await StaffInAsync("Reviewer", "zh-CN");
        var id = NewId();
        await CreateCourseAsync(owner, id);
        await owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/authors", [new("email", coAuthorEmail), new("role", "co-author")]);

        var reviewerEarlier = app.Mailbox.MessageIds(reviewerEmail);
        var requested = await owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", [new("note", "Please check the disclosures")]);
        Assert.Equal($"/studio/{id}?message=review-requested", requested.Headers.Location?.OriginalString);

        var request = await NextMessageAsync(reviewerEmail, reviewerEarlier);
        Assert.Contains("审核", request.Subject);
        Assert.Contains("Notified course", request.Subject);
        Assert.Contains($"https://learn.example.org/studio/{id}/review", request.TextBody);
        Assert.Contains("Please check the disclosures", request.TextBody);

        var ownerEarlier = app.Mailbox.MessageIds(ownerEmail);
        var coAuthorEarlier = app.Mailbox.MessageIds(coAuthorEmail);
        var reviewId = ReviewForm().Match(await reviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "changes"), new("comment", "Cite the 2024 criteria.")]);

        var toOwner = await NextMessageAsync(ownerEmail, ownerEarlier);
        var toCoAuthor = await NextMessageAsync(coAuthorEmail, coAuthorEarlier);
        Assert.Contains("修改", toOwner.Subject);
        Assert.Contains("Cite the 2024 criteria.", toOwner.TextBody);
        Assert.Contains($"https://learn.example.org/studio/{id}", toOwner.TextBody);
        Assert.Contains("Changes were requested", toCoAuthor.Subject);
        Assert.Contains("Cite the 2024 criteria.", toCoAuthor.TextBody);

        // The reviewer's own decision is not mailed back to the reviewer.
        Assert.DoesNotContain(app.Mailbox.MessagesTo(reviewerEmail), m => (m.Subject ?? "").Contains("Changes were requested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_approval_emails_the_authors_and_a_reviewer_sees_what_waits_for_their_review_on_the_studio_index()
    {
        var (owner, ownerEmail) = await StaffInAsync("Author", "en");
        var (reviewer, _) = await StaffInAsync("Reviewer", "en");
        var id = NewId();
        await CreateCourseAsync(owner, id);

        var before = await reviewer.GetPageAsync("/studio");
        Assert.DoesNotContain($"href=\"/studio/{id}/review\"", before);

        await owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var waiting = await reviewer.GetPageAsync("/studio");
        Assert.Contains("Waiting for your review", waiting);
        Assert.Contains($"href=\"/studio/{id}/review\"", waiting);
        // The author who asked cannot review it: it does not wait for them.
        Assert.DoesNotContain($"href=\"/studio/{id}/review\"", await owner.GetPageAsync("/studio"));

        var earlier = app.Mailbox.MessageIds(ownerEmail);
        var reviewId = ReviewForm().Match(await reviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);

        var approved = await NextMessageAsync(ownerEmail, earlier);
        Assert.Contains("approved", approved.Subject);
        Assert.Contains($"https://learn.example.org/studio/{id}", approved.TextBody);
        Assert.DoesNotContain($"href=\"/studio/{id}/review\"", await reviewer.GetPageAsync("/studio"));
    }

    [GeneratedRegex(@"action=""/studio/[^/]+/review/(\d+)""")]
    private static partial Regex ReviewForm();
}

/// <summary>A platform whose mail server does not answer.</summary>
public sealed class MailServerDownFactory : StudioFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A port nothing listens on: the connection is refused at once.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        builder.UseSetting("Email:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ReviewWithoutMailTests(MailServerDownFactory app) : IClassFixture<MailServerDownFactory>
{
    [Fact]
    public async Task Asking_for_review_and_deciding_succeed_when_the_mail_server_is_down()
    {
        var owner = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var id = $"nomail-{Guid.NewGuid():N}"[..20];
        await TemplateDrafts.CreateReadyForReviewAsync(owner, id, "No mail course");

        var requested = await owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        Assert.Equal($"/studio/{id}?message=review-requested", requested.Headers.Location?.OriginalString);

        var reviewPage = await reviewer.GetPageAsync($"/studio/{id}/review");
        var reviewId = Regex.Match(reviewPage, @"action=""/studio/[^/]+/review/(\d+)""").Groups[1].Value;
        var decided = await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        Assert.Equal($"/studio/{id}?message=approved", decided.Headers.Location?.OriginalString);
        var decision = await app.QueryAsync(db => db.StudioReviews.Where(r => r.CourseId == id).Select(r => r.Decision).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("approved", decision);
    }
}

/// <summary>A studio course made from the template, with the author's own text over anything the template asks them to write.</summary>
public static class TemplateDrafts
{
    public static async Task CreateReadyForReviewAsync(TestClient author, string id, string title)
    {
        var created = await author.SubmitAsync("/studio", "/studio/new", [new("courseId", id), new("title", title), new("language", "en")]);
        Assert.Equal($"/studio/{id}", created.Headers.Location?.OriginalString);
        await StudioTests.FillPlaceholdersAsync(author, id);
    }
}
