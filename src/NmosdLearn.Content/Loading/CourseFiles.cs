using System.Text;

namespace NmosdLearn.Content.Loading;

/// <summary>
/// The files of one course version, in memory: read once from wherever they are kept (a folder, the
/// database, an archive). The content version is their hash and the course is parsed from them, so a
/// version always names exactly what was parsed, and images and handouts are served from these bytes.
/// </summary>
public sealed class CourseFiles
{
    private readonly Dictionary<string, byte[]> _files;

    /// <summary>Takes the files of one course by relative path.</summary>
    public CourseFiles(IReadOnlyList<(string Relative, byte[] Bytes)> files)
    {
        _files = files.ToDictionary(f => f.Relative, f => f.Bytes, StringComparer.Ordinal);
        Version = CourseLoader.ComputeContentVersion(files.OrderBy(f => f.Relative, PathOrder.Instance));
    }

    /// <summary>
    /// The order files are hashed in: a folder walked name by name (ordinal), each folder's files where
    /// its name falls. Every source sorts the same way, so the same files always make the same version.
    /// </summary>
    public sealed class PathOrder : IComparer<string>
    {
        /// <summary>The one instance.</summary>
        public static readonly PathOrder Instance = new();

        /// <inheritdoc />
        public int Compare(string? x, string? y)
        {
            var left = (x ?? "").Split('/');
            var right = (y ?? "").Split('/');
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                var order = string.CompareOrdinal(left[i], right[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return left.Length.CompareTo(right.Length);
        }
    }

    /// <summary>The content version: a hash of every file name and its bytes.</summary>
    public string Version { get; }

    /// <summary>Every file, by relative path, in hashing order.</summary>
    public IReadOnlyList<(string Relative, byte[] Bytes)> All =>
        _files.OrderBy(f => f.Key, PathOrder.Instance).Select(f => (f.Key, f.Value)).ToList();

    /// <summary>The Markdown files directly in the course, by name.</summary>
    public IEnumerable<string> MarkdownFiles =>
        _files.Keys.Where(f => !f.Contains('/') && f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>True when the course has the file.</summary>
    public bool Contains(string fileName) => _files.ContainsKey(fileName);

    /// <summary>A file's bytes, or null when the course has no such file.</summary>
    public byte[]? Bytes(string fileName) => _files.GetValueOrDefault(fileName);

    /// <summary>A file's text, decoded as <see cref="File.ReadAllText(string)"/> would (UTF-8 unless a byte order mark says otherwise).</summary>
    public string Text(string fileName)
    {
        using var reader = new StreamReader(new MemoryStream(_files[fileName]), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
