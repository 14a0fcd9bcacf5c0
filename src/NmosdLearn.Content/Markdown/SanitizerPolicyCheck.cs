using System.Collections.Frozen;
using Ganss.Xss;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// Decides in one pass over the text whether HTML already lies inside the sanitizer's allowlist, so that
/// the sanitizer's own pass (it builds a DOM: about 20 ms for a 200 KB lesson) runs only on HTML this
/// check cannot vouch for. The allowlist is read from the sanitizer itself, so there is one policy.
/// </summary>
/// <remarks>
/// It accepts only the narrow, regular shape Markdig writes with raw HTML off: lowercase tags of allowed
/// names; attributes of allowed names with double-quoted values; URLs of printable ASCII whose scheme, if
/// any, is allowed. Everything else (a comment, an unquoted value, a character reference inside a URL,
/// a <c>style</c> attribute, a stray <c>&lt;</c>) is not judged here but handed to the sanitizer. Tests check that the sanitizer removes nothing from HTML this check accepts.
/// The allowlist is copied when the check is made: configure the sanitizer first.
/// </remarks>
internal sealed class SanitizerPolicyCheck(HtmlSanitizer sanitizer)
{
    // Elements the HTML parser reads in another mode (raw text, foreign content, templates): never
    // vouched for here, whatever the allowlist says.
    private static readonly HashSet<string> ParserModeChanging =
    [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
        "plaintext", "template", "svg", "math", "select", "option",
    ];

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _tags = Lookup(sanitizer.AllowedTags.Except(ParserModeChanging));

    // Event handlers are never vouched for; URL lists (srcset) and CSS are left to the sanitizer.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _attributes = Lookup(sanitizer.AllowedAttributes
        .Except(sanitizer.UriListAttributes)
        .Where(a => a != "style" && !a.StartsWith("on", StringComparison.OrdinalIgnoreCase)));

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _urlAttributes = Lookup(sanitizer.UriAttributes);

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _schemes = Lookup(sanitizer.AllowedSchemes);

    public bool Accepts(string html)
    {
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            i++;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }

            var tag = ReadName(html, ref i);
            if (tag.IsEmpty || !_tags.Contains(tag))
            {
                return false;
            }

            if (closing)
            {
                if (!At(html, i, ">"))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!AcceptsAttributes(html, ref i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads <c>( name="value")* ( /)?&gt;</c> after a tag name, checking each attribute.</summary>
    private bool AcceptsAttributes(string html, ref int i)
    {
        while (true)
        {
            if (At(html, i, ">"))
            {
                i++;
                return true;
            }

            if (At(html, i, " />"))
            {
                i += 3;
                return true;
            }

            if (!At(html, i, " "))
            {
                return false;
            }

            i++;
            var name = ReadName(html, ref i);
            if (name.IsEmpty || !At(html, i, "=\""))
            {
                return false;
            }

            var end = html.IndexOf('"', i + 2);
            if (end < 0 || !AcceptsAttribute(name, html.AsSpan(i + 2, end - i - 2)))
            {
                return false;
            }

            i = end + 1;
        }
    }

    private bool AcceptsAttribute(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        // The sanitizer drops any value that could hold an old script entity ("&{...}").
        if (value.Contains('&') && value.Contains('{'))
        {
            return false;
        }

        return _attributes.Contains(name) && (!_urlAttributes.Contains(name) || AcceptsUrl(value));
    }

    private bool AcceptsUrl(ReadOnlySpan<char> value)
    {
        // Browsers drop tabs and newlines inside a URL and decode character references before reading the
        // scheme; allowing neither (nor "&amp;#", which the sanitizer decodes twice) keeps what is read
        // here what the browser and the sanitizer read.
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is <= ' ' or >= '\u007f' || (value[i] == '&' && (!value[i..].StartsWith("&amp;") || value[i..].StartsWith("&amp;#"))))
            {
                return false;
            }
        }

        // A colon before any '/' or '#' makes what precedes it a scheme, as the sanitizer reads it (even
        // after a '?'); that is stricter than browsers, which need a letter first and stop at '?'.
        var end = value.IndexOfAny(":/#");
        return end < 0 || value[end] != ':'
            || _schemes.Contains(value[..end]);
    }

    private static ReadOnlySpan<char> ReadName(string html, ref int i)
    {
        var start = i;
        while (i < html.Length && (char.IsAsciiLetterLower(html[i]) || (i > start && (char.IsAsciiDigit(html[i]) || html[i] == '-'))))
        {
            i++;
        }

        return html.AsSpan(start, i - start);
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(IEnumerable<string> names) =>
        names.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool At(string html, int i, string expected) => html.AsSpan(i).StartsWith(expected, StringComparison.Ordinal);
}
