using System.Text;
using Ganss.Xss;
using NmosdLearn.Content.Markdown;

namespace NmosdLearn.Content.Tests;

/// <summary>
/// The policy check lets rendered HTML skip the sanitizer's own pass. That is safe only if the sanitizer
/// would have removed nothing from anything the check accepts; these tests hold the check to that,
/// against the real course content and against thousands of generated tag soups.
/// </summary>
public sealed class SanitizerPolicyCheckTests
{
    public static TheoryData<string> ContentFiles => new(
        Directory.GetFiles(TestPaths.ContentFolder, "*.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(CourseFolder.ValidCourseFolder, "*.md"))
            .Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f))
            .Order());

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void Every_content_file_renders_inside_the_policy_and_the_sanitizer_would_remove_nothing(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, file));
        var language = file.Contains("-zh", StringComparison.Ordinal) ? "zh-CN" : "en";
        var html = new CourseHtmlRenderer(language).RenderUnsanitized(CourseMarkdown.Parse(text));

        Assert.True(CourseMarkdown.IsWithinPolicy(html), $"{file} would need the slow sanitizer pass");
        Assert.Empty(Removals(html));
    }

    [Theory]
    [InlineData("<p>a <a href=\"javascript:alert(1)\">x</a></p>")]
    [InlineData("<a href=\"JavaScript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java\tscript:alert(1)\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml,x\" />")]
    [InlineData("<a href=x>unquoted</a>")]
    [InlineData("<p onclick=\"alert(1)\">x</p>")]
    [InlineData("<p class=\"a\" onclick=\"alert(1)\">x</p>")]
    [InlineData("<td style=\"color: red;\">x</td>")]
    [InlineData("<th style=\"text-align: center;\">x</th>")]
    [InlineData("<svg viewBox=\"0 0 1 1\"></svg>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<textarea><p>x</p></textarea>")]
    [InlineData("<!-- a comment -->")]
    [InlineData("<P>upper case</P>")]
    [InlineData("<p\tclass=\"x\">tab</p>")]
    [InlineData("<p/class=\"x\">slash</p>")]
    [InlineData("a < b")]
    [InlineData("<img srcset=\"javascript:alert(1) 1x\" />")]
    [InlineData("<p class=\"x\"")]
    [InlineData("<a href=\"https://example.org\" title=\"&amp;{alert(1)}\">x</a>")]
    [InlineData("<a href=\"?x:y\">x</a>")]
    [InlineData("<a href=\"foo&amp;#58;bar\">x</a>")]
    public void Html_the_check_cannot_vouch_for_goes_to_the_sanitizer(string html) =>
        Assert.False(CourseMarkdown.IsWithinPolicy(html));

    [Theory]
    [InlineData("<p>text with &lt;script&gt; escaped &amp; a &quot;quote&quot;</p>")]
    [InlineData("<h2 id=\"a-heading\">A heading</h2>")]
    [InlineData("<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"x\">x</a> <a href=\"#fn:1\">1</a> <a href=\"mailto:a@example.org\">m</a></p>")]
    [InlineData("<p><a href=\"/courses/x/lessons/y#part\">relative</a> <a href=\"02-second.md\">file</a></p>")]
    [InlineData("<table><thead><tr><th class=\"text-center\">a</th></tr></thead></table>")]
    [InlineData("<ul class=\"contains-task-list\"><li class=\"task-list-item\"><input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" /> x</li></ul>")]
    [InlineData("<p><img src=\"figure.png\" alt=\"A &quot;red&quot; square\" /></p>")]
    public void Markdig_shaped_html_is_vouched_for_and_the_sanitizer_agrees(string html)
    {
        Assert.True(CourseMarkdown.IsWithinPolicy(html));
        Assert.Empty(Removals(html));
    }

    [Fact]
    public void Generated_tag_soup_the_check_accepts_is_never_changed_by_the_sanitizer()
    {
        var random = new Random(20261124);
        var accepted = 0;
        const int cases = 20_000;
        for (var n = 0; n < cases; n++)
        {
            var html = TagSoup(random);
            if (!CourseMarkdown.IsWithinPolicy(html))
            {
                continue;
            }

            accepted++;
            var removals = Removals(html);
            Assert.True(removals.Count == 0, $"accepted but the sanitizer removes {string.Join(", ", removals)} from: {html}");
        }

        // The generator must exercise both outcomes for the comparison to mean anything.
        Assert.InRange(accepted, cases / 20, cases - (cases / 20));
    }

    /// <summary>What a fresh sanitizer with the platform's policy removes from <paramref name="html"/>.</summary>
    private static List<string> Removals(string html)
    {
        var sanitizer = CourseMarkdown.CreateSanitizer();
        var removed = new List<string>();
        sanitizer.RemovingTag += (_, e) => removed.Add($"tag <{e.Tag.LocalName}>");
        sanitizer.RemovingAttribute += (_, e) => removed.Add($"attribute {e.Attribute.Name}=\"{e.Attribute.Value}\" ({e.Reason})");
        sanitizer.RemovingStyle += (_, e) => removed.Add($"style {e.Style.Name}");
        sanitizer.RemovingComment += (_, _) => removed.Add("comment");
        sanitizer.RemovingCssClass += (_, e) => removed.Add($"class {e.CssClass}");
        sanitizer.RemovingAtRule += (_, _) => removed.Add("at-rule");
        sanitizer.Sanitize(html);
        return removed;
    }

    private static readonly string[] Tags =
        ["p", "a", "img", "div", "span", "h2", "li", "ul", "td", "th", "input", "code", "pre", "sup", "section",
         "script", "svg", "iframe", "style", "form", "button", "object", "textarea", "math", "base", "meta", "link", "details"];

    private static readonly string[] Attributes =
        ["href", "src", "class", "id", "title", "alt", "style", "type", "checked", "disabled", "start",
         "onclick", "onerror", "srcset", "formaction", "action", "background", "data-x", "xlink:href", "name", "target"];

    private static readonly string[] Values =
        ["https://example.org/x", "http://a.b/?c=1&amp;d=2", "#fn:1", "/courses/x", "02-second.md", "mailto:a@b.org",
         "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:x", "vbscript:x",
         "data:text/html,x", "jar:file:x", " javascript:x", "java script:x", "//evil.example/x", "x:y", "1x:y", "a.b+c-d:e",
         "text-align: left;", "text-align: center;", "color: red;", "expression(alert(1))", "a&quot;b", "x onclick=y",
         "checkbox", "checked", "", "&lt;script&gt;", "tel:123", "ftp://x", "https:x", "Https://x",
         "&amp;{alert(1)}", "a {b} &amp; c", "?x:y", "a?b:c", "foo&amp;#58;bar", "x&amp;#x3a;y", "/a/b:c", "#a:b"];

    private static readonly string[] Texts =
        ["text", "&lt;b&gt;", "a &amp; b", "&quot;q&quot;", ">", " ", "\n", "注意", "<", "<!-- c -->", "&#60;script&#62;", "<!doctype html>"];

    private static string TagSoup(Random random)
    {
        var html = new StringBuilder();
        for (var piece = random.Next(1, 8); piece > 0; piece--)
        {
            switch (random.Next(4))
            {
                case 0:
                    html.Append(Pick(random, Texts));
                    break;
                case 1:
                    html.Append("</").Append(Pick(random, Tags)).Append('>');
                    break;
                default:
                    html.Append('<').Append(Pick(random, Tags));
                    for (var attribute = random.Next(3); attribute > 0; attribute--)
                    {
                        html.Append(' ').Append(Pick(random, Attributes)).Append("=\"").Append(Pick(random, Values)).Append('"');
                    }

                    html.Append(random.Next(4) == 0 ? " />" : ">");
                    break;
            }
        }

        return html.ToString();
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
