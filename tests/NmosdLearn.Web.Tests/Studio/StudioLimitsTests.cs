using System.Diagnostics;
using System.Net;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Features.Authoring;
using NmosdLearn.Tests.Shared;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>Studio pages over drafts that are too large or too deep to parse or compare: they load, quickly, and say why.</summary>
public sealed partial class StudioTests
{
    /// <summary>
    /// The reported crash: front matter nested 150,000 levels deep, saved as a draft, overflowed the YAML
    /// parser's stack on every visit to /studio, ending the process. (Never run against the code before the
    /// fix: it would end the test host.) The 20,000 brackets cost 46 s of parsing.
    /// </summary>
    [Theory]
    [InlineData("dashes", 150_000, "KB")]
    [InlineData("brackets", 20_000, "nested more than")]
    public async Task A_draft_nested_too_deeply_to_parse_is_listed_with_its_error_and_the_studio_pages_load(string shape, int depth, string message)
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());
        // The template's placeholders are errors too: written over first, so that the nesting is the draft's first error.
        await FillPlaceholdersAsync(author, id);
        var (text, revision) = await OpenAsync(author, id, "course.md");
        var nested = shape == "dashes"
            ? "objectives:\n  " + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n"
            : "objectives: " + new string('[', depth) + "x" + new string(']', depth) + "\n";
        var saved = await SaveAsync(author, id, "course.md", text.Replace("objectives:", nested + "old_objectives:"), revision);
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, saved.StatusCode.ToString());

        foreach (var page in new[] { "/studio", $"/studio/{id}", $"/studio/{id}/edit?path=course.md", $"/studio/{id}/preview", $"/studio/{id}/review" })
        {
            var clock = Stopwatch.StartNew();
            var response = await author.Http.GetAsync(page, Cancel);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
            Timings.Report($"{shape} {depth}: {page}: {clock.ElapsedMilliseconds} ms");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.Elapsed < Timings.Ceiling, $"{page} took {clock.Elapsed}");
            if (page == "/studio" || page == $"/studio/{id}")
            {
                Assert.Contains(message, html);
            }
        }

        Assert.Contains($"{id}/course.md:", WebUtility.HtmlDecode(await author.GetPageAsync("/studio")));
    }

    /// <summary>The reported slow page: two 70,000-line revisions made the history take 78 s and 24 MB.</summary>
    [Fact]
    public async Task Two_70000_line_revisions_are_too_large_to_compare_on_the_page_which_offers_both_to_download()
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());
        var (text, revision) = await OpenAsync(author, id, "post-test.md");
        var first = text + string.Concat(Enumerable.Range(1, 70_000).Select(i => $"{i}\n"));
        var second = text + string.Concat(Enumerable.Range(1, 70_000).Select(i => i % 2 == 0 ? $"x{i}\n" : $"{i}\n"));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(second) <= StudioFiles.MaxTextBytes);
        await SaveAsync(author, id, "post-test.md", first, revision);
        await SaveAsync(author, id, "post-test.md", second, revision + 1);

        var clock = Stopwatch.StartNew();
        var response = await author.Http.GetAsync($"/studio/{id}/history?path=post-test.md&from={revision + 1}&to={revision + 2}", Cancel);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        clock.Stop();
        Timings.Report($"history of two 70,000-line revisions: {clock.ElapsedMilliseconds} ms, {html.Length:N0} characters");
        var download = await author.Http.GetAsync($"/studio/{id}/history/download?path=post-test.md&revision={revision + 2}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < Timings.Ceiling, $"took {clock.Elapsed}");
        Assert.True(html.Length < 100_000, $"{html.Length:N0} characters");
        Assert.Contains("The difference is too large to show here", html);
        Assert.Contains($"history/download?path=post-test.md&revision={revision + 1}", html);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(second, await download.Content.ReadAsStringAsync(Cancel));
    }
}
