using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>Administrators search, revoke, reissue and issue by hand, and every action is in the audit log.</summary>
[Collection(AppCollection.Name)]
public sealed class AdminCertificateTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(List<Certificate> Issues, List<AuditEntry> Audit, AppUser? Learner)> StoredAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var issues = await db.Certificates.AsNoTracking().Where(c => c.Code == code).OrderBy(c => c.Revision).ToListAsync(Cancel);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.CertificateCode == code).OrderBy(e => e.Id).ToListAsync(Cancel);
        var learner = issues.Count == 0 ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == issues[0].UserId, Cancel);
        return (issues, audit, learner);
    }

    private static JsonElement Json(string? text) => JsonDocument.Parse(text!).RootElement;

    [Fact]
    public async Task A_clinician_cannot_open_or_post_to_the_certificate_administration()
    {
        var certificate = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        var clinician = await app.SignedInLearnerAsync();

        var search = await clinician.Http.GetAsync("/admin/certificates", Cancel);
        var details = await clinician.Http.GetAsync($"/admin/certificates/{certificate.Code}", Cancel);
        // A real antiforgery token from a page the clinician may open, so only the role check can refuse.
        var revoke = await clinician.SubmitAsync($"/courses/{LearnerSteps.Course}",
            $"/admin/certificates/{certificate.Code}/revoke", [new("Reason", "Not allowed")]);

        foreach (var response in new[] { search, details, revoke })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        }

        Assert.Null((await StoredAsync(certificate.Code)).Issues.Single().RevokedAt);
    }

    [Fact]
    public async Task Certificates_whose_claim_exceeds_the_attested_time_or_whose_attested_time_is_far_below_the_measured_are_flagged()
    {
        var email = TestClient.NewEmail();
        var name = $"Flagged {Guid.NewGuid():N}"[..20];
        await app.SignedInLearnerAsync(name, email: email);
        string aboveAttested, farBelowMeasured, plain;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
            var service = scope.ServiceProvider.GetRequiredService<NmosdLearn.Web.Features.Certificates.CertificateService>();
            var course = Records.AmaCourse(credits: 2.25m, id: "platform-tour", title: "Flag course");
            Certificate Issue(decimal credits, int attested, int measured)
            {
                var certificate = service.Create(user, course, new DateOnly(2026, 1, 5), credits);
                certificate.MinutesAttested = attested;
                certificate.MinutesMeasured = measured;
                return certificate;
            }

            // The claim the walk-through found: 2.25 hours with "time you spent: 20 minutes" (51 measured).
            aboveAttested = Issue(2.25m, 20, 51).Code;
            farBelowMeasured = Issue(0.25m, 15, 51).Code;
            plain = Issue(0.75m, 50, 51).Code;
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        }

        var admin = await app.SignedInAdminAsync();

        Assert.Contains("Claim above attested time", await admin.GetPageAsync($"/admin/certificates/{aboveAttested}"));
        Assert.Contains("Attested far below measured time", await admin.GetPageAsync($"/admin/certificates/{farBelowMeasured}"));
        var clean = await admin.GetPageAsync($"/admin/certificates/{plain}");
        Assert.DoesNotContain("Claim above attested time", clean);
        Assert.DoesNotContain("Attested far below measured time", clean);
        Assert.Contains("Claim above attested time", await admin.GetPageAsync($"/admin/certificates?q={Uri.EscapeDataString(name)}"));
    }

    [Fact]
    public async Task The_completions_export_flags_the_time_behind_each_certificate()
    {
        var earned = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        var plain = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // As certificates issued before the rule could be: 0.25 hours on 5 attested minutes, 51 measured.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.Where(c => c.Code == earned.Code)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.MinutesAttested, 5).SetProperty(c => c.MinutesMeasured, 51), Cancel);
        }

        var csv = await (await app.SignedInAdminAsync()).Http.GetStringAsync($"/admin/reports/{LearnerSteps.Tour}/completions.csv", Cancel);
        string Row(string code) => csv.Split('\n').Single(l => l.Contains(code)).TrimEnd('\r');

        Assert.EndsWith("certificate_status,time_flags", csv.Split('\n')[0].TrimEnd('\r'));
        Assert.EndsWith($"{earned.Code},valid,claim_above_attested;attested_far_below_measured", Row(earned.Code));
        Assert.EndsWith($"{plain.Code},valid,", Row(plain.Code));
    }

    [Fact]
    public async Task An_administrator_finds_a_certificate_by_name_email_address_or_number()
    {
        var email = TestClient.NewEmail();
        var unique = $"Searchable {Guid.NewGuid():N}"[..24];
        var certificate = await (await app.SignedInLearnerAsync(unique, email: email)).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        foreach (var query in new[] { unique, unique.ToUpperInvariant()[..15], email, certificate.Code })
        {
            var page = await admin.GetPageAsync($"/admin/certificates?q={Uri.EscapeDataString(query)}");
            Assert.Contains($"/admin/certificates/{certificate.Code}", page);
        }

        var none = await admin.GetPageAsync("/admin/certificates?q=no-such-learner-anywhere");
        Assert.Contains("No certificate matches", none);
    }

    [Fact]
    public async Task Revoking_needs_a_reason_and_is_recorded_with_who_when_and_before_and_after()
    {
        var certificate = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        var empty = await admin.RevokeAsync(certificate.Code, "");
        var revoked = await admin.RevokeAsync(certificate.Code, "The learner's completion was recorded in error");
        var page = await admin.GetPageAsync(revoked.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await empty.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("There is a problem", problem);
        Assert.Contains("Enter the reason for revoking the certificate", problem);
        Assert.Contains("The certificate has been revoked", page);
        var (issues, audit, _) = await StoredAsync(certificate.Code);
        Assert.Equal("The learner's completion was recorded in error", issues.Single().RevokedReason);
        var entry = Assert.Single(audit);
        Assert.Equal(AuditActions.Revoke, entry.Action);
        Assert.Equal(AppFactory.AdminEmail, entry.UserEmail);
        Assert.False(string.IsNullOrEmpty(entry.UserId));
        Assert.InRange(entry.At, started, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(entry.CertificateId, issues.Single().Id);
        Assert.Equal(JsonValueKind.Null, Json(entry.BeforeJson).GetProperty("RevokedAt").ValueKind);
        Assert.Equal("The learner's completion was recorded in error", Json(entry.AfterJson).GetProperty("RevokedReason").GetString());
        Assert.Contains("Revoked", page);
    }

    [Fact]
    public async Task Reissuing_corrects_the_name_keeps_every_issue_and_is_recorded()
    {
        var certificate = await (await app.SignedInLearnerAsync("张 伟伟")).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        var same = await admin.ReissueAsync(certificate.Code, "张 伟伟", "No change");
        var reissued = await admin.ReissueAsync(certificate.Code, "张伟", "The learner asked for the name without a space");
        var page = await admin.GetPageAsync(reissued.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        var (issues, audit, learner) = await StoredAsync(certificate.Code);
        Assert.Equal(2, issues.Count);
        Assert.Equal(("张 伟伟", 1), (issues[0].RecipientName, issues[0].Revision));
        Assert.NotNull(issues[0].SupersededAt);
        Assert.Equal(("张伟", 2), (issues[1].RecipientName, issues[1].Revision));
        Assert.Null(issues[1].SupersededAt);
        Assert.Equal(issues[0].Id, issues[1].ReplacesId);
        Assert.Equal("The learner asked for the name without a space", issues[1].Note);
        Assert.Equal("张伟", learner!.FullName);
        Assert.Equal([AuditActions.Reissue, AuditActions.CorrectName], audit.Select(e => e.Action));
        Assert.Equal("张 伟伟", Json(audit[0].BeforeJson).GetProperty("RecipientName").GetString());
        Assert.Equal("张伟", Json(audit[0].AfterJson).GetProperty("RecipientName").GetString());
        Assert.Equal("张 伟伟", Json(audit[1].BeforeJson).GetProperty("FullName").GetString());
        Assert.All(audit, e => Assert.Equal(AppFactory.AdminEmail, e.UserEmail));
        Assert.Contains("The certificate has been reissued with the corrected name", page);
        Assert.Contains("issue 1", page);
        Assert.Contains("issue 2", page);
    }

    [Fact]
    public async Task A_reissued_certificate_counts_once_in_the_learner_s_credits_by_year()
    {
        var learner = await app.SignedInLearnerAsync("Jon Smiht");
        var certificate = await learner.EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await admin.ReissueAsync(certificate.Code, "Jon Smith", "Typo")).StatusCode);

        var dashboard = await learner.GetPageAsync("/my");
        Assert.Contains("<td>0.25</td>", dashboard);
        Assert.DoesNotContain("<td>0.5</td>", dashboard);
    }

    [Fact]
    public async Task A_revoked_certificate_cannot_be_reissued()
    {
        var certificate = await (await app.SignedInLearnerAsync("Jon Smiht")).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();
        await admin.RevokeAsync(certificate.Code, "Duplicate account");

        var reissue = await admin.ReissueAsync(certificate.Code, "Jon Smith", "Typo");

        Assert.Equal(HttpStatusCode.BadRequest, reissue.StatusCode);
        Assert.Single((await StoredAsync(certificate.Code)).Issues);
    }

    [Fact]
    public async Task An_administrator_issues_a_certificate_by_hand_with_a_note_and_it_is_recorded()
    {
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync("Live Session Learner", profession: "RN", email: email);
        var admin = await app.SignedInAdminAsync();

        var issued = await admin.IssueManuallyAsync(email, "2026-03-05", "0.25", "Attended the live session in Leeds; attendance sheet on file");

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var code = issued.Headers.Location!.OriginalString.Split('/', '?')[3];
        var (issues, audit, _) = await StoredAsync(code);
        var certificate = Assert.Single(issues);
        Assert.Equal(new DateOnly(2026, 3, 5), certificate.CompletedOn);
        Assert.Equal(0.25m, certificate.Credits);
        Assert.Equal(CertificateKind.Completion, certificate.Kind);
        Assert.Equal("Attended the live session in Leeds; attendance sheet on file", certificate.Note);
        Assert.Equal(audit.Single().UserId, certificate.IssuedByUserId);
        Assert.Equal(AuditActions.IssueManually, audit.Single().Action);
        Assert.Null(audit.Single().BeforeJson);
        Assert.Contains("Live Session Learner", audit.Single().AfterJson);
        Assert.Contains(code, await learner.GetPageAsync("/my/certificates"));
        Assert.Contains("This certificate is valid", await app.CreateTestClient().GetPageAsync($"/verify/{code}"));
    }

    [Theory]
    [InlineData("nobody-{0}@tests.nmosdlearn.local", "2026-03-05", "0.25", "No learner has this email address.")]
    [InlineData("", "2099-01-01", "0.25", "The completion date cannot be in the future.")]
    [InlineData("", "2026-03-05", "3", "Credits must be more than 0 and no more than the course&#x27;s maximum")]
    [InlineData("", "2026-03-05", "0", "Credits must be more than 0 and no more than the course&#x27;s maximum")]
    public async Task A_manual_issue_with_a_problem_is_refused_with_the_reason(string emailPattern, string completedOn, string credits, string message)
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);
        var admin = await app.SignedInAdminAsync();

        var response = await admin.IssueManuallyAsync(
            emailPattern.Length == 0 ? email : string.Format(emailPattern, Guid.NewGuid().ToString("N")), completedOn, credits, "A note");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("There is a problem", html);
        Assert.Contains(message, html);
    }

    [Fact]
    public async Task A_learner_with_a_valid_certificate_for_the_course_is_not_given_a_second()
    {
        var email = TestClient.NewEmail();
        await (await app.SignedInLearnerAsync(email: email)).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();

        var response = await admin.IssueManuallyAsync(email, "2026-03-05", "0.25", "Duplicate");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This learner already has a valid certificate for this course.", await response.Content.ReadAsStringAsync(Cancel));
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.CountAsync(c => c.UserId == user!.Id, Cancel));
    }
}
