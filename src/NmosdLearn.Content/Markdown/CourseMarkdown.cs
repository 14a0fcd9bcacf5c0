using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// The one Markdown pipeline and HTML sanitizer of the platform. Both are built once and shared:
/// a Markdig pipeline is immutable and thread-safe. Raw HTML is off, and the output is held to the
/// sanitizer's policy anyway because Markdig is not a sanitizer (a <c>javascript:</c> link is valid
/// Markdown): HTML that <see cref="SanitizerPolicyCheck"/> cannot vouch for goes through the sanitizer.
/// </summary>
public static class CourseMarkdown
{
    /// <summary>The shared pipeline.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UseYamlFrontMatter()
        .UseCustomContainers()
        .UseAlertBlocks()
        .UseFootnotes()
        .Use<AdjacentFootnotesExtension>()
        .UseTaskLists()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Use<QuestionPlaceholderExtension>()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static readonly SanitizerPolicyCheck PolicyCheck = new(Sanitizer);

    /// <summary>A sanitizer with the platform's policy (tests make their own to watch what it removes).</summary>
    internal static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Heading anchors, footnotes, alerts and task lists need ids and classes.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        // No inline style: the pages' content security policy refuses it, and tables align by class.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }

    private static long _parseCount;

    /// <summary>
    /// How many documents have been parsed since the process started. Parsing belongs to loading a
    /// content version, never to a page view; tests use this count to prove it.
    /// </summary>
    public static long ParseCount => Interlocked.Read(ref _parseCount);

    /// <summary>Parses Markdown text with the shared pipeline.</summary>
    public static MarkdownDocument Parse(string markdown)
    {
        Interlocked.Increment(ref _parseCount);
        return Markdig.Markdown.Parse(markdown, Pipeline);
    }

    /// <summary>Renders a whole document to sanitized HTML; callout titles are in <paramref name="language"/>.</summary>
    public static string RenderDocument(MarkdownDocument document, string language = "en") =>
        new CourseHtmlRenderer(language).Render(document);

    /// <summary>
    /// Holds HTML produced by Markdig (or by anyone) to the sanitizer's policy: returned as it is when
    /// <see cref="SanitizerPolicyCheck"/> vouches for it, sanitized otherwise.
    /// </summary>
    public static string Sanitize(string html) => IsWithinPolicy(html) ? html : Sanitizer.Sanitize(html);

    /// <summary>Whether <see cref="SanitizerPolicyCheck"/> vouches for <paramref name="html"/> as it is.</summary>
    internal static bool IsWithinPolicy(string html) => PolicyCheck.Accepts(html);
}
