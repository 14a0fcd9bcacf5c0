using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;

namespace NmosdLearn.Web.Features.Dashboard;

/// <summary>One year of certificates: credit and hours of participation are different things and are never added together.</summary>
public sealed record CreditYear(int Year, decimal Credits, decimal Hours, IReadOnlyList<Certificate> Certificates);

public sealed record DashboardViewModel(IReadOnlyList<CourseState> InProgress, IReadOnlyList<CourseState> Completed, IReadOnlyList<CreditYear> Transcript);

/// <summary>"My learning": courses in progress, completed courses, certificates and credit by year.</summary>
[Authorize]
[Route("my")]
public sealed class DashboardController(AppDbContext db, ProgressService progress) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var courseIds = await db.Enrollments.AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.LastActivityAt).Select(e => e.CourseId).ToListAsync(cancellationToken);
        var byCourse = await progress.GetManyAsync(userId, courseIds, cancellationToken);
        var states = courseIds.Where(byCourse.ContainsKey).Select(id => byCourse[id]).ToList();

        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.UserId == userId && c.RevokedAt == null && c.SupersededAt == null)
            .ToListAsync(cancellationToken);
        var transcript = certificates.GroupBy(c => c.CompletedOn.Year).OrderByDescending(g => g.Key)
            .Select(g => new CreditYear(g.Key,
                g.Where(c => c.Kind == CertificateKind.Credit).Sum(c => c.Credits),
                g.Where(c => c.Kind == CertificateKind.Completion).Sum(c => c.Credits),
                g.OrderBy(c => c.CompletedOn).ToList()))
            .ToList();
        return View(new DashboardViewModel(
            states.Where(s => s.Certificate is null).ToList(),
            states.Where(s => s.Certificate is not null).ToList(),
            transcript));
    }
}
