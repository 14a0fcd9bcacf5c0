using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Account.Sessions;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>One account in the administrator's list.</summary>
public sealed record UserRow(AppUser User, IReadOnlyList<string> Roles, DateTimeOffset? LastSignIn, string? LockedBy = null)
{
    /// <summary>Locked by an administrator: the one lock there is (guesses are throttled, never lock an account).</summary>
    public bool IsLocked => User.LockedAt is not null;
}

/// <summary>A page of accounts matching a search.</summary>
public sealed record UserPage(IReadOnlyList<UserRow> Users, int Page, int PageCount, int Total, string? Search);

/// <summary>A learner's post-test record in one course, for the reset form.</summary>
/// <param name="AnswersShown">The learner could already see the post-test's correct answers (the course's review setting).</param>
/// <param name="SameQuestions">Every attempt asks the same questions (no pool): a retake after the answers tests nothing.</param>
public sealed record CourseAttempts(string CourseId, int Used, bool Passed, bool AnswersShown = false, bool SameQuestions = false);

/// <summary>
/// What administrators do to accounts: find them, change roles, lock and unlock, send a password reset,
/// give a learner their post-test attempts back. Every action is audited; the platform always keeps an
/// administrator.
/// </summary>
public sealed class UserAdministration(AppDbContext db, UserManager<AppUser> users, SessionGuard sessions, CourseVersions versions, TimeProvider time)
{
    public const int PageSize = 25;

