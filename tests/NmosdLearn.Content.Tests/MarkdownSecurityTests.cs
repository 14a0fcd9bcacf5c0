namespace NmosdLearn.Content.Tests;

/// <summary>Markdown from authors must render inert: no script, no event handlers, no dangerous schemes.</summary>
public sealed class MarkdownSecurityTests
{
    public static TheoryData<string> Attacks => new()
    {
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](https://example.org \"a\" onmouseover=\"alert(1)\")",
        "[x](<https://example.org\" onclick=\"alert(1)>)",
        "<iframe src=\"https://example.org\"></iframe>",
        "[x](vbscript:msgbox(1))",
        "<details open ontoggle=alert(1)>",
        "`<script>` is code, not a tag",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Rendered_markdown_is_inert(string markdown)
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse(markdown));

        // Inspect the HTML as a browser would parse it: escaped text that merely looks like a tag is harmless.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "svg", "iframe", "object", "embed", "style", "details" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} in {html}");
                if (attribute.Name is "href" or "src")
                {
                    var value = attribute.Value.Trim().ToLowerInvariant();
                    Assert.True(
                        value.StartsWith("https:") || value.StartsWith("http:") || value.StartsWith("mailto:") || value.StartsWith('#') || value.StartsWith('/') || !value.Contains(':'),
                        $"unsafe {attribute.Name}=\"{attribute.Value}\" in {html}");
                }
            }
        }
    }

    [Fact]
    public void Raw_html_shows_as_text()
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse("<b>bold</b>"));

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public void Safe_links_and_heading_anchors_survive_sanitizing()
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse("## A heading\n\n[site](https://example.org)"));

        Assert.Contains("id=\"a-heading\"", html);
        Assert.Contains("href=\"https://example.org\"", html);
    }

    [Fact]
    public void Tables_align_by_class_because_the_pages_allow_no_inline_style()
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"));

        Assert.Contains("<th class=\"text-start\">a</th>", html);
        Assert.Contains("<td class=\"text-center\">2</td>", html);
        Assert.Contains("<td class=\"text-end\">3</td>", html);
        Assert.DoesNotContain("style", html);
    }
}
