using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Admin;

namespace NmosdLearn.Web.Tests.Admin;

/// <summary>Administrators' actions on accounts, each audited; the platform always keeps an administrator.</summary>
public sealed class AdminUserTests(ReportsFactory app) : IClassFixture<ReportsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email, Cancel)).Id;
    }

    private async Task<List<string>> AuditActionsAsync(string targetUserId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.TargetUserId == targetUserId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel);
    }

    [Fact]
    public async Task An_administrator_finds_an_account_changes_its_roles_locks_unlocks_and_sends_a_reset_and_each_action_is_audited()
    {
        var admin = await app.AdminAsync();
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync("Zhang Wei 张伟", email: email);
        var id = await UserIdAsync(email);

        var list = await admin.GetPageAsync($"/admin/users?q={Uri.EscapeDataString(email)}");
        Assert.Contains("张伟", list);
        Assert.Contains("<p>1 account</p>", list);

        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/roles", [new("roles", "Author"), new("roles", "Reviewer")]);
        var details = await admin.GetPageAsync($"/admin/users/{id}");
        Assert.Contains("id=\"role-Author\" checked=\"checked\"", details);
        Assert.Contains("id=\"role-Reviewer\" checked=\"checked\"", details);

        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/lock", []);
        var signIn = await app.CreateTestClient().LoginAsync(email, "a long enough password");
        Assert.NotEqual("/my", signIn.Headers.Location?.OriginalString);
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/unlock", []);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().LoginAsync(email, "a long enough password")).StatusCode);

        var earlier = app.Mailbox.MessageIds(email);
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/password-reset", []);
        Assert.Contains("/account/reset-password", await app.Mailbox.LinkAsync(email, "/account/reset-password", earlier));

        Assert.Equal(["user.roles", "user.lock", "user.unlock", "user.send-password-reset"], await AuditActionsAsync(id));
        _ = learner;
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_admin_role_nor_the_last_administrator()
    {
        var admin = await app.AdminAsync();
        var adminId = await UserIdAsync(AppFactory.AdminEmail);

        var own = await admin.SubmitAsync($"/admin/users/{adminId}", $"/admin/users/{adminId}/roles", [new("roles", "Author")]);
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync(own.Headers.Location!.OriginalString));

        Assert.Contains("You cannot remove your own Admin role", page);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(adminId))!, "Admin"));

        // Another administrator removing the only administrator's role is refused too.
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var others = (await users.GetUsersInRoleAsync("Admin")).Where(u => u.Id != adminId).ToList();
        foreach (var other in others)
        {
            await users.RemoveFromRoleAsync(other, "Admin");
        }

        var result = await administration.SetRolesAsync(adminId, ["Clinician"], new AdminActor("someone-else", "else@tests.nmosdlearn.local"), Cancel);
        Assert.Equal("This is the last administrator: make someone else an administrator first.", result.Problem);
    }

    [Fact]
    public async Task A_learner_who_saw_the_answers_of_a_post_test_without_a_pool_cannot_be_given_the_same_questions_again()
    {
        var admin = await app.AdminAsync();
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync(email: email);
        await learner.WalkTestCourseToPostTestAsync();
        for (var i = 0; i < 3; i++)
        {
            await learner.TakeTestAsync("test-course", LearnerSteps.TestCourseFailingAnswers);
        }

        var id = await UserIdAsync(email);
        var refused = await learner.Http.GetAsync("/courses/test-course/post-test", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var noReason = await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/reset-attempts", [new("courseId", "test-course"), new("reason", "")]);
        Assert.Contains("Give the reason for the reset", WebUtility.HtmlDecode(await admin.GetPageAsync(noReason.Headers.Location!.OriginalString)));
        // The last attempt showed the correct answers, and this post-test has no pool: a retake would ask the same questions.
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/users/{id}"));
        var sameQuestions = await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/reset-attempts",
            [new("courseId", "test-course"), new("reason", "Connection failures during the exam"), new("answersShownConfirmed", "true")]);

        Assert.Contains("Has seen the correct answers; every attempt asks the same questions", page);
        Assert.Contains("every attempt at this post-test asks the same questions", WebUtility.HtmlDecode(await admin.GetPageAsync(sameQuestions.Headers.Location!.OriginalString)));
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.Http.GetAsync("/courses/test-course/post-test", Cancel)).StatusCode);
        Assert.DoesNotContain("learner.reset-attempts", await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Attempts_given_back_after_the_answers_were_shown_need_the_administrator_to_confirm_it_and_the_audit_says_so()
    {
        const string course = "pool-course";
        var admin = await app.AdminAsync();
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync(email: email);
        await learner.AcknowledgeAsync(course);
        await learner.AnswerCheckAsync(course, "first", "check-one", "b");
        await learner.CompleteLessonAsync(course, "first");
        await learner.CompleteLessonAsync(course, "second");
        for (var i = 0; i < 3; i++)
        {
            await learner.TakeTestAsync(course, []);
        }

        var id = await UserIdAsync(email);
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/users/{id}"));
        var unconfirmed = await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/reset-attempts",
            [new("courseId", course), new("reason", "Connection failures during the exam")]);
        var refusal = WebUtility.HtmlDecode(await admin.GetPageAsync(unconfirmed.Headers.Location!.OriginalString));
        var blocked = await learner.Http.GetAsync($"/courses/{course}/post-test", Cancel);
        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/reset-attempts",
            [new("courseId", course), new("reason", "Connection failures during the exam"), new("answersShownConfirmed", "true")]);

        Assert.Contains("Has seen the correct answers; a new attempt draws from the pool", page);
        Assert.Contains("I know this learner has seen the correct answers", page);
        Assert.Contains("This learner has seen the correct answers. A new attempt draws other questions", refusal);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await learner.Http.GetAsync($"/courses/{course}/post-test", Cancel)).StatusCode);
        Assert.Contains("learner.reset-attempts", await AuditActionsAsync(id));
    }

    [Fact]
    public async Task The_audit_log_filters_by_person_action_and_course_and_exports_csv()
    {
        var admin = await app.AdminAsync();
        await admin.GetPageAsync("/admin/reports/test-course/completions.csv");

        var page = await admin.GetPageAsync($"/admin/audit?act=report.export&course=test-course&person={Uri.EscapeDataString(AppFactory.AdminEmail)}");
        var csv = await admin.Http.GetByteArrayAsync("/admin/audit/audit.csv?act=report.export", Cancel);

        Assert.Contains("report.export", page);
        Assert.DoesNotContain("<code>user.lock</code>", page);
        Assert.Contains("completions", Encoding.UTF8.GetString(csv));
    }
}

