using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>A host of its own: studio courses change what the catalog offers.</summary>
public class StudioFactory : AppFactory
{
    /// <summary>Set for a second instance on the same database (with its own copy of the content folder).</summary>
    public string? SharedDatabase { get; init; }

    public override string DatabasePath => SharedDatabase ?? base.DatabasePath;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Content:PublishedCheckSeconds", "1");
    }

    public async Task<TestClient> StaffAsync(string role) => (await StaffWithEmailAsync(role)).Client;

    public async Task<(TestClient Client, string Email)> StaffWithEmailAsync(string role)
    {
        var client = CreateTestClient();
        var email = await CreateUserAsync(role);
        var response = await client.LoginAsync(email, "a long enough password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, email);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed partial class StudioTests(StudioFactory app) : IClassFixture<StudioFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewId() => $"studio-{Guid.NewGuid():N}"[..20];

    internal static async Task<string> CreateCourseAsync(TestClient author, string id)
    {
        var response = await author.SubmitAsync("/studio", "/studio/new", [new("courseId", id), new("title", "Studio test course"), new("language", "en")]);
        Assert.Equal($"/studio/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private static async Task<(string Text, int Revision)> OpenAsync(TestClient client, string id, string path)
    {
        var html = await client.GetPageAsync($"/studio/{id}/edit?path={path}");
        var text = WebUtility.HtmlDecode(TextArea().Match(html).Groups[1].Value);
        var revision = int.Parse(BaseRevision().Match(html).Groups[1].Value);
        return (text, revision);
    }

    private static Task<HttpResponseMessage> SaveAsync(TestClient client, string id, string path, string text, int revision) =>
        client.SubmitAsync($"/studio/{id}/edit?path={path}", $"/studio/{id}/edit?path={path}",
            [new("text", text), new("baseRevision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>Writes the author's own text over every placeholder the template left ('{{…}}'), as an author does before asking for review.</summary>
    internal static async Task FillPlaceholdersAsync(TestClient author, string id)
    {
        foreach (var path in new[] { "course.md", "01-first-lesson.md", "post-test.md" })
        {
            var (text, revision) = await OpenAsync(author, id, path);
            var written = 0;
            var filled = Placeholder().Replace(text, _ => $"The author's own text ({path}, {++written}).");
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(author, id, path, filled, revision)).StatusCode);
        }
    }

    [Fact]
    public async Task A_course_made_from_the_template_lists_its_placeholders_as_errors_cannot_be_sent_to_review_and_is_not_offered()
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());

        var page = WebUtility.HtmlDecode(await author.GetPageAsync($"/studio/{id}"));
        var review = await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var afterReview = WebUtility.HtmlDecode(await author.GetPageAsync(review.Headers.Location!.OriginalString));
        var catalog = await app.CreateTestClient().GetPageAsync("/courses");

        Assert.DoesNotContain("No errors", page);
        Assert.Matches(@"course\.md:14:\d+: error: a template placeholder is still here: replace '\{\{Replace this with your disclosure", page);
        Assert.Contains("Not published yet", page);
        Assert.Contains("fix them before asking for review", afterReview);
        Assert.Equal(0, await app.QueryAsync(db => db.StudioReviews.CountAsync(r => r.CourseId == id, Cancel)));
        Assert.DoesNotContain($"/courses/{id}", catalog);

        await FillPlaceholdersAsync(author, id);
        Assert.Contains("No errors", await author.GetPageAsync($"/studio/{id}"));
    }

    [Fact]
    public async Task Two_authors_saving_the_same_file_from_the_same_revision_the_second_gets_a_conflict_and_neither_text_is_lost()
    {
        var first = await app.StaffAsync("Author");
        var (second, secondEmail) = await app.StaffWithEmailAsync("Author");
        var id = await CreateCourseAsync(first, NewId());
        await AddAuthorAsync(first, id, secondEmail);
        var (text, revision) = await OpenAsync(first, id, "01-first-lesson.md");
        await OpenAsync(second, id, "01-first-lesson.md");

        var firstSave = await SaveAsync(first, id, "01-first-lesson.md", text.Replace("Write the lesson here.", "FIRST AUTHOR'S PARAGRAPH."), revision);
        var secondSave = await SaveAsync(second, id, "01-first-lesson.md", text.Replace("Write the lesson here.", "SECOND AUTHOR'S PARAGRAPH."), revision);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var conflict = WebUtility.HtmlDecode(await secondSave.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Your save was not applied", conflict);
        Assert.Contains("SECOND AUTHOR'S PARAGRAPH.", TextArea().Match(conflict).Groups[1].Value);
        Assert.Contains("FIRST AUTHOR'S PARAGRAPH.", conflict);
        var (stored, storedRevision) = await OpenAsync(first, id, "01-first-lesson.md");
        Assert.Contains("FIRST AUTHOR'S PARAGRAPH.", stored);
        Assert.Equal(revision + 1, storedRevision);
    }

    [Fact]
    public async Task Concurrent_saves_from_one_revision_store_exactly_one_and_refuse_the_rest()
    {
        var staff = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.StaffWithEmailAsync("Author")));
        var authors = staff.Select(s => s.Client).ToArray();
        var id = await CreateCourseAsync(authors[0], NewId());
        foreach (var (_, email) in staff.Skip(1))
        {
            await AddAuthorAsync(authors[0], id, email);
        }

        var (text, revision) = await OpenAsync(authors[0], id, "post-test.md");

        var saves = await Task.WhenAll(authors.Select((author, i) => SaveAsync(author, id, "post-test.md", text + $"\n<!-- author {i} -->\n", revision)));

        Assert.Equal(1, saves.Count(s => s.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(3, saves.Count(s => s.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, await app.QueryAsync(db => db.StudioFileRevisions.CountAsync(r => r.CourseId == id && r.Path == "post-test.md", Cancel)));
    }

    [Theory]
    [InlineData("figure.png", "<script>alert(1)</script>", "not a PNG, JPEG, GIF or WebP image")]
    [InlineData("handout.html", "<html><body>hi</body></html>", "not a PNG, JPEG, GIF or WebP image")]
    [InlineData("../../x.png", "PNG", "may not hold folders")]
    [InlineData("fig\u0001ure.png", "PNG", "control characters")]
    [InlineData("large.png", "LARGE", "larger than 2 MB")]
    public async Task Uploads_that_are_not_images_too_large_or_badly_named_are_refused_and_nothing_is_written(string name, string content, string message)
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        var bytes = content switch
        {
            "PNG" => png,
            "LARGE" => [.. png, .. new byte[3 * 1024 * 1024]],
            _ => Encoding.UTF8.GetBytes(content),
        };
        var before = await app.QueryAsync(db => db.StudioFileRevisions.CountAsync(r => r.CourseId == id, Cancel));
        var outside = Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "..", "x.png"));

        var page = await author.GetPageAsync($"/studio/{id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestClient.AntiforgeryTokenIn(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "image", name);
        var response = await author.Http.PostAsync($"/studio/{id}/upload", form, Cancel);
        var after = await author.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Contains(message, WebUtility.HtmlDecode(after));
        Assert.Equal(before, await app.QueryAsync(db => db.StudioFileRevisions.CountAsync(r => r.CourseId == id, Cancel)));
        Assert.False(File.Exists(outside));
    }

    [Fact]
    public async Task A_real_image_is_stored_under_a_safe_name_and_shown_in_the_draft_preview()
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());
        var png = await File.ReadAllBytesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"), Cancel);

        var page = await author.GetPageAsync($"/studio/{id}");
        using var form = new MultipartFormDataContent { { new StringContent(TestClient.AntiforgeryTokenIn(page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(png), "image", "My Figure 1.PNG");
        await author.Http.PostAsync($"/studio/{id}/upload", form, Cancel);
        var image = await author.Http.GetAsync($"/studio/{id}/draft-files/my-figure-1.png", Cancel);
        var anonymous = await app.CreateTestClient().Http.GetAsync($"/studio/{id}/draft-files/my-figure-1.png", Cancel);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Publishing_needs_an_approval_of_exactly_this_draft_by_a_reviewer_who_did_not_write_it()
    {
        var author = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var id = await CreateCourseAsync(author, NewId());
        await FillPlaceholdersAsync(author, id);

        var tooEarly = await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", []);
        Assert.Contains("has not been approved", WebUtility.HtmlDecode(await author.GetPageAsync(tooEarly.Headers.Location!.OriginalString)));

        await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", [new("note", "First version")]);
        var reviewPage = await reviewer.GetPageAsync($"/studio/{id}/review");
        var reviewId = ReviewForm().Match(reviewPage).Groups[1].Value;
        var authorDecides = await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        Assert.Equal("/account/access-denied", authorDecides.Headers.Location?.AbsolutePath);

        // The draft changes after review was asked: the approval cannot be given to a draft nobody reviewed.
        var (text, revision) = await OpenAsync(author, id, "01-first-lesson.md");
        await SaveAsync(author, id, "01-first-lesson.md", text + "\nOne more sentence.\n", revision);
        var stale = await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        Assert.Contains("has changed since review was asked", WebUtility.HtmlDecode(await reviewer.GetPageAsync(stale.Headers.Location!.OriginalString)));

        await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        reviewId = ReviewForm().Match(await reviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve"), new("comment", "Accurate.")]);
        var publish = await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", []);

        Assert.Equal($"/studio/{id}?message=published", publish.Headers.Location?.OriginalString);
        Assert.Contains($"/courses/{id}", await app.CreateTestClient().GetPageAsync("/courses"));
        var start = await (await app.SignedInLearnerAsync()).GetPageAsync($"/courses/{id}/start");
        Assert.Contains("Reviewed by Test Reviewer on", start);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.CourseId == id).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(["course.create", "course.file-save", "course.publish", "course.review-approve", "course.review-request"], audit.Distinct().Order());
    }

    [Fact]
    public async Task After_a_restart_and_on_a_second_instance_drafts_and_published_versions_are_the_same()
    {
        AppFactory.RequirePostgres();
        var author = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var id = await CreateCourseAsync(author, NewId());
        await FillPlaceholdersAsync(author, id);
        var (text, revision) = await OpenAsync(author, id, "01-first-lesson.md");
        await SaveAsync(author, id, "01-first-lesson.md", text.Replace("The author's own text (01-first-lesson.md, 2).", "Published text."), revision);
        await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var reviewId = ReviewForm().Match(await reviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", []);
        (text, revision) = await OpenAsync(author, id, "01-first-lesson.md");
        await SaveAsync(author, id, "01-first-lesson.md", text.Replace("Published text.", "Draft text, not yet published."), revision);

        // Started after the publication (a restart), and running beside the first (a second instance).
        await using var second = new StudioFactory { SharedDatabase = app.DatabasePath };
        var (secondAuthor, secondEmail) = await second.StaffWithEmailAsync("Author");
        await AddAuthorAsync(author, id, secondEmail);
        var (secondDraft, secondRevision) = await OpenAsync(secondAuthor, id, "01-first-lesson.md");
        var learner = second.CreateTestClient();
        await learner.RegisterAsync(TestClient.NewEmail());

        Assert.Contains("Draft text, not yet published.", secondDraft);
        Assert.Equal(revision + 1, secondRevision);
        Assert.Contains($"/courses/{id}", await second.CreateTestClient().GetPageAsync("/courses"));
        Assert.Equal(app.Content.Current.Find(id)!.ContentVersion, second.Content.Current.Find(id)!.ContentVersion);

        // A publication on the second instance reaches the first within its check interval.
        await secondAuthor.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var secondReviewer = await second.StaffAsync("Reviewer");
        reviewId = ReviewForm().Match(await secondReviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await secondReviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        await secondAuthor.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", []);
        var published = second.Content.Current.Find(id)!.ContentVersion;
        for (var i = 0; i < 50 && app.Content.Current.Find(id)!.ContentVersion != published; i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Equal(published, app.Content.Current.Find(id)!.ContentVersion);
    }

    [Fact]
    public async Task A_folder_course_brought_into_the_studio_keeps_its_content_version_and_learners_notice_nothing()
    {
        var author = await app.StaffAsync("Author");
        var before = app.Content.Current.Find("pool-course")!.ContentVersion;

        var response = await author.SubmitAsync("/studio", "/studio/import/pool-course", []);

        Assert.Equal("/studio/pool-course", response.Headers.Location?.OriginalString);
        Assert.Equal(before, app.Content.Current.Find("pool-course")!.ContentVersion);
        Assert.Equal("studio", app.Content.Current.FindResult("pool-course")!.Origin);
        Assert.Contains("No errors", await author.GetPageAsync("/studio/pool-course"));
    }

    [GeneratedRegex(@"<textarea[^>]*name=""text""[^>]*>([\s\S]*?)</textarea>")]
    private static partial Regex TextArea();

    [GeneratedRegex(@"name=""baseRevision"" value=""(\d+)""")]
    private static partial Regex BaseRevision();

    [GeneratedRegex(@"action=""/studio/[^/]+/review/(\d+)""")]
    private static partial Regex ReviewForm();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Placeholder();
}
