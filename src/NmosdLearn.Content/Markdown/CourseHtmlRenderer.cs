using Markdig.Extensions.Alerts;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// Renders the Markdown of one course to HTML held to the sanitizer's policy. Setting a Markdig renderer
/// up costs more than rendering a question's option, so one page's stems, options, explanations and body
/// share one renderer. Not thread-safe: one page at a time.
/// </summary>
public sealed class CourseHtmlRenderer
{
    private readonly StringWriter _writer = new();
    private readonly HtmlRenderer _renderer;

    /// <param name="language">The course's language: callout titles are written in it.</param>
    public CourseHtmlRenderer(string language)
    {
        _renderer = new HtmlRenderer(_writer);
        CourseMarkdown.Pipeline.Setup(_renderer);
        _renderer.ObjectRenderers.Replace<HtmlTableRenderer>(new ClassAlignedTableRenderer());
        if (_renderer.ObjectRenderers.FindExact<AlertBlockRenderer>() is { } callouts)
        {
            // Markdig titles a callout with an English word and an SVG icon; the course's own language
            // reads better, and the icon is decoration the sanitizer's policy does not allow.
            callouts.RenderKind = (html, kind) => html
                .Write("<p class=\"markdown-alert-title\">")
                .WriteEscape(CalloutTitles.For(kind.ToString(), language))
                .WriteLine("</p>");
        }
    }

    /// <summary>
    /// Renders a document or one block to HTML held to the sanitizer's policy; with
    /// <paramref name="implicitParagraph"/> a paragraph comes without its <c>&lt;p&gt;</c>.
    /// </summary>
    public string Render(MarkdownObject markdown, bool implicitParagraph = false) =>
        CourseMarkdown.Sanitize(RenderUnsanitized(markdown, implicitParagraph));

    /// <summary>Markdig's HTML before the sanitizer's policy is applied; only tests and benchmarks need it.</summary>
    internal string RenderUnsanitized(MarkdownObject markdown, bool implicitParagraph = false)
    {
        _writer.GetStringBuilder().Clear();
        _renderer.ImplicitParagraph = implicitParagraph;
        _renderer.Render(markdown);
        _writer.Flush();
        return _writer.ToString();
    }
}
