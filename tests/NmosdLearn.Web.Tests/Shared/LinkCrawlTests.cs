using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests.Shared;

/// <summary>
/// Every link a person is shown leads somewhere they may go: each role's pages are crawled from its starting pages and
/// every same-site link is followed; none may answer 403, 404 or send the person to sign in or to "access denied", and a
/// link to a place on the same page must find an element with that id.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class LinkCrawlTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Enough for every kind of page a role reaches; the crawl takes the first links of each page first.</summary>
    private const int MaxPages = 80;

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Author")]
    [InlineData("Reviewer")]
    [InlineData("Admin")]
    public async Task No_page_links_where_its_reader_cannot_go(string role)
    {
        var client = app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(await app.CreateUserAsync(role), "a long enough password")).StatusCode);
        if (role == "Clinician")
        {
            // Started courses show their lessons and tests, with their own links.
            await client.AcknowledgeAsync(LearnerSteps.Tour);
            await client.AcknowledgeAsync("nmosd-pain-en");
        }

        var queue = new Queue<(string Path, string From)>(new[] { "/", "/courses", "/my", "/studio", "/admin" }.Select(p => (p, "start")));
        var seen = new HashSet<string>(queue.Select(q => q.Path));
        var broken = new List<string>();
        var pages = 0;
        while (queue.Count > 0 && pages < MaxPages)
        {
            var (path, from) = queue.Dequeue();
            var response = await client.Http.GetAsync(path, Cancel);
            var location = response.Headers.Location is { } to ? new Uri(new Uri("http://localhost"), to).PathAndQuery : "";
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || location.StartsWith("/account/login", StringComparison.Ordinal) || location.StartsWith("/account/access-denied", StringComparison.Ordinal))
            {
                // The start pages are tried for every role: only links shown on a page count.
                if (from != "start")
                {
                    broken.Add($"{from} links to {path}: {(int)response.StatusCode} {location}");
                }

                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages++;
            var html = await response.Content.ReadAsStringAsync(Cancel);
            var ids = IdAttribute().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var href in Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (href.StartsWith('#'))
                {
                    if (href.Length > 1 && !ids.Contains(Uri.UnescapeDataString(href[1..])))
                    {
                        broken.Add($"{path} links to {href}, which is not on the page");
                    }

                    continue;
                }

                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = href.Split('#')[0];
                if (seen.Add(target))
                {
                    queue.Enqueue((target, path));
                }
            }
        }

        Assert.True(pages > 5, $"the crawl as {role} saw only {pages} pages");
        Assert.True(broken.Count == 0, $"{role}: {broken.Count} broken links:\n" + string.Join('\n', broken.Distinct().Take(40)));
    }

    [GeneratedRegex("<a\\s[^>]*href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();
}
