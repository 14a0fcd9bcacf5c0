using System.Net;
using System.Text.RegularExpressions;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>Small defects that a browser console, the Nu HTML checker or a curious visitor would find.</summary>
[Collection(AppCollection.Name)]
public sealed partial class PageDefectsTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, HttpStatusCode.NotFound)]
    [InlineData(200, HttpStatusCode.NotFound)]
    [InlineData(302, HttpStatusCode.NotFound)]
    [InlineData(999, HttpStatusCode.NotFound)]
    [InlineData(404, HttpStatusCode.NotFound)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    [InlineData(500, HttpStatusCode.InternalServerError)]
    public async Task The_status_page_answers_only_error_statuses(int code, HttpStatusCode expected)
    {
        var response = await app.CreateTestClient().Http.GetAsync($"/status/{code}", Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("POST", "/no-such-page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("PUT", "/no-such-page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("DELETE", "/no-such-page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("POST", "/account/login", HttpStatusCode.BadRequest, "This form has expired")]
    public async Task Error_pages_answer_whatever_the_method(string method, string path, HttpStatusCode expected, string heading)
    {
        // Outside Development the status and error pages are re-executed with the request's own method: a POST without
        // an antiforgery token (an expired form) used to fail that check again and leave an empty 400.
        var response = await app.CreateTestClient().Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new FormUrlEncodedContent([new("Email", "someone@example.org")]),
        }, Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains($"<h1>{heading}", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_site_has_a_favicon_linked_from_every_page()
    {
        var client = app.CreateTestClient();
        var icon = await client.Http.GetAsync("/favicon.ico", Cancel);
        var home = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Matches("<link rel=\"icon\" href=\"/favicon.ico", home);
    }

    [Theory]
    [InlineData("/courses/platform-tour")]
    [InlineData("/courses/platform-tour/start")]
    public async Task Course_information_headings_never_skip_a_level(string path)
    {
        var client = await app.NewLearnerAsync();
        var page = await client.GetPageAsync(path);

        var levels = Heading().Matches(page).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(levels);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"h{levels[i - 1]} is followed by h{levels[i]} on {path}");
        }
    }

    [Fact]
    public async Task A_multiple_answer_question_says_select_all_that_apply_once()
    {
        var client = await app.NewLearnerAsync();
        await client.AcknowledgeAsync("nmosd-pain-en");
        var (_, page) = await client.OpenTestAsync("nmosd-pain-en", "pre-test");

        var multiple = app.Content.Current.Find("nmosd-pain-en")!.PreTest!.Questions.Count(q => q.Type == NmosdLearn.Content.QuestionType.Multiple);
        Assert.True(multiple > 0);
        Assert.Equal(multiple, Regex.Count(page, "Select all that apply"));
    }

    [GeneratedRegex("<h([1-6])[ >]")]
    private static partial Regex Heading();
}

/// <summary>What the browser downloads: compressed pages, static files cached for good under their fingerprint.</summary>
[Collection(AppCollection.Name)]
public sealed partial class TransferTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_styles_are_compressed(string encoding)
    {
        var client = app.CreateTestClient();
        var home = await client.GetPageAsync("/");
        var stylesheet = StyleSheet().Match(home).Groups[1].Value;

        foreach (var path in new[] { "/", System.Net.WebUtility.HtmlDecode(stylesheet) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.Http.SendAsync(request, Cancel);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        }
    }

    [Fact]
    public async Task A_fingerprinted_static_file_is_cached_for_a_year_and_a_plain_one_is_not()
    {
        var client = app.CreateTestClient();
        var stylesheet = System.Net.WebUtility.HtmlDecode(StyleSheet().Match(await client.GetPageAsync("/")).Groups[1].Value);

        var fingerprinted = await client.Http.GetAsync(stylesheet, Cancel);
        var plain = await client.Http.GetAsync("/css/site.css", Cancel);

        Assert.Contains("?v=", stylesheet);
        Assert.Equal("public, max-age=31536000, immutable", fingerprinted.Headers.CacheControl!.ToString());
        Assert.Null(plain.Headers.CacheControl);
    }

    [Fact]
    public async Task The_evaluation_error_summary_names_each_objective_once_instead_of_repeating_one_message()
    {
        var client = await app.NewLearnerAsync("Summary Reader");
        await client.AcknowledgeAsync(Tour);
        await client.CompleteLessonAsync(Tour, TourLesson);
        await client.TakeTestAsync(Tour, TourCorrectAnswers);

        var response = await client.SubmitAsync($"/courses/{Tour}/evaluation", $"/courses/{Tour}/evaluation", []);
        var links = SummaryLink().Matches(await response.Content.ReadAsStringAsync(Cancel)).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();

        Assert.True(links.Count >= 5, string.Join(" | ", links));
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.Contains("Choose how far objective 2 was met: Explain how anyone can check that a certificate is genuine.", links);
    }

    [GeneratedRegex("<li><a href=\"#([^\"]*)\">([^<]*)</a></li>")]
    private static partial Regex SummaryLink();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/lib/bootstrap/css/bootstrap.min.css[^\"]+)\"")]
    private static partial Regex StyleSheet();
}
