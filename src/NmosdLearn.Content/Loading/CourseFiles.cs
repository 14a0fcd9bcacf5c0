using System.Text;

namespace NmosdLearn.Content.Loading;

/// <summary>
/// The files of a course folder as read once. The content version is their hash and the course is parsed
/// from them, so a version always names exactly what was parsed, even if an editor saves mid-load.
/// </summary>
internal sealed class CourseFiles
{
    private readonly Dictionary<string, byte[]> _files;

    public CourseFiles(IReadOnlyList<(string Relative, byte[] Bytes)> files)
    {
        _files = files.ToDictionary(f => f.Relative, f => f.Bytes, StringComparer.Ordinal);
        Version = CourseLoader.ComputeContentVersion(files);
    }

    public string Version { get; }

    /// <summary>The Markdown files directly in the folder, by name.</summary>
    public IEnumerable<string> MarkdownFiles =>
        _files.Keys.Where(f => !f.Contains('/') && f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public bool Contains(string fileName) => _files.ContainsKey(fileName);

    /// <summary>A file's text, decoded as <see cref="File.ReadAllText(string)"/> would (UTF-8 unless a byte order mark says otherwise).</summary>
    public string Text(string fileName)
    {
        using var reader = new StreamReader(new MemoryStream(_files[fileName]), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
