using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Credit;

public enum CreditProblem
{
    None,
    OutOfRange,
    OffGrid,
    AboveAttestedTime,
}

/// <summary>The two last CME gates: the learner's evaluation of the activity, then the credit claim that issues the certificate.</summary>
public sealed class CreditService(AppDbContext db, CertificateService certificates, TimeProvider time)
{
    /// <summary>
    /// Who may be issued a certificate: a person someone vouches for. A learner who registered here proves their address
    /// by confirming it; a learner an LMS launched is vouched for by that LMS, which knows its users (their account here
    /// never holds the address the LMS reports, see <c>LtiLaunches.UserForAsync</c>).
    /// </summary>
    public async Task<bool> MayReceiveCertificateAsync(AppUser learner, CancellationToken cancellationToken) =>
        learner.EmailConfirmed || await db.LtiUserLinks.AnyAsync(l => l.UserId == learner.Id, cancellationToken);

    /// <summary>
    /// The claim rule: more than zero, at most the course maximum, in steps of 0.25, and no more than the attested time
    /// allows (<see cref="ClaimedTime"/>).
    /// </summary>
    public static CreditProblem CheckCredits(decimal credits, decimal maximum, int? minutesAttested = null) =>
        credits <= 0 || credits > maximum ? CreditProblem.OutOfRange
        : credits % 0.25m != 0 ? CreditProblem.OffGrid
        : minutesAttested is { } minutes && credits > ClaimedTime.MostFor(minutes) ? CreditProblem.AboveAttestedTime
        : CreditProblem.None;

    public async Task SaveEvaluationAsync(string userId, CourseState state, EvaluationInput input, CancellationToken cancellationToken)
    {
        if (await db.CourseEvaluations.AnyAsync(e => e.UserId == userId && e.CourseId == state.Course.Id, cancellationToken))
        {
            return;
        }

        db.CourseEvaluations.Add(new CourseEvaluation
        {
            UserId = userId,
            CourseId = state.Course.Id,
            ContentVersion = state.Course.ContentVersion,
            ObjectiveRatingsJson = JsonSerializer.Serialize(input.Objectives),
            Relevance = input.Relevance!.Value,
            IntendedChange = input.IntendedChange!.Trim(),
            PerceivedCommercialBias = input.CommercialBias!.Value,
            CommercialBiasComment = string.IsNullOrWhiteSpace(input.CommercialBiasComment) ? null : input.CommercialBiasComment.Trim(),
            OverallQuality = input.OverallQuality!.Value,
            SubmittedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.BumpLearnerStateAsync(userId, state.Course.Id, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double submit: the first evaluation stands.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Records the claim and issues the certificate in one transaction. The claim is a conditional
    /// update, so of two racing claims (a double click) only one issues a certificate; the other gets
    /// that same certificate back. Null when credit was claimed before and no live certificate remains.
    /// </summary>
    public async Task<Certificate?> ClaimAsync(AppUser learner, CourseState state, decimal credits, int minutes, CancellationToken cancellationToken)
    {
        var courseId = state.Course.Id;
        var now = time.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var claimed = await db.Enrollments
            .Where(e => e.UserId == learner.Id && e.CourseId == courseId && e.ClaimedAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.CreditsClaimed, credits)
                .SetProperty(e => e.MinutesAttested, minutes)
                .SetProperty(e => e.MinutesMeasured, state.MeasuredMinutes)
                .SetProperty(e => e.ClaimedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await db.Certificates.AsNoTracking()
                .FirstOrDefaultAsync(c => c.UserId == learner.Id && c.CourseId == courseId && c.RevokedAt == null && c.SupersededAt == null, cancellationToken);
        }

        var passedAt = state.PostTestAttempts.Where(a => a.Passed).Min(a => a.SubmittedAt) ?? now;
        var certificate = certificates.Create(learner, state.Course, DateOnly.FromDateTime(passedAt.UtcDateTime), credits);
        certificate.MinutesAttested = minutes;
        certificate.MinutesMeasured = state.MeasuredMinutes;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.BumpLearnerStateAsync(learner.Id, courseId, cancellationToken);
        return certificate;
    }
}
