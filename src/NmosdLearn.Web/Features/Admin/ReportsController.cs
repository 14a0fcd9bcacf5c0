using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Credit;

namespace NmosdLearn.Web.Features.Admin;

public sealed record ReportsIndexViewModel(IReadOnlyList<NmosdLearn.Content.Course> Courses);

/// <summary>Course reports and the exports an accreditor asks for. Every export is audited: it carries personal data.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/reports")]
public sealed class ReportsController(CourseReports reports, CourseCatalogService catalog, AppDbContext db, TimeProvider time) : Controller
{
    private const string Views = "/Features/Admin/";

    [HttpGet("")]
    public IActionResult Index() => View(Views + "Reports.cshtml", new ReportsIndexViewModel(catalog.ValidCourses()));

    [HttpGet("{courseId}")]
    public async Task<IActionResult> Course(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken) =>
        await reports.BuildAsync(courseId, new ReportFilter(from, to, version), cancellationToken) is { } report
            ? View(Views + "CourseReport.cshtml", report)
            : NotFound();

    [HttpGet("{courseId}/completions.csv")]
    public Task<IActionResult> Completions(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken) =>
        ExportAsync(courseId, new ReportFilter(from, to, version), "completions", report => CsvFile.Write(
            ["name", "email", "profession", "licence_number", "country", "completion_date", "credits_claimed", "credit_kind", "credit_type",
             "minutes_measured", "minutes_attested", "course_id", "content_version", "certificate_number", "certificate_status", "time_flags"],
            report.Completions.Select(c => (IReadOnlyList<object?>)
            [
                c.Certificate.RecipientName, c.Email, c.Certificate.Profession, c.LicenceNumber, c.Country, c.Certificate.CompletedOn,
                c.Certificate.Credits, c.Certificate.Kind == CertificateKind.Credit ? "credit" : "hours of participation", c.Certificate.CreditType,
                c.Certificate.MinutesMeasured, c.Certificate.MinutesAttested, c.Certificate.CourseId, c.Certificate.ContentVersion, c.Certificate.Code,
                c.Certificate.RevokedAt is null ? "valid" : "revoked",
                string.Join(';', ClaimedTime.FlagsOf(c.Certificate).Select(TimeFlagName)),
            ])), cancellationToken);

    private static string TimeFlagName(TimeFlag flag) => flag switch
    {
        TimeFlag.ClaimAboveAttested => "claim_above_attested",
        _ => "attested_far_below_measured",
    };

    [HttpGet("{courseId}/responses.csv")]
    public Task<IActionResult> Responses(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken) =>
        ExportAsync(courseId, new ReportFilter(from, to, version), "responses", report => CsvFile.Write(
            ["attempt_id", "learner_id", "content_version", "submitted_at", "attempt_number", "question_id", "selected_options", "correct"],
            report.Responses.Select(r => (IReadOnlyList<object?>)
                [r.AttemptId.ToString(), r.UserId, r.ContentVersion, r.SubmittedAt, r.AttemptNumber, r.QuestionId, r.Selected, r.Correct])),
            cancellationToken);

    [HttpGet("{courseId}/items.csv")]
    public Task<IActionResult> Items(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken) =>
        ExportAsync(courseId, new ReportFilter(from, to, version), "items", report => CsvFile.Write(
            ["question_id", "question", "responses", "share_correct", "discrimination_index", "option_counts", "flags"],
            report.Items.Select(i => (IReadOnlyList<object?>)
            [
                i.Question.Id, i.StemText, i.Statistic.Responses, Math.Round(i.Statistic.ShareCorrect, 3),
                i.Statistic.Discrimination is { } d ? Math.Round(d, 3) : null,
                string.Join("; ", i.Options.Select(o => $"{o.Text}{(o.Correct ? " (correct)" : "")}={o.Count}")),
                string.Join("; ", Flags(i.Statistic)),
            ])), cancellationToken);

    [HttpGet("{courseId}/evaluations.csv")]
    public async Task<IActionResult> Evaluations(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken)
    {
        var filter = new ReportFilter(from, to, version);
        var enrolled = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId)
            .Select(e => new { e.UserId, e.AcknowledgedAt, e.ContentVersion }).ToListAsync(cancellationToken);
        var cohort = enrolled.Where(e => filter.Includes(e.AcknowledgedAt, e.ContentVersion)).Select(e => e.UserId).ToHashSet();
        var evaluations = (await db.CourseEvaluations.AsNoTracking().Where(e => e.CourseId == courseId).OrderBy(e => e.SubmittedAt).ToListAsync(cancellationToken))
            .Where(e => cohort.Contains(e.UserId)).ToList();
        // Evaluations are kept apart from certificates: the export names no learner.
        return await ExportAsync(courseId, filter, "evaluations", _ => CsvFile.Write(
            ["submitted_at", "content_version", "objective_ratings", "relevance", "overall_quality", "intended_change", "perceived_commercial_bias", "bias_comment"],
            evaluations.Select(e => (IReadOnlyList<object?>)
            [
                e.SubmittedAt, e.ContentVersion, string.Join(" ", JsonSerializer.Deserialize<int[]>(e.ObjectiveRatingsJson) ?? []), e.Relevance,
                e.OverallQuality, e.IntendedChange, e.PerceivedCommercialBias, e.CommercialBiasComment,
            ])), cancellationToken);
    }

    /// <summary>The activity fields ACCME's PARS asks for that the platform knows, one field per row.</summary>
    [HttpGet("{courseId}/activity.csv")]
    public Task<IActionResult> Activity(string courseId, DateOnly? from, DateOnly? to, string? version, CancellationToken cancellationToken) =>
        ExportAsync(courseId, new ReportFilter(from, to, version), "activity", report =>
        {
            var info = report.Course.Info;
            var rows = new List<IReadOnlyList<object?>>
            {
                new object?[] { "activity_title", info.Title },
                new object?[] { "activity_id", report.Course.Id },
                new object?[] { "activity_type", "Enduring material (internet)" },
                new object?[] { "release_date", info.ReleaseDate },
                new object?[] { "review_date", info.ReviewDate },
                new object?[] { "expiry_date", info.ExpiryDate },
                new object?[] { "credit_type", info.CreditType },
                new object?[] { "maximum_credits_or_hours", info.Credits },
                new object?[] { "commercial_support", info.CommercialSupport },
                new object?[] { "learners_enrolled", report.Enrolments },
                new object?[] { "learners_completed", report.Completions.Count },
            };
            rows.AddRange(report.Completions.GroupBy(c => c.Certificate.Profession).OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<object?>)new object?[] { $"learners_completed_{g.Key}", g.Count() }));
            return CsvFile.Write(["field", "value"], rows);
        }, cancellationToken);

    public static IEnumerable<string> Flags(ItemStatistic statistic)
    {
        if (statistic.TooEasy)
        {
            yield return "too easy";
        }

        if (statistic.TooHard)
        {
            yield return "too hard";
        }

        if (statistic.DiscriminatesNegatively)
        {
            yield return "discriminates negatively";
        }
    }

    private async Task<IActionResult> ExportAsync(string courseId, ReportFilter filter, string name, Func<CourseReport, byte[]> write, CancellationToken cancellationToken)
    {
        if (await reports.BuildAsync(courseId, filter, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        var actor = AdminActor.Of(User);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = actor.UserId, UserEmail = actor.Email, Action = AuditActions.Export, CourseId = courseId,
            AfterJson = JsonSerializer.Serialize(new { export = name, from = filter.From, to = filter.To, version = filter.Version }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return File(write(report), "text/csv; charset=utf-8", $"{courseId}-{name}.csv");
    }
}