    public async Task<UserPage> SearchAsync(string? search, int page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking().Where(u => u.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.FullName.ToUpper().Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var found = await query.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        // Three queries for the page, whatever its size: roles and last sign-in for all its accounts at once.
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var signIns = await db.UserSessions.Where(s => ids.Contains(s.UserId))
            .GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, Last = g.Max(s => s.CreatedAt) }).ToListAsync(cancellationToken);
        return new UserPage(
            found.Select(u => new UserRow(u,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(),
                signIns.FirstOrDefault(s => s.UserId == u.Id)?.Last)).ToList(),
            page, pageCount, total, search);
    }

    public async Task<UserRow?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        var lastSignIn = await db.UserSessions.Where(s => s.UserId == userId).MaxAsync(s => (DateTimeOffset?)s.CreatedAt, cancellationToken);
        var lockedBy = user.LockedById is null ? null
            : await db.Users.Where(u => u.Id == user.LockedById).Select(u => u.DeletedAt == null ? u.Email : null).FirstOrDefaultAsync(cancellationToken);
        return new UserRow(user, roles.OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(), lastSignIn, lockedBy);
    }

    /// <summary>The learner's post-test record per course they enrolled in.</summary>
    public async Task<IReadOnlyList<CourseAttempts>> AttemptsAsync(string userId, CancellationToken cancellationToken)
    {
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.Kind == AssessmentKind.PostTest && a.SubmittedAt != null)
            .Select(a => new { a.CourseId, a.Passed, a.ResetAt }).ToListAsync(cancellationToken);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.UserId == userId)
            .Select(e => new { e.CourseId, e.ContentVersion }).ToListAsync(cancellationToken);
        var result = new List<CourseAttempts>();
        foreach (var enrollment in enrollments.OrderBy(e => e.CourseId, StringComparer.Ordinal))
        {
            var used = attempts.Count(a => a.CourseId == enrollment.CourseId && a.ResetAt == null);
            var course = await versions.GetAsync(enrollment.CourseId, enrollment.ContentVersion, cancellationToken) ?? versions.Current(enrollment.CourseId);
            result.Add(new CourseAttempts(enrollment.CourseId, used, attempts.Any(a => a.CourseId == enrollment.CourseId && a.Passed),
                course is not null && AnswersShown(course, used), course?.PostTest is { Draw.Count: 0 }));
        }

        return result;
    }

    /// <summary>
    /// Whether the learner's counted attempts already showed them the correct answers: after every attempt, or after
    /// the last one (the default review), never on a course that shows scores only.
    /// </summary>
    private static bool AnswersShown(NmosdLearn.Content.Course course, int attemptsUsed) => course.Info.Review switch
    {
        NmosdLearn.Content.ReviewPolicy.AfterEachAttempt => attemptsUsed > 0,
        NmosdLearn.Content.ReviewPolicy.ScoreOnly => false,
        _ => attemptsUsed >= course.Info.AttemptLimit,
    };

    /// <summary>Sets the account's roles. Refused when it would leave no administrator, or take an administrator's own Admin role.</summary>
    public async Task<AdminResult> SetRolesAsync(string userId, IReadOnlyCollection<string> wanted, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DeletedAt is not null)
        {
            return AdminResult.Fail("Roles", "There is no such account.");
        }

        var roles = wanted.Where(Roles.All.Contains).Append(Roles.Clinician).Distinct().ToList();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            if (userId == actor.UserId)
            {
                return AdminResult.Fail("Roles", "You cannot remove your own Admin role: ask another administrator.");
            }

            if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.DeletedAt is null) <= 1)
            {
                return AdminResult.Fail("Roles", "This is the last administrator: make someone else an administrator first.");
            }
        }

        var added = roles.Except(current).ToList();
        var removed = current.Except(roles).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return AdminResult.Ok();
        }

        await users.AddToRolesAsync(user, added);
        await users.RemoveFromRolesAsync(user, removed);
        // A changed role takes effect at once: the person signs in again and gets the new roles (and, for staff, two-factor).
        // The sessions end through the session table, not by a new security stamp: the stamp is what the emailed links
        // carry, and a reset an administrator just sent (PasswordResetTokenProvider) must survive the roles it preceded.
        // A stamp belongs to the credentials (password, address, second factor), which a role is not.
        await sessions.EndAllSessionsAsync(userId, cancellationToken);
        await AuditAsync(AuditActions.RolesChange, userId, actor, new { roles = current.Order() }, new { roles = roles.Order() }, cancellationToken);
        return AdminResult.Ok();
    }

    public async Task<AdminResult> SetLockedAsync(string userId, bool locked, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DeletedAt is not null)
        {
            return AdminResult.Fail("Lock", "There is no such account.");
        }

        if (locked && userId == actor.UserId)
        {
            return AdminResult.Fail("Lock", "You cannot lock your own account.");
        }

        // The administrator's lock is a state of its own, not Identity's lockout date: nothing but this (no reset, link
        // or launch) clears it, and every sign-in path asks SignInAuthority, which refuses it.
        var before = new { locked = user.LockedAt is not null };
        user.LockedAt = locked ? user.LockedAt ?? time.GetUtcNow() : null;
        user.LockedById = locked ? user.LockedById ?? actor.UserId : null;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            return AdminResult.Fail("Lock", "The account changed meanwhile: open it again and retry.");
        }

        if (locked)
        {
            await sessions.EndAllSessionsAsync(userId, cancellationToken);
        }

        await AuditAsync(locked ? AuditActions.Lock : AuditActions.Unlock, userId, actor, before, new { locked }, cancellationToken);
        return AdminResult.Ok();
    }

    /// <summary>Records that a password-reset email was sent (the controller builds the link and sends it).</summary>
    public Task AuditPasswordResetAsync(string userId, AdminActor actor, CancellationToken cancellationToken) =>
        AuditAsync(AuditActions.SendPasswordReset, userId, actor, null, null, cancellationToken);

    /// <summary>
    /// Gives a learner who has not passed their post-test attempts back: the submitted attempts stay on record
    /// (reports keep them) but stop counting toward the limit.
    /// </summary>
    public async Task<AdminResult> ResetAttemptsAsync(
        string userId, string courseId, string reason, bool answersShownConfirmed, AdminActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
        {
            return AdminResult.Fail("Reason", "Give the reason for the reset (it is kept in the audit log).");
        }

        var attempts = await db.QuizAttempts
            .Where(a => a.UserId == userId && a.CourseId == courseId && a.Kind == AssessmentKind.PostTest && a.SubmittedAt != null)
            .ToListAsync(cancellationToken);
        if (attempts.Any(a => a.Passed))
        {
            return AdminResult.Fail("Reason", "The learner has passed this post-test: there is nothing to reset.");
        }

        var counted = attempts.Where(a => a.ResetAt is null).ToList();
        if (counted.Count == 0)
        {
            return AdminResult.Fail("Reason", "The learner has no post-test attempts to reset in this course.");
        }

        // Attempts given back after the correct answers were shown would let the learner pass on what the review told them.
        var record = (await AttemptsAsync(userId, cancellationToken)).FirstOrDefault(a => a.CourseId == courseId);
        if (record is { AnswersShown: true, SameQuestions: true })
        {
            return AdminResult.Fail("Reason",
                "This learner has seen the correct answers, and every attempt at this post-test asks the same questions: a new attempt would not test them.");
        }

        if (record is { AnswersShown: true } && !answersShownConfirmed)
        {
            return AdminResult.Fail("Reason",
                "This learner has seen the correct answers. A new attempt draws other questions from the pool but may repeat some: confirm that you give the attempts back all the same.");
        }

        var now = time.GetUtcNow();
        foreach (var attempt in counted)
        {
            attempt.ResetAt = now;
            attempt.ResetReason = reason.Trim();
        }

        db.AuditEntries.Add(Entry(AuditActions.ResetAttempts, userId, actor,
            new { courseId, attemptsCounted = counted.Count, answersShown = record?.AnswersShown ?? false },
            new { courseId, attemptsCounted = 0, reason = reason.Trim() }, courseId));
        await db.SaveChangesAsync(cancellationToken);
        await db.BumpLearnerStateAsync(userId, courseId, cancellationToken);
        return AdminResult.Ok();
    }

    private async Task AuditAsync(string action, string userId, AdminActor actor, object? before, object? after, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(Entry(action, userId, actor, before, after, null));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry Entry(string action, string userId, AdminActor actor, object? before, object? after, string? courseId) => new()
    {
        At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = action, TargetUserId = userId, CourseId = courseId,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before), AfterJson = after is null ? null : JsonSerializer.Serialize(after),
    };
}
