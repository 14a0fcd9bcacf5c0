using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account.Sessions;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// A person's data: all of it as JSON, and deleting the account under the record-keeping rule. CME
/// providers must keep completion records for years, so deleting an account removes the login and every
/// personal detail the records do not need, and keeps what a certificate and its audit need: the issued
/// certificates stay as issued and verifiable (a clinician may already have handed one to a licensing
/// body), and the learning records behind them stay, tied to an account that no longer names anyone.
/// </summary>
public sealed class AccountDataService(AppDbContext db, UserManager<AppUser> users, SessionGuard sessions, TimeProvider time, ILogger<AccountDataService> logger)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<byte[]> ExportAsync(AppUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == id).OrderBy(a => a.StartedAt).ToListAsync(cancellationToken);
        var attemptIds = attempts.Select(a => a.Id).ToList();
        var answers = await db.AttemptAnswers.AsNoTracking().Where(a => attemptIds.Contains(a.AttemptId)).ToListAsync(cancellationToken);
        var export = new
        {
            exportedAt = time.GetUtcNow(),
            account = new
            {
                user.FullName, user.Email, user.EmailConfirmed, user.Profession, user.Specialty, user.Country, user.LicenceNumber,
                user.CreatedAt, user.TwoFactorEnabled, roles = await users.GetRolesAsync(user),
            },
            enrollments = await db.Enrollments.AsNoTracking().Where(e => e.UserId == id).Select(e => new
            {
                e.CourseId, e.ContentVersion, e.AcknowledgedAt, e.LastActivityAt, e.CreditsClaimed, e.MinutesAttested, e.MinutesMeasured, e.ClaimedAt,
            }).ToListAsync(cancellationToken),
            lessonsCompleted = await db.LessonProgress.AsNoTracking().Where(p => p.UserId == id)
                .Select(p => new { p.CourseId, p.LessonId, p.ContentVersion, p.CompletedAt }).ToListAsync(cancellationToken),
            knowledgeChecks = await db.KnowledgeCheckAnswers.AsNoTracking().Where(a => a.UserId == id)
                .Select(a => new { a.CourseId, a.QuestionId, a.SelectedJson, a.IsCorrect, a.AnsweredAt }).ToListAsync(cancellationToken),
            testAttempts = attempts.Select(a => new
            {
                a.CourseId, kind = a.Kind.ToString(), a.ContentVersion, a.StartedAt, a.SubmittedAt, a.Correct, a.Total, a.ScorePercent, a.Passed,
                answers = answers.Where(x => x.AttemptId == a.Id).Select(x => new { x.QuestionId, x.SelectedJson, x.SavedAt }),
            }),
            studyTime = await db.StudyTimes.AsNoTracking().Where(t => t.UserId == id).Select(t => new { t.CourseId, t.Step, t.Seconds }).ToListAsync(cancellationToken),
            evaluations = await db.CourseEvaluations.AsNoTracking().Where(e => e.UserId == id).Select(e => new
            {
                e.CourseId, e.ObjectiveRatingsJson, e.Relevance, e.IntendedChange, e.PerceivedCommercialBias, e.CommercialBiasComment, e.OverallQuality, e.SubmittedAt,
            }).ToListAsync(cancellationToken),
            certificates = await db.Certificates.AsNoTracking().Where(c => c.UserId == id).Select(c => new
            {
                c.Code, c.Revision, c.RecipientName, c.CourseTitle, c.CreditType, c.Credits, c.CompletedOn, c.IssuedAt, c.RevokedAt, c.SupersededAt,
            }).ToListAsync(cancellationToken),
            sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == id).Select(s => new { s.CreatedAt, s.IsPersistent, s.EndedAt }).ToListAsync(cancellationToken),
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, Indented);
    }

    /// <summary>What records show instead of a deleted person's name or email: the same for all their rows, naming nobody.</summary>
    public static string DeletedLabel(string userId) => $"Deleted account #{userId[..Math.Min(8, userId.Length)]}";

    public async Task DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        await AnonymiseRecordsAsync(user, cancellationToken);
        await sessions.EndAllSessionsAsync(user.Id, cancellationToken);
        foreach (var role in await users.GetRolesAsync(user))
        {
            await users.RemoveFromRoleAsync(user, role);
        }

        await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

        var tombstone = $"deleted-{user.Id}";
        user.UserName = tombstone;
        user.NormalizedUserName = tombstone.ToUpperInvariant();
        // Identity requires a unique address; .invalid is reserved and can never receive mail (RFC 2606).
        user.Email = $"{tombstone}@deleted.invalid";
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.TwoFactorEnabled = false;
        user.FullName = "";
        user.Specialty = "";
        user.Country = "";
        user.LicenceNumber = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.DeletedAt = time.GetUtcNow();
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException($"account {user.Id} could not be deleted: {string.Join(" ", updated.Errors.Select(e => e.Code))}");
        }

        logger.LogInformation(SecurityEvents.AccountDeleted, "Account deleted: {UserId}", user.Id);
    }

    /// <summary>
    /// The records a staff member leaves (audit entries, studio reviews, file revisions, publications) keep their rows
    /// and their account id, so an audit still shows what one account did and when, but the email and name in them
    /// are replaced by <see cref="DeletedLabel"/>, as the deletion rule says for every personal detail.
    /// </summary>
    private async Task AnonymiseRecordsAsync(AppUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        var label = DeletedLabel(id);
        var name = user.FullName;
        await db.AuditEntries.Where(e => e.UserId == id).ExecuteUpdateAsync(set => set.SetProperty(e => e.UserEmail, label), cancellationToken);
        await db.StudioReviews.Where(r => r.ReviewerId == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.ReviewerName, label), cancellationToken);
        await db.StudioReviews.Where(r => r.RequestedById == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.RequestedByName, label), cancellationToken);
        await db.StudioFileRevisions.Where(r => r.SavedById == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.SavedByName, label), cancellationToken);
        var reviewed = db.StudioReviews.Where(r => r.ReviewerId == id).Select(r => (long?)r.Id);
        await db.CourseVersionArchives.Where(a => reviewed.Contains(a.ReviewId))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ReviewedByName, label), cancellationToken);

        // Publications and course creations name their author only as text: the audit says which were this account's.
        var authored = await db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == id && (e.Action == AuditActions.Publish || e.Action == AuditActions.CourseCreate || e.Action == AuditActions.CourseImport))
            .Select(e => new { e.Action, e.CourseId, e.AfterJson }).ToListAsync(cancellationToken);
        foreach (var entry in authored.Where(e => e.CourseId is not null))
        {
            if (entry.Action == AuditActions.Publish && ContentVersionIn(entry.AfterJson) is { } version)
            {
                await db.CourseVersionArchives.Where(a => a.CourseId == entry.CourseId && a.ContentVersion == version && a.PublishedByName == name)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.PublishedByName, label), cancellationToken);
            }
            else if (entry.Action != AuditActions.Publish)
            {
                await db.StudioCourses.Where(c => c.CourseId == entry.CourseId && c.CreatedByName == name)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedByName, label), cancellationToken);
            }
        }

        // Inside audit details: the reviewer a publication names, and this account's email wherever it was recorded.
        var reviewedBy = "\"reviewedBy\":" + JsonSerializer.Serialize(name);
        var email = user.Email ?? "";
        var details = await db.AuditEntries
            .Where(e => (e.AfterJson != null && (e.AfterJson.Contains(reviewedBy) || (email != "" && e.AfterJson.Contains(email))))
                || (e.BeforeJson != null && email != "" && e.BeforeJson.Contains(email)))
            .ToListAsync(cancellationToken);
        foreach (var entry in details)
        {
            entry.AfterJson = Scrub(entry.AfterJson);
            entry.BeforeJson = Scrub(entry.BeforeJson);
        }

        await db.SaveChangesAsync(cancellationToken);

        string? Scrub(string? json) => json?.Replace(reviewedBy, "\"reviewedBy\":" + JsonSerializer.Serialize(label), StringComparison.Ordinal)
            .Replace(email.Length > 0 ? email : "\0", label, StringComparison.Ordinal);
    }

    private static string? ContentVersionIn(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("contentVersion", out var version) ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
