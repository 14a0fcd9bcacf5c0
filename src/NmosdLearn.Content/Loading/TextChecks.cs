using System.Text;
using System.Text.RegularExpressions;

namespace NmosdLearn.Content.Loading;

/// <summary>What the checker accepts, so that everything it accepts can be shown, saved and printed.</summary>
public static class ContentLimits
{
    /// <summary>The longest course or lesson title; a certificate prints the course title and must still fit.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The most questions one test may hold: an attempt must be saved and submitted in one request.</summary>
    public const int MaxQuestionsPerTest = 200;

    /// <summary>The most options one question may have.</summary>
    public const int MaxOptionsPerQuestion = 12;

    /// <summary>How deep block quotes, lists and brackets may nest; the Markdown parser gives up not far beyond.</summary>
    public const int MaxNesting = 32;

    /// <summary>The largest Markdown file, in bytes (UTF-8): a long lesson is a few tens of kilobytes.</summary>
    public const int MaxMarkdownBytes = 512 * 1024;

    /// <summary>The most lines a Markdown file may have: some of the parser's work grows faster than the number of headings and lines.</summary>
    public const int MaxMarkdownLines = 10_000;

    /// <summary>
    /// The most headings one file may have (lessons have a few dozen): the parser's heading ids take time
    /// that grows with the square of the number of headings with the same text.
    /// </summary>
    public const int MaxHeadingsPerFile = 300;

    /// <summary>The longest line, in characters: the Markdown parser's time grows faster than a line's length.</summary>
    public const int MaxLineLength = 10_000;

    /// <summary>
    /// The most emphasis marks (<c>*</c>, <c>_</c>, <c>~</c>) one paragraph may hold: the Markdown parser
    /// pairs them in time that grows with the square of their number (real paragraphs hold a few dozen).
    /// </summary>
    public const int MaxEmphasisMarksPerParagraph = 1000;

    /// <summary>The largest front matter, in bytes (UTF-8), between the two <c>---</c> lines.</summary>
    public const int MaxFrontMatterBytes = 64 * 1024;

    /// <summary>The most lines front matter may have.</summary>
    public const int MaxFrontMatterLines = 1000;

    /// <summary>
    /// How deep front matter may nest, counted as indentation steps, list dashes and open brackets (the
    /// course fields need about 4). The YAML parser recurses once per level and overflows the stack,
    /// ending the process, at about 40,000; deep brackets also cost it quadratic time.
    /// </summary>
    public const int MaxFrontMatterDepth = 16;

    /// <summary>The most anchors and aliases (<c>&amp;name</c>, <c>*name</c>) front matter may hold; course fields need none.</summary>
    public const int MaxFrontMatterAliases = 20;

    /// <summary>The most form values one submitted test can send: every option ticked, plus a few fields.</summary>
    public const int MaxTestFormValues = MaxQuestionsPerTest * MaxOptionsPerQuestion + 16;
}

/// <summary>
/// Checks of a file's raw text made before Markdown parsing, for problems the parser would hide, misreport
/// or crash on: bytes that are not UTF-8, control characters, invisible formatting characters in titles and
/// ids, question blocks never closed and nesting too deep to parse. Each names the file and line.
/// </summary>
internal static partial class TextChecks
{
    public const int MaxTitleLength = ContentLimits.MaxTitleLength;
    public const int MaxQuestionsPerTest = ContentLimits.MaxQuestionsPerTest;
    public const int MaxOptionsPerQuestion = ContentLimits.MaxOptionsPerQuestion;
    public const int MaxNesting = ContentLimits.MaxNesting;

