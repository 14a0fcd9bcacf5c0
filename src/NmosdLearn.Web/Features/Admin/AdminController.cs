using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Admin;

public sealed record AdminViewModel(IReadOnlyList<Certificate> RecentCertificates);

[Authorize(Roles = Roles.Admin)]
[Route("admin")]
public sealed class AdminController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var recent = await db.Certificates.AsNoTracking()
            .Where(c => c.SupersededAt == null)
            .OrderByDescending(c => c.IssuedAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        return View(new AdminViewModel(recent));
    }
}
