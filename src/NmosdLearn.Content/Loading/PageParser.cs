using System.Text.RegularExpressions;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.CustomContainers;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NmosdLearn.Content.Markdown;
using NmosdLearn.Content.Quizzes;

namespace NmosdLearn.Content.Loading;

/// <summary>What one Markdown file of a course renders to.</summary>
internal sealed record ParsedPage(IReadOnlyList<PageSegment> Segments, IReadOnlyList<TocEntry> Toc, IReadOnlyList<Question> Questions);

/// <summary>What a page needs to know about the rest of its course to resolve links.</summary>
internal sealed record CourseContext(
    string CourseId, CourseFiles Files, IReadOnlyDictionary<string, string> PageUrlsByFileName, string Language)
{
    /// <summary>The heading anchors of each page parsed so far, by file name (without the platform's prefix).</summary>
    public Dictionary<string, HashSet<string>> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Links to a heading of another page, checked once every page is parsed.</summary>
    public List<(DiagnosticBag Bag, int Line, int Column, string FileName, string Anchor)> AnchorLinks { get; } = [];

    /// <summary>Reports links to headings that the page they name does not have.</summary>
    public IEnumerable<ContentDiagnostic> BrokenAnchorLinks() => AnchorLinks
        .Where(link => Anchors.TryGetValue(link.FileName, out var anchors) && !anchors.Contains(link.Anchor))
        .Select(link => new ContentDiagnostic(link.Bag.Path, link.Line, link.Column, DiagnosticSeverity.Error,
            $"broken link: '{link.FileName}' has no heading '#{link.Anchor}'"));
}

/// <summary>
/// Turns one file's Markdown body into sanitized HTML segments, a table of contents and its questions.
/// Question containers are parsed into <see cref="Question"/> objects and replaced in the syntax tree by
/// placeholders before rendering, so answer keys and explanations never reach the page HTML.
/// </summary>
internal static partial class PageParser
{
    public static ParsedPage Parse(string text, CourseContext course, DiagnosticBag bag)
    {
        // Problems that would make the parser fail or report a cascade of unrelated errors are reported alone.
        if (TextChecks.CheckQuestionBlocksClosed(text, bag) | TextChecks.CheckNesting(text, bag) || TextChecks.CheckParserCost(text, bag))
        {
            return new ParsedPage([], [], []);
        }

        MarkdownDocument document;
        try
        {
            document = CourseMarkdown.Parse(text);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit ("too deeply nested"), reached by something no single line shows.
            TextChecks.ReportParserDepthLimit(text, bag);
            return new ParsedPage([], [], []);
        }

        var fileName = bag.Path[(bag.Path.LastIndexOf('/') + 1)..];
        course.Anchors[fileName] = document.Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        PrefixHeadingIds(document);
        var inlines = PageInlines.Find(document);
        var reservedCharacterReported = ReportPrivateUseCharacters(text, bag);
        ResolveLinks(inlines, course, bag, course.Anchors[fileName]);
        ReportUndefinedFootnotes(inlines.BlocksWithCaret, text, bag);

        var html = new CourseHtmlRenderer(course.Language);
        var questions = new List<Question>();
        foreach (var container in document.Descendants<CustomContainer>().ToList())
        {
            if (container.Info != "question")
            {
                bag.Error(container.Line + 1, container.Column + 1,
                    $"unknown block '::: {container.Info}': the only block is '::: question ID'");
                Replace(container, null);
                continue;
            }

            var question = QuestionParser.Parse(container, html, bag);
            if (question is not null)
            {
                questions.Add(question);
            }

            Replace(container, question is null ? null : new QuestionPlaceholder(question.Id));
        }

        DropBacklinksToRemovedReferences(document);

        foreach (var heading in document.Descendants<HeadingBlock>().Where(h => h.Level == 1))
        {
            bag.Warning(heading.Line + 1, heading.Column + 1,
                "the platform shows the title as the page's main heading: use '##' for sections instead of '#'");
        }

        foreach (var callout in document.Descendants<AlertBlock>())
        {
            var kind = callout.Kind.ToString();
            if (!CalloutTitles.IsKnown(kind))
            {
                bag.Warning(callout.Line + 1, callout.Column + 1,
                    $"unknown callout '[!{kind}]': use {string.Join(", ", CalloutTitles.Kinds.Select(k => $"[!{k}]"))}; this one shows without a title");
            }
        }

        var toc = document.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2 && h.GetAttributes().Id is not null)
            .Select(h => new TocEntry(h.GetAttributes().Id!, InlineText(h.Inline)))
            .ToList();