/// <summary>The CSV files read back with a CSV parser exactly as written, and no cell runs as a spreadsheet formula.</summary>
public sealed class CsvFileTests(ReportsFactory app) : IClassFixture<ReportsFactory>
{
    private static List<string[]> Read(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(true));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }

        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void A_cell_beginning_with_a_formula_character_is_neutralised(string value)
    {
        var rows = Read(CsvFile.Write(["name"], [[value]]));

        Assert.Equal("'" + value, rows[1][0]);
    }

    [Fact]
    public void Chinese_text_commas_quotes_and_line_breaks_read_back_intact()
    {
        var rows = Read(CsvFile.Write(["name", "note"], [["李娜", "a, \"quoted\"\nsecond line"]]));

        Assert.Equal(["name", "note"], rows[0]);
        Assert.Equal(["李娜", "a, \"quoted\"\nsecond line"], rows[1]);
    }

    [Fact]
    public async Task The_completions_export_carries_the_accreditation_fields_and_a_chinese_name_intact()
    {
        var admin = await app.AdminAsync();
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync("王芳", email: email);
        await learner.CompleteTourAsync();

        var rows = Read(await admin.Http.GetByteArrayAsync("/admin/reports/platform-tour/completions.csv", TestContext.Current.CancellationToken));

        Assert.Equal(["name", "email", "profession", "licence_number", "country", "completion_date", "credits_claimed", "credit_kind", "credit_type",
            "minutes_measured", "minutes_attested", "course_id", "content_version", "certificate_number", "certificate_status", "time_flags"], rows[0]);
        var row = rows.Single(r => r[1] == email);
        Assert.Equal("王芳", row[0]);
        Assert.Equal("hours of participation", row[7]);
        Assert.Equal("platform-tour", row[11]);
        Assert.Equal("valid", row[14]);
        Assert.Equal("", row[15]);
    }
}
