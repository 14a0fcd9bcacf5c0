using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// Stands in the syntax tree where a question container was, so the rendered page holds no answer key.
/// It renders as a sentinel that the page parser splits the page on; authors cannot write it because
/// the loader rejects the private-use character and every character reference to it.
/// </summary>
internal sealed class QuestionPlaceholder(string questionId) : LeafBlock((BlockParser?)null)
{
    public const char Sentinel = '\uE000';

    public string QuestionId { get; } = questionId;
}

internal sealed class QuestionPlaceholderRenderer : HtmlObjectRenderer<QuestionPlaceholder>
{
    protected override void Write(HtmlRenderer renderer, QuestionPlaceholder obj) =>
        renderer.Write(QuestionPlaceholder.Sentinel).Write(obj.QuestionId).Write(QuestionPlaceholder.Sentinel);
}

internal sealed class QuestionPlaceholderExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<QuestionPlaceholderRenderer>())
        {
            html.ObjectRenderers.Add(new QuestionPlaceholderRenderer());
        }
    }
}
