namespace NmosdLearn.Content.Tests;

/// <summary>How course Markdown reads once rendered.</summary>
public sealed class RenderingTests
{
    [Fact]
    public void Citations_side_by_side_are_two_separated_citations_not_one_link_or_the_number_13()
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse("Seen in MS.[^1][^3] and here.[^2]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n"));

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(html, "MS\\.<a [^>]*href=\"#fn:1\"[^>]*><sup>1</sup></a><sup>,</sup><a [^>]*href=\"#fn:2\"[^>]*><sup>2</sup></a> and here"), html);
        // Every footnote is cited, so all three stay in the reference list, in the order of citation.
        Assert.Matches("(?s)One\\..*Three\\..*Two\\.", html);
        // A lone marker has no separator.
        Assert.Equal(1, html.Split("<sup>,</sup>").Length - 1);
    }

    [Fact]
    public void A_bracketed_text_that_is_not_a_defined_footnote_stays_text()
    {
        var html = Markdown.CourseMarkdown.RenderDocument(Markdown.CourseMarkdown.Parse("A [^note] without a definition, [^1][x] and [^1](https://example.org).\n\n[^1]: One.\n"));

        Assert.Contains("[^note]", html);
        Assert.Contains("href=\"https://example.org\"", html);
    }
}
