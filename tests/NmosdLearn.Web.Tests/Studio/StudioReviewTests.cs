using System.Net;
using AngleSharp.Html.Parser;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>What a reviewer checks: the course information as learners will read it, and what changed, as they will read it.</summary>
public sealed partial class StudioTests
{
    /// <summary>A 1×1 PNG, a figure different from the fixture's.</summary>
    internal static readonly byte[] OtherPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    internal static async Task<HttpResponseMessage> UploadAsync(TestClient author, string id, string name, byte[] bytes)
    {
        var page = await author.GetPageAsync($"/studio/{id}");
        using var form = new MultipartFormDataContent { { new StringContent(TestClient.AntiforgeryTokenIn(page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(bytes), "image", name);
        return await author.Http.PostAsync($"/studio/{id}/upload", form, Cancel);
    }

    internal static async Task PublishAsync(TestClient author, TestClient reviewer, string id)
    {
        await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/request-review", []);
        var reviewId = ReviewForm().Match(await reviewer.GetPageAsync($"/studio/{id}/review")).Groups[1].Value;
        await reviewer.SubmitAsync($"/studio/{id}/review", $"/studio/{id}/review/{reviewId}", [new("decision", "approve")]);
        Assert.Equal($"/studio/{id}?message=published", (await author.SubmitAsync($"/studio/{id}", $"/studio/{id}/publish", [])).Headers.Location?.OriginalString);
    }

    internal static async Task EditAsync(TestClient author, string id, string path, Func<string, string> change)
    {
        var (text, revision) = await OpenAsync(author, id, path);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(author, id, path, change(text), revision)).StatusCode);
    }

    private static string? CourseInformation(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector(".course-information")?.OuterHtml;

    [Fact]
    public async Task Preview_as_a_learner_shows_the_course_information_exactly_as_the_course_page_does()
    {
        var author = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var id = await CreateCourseAsync(author, NewId());
        await FillPlaceholdersAsync(author, id);
        await PublishAsync(author, reviewer, id);

        var learnerPage = await (await app.SignedInLearnerAsync()).GetPageAsync($"/courses/{id}");
        var preview = await author.GetPageAsync($"/studio/{id}/preview");

        Assert.NotNull(CourseInformation(preview));
        Assert.Equal(CourseInformation(learnerPage), CourseInformation(preview));
        foreach (var part in new[] { "Learning objectives", "Faculty and disclosures", "Commercial support", "Accreditation and certificate", "Time needed", "Your study time" })
        {
            Assert.Contains(part, preview);
        }

        // A change in the draft is what the preview shows; the approval waits for the draft's own publication.
        await EditAsync(author, id, "course.md", text => text.Replace("The author's own text (course.md, 5).", "A NEW DISCLOSURE BEFORE REVIEW."));
        var changed = WebUtility.HtmlDecode(await author.GetPageAsync($"/studio/{id}/preview"));
        Assert.Contains("A NEW DISCLOSURE BEFORE REVIEW.", CourseInformation(changed));
        Assert.Contains("Learners see here who reviewed this version once it is approved and published.", changed);
    }

    [Fact]
    public async Task The_review_page_shows_course_fields_by_name_the_rendered_text_difference_and_both_versions_of_a_changed_image()
    {
        var author = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var otherAuthor = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());
        await FillPlaceholdersAsync(author, id);
        var figure = await File.ReadAllBytesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"), Cancel);
        await UploadAsync(author, id, "figure.png", figure);
        await EditAsync(author, id, "01-first-lesson.md", text => text.Replace("## Knowledge check", "![The first figure](figure.png)\n\n## Knowledge check"));
        await PublishAsync(author, reviewer, id);

        await EditAsync(author, id, "course.md", text => text.Replace("The author's own text (course.md, 6).", "Sponsored by nobody at all."));
        await EditAsync(author, id, "01-first-lesson.md", text => text.Replace("The author's own text (01-first-lesson.md, 2).", "A sentence the reviewer must see."));
        await UploadAsync(author, id, "figure.png", OtherPng);

        var response = await reviewer.Http.GetAsync($"/studio/{id}/review", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var page = new HtmlParser().ParseDocument(html);
        var decoded = WebUtility.HtmlDecode(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Course metadata as labelled fields, not YAML.
        Assert.DoesNotContain("commercial_support:", decoded);
        var field = page.QuerySelectorAll(".review-fields dt").Single(dt => dt.TextContent == "Commercial support");
        var values = field.NextElementSibling!;
        Assert.Equal("The author's own text (course.md, 6).", values.QuerySelector("del")!.TextContent.Trim());
        Assert.Equal("Sponsored by nobody at all.", values.QuerySelector("ins")!.TextContent.Trim());
        // The lesson as rendered text: the changed paragraph struck out and inserted, in words too; no Markdown.
        var inserted = page.QuerySelectorAll(".rendered-diff li.diff-added ins").Select(e => e.TextContent).ToList();
        var deleted = page.QuerySelectorAll(".rendered-diff li.diff-removed del").Select(e => e.TextContent).ToList();
        Assert.Contains(inserted, t => t.StartsWith("Added: ", StringComparison.Ordinal) && t.Contains("A sentence the reviewer must see.[1]", StringComparison.Ordinal));
        Assert.Contains(deleted, t => t.StartsWith("Removed: ", StringComparison.Ordinal) && t.Contains("The author's own text (01-first-lesson.md, 2).[1]", StringComparison.Ordinal));
        Assert.DoesNotContain("[^1]", decoded);
        // The image: both versions shown, no byte count or hash.
        Assert.DoesNotContain("SHA-256", decoded);
        var images = page.QuerySelectorAll("img.review-image").Select(i => i.GetAttribute("src")).ToList();
        Assert.Equal([$"/studio/{id}/review/files/published/figure.png", $"/studio/{id}/review/files/draft/figure.png"], images);
        Assert.Equal(figure, await reviewer.Http.GetByteArrayAsync(images[0], Cancel));
        Assert.Equal(OtherPng, await reviewer.Http.GetByteArrayAsync(images[1], Cancel));
        Assert.Equal(OtherPng, await author.Http.GetByteArrayAsync(images[1], Cancel));

        // Nobody else opens a draft's figures, and the page does not offer them.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAuthor.Http.GetAsync(images[1], Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateTestClient().Http.GetAsync(images[1], Cancel)).StatusCode);
        var otherPage = WebUtility.HtmlDecode(await otherAuthor.GetPageAsync($"/studio/{id}/review"));
        Assert.Contains("Only the course's authors and reviewers can see its images.", otherPage);
        Assert.DoesNotContain("review/files/", otherPage);
    }

    [Fact]
    public async Task Two_studio_editions_that_name_each_other_pass_the_checker_in_their_drafts_and_a_one_sided_link_is_an_error()
    {
        var author = await app.StaffAsync("Author");
        var english = await CreateCourseAsync(author, NewId());
        var chinese = NewId();
        Assert.Equal(HttpStatusCode.Redirect, (await author.SubmitAsync("/studio", "/studio/new", [new("courseId", chinese), new("title", "中文版"), new("language", "zh-CN")])).StatusCode);
        await FillPlaceholdersAsync(author, english);
        await FillPlaceholdersAsync(author, chinese);

        await EditAsync(author, english, "course.md", text => text.Replace("minimum_minutes: 5\n", $"minimum_minutes: 5\ntranslations:\n  zh-CN: {chinese}\n"));
        var oneSided = WebUtility.HtmlDecode(await author.GetPageAsync($"/studio/{english}"));
        var refused = await author.SubmitAsync($"/studio/{english}", $"/studio/{english}/request-review", []);

        Assert.Contains($"{english}/course.md:28:3: error: '{chinese}', named as the zh-CN edition, does not name this course back: add 'en: {english}' under 'translations' in its course.md", oneSided);
        Assert.Contains("The draft has 1 error: fix it before asking for review.", WebUtility.HtmlDecode(await author.GetPageAsync(refused.Headers.Location!.OriginalString)));

        // The other edition's draft names this one back: neither is published yet, and both drafts pass.
        await EditAsync(author, chinese, "course.md", text => text.Replace("minimum_minutes: 5\n", $"minimum_minutes: 5\ntranslations:\n  en: {english}\n"));
        Assert.Contains("No errors", await author.GetPageAsync($"/studio/{english}"));
        Assert.Contains("No errors", await author.GetPageAsync($"/studio/{chinese}"));
        Assert.Equal($"/studio/{english}?message=review-requested", (await author.SubmitAsync($"/studio/{english}", $"/studio/{english}/request-review", [])).Headers.Location?.OriginalString);
    }
}
