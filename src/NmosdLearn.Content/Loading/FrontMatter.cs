using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NmosdLearn.Content.Loading;

/// <summary>
/// Reads a file's YAML front matter field by field, reporting every problem at its own line
/// instead of stopping at the first, and remembering which fields were read so that unknown
/// ones (usually typos) can be reported too.
/// </summary>
internal sealed class FrontMatter
{
    private readonly YamlMappingNode _map;
    private readonly DiagnosticBag _bag;
    private readonly int _lineOffset;
    private readonly HashSet<string> _read = [];
    private bool _isRoot;

    private FrontMatter(YamlMappingNode map, DiagnosticBag bag, int lineOffset)
    {
        _map = map;
        _bag = bag;
        _lineOffset = lineOffset;
    }

    /// <summary>The 1-based line of the front matter's closing delimiter, or 0 when there is none.</summary>
    public int EndLine { get; private init; }

    /// <summary>True when nothing but blank lines follows the front matter.</summary>
    public bool BodyIsEmpty { get; private init; }

    /// <summary>
    /// Splits the front matter from a file's text. Returns null (after reporting) when the file has
    /// none or its YAML cannot be read.
    /// </summary>
    public static FrontMatter? Read(string text, DiagnosticBag bag)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ') != "---")
        {
            bag.Error(1, 1, "the file must start with front matter: a line '---', the fields, and a closing line '---'");
            return null;
        }

        var end = Array.FindIndex(lines, 1, l => l.TrimEnd('\r', ' ') is "---" or "...");
        if (end < 0)
        {
            bag.Error(1, 1, "the front matter is not closed: add a line '---' after the last field");
            return null;
        }

        // Measured before parsing: past the limits the YAML parser can end the process (see FrontMatterScan).
        if (!FrontMatterScan.Accepts(lines.AsSpan(1, end - 1), bag))
        {
            return null;
        }

        var yaml = string.Join('\n', lines[1..end]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            bag.Error((int)ex.Start.Line + 1, (int)ex.Start.Column, $"the front matter is not valid YAML: {Describe(ex)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed brackets.
            var (line, column) = FindUnclosedBracket(lines[1..end]);
            bag.Error(line + 1, column, "the front matter is not valid YAML: a '[' or '{' is not closed; put text that starts with '[' in quotes");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            bag.Error(2, 1, "the front matter must be a list of 'field: value' lines");
            return null;
        }

        return new FrontMatter(map, bag, lineOffset: 1)
        {
            EndLine = end + 1, _isRoot = true, BodyIsEmpty = lines.Skip(end + 1).All(string.IsNullOrWhiteSpace),
        };
    }

