using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Syntax;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// Citations written side by side, "MS.[^1][^3]", as authors write them for two sources. Markdig reads the pair as
/// one reference-style link (text "^1", label "^3"): the first citation disappeared from the page and from the
/// reference list. Each <c>[^label]</c> of a defined footnote is read as its own citation before the link parser
/// sees it, and adjacent markers are written with a superscript comma so 1 and 3 do not read as 13.
/// </summary>
internal sealed class AdjacentFootnotesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<FootnoteReferenceParser>())
        {
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new FootnoteReferenceParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.Replace<HtmlFootnoteLinkRenderer>(new SeparatedFootnoteLinkRenderer());
        }
    }
}

/// <summary>Reads <c>[^label]</c> as a citation of the footnote defined with that label.</summary>
internal sealed class FootnoteReferenceParser : InlineParser
{
    public FootnoteReferenceParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '^')
        {
            return false;
        }

        var start = slice.Start;
        var rest = slice;
        if (!LinkHelper.TryParseLabel(ref rest, out var label)
            || rest.CurrentChar is '(' or ':'
            || !processor.Document.TryGetLinkReferenceDefinition(label, out var definition)
            || definition is not FootnoteLinkReferenceDefinition { CreateLinkInline: { } createLink })
        {
            return false;
        }

        var citation = createLink(processor, definition, null);
        citation.Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(rest.Start - 1));
        citation.Line = line;
        citation.Column = column;
        processor.Inline = citation;
        slice = rest;
        return true;
    }
}

internal sealed class SeparatedFootnoteLinkRenderer : HtmlFootnoteLinkRenderer
{
    protected override void Write(HtmlRenderer renderer, FootnoteLink link)
    {
        if (!link.IsBackLink && link.PreviousSibling is FootnoteLink { IsBackLink: false })
        {
            renderer.Write("<sup>,</sup>");
        }

        base.Write(renderer, link);
    }
}
