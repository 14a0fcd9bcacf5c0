using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>Which audit entries to show. The action travels as "act": "action" is the name MVC gives the action it routes to.</summary>
public sealed record AuditFilter(string? Person, string? Action, string? Course, DateOnly? From, DateOnly? To)
{
    public string Query(int page) =>
        $"?person={Uri.EscapeDataString(Person ?? "")}&act={Uri.EscapeDataString(Action ?? "")}&course={Uri.EscapeDataString(Course ?? "")}" +
        $"&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&page={page}";
}

public sealed record AuditViewModel(AuditFilter Filter, IReadOnlyList<AuditEntry> Entries, int Page, int PageCount, int Total, IReadOnlyList<string> Actions);

/// <summary>Every administrator, author and reviewer action, newest first, with filters and a CSV export.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/audit")]
public sealed class AuditController(AppDbContext db) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? person, [FromQuery(Name = "act")] string? act, string? course, DateOnly? from, DateOnly? to, int page = 1, CancellationToken cancellationToken = default)
    {
        var filter = new AuditFilter(person, act, course, from, to);
        var query = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return View("/Features/Admin/Audit.cshtml", new AuditViewModel(filter, entries, page, pageCount, total, actions));
    }

    [HttpGet("audit.csv")]
    public async Task<IActionResult> Export(string? person, [FromQuery(Name = "act")] string? act, string? course, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var entries = await Filtered(new AuditFilter(person, act, course, from, to)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var csv = CsvFile.Write(
            ["at", "person", "action", "course_id", "certificate_number", "account_id", "before", "after"],
            entries.Select(e => (IReadOnlyList<object?>)[e.At, e.UserEmail, e.Action, e.CourseId, e.CertificateCode, e.TargetUserId, e.BeforeJson, e.AfterJson]));
        return File(csv, "text/csv; charset=utf-8", "audit-log.csv");
    }

    private IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            // Email addresses ignore case; upper case on both sides behaves the same on SQLite and PostgreSQL.
            var person = filter.Person.Trim().ToUpperInvariant();
            query = query.Where(e => e.UserEmail.ToUpper().Contains(person));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Course))
        {
            query = query.Where(e => e.CourseId == filter.Course.Trim());
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }

        return query;
    }
}