        return new ParsedPage(SplitAtQuestions(html.Render(document), questions.Count, reservedCharacterReported, bag), toc, questions);
    }

    /// <summary>
    /// Heading ids share the page with the platform's own (question-…, autosave-status, main…): a section
    /// titled "Autosave status" must not take over the test's live region. So every heading id starts with
    /// a prefix the platform never uses (GitHub does the same with "user-content-"), and links written
    /// as <c>#part-one</c> or <c>02-next.md#part-one</c> are rewritten to match.
    /// </summary>
    private const string HeadingIdPrefix = "section-";

    private static void PrefixHeadingIds(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            if (attributes.Id is { } id)
            {
                attributes.Id = HeadingIdPrefix + id;
            }
        }
    }

    /// <summary>A fragment an author wrote, aimed at the prefixed heading id (footnote ids, with a colon, stay as they are).</summary>
    private static string HeadingFragment(string fragment) =>
        fragment.Length > 1 && !fragment.Contains(':') && !fragment.StartsWith("#" + HeadingIdPrefix, StringComparison.Ordinal)
            ? "#" + HeadingIdPrefix + fragment[1..]
            : fragment;

    /// <summary>
    /// A footnote cited only inside a question (its stem or explanation, rendered apart and perhaps not shown yet) would
    /// keep a "back to the text" link to a reference the page does not hold: such back links are dropped, the note stays.
    /// </summary>
    private static void DropBacklinksToRemovedReferences(MarkdownDocument document)
    {
        var links = document.Descendants<FootnoteLink>().ToList();
        var onPage = links.Where(link => !link.IsBackLink).Select(link => link.Index).ToHashSet();
        foreach (var backlink in links.Where(link => link.IsBackLink && !onPage.Contains(link.Index)))
        {
            backlink.Remove();
        }
    }

    private static void Replace(Block block, Block? replacement)
    {
        var parent = block.Parent!;
        var index = parent.IndexOf(block);
        parent.RemoveAt(index);
        if (replacement is not null)
        {
            parent.Insert(index, replacement);
        }
    }

    private static void ResolveLinks(PageInlines inlines, CourseContext course, DiagnosticBag bag, IReadOnlySet<string> ownAnchors)
    {
        foreach (var autolink in inlines.Autolinks)
        {
            if (!autolink.IsEmail && !IsSafeScheme(autolink.Url))
            {
                bag.Error(autolink.Line + 1, autolink.Column + 1, UnsafeLinkMessage(autolink.Url));
                autolink.Url = "#";
            }
        }

        foreach (var link in inlines.Links)
        {
            var url = link.Url;
            if (HasScheme(url ?? "") && !IsSafeScheme(url!))
            {
                // Reported so the author fixes it; emptied so that even a course shown with errors renders it inert.
                bag.Error(link.Line + 1, link.Column + 1, UnsafeLinkMessage(url!));
                link.Url = "#";
                continue;
            }

            if (url?.StartsWith('#') == true)
            {
                if (IsHeadingAnchor(url) && !ownAnchors.Contains(url[1..]))
                {
                    bag.Error(link.Line + 1, link.Column + 1, $"broken link: this page has no heading '{url}'");
                }

                link.Url = HeadingFragment(url);
                continue;
            }

            if (string.IsNullOrWhiteSpace(url) || url.StartsWith('/') || HasScheme(url))
            {
                continue;
            }

            var hash = url.IndexOf('#');
            var path = Uri.UnescapeDataString(hash >= 0 ? url[..hash] : url);
            var fragment = hash >= 0 ? url[hash..] : "";
            if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                if (course.PageUrlsByFileName.TryGetValue(path, out var pageUrl))
                {
                    if (IsHeadingAnchor(fragment))
                    {
                        course.AnchorLinks.Add((bag, link.Line + 1, link.Column + 1, path, fragment[1..]));
                    }

                    link.Url = pageUrl + HeadingFragment(fragment);
                }
                else
                {
                    bag.Error(link.Line + 1, link.Column + 1, $"broken link: '{path}' is not a lesson of this course");
                }

                continue;
            }

            var safe = !path.Contains("..", StringComparison.Ordinal) && !path.Contains('/') && !path.Contains('\\');
            if (safe && course.Files.Contains(path))
            {
                if (!CourseUrls.ServedFileTypes.ContainsKey(System.IO.Path.GetExtension(path)))
                {
                    bag.Error(link.Line + 1, link.Column + 1,
                        $"'{path}' is not served to learners: figures and handouts may be {string.Join(", ", CourseUrls.ServedFileTypes.Keys)} files");
                    link.Url = "#";
                    continue;
                }

                link.Url = CourseUrls.File(course.CourseId, course.Files.Version, path);
            }
            else if (link.IsImage)
            {
                bag.Error(link.Line + 1, link.Column + 1, $"missing image: '{path}' is not a file in the course folder");
            }
            else
            {
                bag.Error(link.Line + 1, link.Column + 1, $"broken link: '{path}' is not a file in the course folder");
            }
        }
    }

    private static bool HasScheme(string url) => SchemePattern().IsMatch(url.Trim());

    /// <summary>A fragment aimed at a heading (footnote fragments hold a colon and are the platform's own).</summary>
    private static bool IsHeadingAnchor(string fragment) => fragment.Length > 1 && !fragment.Contains(':');

    /// <summary>Links may leave the course only for the web and e-mail: never javascript:, data: or the like.</summary>
    private static bool IsSafeScheme(string url)
    {
        var trimmed = url.Trim();
        return trimmed.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    private static string UnsafeLinkMessage(string url) =>
        $"unsafe link '{(url.Length > 40 ? url[..40] + "…" : url)}': links may start with https:, http: or mailto:, or point to a file of the course";

    /// <summary>
    /// Markdig leaves an undefined footnote reference as plain text, split into several literals
    /// ("[", "^2", "]") that carry no position, so the paragraph's text is searched and the
    /// reference found again in the source lines.
    /// </summary>
    private static void ReportUndefinedFootnotes(IEnumerable<LeafBlock> blocks, string source, DiagnosticBag bag)
    {
        string[]? lines = null;
        foreach (var block in blocks)
        {
            var text = string.Concat(block.Inline!.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            foreach (Match match in FootnoteReferencePattern().Matches(text))
            {
                lines ??= source.Split('\n');
                var line = Enumerable.Range(block.Line, Math.Max(0, lines.Length - block.Line))
                    .FirstOrDefault(i => lines[i].Contains(match.Value, StringComparison.Ordinal), block.Line);
                var column = Math.Max(0, lines.ElementAtOrDefault(line)?.IndexOf(match.Value, StringComparison.Ordinal) ?? 0);
                bag.Error(line + 1, column + 1,
                    $"footnote '{match.Value}' is used but not defined: add a line '{match.Value}: ...' under the references");
            }
        }
    }

    /// <summary>
    /// The page is cut into HTML and questions at U+E000, so an author may not write it: neither as the
    /// character nor as a character reference (<c>&amp;#xE000;</c>), which Markdig decodes into one.
    /// </summary>
    private static bool ReportPrivateUseCharacters(string text, DiagnosticBag bag)
    {
        var reported = false;
        for (var index = text.IndexOf(QuestionPlaceholder.Sentinel); index >= 0; index = text.IndexOf(QuestionPlaceholder.Sentinel, index + 1))
        {
            var (line, column) = PositionOf(text, index);
            bag.Error(line, column, "the file contains an invisible private-use character (U+E000): delete it");
            reported = true;
        }

        foreach (Match reference in SentinelReferencePattern().Matches(text))
        {
            var (line, column) = PositionOf(text, reference.Index);
            bag.Error(line, column, $"'{reference.Value}' stands for an invisible private-use character (U+E000) that the platform reserves: delete it");
            reported = true;
        }

        return reported;
    }

    private static (int Line, int Column) PositionOf(string text, int index) =>
        (text.AsSpan(0, index).Count('\n') + 1, index - text.LastIndexOf('\n', Math.Max(index - 1, 0)));

    /// <summary>
    /// Cuts the rendered page at its question placeholders. Each placeholder writes two sentinels; any
    /// other sentinel came from the author by a way the checks above did not foresee, and cutting there
    /// could drop half a tag, so the page is then reported and kept whole, the sentinels made visible.
    /// </summary>
    private static IReadOnlyList<PageSegment> SplitAtQuestions(string html, int questionCount, bool reservedCharacterReported, DiagnosticBag bag)
    {
        if (html.AsSpan().Count(QuestionPlaceholder.Sentinel) != 2 * questionCount)
        {
            if (!reservedCharacterReported)
            {
                bag.Error(1, 1, "the page contains the invisible private-use character U+E000, which the platform reserves: delete it");
            }

            return [new PageSegment(html.Replace(QuestionPlaceholder.Sentinel, '\uFFFD'), null)];
        }

        // Between each pair of sentinels stands a question id; around them, HTML.
        var segments = new List<PageSegment>();
        var parts = html.Split(QuestionPlaceholder.Sentinel);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                segments.Add(new PageSegment(null, parts[i]));
            }
            else if (!string.IsNullOrWhiteSpace(parts[i]))
            {
                segments.Add(new PageSegment(parts[i], null));
            }
        }

        return segments;
    }

    /// <summary>The plain text of an inline run, for headings and option comparison.</summary>
    internal static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var child in inline.Descendants<Inline>())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString().Trim();
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"&#(?:[xX]0*[eE]000|0*57344);")]
    private static partial Regex SentinelReferencePattern();

    [GeneratedRegex(@"\[\^[^\]\s]+\]")]
    private static partial Regex FootnoteReferencePattern();

    /// <summary>
    /// The links, autolinks and blocks with a literal '^' (where an undefined footnote reference hides)
    /// of a page, in document order, found in one walk: walking the whole tree once per kind cost more
    /// than rendering the page.
    /// </summary>
    private sealed class PageInlines
    {
        public List<LinkInline> Links { get; } = [];

        public List<AutolinkInline> Autolinks { get; } = [];

        public List<LeafBlock> BlocksWithCaret { get; } = [];

        public static PageInlines Find(MarkdownDocument document)
        {
            var found = new PageInlines();
            foreach (var block in document.Descendants<LeafBlock>())
            {
                if (block.Inline is not null && found.Walk(block.Inline))
                {
                    found.BlocksWithCaret.Add(block);
                }
            }

            return found;
        }

        /// <returns>Whether a literal under <paramref name="container"/> holds a '^'.</returns>
        private bool Walk(ContainerInline container)
        {
            var caret = false;
            for (var child = container.FirstChild; child is not null; child = child.NextSibling)
            {
                switch (child)
                {
                    case LiteralInline literal:
                        caret |= literal.Content.IndexOf('^') >= 0;
                        break;
                    case AutolinkInline autolink:
                        Autolinks.Add(autolink);
                        break;
                    case LinkInline link:
                        Links.Add(link);
                        caret |= Walk(link);
                        break;
                    case ContainerInline inner:
                        caret |= Walk(inner);
                        break;
                }
            }

            return caret;
        }
    }
}
