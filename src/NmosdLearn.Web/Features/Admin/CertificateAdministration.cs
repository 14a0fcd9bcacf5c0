using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>The administrator acting, as the audit log names them.</summary>
public sealed record AdminActor(string UserId, string Email)
{
    public static AdminActor Of(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier)!, user.FindFirstValue(System.Security.Claims.ClaimTypes.Email) ?? user.Identity?.Name ?? "");
}

public sealed record CertificateRow(Certificate Certificate, string? Email);

/// <summary>A certificate with every issue of it (newest first) and its audit trail.</summary>
public sealed record CertificateHistory(Certificate Current, string? Email, IReadOnlyList<Certificate> Issues, IReadOnlyList<AuditEntry> Audit);

/// <summary>The outcome of an administrator's action; <see cref="Problem"/> is English text for the localizer.</summary>
public sealed record AdminResult(Certificate? Certificate, string? Field = null, string? Problem = null)
{
    public bool Succeeded => Problem is null;

    public static AdminResult Fail(string field, string problem) => new(null, field, problem);

    public static AdminResult Ok() => new((Certificate?)null);
}

/// <summary>
/// Search, revoke, reissue and manual issue. Every change is written to the audit log in the same
/// transaction as the change itself, so there is never a change without its entry.
/// </summary>
public sealed class CertificateAdministration(
    AppDbContext db, CertificateService certificates, UserManager<AppUser> users, TimeProvider time)
{
    private const int SearchLimit = 100;

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Current issues whose name, course, learner email or number matches; the newest issued first.</summary>
    public async Task<IReadOnlyList<CertificateRow>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        var rows =
            from certificate in db.Certificates.AsNoTracking()
            where certificate.SupersededAt == null
            join user in db.Users on certificate.UserId equals user.Id into owners
            from owner in owners.DefaultIfEmpty()
            select new { certificate, owner!.Email };
        var text = query?.Trim() ?? "";
        if (text.Length > 0)
        {
            // Upper case on both sides: LIKE ignores case on SQLite but not on PostgreSQL.
            var pattern = $"%{text.ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            rows = rows.Where(r =>
                r.certificate.Code == text
                || EF.Functions.Like(r.certificate.RecipientName.ToUpper(), pattern, "\\")
                || EF.Functions.Like(r.certificate.CourseTitle.ToUpper(), pattern, "\\")
                || EF.Functions.Like(r.Email!.ToUpper(), pattern, "\\"));
        }

        var found = await rows.OrderByDescending(r => r.certificate.IssuedAt).Take(SearchLimit).ToListAsync(cancellationToken);
        return found.Select(r => new CertificateRow(r.certificate, r.Email)).ToList();
    }

    public async Task<CertificateHistory?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var issues = await db.Certificates.AsNoTracking().Where(c => c.Code == code).ToListAsync(cancellationToken);
        var current = issues.FirstOrDefault(c => c.IsCurrent);
        if (current is null)
        {
            return null;
        }

        var email = await db.Users.Where(u => u.Id == current.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.CertificateCode == code).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        return new CertificateHistory(current, email, issues.OrderByDescending(c => c.Revision).ToList(), audit);
    }

    public async Task<AdminResult> RevokeAsync(string code, string reason, AdminActor actor, CancellationToken cancellationToken)
    {
        var current = await db.Certificates.FirstOrDefaultAsync(c => c.Code == code && c.SupersededAt == null, cancellationToken);
        if (current is null)
        {
            return AdminResult.Fail("", "This certificate does not exist.");
        }

        if (current.RevokedAt is not null)
        {
            return AdminResult.Fail("", "This certificate is already revoked.");
        }

        var before = Snapshot(current);
        current.RevokedAt = time.GetUtcNow();
        current.RevokedReason = reason.Trim();
        Audit(actor, AuditActions.Revoke, current, before, Snapshot(current));
        await db.SaveChangesAsync(cancellationToken);
        await db.BumpLearnerStateAsync(current.UserId, current.CourseId, cancellationToken);
        return new AdminResult(current);
    }

    /// <summary>
    /// Corrects the learner's name on their account and reissues the certificate with it. The new
    /// issue keeps the code, so the printed verification address keeps working and shows the new name.
    /// </summary>
    public async Task<AdminResult> ReissueAsync(string code, string recipientName, string note, AdminActor actor, CancellationToken cancellationToken)
    {
        var current = await db.Certificates.FirstOrDefaultAsync(c => c.Code == code && c.SupersededAt == null, cancellationToken);
        if (current is null)
        {
            return AdminResult.Fail("", "This certificate does not exist.");
        }

        if (current.RevokedAt is not null)
        {
            return AdminResult.Fail("", "A revoked certificate cannot be reissued.");
        }

        var name = recipientName.Trim();
        if (name == current.RecipientName)
        {
            return AdminResult.Fail("RecipientName", "Enter the corrected name: it is the same as the name on the certificate.");
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var before = Snapshot(current);
        var next = certificates.NextIssue(current, name, note.Trim());
        // Only one issue per code may be current: the old one is marked before the new one exists.
        await db.SaveChangesAsync(cancellationToken);
        db.Certificates.Add(next);
        Audit(actor, AuditActions.Reissue, next, before, Snapshot(next));

        var learner = await users.FindByIdAsync(current.UserId);
        if (learner is not null && learner.FullName != name)
        {
            var account = new { learner.Id, learner.Email };
            Audit(actor, AuditActions.CorrectName, next, Json(new { account, FullName = learner.FullName }), Json(new { account, FullName = name }));
            learner.FullName = name;
            var updated = await users.UpdateAsync(learner);
            if (!updated.Succeeded)
            {
                throw new InvalidOperationException($"Could not correct the name on account {learner.Id}: {string.Join("; ", updated.Errors.Select(e => e.Description))}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.BumpLearnerStateAsync(next.UserId, next.CourseId, cancellationToken);
        return new AdminResult(next);
    }

    /// <summary>A certificate for a completion recorded elsewhere (a live session, an earlier system), with a note saying so.</summary>
    public async Task<AdminResult> IssueManuallyAsync(
        string email, Course? course, DateOnly completedOn, decimal credits, string note, AdminActor actor, CancellationToken cancellationToken)
    {
        var learner = await users.FindByEmailAsync(email.Trim());
        if (learner is null)
        {
            return AdminResult.Fail("Email", "No learner has this email address.");
        }

        if (course is null)
        {
            return AdminResult.Fail("CourseId", "Choose a course.");
        }

        if (completedOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            return AdminResult.Fail("CompletedOn", "The completion date cannot be in the future.");
        }

        if (credits <= 0 || credits > course.Info.Credits || decimal.Round(credits, 2) != credits)
        {
            return AdminResult.Fail("Credits", "Credits must be more than 0 and no more than the course's maximum, in hundredths at most.");
        }

        if (await db.Certificates.AnyAsync(c => c.UserId == learner.Id && c.CourseId == course.Id && c.SupersededAt == null && c.RevokedAt == null, cancellationToken))
        {
            return AdminResult.Fail("CourseId", "This learner already has a valid certificate for this course.");
        }

        var certificate = certificates.Create(learner, course, completedOn, credits);
        certificate.IssuedByUserId = actor.UserId;
        certificate.Note = note.Trim();
        Audit(actor, AuditActions.IssueManually, certificate, null, Snapshot(certificate));
        await db.SaveChangesAsync(cancellationToken);
        await db.BumpLearnerStateAsync(certificate.UserId, certificate.CourseId, cancellationToken);
        return new AdminResult(certificate);
    }

    private void Audit(AdminActor actor, string action, Certificate certificate, string? before, string? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = actor.UserId,
            UserEmail = actor.Email,
            Action = action,
            CertificateId = certificate.Id,
            CertificateCode = certificate.Code,
            BeforeJson = before,
            AfterJson = after,
        });

    private static string Snapshot(Certificate c) => Json(new
    {
        c.Id, c.Code, c.Revision, Kind = c.Kind.ToString(), c.RecipientName, c.Profession, c.CourseId, c.CourseTitle,
        c.ContentVersion, c.CreditType, c.Credits, c.CompletedOn, c.IssuedAt, c.SupersededAt, c.RevokedAt, c.RevokedReason,
        c.IssuedByUserId, c.Note, c.ReplacesId,
    });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AuditJson);
}
