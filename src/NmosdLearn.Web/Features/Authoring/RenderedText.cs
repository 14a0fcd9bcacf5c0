using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NmosdLearn.Content;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>What one block of rendered text is, so that the review page can say it in words.</summary>
public enum TextBlockKind
{
    Text,
    Heading,
    Image,
    Question,
    CorrectOption,
    Option,
    Explanation,
}

/// <summary>One block of a page as a learner reads it: a paragraph, a heading, a list item, a table row, an image, a question's part.</summary>
public sealed record TextBlock(TextBlockKind Kind, string Text)
{
    private const char Separator = '\t';

    /// <summary>One line for <see cref="TextDiff"/>: the kind, a tab (text never holds one: white space is collapsed), the text.</summary>
    public string ToLine() => $"{(int)Kind}{Separator}{Text}";

    /// <summary>Reads a line of <see cref="ToLine"/> back (any other line is plain text).</summary>
    public static TextBlock FromLine(string line) =>
        line.IndexOf(Separator) is var at and > 0 && int.TryParse(line.AsSpan(0, at), out var kind) && Enum.IsDefined((TextBlockKind)kind)
            ? new TextBlock((TextBlockKind)kind, line[(at + 1)..])
            : new TextBlock(TextBlockKind.Text, line);
}

/// <summary>
/// The text of a rendered page, block by block, for comparing two versions as a reviewer reads them rather than as
/// Markdown: the sanitized HTML learners get is parsed (never matched with patterns) and each innermost block becomes one
/// line; a question becomes its stem, its options marked correct or not, and its explanation.
/// </summary>
public static class RenderedText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "dt", "dd", "figcaption", "caption", "blockquote", "div", "section", "ol", "ul", "table",
        "thead", "tbody", "figure", "details", "summary",
    };

    public static IReadOnlyList<TextBlock> Of(IReadOnlyList<PageSegment> segments, IReadOnlyList<Question> questions)
    {
        var parser = new HtmlParser();
        var blocks = new List<TextBlock>();
        foreach (var segment in segments)
        {
            if (segment.QuestionId is { } id)
            {
                if (questions.FirstOrDefault(q => q.Id == id) is { } question)
                {
                    AddQuestion(parser, question, blocks);
                }
            }
            else if (segment.Html is { } html)
            {
                AddHtml(parser, html, blocks);
            }
        }

        return blocks;
    }

    /// <summary>The blocks as lines for <see cref="TextDiff.Compare"/>.</summary>
    public static string Lines(IReadOnlyList<TextBlock> blocks) => string.Join('\n', blocks.Select(b => b.ToLine()));

    private static void AddQuestion(HtmlParser parser, Question question, List<TextBlock> blocks)
    {
        blocks.Add(new TextBlock(TextBlockKind.Question, $"{question.Id}: {TextOf(parser, question.StemHtml)}"));
        foreach (var option in question.Options)
        {
            blocks.Add(new TextBlock(question.CorrectKeys.Contains(option.Key) ? TextBlockKind.CorrectOption : TextBlockKind.Option, TextOf(parser, option.Html)));
        }

        if (TextOf(parser, question.ExplanationHtml) is { Length: > 0 } explanation)
        {
            blocks.Add(new TextBlock(TextBlockKind.Explanation, explanation));
        }
    }

    private static void AddHtml(HtmlParser parser, string html, List<TextBlock> blocks)
    {
        var document = parser.ParseDocument(html);
        if (document.Body is { } body)
        {
            AddBlocks(body, blocks);
        }
    }

    /// <summary>Each innermost block is one line; a block holding other blocks (a list item with paragraphs, a table) is walked into.</summary>
    private static void AddBlocks(IElement container, List<TextBlock> blocks)
    {
        foreach (var element in container.Children)
        {
            if (element.LocalName == "img")
            {
                blocks.Add(ImageBlock(element));
            }
            else if (element.Children.Any(HoldsBlock))
            {
                AddBlocks(element, blocks);
            }
            else
            {
                var text = new StringBuilder();
                AppendText(element, text);
                var collapsed = Collapse(text.ToString());
                if (collapsed.Length > 0)
                {
                    blocks.Add(new TextBlock(element.LocalName is ['h', >= '1' and <= '6'] ? TextBlockKind.Heading : TextBlockKind.Text, collapsed));
                }

                foreach (var image in element.QuerySelectorAll("img"))
                {
                    blocks.Add(ImageBlock(image));
                }
            }
        }
    }

    private static bool HoldsBlock(IElement element) => BlockElements.Contains(element.LocalName) || element.Children.Any(HoldsBlock);

    private static TextBlock ImageBlock(IElement image)
    {
        var source = image.GetAttribute("src") ?? "";
        var name = Uri.UnescapeDataString(source[(source.LastIndexOf('/') + 1)..]);
        return new TextBlock(TextBlockKind.Image, Collapse($"{image.GetAttribute("alt")} ({name})"));
    }

    private static string TextOf(HtmlParser parser, string html)
    {
        var text = new StringBuilder();
        if (parser.ParseDocument(html).Body is { } body)
        {
            AppendText(body, text);
        }

        return Collapse(text.ToString());
    }

    /// <summary>Text as read: a footnote marker in brackets ("text[1]"), images and back links to footnote markers left out.</summary>
    private static void AppendText(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText part:
                text.Append(part.Data);
                break;
            case IElement { LocalName: "sup" } marker:
                text.Append('[').Append(marker.TextContent.Trim()).Append(']');
                break;
            case IElement { LocalName: "img" }:
                break;
            case IElement { LocalName: "br" }:
                text.Append(' ');
                break;
            case IElement link when link.ClassList.Contains("footnote-back-ref"):
                break;
            default:
                foreach (var child in node.ChildNodes)
                {
                    AppendText(child, text);
                }

                // Cells and list items side by side read as separate words.
                if (node is IElement { LocalName: "td" or "th" or "li" or "p" })
                {
                    text.Append(' ');
                }

                break;
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
