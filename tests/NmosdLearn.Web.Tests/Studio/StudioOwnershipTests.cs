using System.Net;
using Microsoft.EntityFrameworkCore;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>Only a course's owners and co-authors change it; administrators may, and that is audited.</summary>
public sealed partial class StudioTests
{
    private static Task<HttpResponseMessage> AddAuthorAsync(TestClient owner, string id, string email, string role = "co-author") =>
        owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/authors", [new("email", email), new("role", role)]);

    private Task<int> ChangesToAsync(string id) => app.QueryAsync(async db =>
        await db.StudioFileRevisions.CountAsync(r => r.CourseId == id, Cancel) + await db.StudioReviews.CountAsync(r => r.CourseId == id, Cancel));

    [Fact]
    public async Task Another_author_may_read_a_course_they_do_not_own_but_not_save_upload_add_a_lesson_ask_review_or_publish()
    {
        var owner = await app.StaffAsync("Author");
        var other = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(owner, NewId());
        var (text, revision) = await OpenAsync(other, id, "01-first-lesson.md");
        var before = await ChangesToAsync(id);

        var save = await SaveAsync(other, id, "01-first-lesson.md", text + "\nNot mine to write.\n", revision);
        var page = await other.GetPageAsync($"/studio/{id}");
        using var form = new MultipartFormDataContent { { new StringContent(TestClient.AntiforgeryTokenIn(page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"), Cancel)), "image", "figure.png");
        var upload = await other.Http.PostAsync($"/studio/{id}/upload", form, Cancel);
        var lesson = await other.SubmitAsync($"/studio/{id}", $"/studio/{id}/lessons", [new("title", "Not mine")]);
        var review = await other.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var publish = await other.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", []);
        var addSelf = await AddAuthorAsync(other, id, "nobody@example.org");

        Assert.All([save, upload, lesson, review, publish, addSelf], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("You are not an author of this course", WebUtility.HtmlDecode(await save.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(before, await ChangesToAsync(id));
    }

    [Fact]
    public async Task A_co_author_added_by_the_owner_can_save_and_a_co_author_cannot_manage_authors()
    {
        var owner = await app.StaffAsync("Author");
        var (coAuthor, email) = await app.StaffWithEmailAsync("Author");
        var id = await CreateCourseAsync(owner, NewId());

        var added = await AddAuthorAsync(owner, id, email.ToUpperInvariant());
        var (text, revision) = await OpenAsync(coAuthor, id, "01-first-lesson.md");
        var save = await SaveAsync(coAuthor, id, "01-first-lesson.md", text + "\nA co-author's sentence.\n", revision);
        var ownerId = await app.QueryAsync(db => db.StudioCourseAuthors.Where(a => a.CourseId == id && a.Role == "owner").Select(a => a.UserId).SingleAsync(Cancel));
        var removeOwner = await coAuthor.SubmitAsync($"/studio/{id}", $"/studio/{id}/authors/remove", [new("userId", ownerId)]);

        Assert.Equal($"/studio/{id}?message=author-added", added.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains("A co-author's sentence.", (await OpenAsync(owner, id, "01-first-lesson.md")).Text);
        Assert.Equal(HttpStatusCode.Forbidden, removeOwner.StatusCode);
        Assert.Contains(email, WebUtility.HtmlDecode(await owner.GetPageAsync($"/studio/{id}")));
    }

    [Fact]
    public async Task Only_an_existing_author_account_can_be_added_and_the_last_owner_cannot_be_removed()
    {
        var owner = await app.StaffAsync("Author");
        var clinician = await app.CreateUserAsync("Clinician");
        var id = await CreateCourseAsync(owner, NewId());
        var ownerId = await app.QueryAsync(db => db.StudioCourseAuthors.Where(a => a.CourseId == id).Select(a => a.UserId).SingleAsync(Cancel));

        // The outcome travels in TempData: each page is read before the next form is sent.
        async Task<string> OutcomeAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await owner.GetPageAsync(response.Headers.Location!.OriginalString));
        var notAnAuthor = await OutcomeAsync(await AddAuthorAsync(owner, id, clinician));
        var unknown = await OutcomeAsync(await AddAuthorAsync(owner, id, "nobody-at-all@example.org"));
        var last = await OutcomeAsync(await owner.SubmitAsync($"/studio/{id}", $"/studio/{id}/authors/remove", [new("userId", ownerId)]));

        Assert.Contains("has no account with the Author role", notAnAuthor);
        Assert.Contains("has no account with the Author role", unknown);
        Assert.Contains("the last owner", last);
        Assert.Equal([ownerId], await app.QueryAsync(db => db.StudioCourseAuthors.Where(a => a.CourseId == id).Select(a => a.UserId).ToListAsync(Cancel)));
    }

    [Fact]
    public async Task An_administrator_who_is_not_an_author_can_act_on_the_course_and_every_such_action_is_audited()
    {
        var owner = await app.StaffAsync("Author");
        var (admin, adminEmail) = await app.StaffWithEmailAsync("Admin");
        var (coAuthor, coAuthorEmail) = await app.StaffWithEmailAsync("Author");
        var id = await CreateCourseAsync(owner, NewId());

        var (text, revision) = await OpenAsync(admin, id, "01-first-lesson.md");
        var save = await SaveAsync(admin, id, "01-first-lesson.md", text + "\nAn administrator's correction.\n", revision);
        var added = await AddAuthorAsync(admin, id, coAuthorEmail);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.CourseId == id).Select(e => new { e.Action, e.UserEmail, e.AfterJson }).ToListAsync(Cancel));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(2, audit.Count(e => e.Action == "course.admin-override" && e.UserEmail == adminEmail));
        Assert.Contains(audit, e => e.Action == "course.admin-override" && e.AfterJson!.Contains("course.file-save", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "course.author-add" && e.AfterJson!.Contains(coAuthorEmail, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(coAuthor, id, "01-first-lesson.md", text + "\nNext.\n", revision + 1)).StatusCode);
    }
}
