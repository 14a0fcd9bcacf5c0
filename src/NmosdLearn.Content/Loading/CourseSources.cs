namespace NmosdLearn.Content.Loading;

/// <summary>A course as a source holds it: its id, where it comes from, and how to read its files.</summary>
/// <param name="CourseId">The course id (a folder's name, or the id a course was created with in the studio).</param>
/// <param name="DisplayName">How diagnostics name the course, such as <c>content/nmosd-pain-en</c>.</param>
/// <param name="Origin">Where it is kept: <see cref="CourseOrigins.Folder"/> or <see cref="CourseOrigins.Studio"/>.</param>
/// <param name="KnownVersion">The content version when the source knows it without reading the files (lets an unchanged course be reused).</param>
/// <param name="ReadFiles">Reads every file; may throw <see cref="IOException"/>.</param>
public sealed record SourcedCourse(
    string CourseId,
    string DisplayName,
    string Origin,
    string? KnownVersion,
    Func<IReadOnlyList<(string Relative, byte[] Bytes)>> ReadFiles);

/// <summary>Where a course is kept.</summary>
public static class CourseOrigins
{
    /// <summary>A folder under the content folder: edited with files and git, read-only in the studio.</summary>
    public const string Folder = "folder";

    /// <summary>A course published from the studio: its versions are kept in the database.</summary>
    public const string Studio = "studio";
}

/// <summary>Somewhere courses are kept. The library reads every source the same way.</summary>
public interface ICourseSource
{
    /// <summary>The courses this source holds now.</summary>
    IReadOnlyList<SourcedCourse> ListCourses();
}

/// <summary>The content folder: one folder per course, each with a <c>course.md</c>.</summary>
public sealed class FolderCourseSource(string root, string displayRoot) : ICourseSource
{
    /// <summary>The content folder.</summary>
    public string Root { get; } = root;

    /// <inheritdoc />
    public IReadOnlyList<SourcedCourse> ListCourses() => Directory.Exists(Root)
        ? Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "course.md")))
            .Order(StringComparer.Ordinal)
            .Select(folder => new SourcedCourse(Path.GetFileName(folder), $"{displayRoot}/{Path.GetFileName(folder)}", CourseOrigins.Folder,
                KnownVersion: null, () => CourseLoader.ReadFiles(folder)))
            .ToList()
        : [];
}

/// <summary>Fixed courses in memory, for tests and the checker.</summary>
public sealed class MemoryCourseSource(IEnumerable<SourcedCourse> courses) : ICourseSource
{
    private readonly List<SourcedCourse> _courses = courses.ToList();

    /// <inheritdoc />
    public IReadOnlyList<SourcedCourse> ListCourses() => _courses;
}