    private static (int Line, int Column) FindUnclosedBracket(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].IndexOfAny(['[', '{']);
            if (open >= 0 && lines[i].Count(c => c is '[' or '{') > lines[i].Count(c => c is ']' or '}'))
            {
                return (i + 1, open + 1);
            }
        }

        return (1, 1);
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes its own position, which we report separately.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    public string? String(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
        {
            Error(node, $"field '{key}' must be text");
            return null;
        }

        return value.Trim();
    }

    public int? Int(string key, int min, int max, bool required = true)
    {
        var text = Scalar(key, required);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text.Value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(text.Value.Node, $"field '{key}' must be a whole number, not '{text.Value.Value}'");
            return null;
        }

        if (value < min || value > max)
        {
            Error(text.Value.Node, $"field '{key}' must be between {min} and {max}, not {value}");
            return null;
        }

        return value;
    }

    public decimal? Decimal(string key)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text.Value.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            Error(text.Value.Node, $"field '{key}' must be a number, not '{text.Value.Value}'");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string key)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Value.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            Error(text.Value.Node, $"field '{key}' must be a date written as YYYY-MM-DD, not '{text.Value.Value}'");
            return null;
        }

        return value;
    }

    public IReadOnlyList<string>? StringList(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Error(node, $"field '{key}' must be a list with at least one item, each on its own line starting with '- '");
            return null;
        }

        var items = new List<string>();
        foreach (var child in sequence.Children)
        {
            if (child is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add(value.Trim());
            }
            else
            {
                Error(child, $"each item of '{key}' must be text");
            }
        }

        return items;
    }

    /// <summary>Reads a list of mappings, such as the faculty, handing each item to <paramref name="readItem"/>.</summary>
    public IReadOnlyList<T>? MappingList<T>(string key, Func<FrontMatter, T?> readItem)
        where T : class
    {
        var node = Node(key, required: true);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Error(node, $"field '{key}' must be a list with at least one entry");
            return null;
        }

        var items = new List<T>();
        foreach (var child in sequence.Children)
        {
            if (child is not YamlMappingNode map)
            {
                Error(child, $"each entry of '{key}' must have 'field: value' lines");
                continue;
            }

            var item = new FrontMatter(map, _bag, _lineOffset) { EndLine = EndLine };
            var value = readItem(item);
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return items;
    }

    /// <summary>
    /// Reads an optional mapping of names to whole numbers, such as <c>draw:</c> with one
    /// <c>lesson-id: 2</c> line per lesson. Null when the field is absent or broken (reported).
    /// </summary>
    public IReadOnlyList<(string Name, int Value, int Line, int Column)>? NumberMapping(string key, int min, int max)
    {
        var node = Node(key, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, $"field '{key}' must list 'name: number' lines, indented under it");
            return null;
        }

        var items = new List<(string, int, int, int)>();
        foreach (var (name, value) in map.Children)
        {
            var (line, column) = Position(name);
            if (name is not YamlScalarNode { Value: { Length: > 0 } text }
                || value is not YamlScalarNode { Value: { } number }
                || !int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                || count < min || count > max)
            {
                _bag.Error(line, column, $"each line of '{key}' must be 'name: number' with a whole number from {min} to {max}");
                continue;
            }

            items.Add((text, count, line, column));
        }

        return items.Count == map.Children.Count ? items : null;
    }

    /// <summary>
    /// Reads an optional mapping of names to text, such as <c>translations:</c> with one <c>zh-CN: course-id</c> line
    /// per language. Null when the field is absent or broken (reported).
    /// </summary>
    public IReadOnlyList<(string Name, string Value, int Line, int Column)>? TextMapping(string key)
    {
        var node = Node(key, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, $"field '{key}' must list 'name: value' lines, indented under it");
            return null;
        }

        var items = new List<(string, string, int, int)>();
        foreach (var (name, value) in map.Children)
        {
            var (line, column) = Position(name);
            if (name is not YamlScalarNode { Value: { Length: > 0 } text } || value is not YamlScalarNode { Value: { Length: > 0 } content })
            {
                _bag.Error(line, column, $"each line of '{key}' must be 'name: value'");
                continue;
            }

            items.Add((text.Trim(), content.Trim(), line, column));
        }

        return items.Count == map.Children.Count ? items : null;
    }

    /// <summary>Reports every field that was never read: almost always a misspelt field name.</summary>
    public void RejectUnknownFields(IReadOnlyCollection<string> known)
    {
        foreach (var (keyNode, _) in _map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (_read.Contains(key))
            {
                continue;
            }

            var suggestion = known.OrderBy(k => EditDistance(k, key)).FirstOrDefault(k => EditDistance(k, key) <= 2);
            Error(keyNode, suggestion is null
                ? $"unknown field '{key}'"
                : $"unknown field '{key}' (did you mean '{suggestion}'?)");
        }
    }

    /// <summary>The 1-based line of a field, for checks that involve several fields.</summary>
    public (int Line, int Column) PositionOf(string key)
    {
        var node = _map.Children.FirstOrDefault(p => (p.Key as YamlScalarNode)?.Value == key).Key;
        return node is null ? (_lineOffset, 1) : Position(node);
    }

    /// <summary>The 1-based position of the mapping itself, where missing fields are reported.</summary>
    public (int Line, int Column) Start => Position(_map);

    public void Error(YamlNode node, string message)
    {
        var (line, column) = Position(node);
        _bag.Error(line, column, message);
    }

    private (int Line, int Column) Position(YamlNode node) => ((int)node.Start.Line + _lineOffset, (int)node.Start.Column);

    private YamlNode? Node(string key, bool required)
    {
        _read.Add(key);
        foreach (var (keyNode, valueNode) in _map.Children)
        {
            if ((keyNode as YamlScalarNode)?.Value == key)
            {
                if (valueNode is YamlScalarNode { Value: null or "" } && required)
                {
                    Error(keyNode, $"field '{key}' is empty");
                    return null;
                }

                return valueNode;
            }
        }

        if (required)
        {
            var (line, column) = _isRoot ? (1, 1) : Start;
            _bag.Error(line, column, $"missing required field '{key}'");
        }

        return null;
    }

    private (YamlNode Node, string Value)? Scalar(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(node, $"field '{key}' must be a single value, not a list");
            return null;
        }

        return (node, value.Trim());
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
