using System.Text;

namespace NmosdLearn.Content.Loading;

/// <summary>
/// A single pass over front matter's text, made before the YAML parser sees it. The parser recurses once
/// per nesting level and overflows the stack at about 40,000 levels, which ends the whole process (no
/// exception can be caught); deep brackets also cost it quadratic time. So size, lines, nesting and
/// anchors are measured here, in time linear in the text, and anything past
/// <see cref="ContentLimits"/> is refused with its line before parsing starts.
/// </summary>
/// <remarks>
/// Nesting is counted the way it reads: one level per indentation step, per list dash (<c>- </c>) or
/// complex-key mark (<c>? </c>) that starts a node, and per open bracket (<c>[</c>, <c>{</c>). Quoted
/// text, block scalars (<c>|</c>, <c>&gt;</c>) and comments are skipped, so brackets and dashes that are
/// only text never count.
/// </remarks>
internal static class FrontMatterScan
{
    /// <summary>Checks the front matter's lines (without the <c>---</c> delimiters); false, after reporting, when it must not be parsed.</summary>
    /// <param name="lines">The lines between the delimiters; the first is line 2 of the file.</param>
    /// <param name="bag">Where problems are reported.</param>
    public static bool Accepts(ReadOnlySpan<string> lines, DiagnosticBag bag)
    {
        const int firstLine = 2;
        if (lines.Length > ContentLimits.MaxFrontMatterLines)
        {
            bag.Error(firstLine + ContentLimits.MaxFrontMatterLines, 1,
                $"the front matter has more than {ContentLimits.MaxFrontMatterLines:N0} lines: the course fields need far fewer; move long text into the page below the closing '---'");
            return false;
        }

        var bytes = lines.Length - 1;
        foreach (var line in lines)
        {
            bytes += Encoding.UTF8.GetByteCount(line);
        }

        if (bytes > ContentLimits.MaxFrontMatterBytes)
        {
            bag.Error(firstLine, 1,
                $"the front matter is {(bytes + 1023) / 1024:N0} KB: at most {ContentLimits.MaxFrontMatterBytes / 1024:N0} KB; move long text into the page below the closing '---'");
            return false;
        }

        var scanner = new Scanner();
        for (var i = 0; i < lines.Length; i++)
        {
            if (scanner.Line(lines[i].TrimEnd('\r')) is { } problem)
            {
                bag.Error(firstLine + i, problem.Column, problem.Message);
                return false;
            }
        }

        return true;
    }

    private sealed class Scanner
    {
        private readonly Stack<int> _indents = new();
        private int _flowDepth;
        private int _references;
        private bool _inSingleQuote;
        private bool _inDoubleQuote;

        /// <summary>The indentation of the line that opened a block scalar; deeper lines are its text.</summary>
        private int? _blockScalarParent;

        public (int Column, string Message)? Line(string line)
        {
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }

            var blank = indent == line.Length || line[indent] == '#';
            if (_blockScalarParent is { } parent)
            {
                if (blank || indent > parent)
                {
                    return null;
                }

                _blockScalarParent = null;
            }

            var inText = _inSingleQuote || _inDoubleQuote;
            if (!inText && _flowDepth == 0)
            {
                if (blank)
                {
                    return null;
                }

                while (_indents.Count > 0 && _indents.Peek() > indent)
                {
                    _indents.Pop();
                }

                if (_indents.Count == 0 || _indents.Peek() < indent)
                {
                    _indents.Push(indent);
                }
            }

            var dashes = 0;
            var atNode = !inText;
            for (var j = inText || _flowDepth > 0 ? 0 : indent; j < line.Length; j++)
            {
                var c = line[j];
                if (_inSingleQuote)
                {
                    if (c == '\'')
                    {
                        if (j + 1 < line.Length && line[j + 1] == '\'')
                        {
                            j++;
                        }
                        else
                        {
                            _inSingleQuote = false;
                        }
                    }

                    continue;
                }

                if (_inDoubleQuote)
                {
                    if (c == '\\')
                    {
                        j++;
                    }
                    else if (c == '"')
                    {
                        _inDoubleQuote = false;
                    }

                    continue;
                }

                if (c == '#' && (j == 0 || line[j - 1] is ' ' or '\t'))
                {
                    break;
                }

                if (atNode)
                {
                    switch (c)
                    {
                        case ' ' or '\t':
                            continue;
                        case '-' or '?' when j + 1 == line.Length || line[j + 1] is ' ' or '\t':
                            dashes++;
                            if (Depth(dashes) > ContentLimits.MaxFrontMatterDepth)
                            {
                                return TooDeep(j);
                            }

                            continue;
                        case '&' or '*':
                            if (++_references > ContentLimits.MaxFrontMatterAliases)
                            {
                                return (j + 1, $"the front matter uses more than {ContentLimits.MaxFrontMatterAliases} anchors and aliases ('&name', '*name'): write each value out");
                            }

                            atNode = c == '&';
                            j = SkipToken(line, j);
                            continue;
                        case '!':
                            j = SkipToken(line, j);
                            continue;
                        case '[' or '{':
                            _flowDepth++;
                            if (Depth(dashes) > ContentLimits.MaxFrontMatterDepth)
                            {
                                return TooDeep(j);
                            }

                            continue;
                        case '\'':
                            _inSingleQuote = true;
                            atNode = false;
                            continue;
                        case '"':
                            _inDoubleQuote = true;
                            atNode = false;
                            continue;
                        case '|' or '>' when _flowDepth == 0:
                            _blockScalarParent = indent;
                            return null;
                    }

                    atNode = false;
                }

                if (_flowDepth > 0)
                {
                    switch (c)
                    {
                        case '[' or '{':
                            _flowDepth++;
                            if (Depth(dashes) > ContentLimits.MaxFrontMatterDepth)
                            {
                                return TooDeep(j);
                            }

                            break;
                        case ']' or '}':
                            _flowDepth--;
                            break;
                        case ',':
                            atNode = true;
                            break;
                        case ':' when j + 1 == line.Length || line[j + 1] is ' ' or '\t' or ',' or ']' or '}':
                            atNode = true;
                            break;
                    }
                }
                else if (c == ':' && (j + 1 == line.Length || line[j + 1] is ' ' or '\t'))
                {
                    atNode = true;
                }
            }

            return null;
        }

        private int Depth(int dashes) => _indents.Count + dashes + _flowDepth;

        private (int Column, string Message) TooDeep(int index) =>
            (index + 1, $"the front matter is nested more than {ContentLimits.MaxFrontMatterDepth} levels deep (indentation, list dashes and brackets): the course fields need about 4; flatten it");

        private static int SkipToken(string line, int start)
        {
            var end = start;
            while (end + 1 < line.Length && line[end + 1] is not (' ' or '\t' or ',' or ']' or '}'))
            {
                end++;
            }

            return end;
        }
    }
}