    /// <summary>
    /// Reports a Markdown file larger than <see cref="ContentLimits.MaxMarkdownBytes"/> or longer than
    /// <see cref="ContentLimits.MaxMarkdownLines"/>; such a file is not parsed at all, so its size is the only
    /// thing said about it. Returns true when it is too large.
    /// </summary>
    public static bool CheckSize(byte[] bytes, DiagnosticBag bag)
    {
        if (bytes.Length > ContentLimits.MaxMarkdownBytes)
        {
            bag.Error(1, 1, $"the file is {(bytes.Length + 1023) / 1024:N0} KB: at most {ContentLimits.MaxMarkdownBytes / 1024:N0} KB can be checked and shown; split it into two lessons");
            return true;
        }

        var lines = bytes.AsSpan().Count((byte)'\n') + 1;
        if (lines > ContentLimits.MaxMarkdownLines)
        {
            bag.Error(ContentLimits.MaxMarkdownLines + 1, 1, $"the file has {lines:N0} lines: at most {ContentLimits.MaxMarkdownLines:N0} can be checked and shown; split it into two lessons");
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reports the first line longer than <see cref="ContentLimits.MaxLineLength"/> and the first paragraph
    /// with more than <see cref="ContentLimits.MaxEmphasisMarksPerParagraph"/> emphasis marks (code blocks
    /// aside): both cost the Markdown parser time that grows faster than the text. Returns true when found.
    /// </summary>
    public static bool CheckParserCost(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        var inFence = false;
        var start = FrontMatterEnd(lines);
        var (marks, paragraphStart, headings) = (0, start, 0);
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > ContentLimits.MaxLineLength)
            {
                bag.Error(i + 1, ContentLimits.MaxLineLength + 1, $"this line is {line.Length:N0} characters long: at most {ContentLimits.MaxLineLength:N0}; break it into paragraphs");
                return true;
            }

            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                (marks, paragraphStart) = (0, i + 1);
                continue;
            }

            if (inFence || trimmed.Length == 0)
            {
                (marks, paragraphStart) = (0, i + 1);
                continue;
            }

            // ATX headings, and lines that underline a setext heading (thematic breaks are counted too: harmless).
            if ((trimmed.StartsWith('#') || trimmed.Trim().All(c => c is '=' or '-')) && ++headings > ContentLimits.MaxHeadingsPerFile)
            {
                bag.Error(i + 1, 1, $"the file has more than {ContentLimits.MaxHeadingsPerFile} headings: split it into two lessons");
                return true;
            }

            marks += line.AsSpan().Count('*') + line.AsSpan().Count('_') + line.AsSpan().Count('~');
            if (marks > ContentLimits.MaxEmphasisMarksPerParagraph)
            {
                bag.Error(paragraphStart + 1, 1, $"this paragraph (lines {paragraphStart + 1}-{i + 1}) has more than {ContentLimits.MaxEmphasisMarksPerParagraph:N0} emphasis marks ('*', '_', '~'): split it with blank lines or write fewer marks");
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports bytes that are not UTF-8 and control characters other than tab and line breaks.</summary>
    public static void CheckEncoding(byte[] bytes, string text, DiagnosticBag bag)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var index = start + Math.Max(ex.Index, 0);
            var line = bytes.AsSpan(0, Math.Min(index, bytes.Length)).Count((byte)'\n') + 1;
            bag.Error(line, 1, $"the file is not UTF-8 text (byte 0x{bytes[Math.Min(index, bytes.Length - 1)]:X2} on this line): save it with UTF-8 encoding");
            return;
        }

        var reported = new HashSet<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                var (line, column) = PositionOf(text, i);
                if (reported.Add(line))
                {
                    bag.Error(line, column, $"the text holds a control character (U+{(int)c:X4}) that cannot be shown: delete it");
                }
            }
        }
    }

    /// <summary>
    /// Titles, ids and names in front matter may not hold characters that change how text reads without
    /// showing themselves: bidirectional overrides (a title that displays differently from what it says)
    /// and zero-width characters (two ids that look the same but differ).
    /// </summary>
    public static void CheckInvisibleCharacters(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != "---")
        {
            return;
        }

        for (var i = 1; i < lines.Length && lines[i].TrimEnd('\r') != "---"; i++)
        {
            var field = FieldLine().Match(lines[i]);
            if (!field.Success)
            {
                continue;
            }

            var index = lines[i].IndexOfAny(InvisibleCharacters);
            if (index >= 0)
            {
                bag.Error(i + 1, index + 1,
                    $"field '{field.Groups[1].Value}' holds an invisible formatting character (U+{(int)lines[i][index]:X4}) that changes how it reads: delete it");
            }
        }
    }

    /// <summary>Reports a title too long for a page heading and a certificate.</summary>
    public static void CheckTitleLength(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length && lines[i].TrimEnd('\r') != "---"; i++)
        {
            var title = TitleLine().Match(lines[i]);
            if (title.Success && title.Groups[1].Value.Trim().Trim('"', '\'').Length > MaxTitleLength)
            {
                bag.Error(i + 1, 8, $"the title is {title.Groups[1].Value.Trim().Trim('"', '\'').Length} characters long: at most {MaxTitleLength} fit a page heading and a certificate");
            }
        }
    }

    /// <summary>
    /// Reports every line that still holds a template placeholder: text between <c>{{</c> and <c>}}</c>, the marker the
    /// studio's template puts around everything an author must write ("{{Replace this with your disclosure…}}"). One
    /// marker, not a list of the template's sentences, so a placeholder reworded or added later is still found. Fenced
    /// code blocks are left alone: braces there are shown as they are.
    /// </summary>
    public static void CheckPlaceholders(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            var start = line.IndexOf("{{", StringComparison.Ordinal);
            if (inFence || start < 0)
            {
                continue;
            }

            var end = line.IndexOf("}}", start, StringComparison.Ordinal);
            var placeholder = end < 0 ? line[start..] : line[start..(end + 2)];
            if (placeholder.Length > 80)
            {
                placeholder = placeholder[..77] + "…";
            }

            bag.Error(i + 1, start + 1, $"a template placeholder is still here: replace '{Visible(placeholder)}' with the course's own text (the template marks what you must write with '{{{{' and '}}}}')");
        }
    }

    /// <summary>
    /// A question block needs its closing <c>:::</c> before the next block or the end of the file; without
    /// it the parser takes the rest of the file into the question and reports a cascade of unrelated errors.
    /// Returns true when one is left open.
    /// </summary>
    public static bool CheckQuestionBlocksClosed(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        int? openLine = null;
        string? openId = null;
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !line.StartsWith(":::", StringComparison.Ordinal))
            {
                continue;
            }

            var info = line[3..].Trim();
            if (info.Length == 0)
            {
                openLine = null;
                continue;
            }

            if (openLine is { } unclosed)
            {
                bag.Error(unclosed, 1, $"question '{openId}' is not closed: add a line ':::' after its explanation, before the next block on line {i + 1}");
                return true;
            }

            openLine = i + 1;
            openId = info.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? info;
        }

        if (openLine is { } last)
        {
            bag.Error(last, 1, $"question '{openId}' is not closed: add a line ':::' after its explanation");
            return true;
        }

        return false;
    }

    /// <summary>The line nested deepest (block quotes, list indentation, brackets), when deeper than <see cref="MaxNesting"/>.</summary>
    public static bool CheckNesting(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        // Front matter is YAML, measured by its own scan (FrontMatterScan), where brackets in quoted text are only text.
        for (var i = FrontMatterEnd(lines); i < lines.Length; i++)
        {
            var depth = NestingOf(lines[i]);
            if (depth > MaxNesting)
            {
                bag.Error(i + 1, 1, $"this line is nested {depth} levels deep (quotes, lists or brackets); at most {MaxNesting} can be shown: flatten it");
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the parser refused a file as nested too deeply, though no single line looked it: name the deepest line.</summary>
    public static void ReportParserDepthLimit(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        var deepest = Enumerable.Range(0, lines.Length).MaxBy(i => NestingOf(lines[i]));
        bag.Error(deepest + 1, 1, "the Markdown here is nested too deeply to be shown (quotes, lists, brackets or emphasis): flatten it");
    }

    /// <summary>Text with invisible and control characters written as <c>\uXXXX</c>, so a message shows what is there.</summary>
    public static string Visible(string text) => string.Concat(text.Select(c =>
        char.IsControl(c) || Array.IndexOf(InvisibleCharacters, c) >= 0 ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>The index of the first line after the front matter (0 when the file has none).</summary>
    private static int FrontMatterEnd(string[] lines)
    {
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ') != "---")
        {
            return 0;
        }

        var end = Array.FindIndex(lines, 1, l => l.TrimEnd('\r', ' ') is "---" or "...");
        return end < 0 ? 0 : end + 1;
    }

    private static int NestingOf(string line)
    {
        var quotes = 0;
        var indent = 0;
        var i = 0;
        for (; i < line.Length && (line[i] is '>' or ' ' or '\t'); i++)
        {
            if (line[i] == '>')
            {
                quotes++;
            }
            else if (quotes == 0)
            {
                indent += line[i] == '\t' ? 4 : 1;
            }
        }

        int brackets = 0, deepestBrackets = 0;
        for (; i < line.Length; i++)
        {
            brackets += line[i] is '[' or '(' ? 1 : line[i] is ']' or ')' ? -1 : 0;
            deepestBrackets = Math.Max(deepestBrackets, brackets);
        }

        return quotes + indent / 2 + deepestBrackets;
    }

    private static (int Line, int Column) PositionOf(string text, int index) =>
        (text.AsSpan(0, index).Count('\n') + 1, index - text.LastIndexOf('\n', Math.Max(index - 1, 0)));

    /// <summary>Bidirectional embeddings, overrides and isolates; zero-width space, joiners and marks; word joiner; byte order mark.</summary>
    private static readonly char[] InvisibleCharacters =
    [
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
        '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\uFEFF',
    ];

    [GeneratedRegex(@"^\s*-?\s*(id|title|name|credentials|role):")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^title:(.*)$")]
    private static partial Regex TitleLine();
}
