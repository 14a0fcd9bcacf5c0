using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Account.Email;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>
/// Emails the people who act next in a review, each in their own language, with a link to the page to act on: a
/// request goes to every reviewer who may decide it (<see cref="StudioService.MayDecideAsync"/>), a decision to the
/// course's owners and co-authors. The studio action is already saved when these go out: a mail server that does
/// not answer is logged, never turned into a failed action (<see cref="Mailer"/> throws, so each send is caught here).
/// </summary>
public sealed class ReviewNotifications(
    AppDbContext db, StudioService studio, Mailer mailer, IStringLocalizer<SharedResource> localizer, ILogger<ReviewNotifications> logger)
{
    public static readonly EventId NotSent = new(2101, "ReviewEmailNotSent");

    /// <summary>After a request: the reviewers who may decide it, with a link to the review page.</summary>
    public async Task ReviewRequestedAsync(string courseId, string publicBase, CancellationToken cancellationToken)
    {
        if (await LatestReviewAsync(courseId, decided: false, cancellationToken) is not { } review)
        {
            return;
        }

        var title = await TitleAsync(courseId, cancellationToken);
        var link = $"{publicBase}/studio/{Uri.EscapeDataString(courseId)}/review";
        var reviewers = await db.Users.AsNoTracking()
            .Where(u => u.DeletedAt == null && u.Email != null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Reviewer)))
            .ToListAsync(cancellationToken);
        foreach (var reviewer in reviewers)
        {
            if (!await studio.MayDecideAsync(review, reviewer.Id, cancellationToken))
            {
                continue;
            }

            await SendAsync(reviewer, () => OutgoingEmail.Compose(reviewer.Email!,
                localizer["Review asked for: {0}", title],
                Paragraphs(localizer["{0} asked for review of the draft of “{1}”. You are a reviewer who may approve it or ask for changes.", TextLine.Clean(review.RequestedByName), title],
                    review.RequestNote is { } note ? localizer["Their note: {0}", note].Value : null),
                (localizer["Review the draft"], link),
                [localizer["Another reviewer may decide first: the review page says whether it still waits."]]), cancellationToken);
        }
    }

    /// <summary>After an approval or a request for changes: the course's owners and co-authors, with a link to the course.</summary>
    public async Task ReviewDecidedAsync(string courseId, string publicBase, CancellationToken cancellationToken)
    {
        if (await LatestReviewAsync(courseId, decided: true, cancellationToken) is not { } review)
        {
            return;
        }

        var title = await TitleAsync(courseId, cancellationToken);
        var link = $"{publicBase}/studio/{Uri.EscapeDataString(courseId)}";
        var approved = review.Decision == ReviewDecisions.Approved;
        var authors = await db.StudioCourseAuthors.AsNoTracking().Where(a => a.CourseId == courseId && a.UserId != review.ReviewerId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u)
            .Where(u => u.DeletedAt == null && u.Email != null)
            .ToListAsync(cancellationToken);
        var reviewer = TextLine.Clean(review.ReviewerName ?? "");
        foreach (var author in authors)
        {
            await SendAsync(author, () => OutgoingEmail.Compose(author.Email!,
                approved ? localizer["Your course was approved: {0}", title] : localizer["Changes were requested: {0}", title],
                Paragraphs(approved
                        ? localizer["{0} approved the draft of “{1}”. An owner or co-author can publish it now; a change to the draft needs a new review.", reviewer, title]
                        : localizer["{0} asked for changes to the draft of “{1}”. Change the draft, then ask for review again.", reviewer, title],
                    review.Comment is { } comment ? localizer["The reviewer’s comment: {0}", comment].Value : null),
                (localizer["Open the course in the studio"], link),
                []), cancellationToken);
        }
    }

    private async Task SendAsync(AppUser recipient, Func<OutgoingEmail> build, CancellationToken cancellationToken)
    {
        var email = EmailLanguage.In(EmailLanguage.Of(recipient), build);
        try
        {
            await mailer.SendAsync(email, cancellationToken);
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            logger.LogWarning(NotSent, problem, "Review email \"{Subject}\" to {To} was not sent", email.Subject, SecurityEvents.MaskEmail(email.To));
        }
    }

    /// <summary>The course's newest review, when it is in the state the action just left it in (asked, or decided).</summary>
    private async Task<StudioReview?> LatestReviewAsync(string courseId, bool decided, CancellationToken cancellationToken) =>
        await db.StudioReviews.AsNoTracking().Where(r => r.CourseId == courseId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken) is { } review
            && (review.Decision is not null) == decided ? review : null;

    private async Task<string> TitleAsync(string courseId, CancellationToken cancellationToken) =>
        TextLine.Clean((await studio.DraftAsync(courseId, cancellationToken))?.Check.Title ?? courseId);

    private static IEnumerable<string> Paragraphs(params string?[] paragraphs) => paragraphs.OfType<string>();
}
