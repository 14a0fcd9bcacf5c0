using System.Collections.Concurrent;

namespace NmosdLearn.Content.Loading;

/// <summary>Every course folder as last loaded, valid or not.</summary>
public sealed class ContentSnapshot(IReadOnlyList<CourseLoadResult> results)
{
    /// <summary>Every course folder with its diagnostics, in folder order.</summary>
    public IReadOnlyList<CourseLoadResult> Results { get; } = results;

    /// <summary>The courses that may be offered to learners (no errors).</summary>
    public IEnumerable<Course> Courses => Results.Where(r => r.Course is not null).Select(r => r.Course!);

    /// <summary>The current version of a valid course, or null.</summary>
    public Course? Find(string courseId) => Results.FirstOrDefault(r => r.FolderName == courseId)?.Course;

    /// <summary>The load result of a course folder, valid or not.</summary>
    public CourseLoadResult? FindResult(string courseId) => Results.FirstOrDefault(r => r.FolderName == courseId);
}

/// <summary>
/// Holds the loaded courses. Parsing and rendering happen here, once per content version; page views
/// only read. Older versions stay available for learners held to them: the most recent
/// <see cref="MaxOldVersions"/> in memory, any other loaded again from its archive by the web platform.
/// </summary>
public sealed class ContentLibrary
{
    private readonly string _root;
    private readonly string _displayRoot;
    private readonly Func<DateOnly> _today;
    private readonly ConcurrentDictionary<(string CourseId, string Version), Course> _versions = new();
    private readonly ConcurrentQueue<(string CourseId, string Version)> _loadOrder = new();
    private readonly Lock _reloadLock = new();
    private ContentSnapshot _current = new([]);

    /// <param name="root">The content folder, holding one folder per course.</param>
    /// <param name="displayRoot">How to name the content folder in diagnostics.</param>
    /// <param name="today">Today's date, for expiry checks.</param>
    public ContentLibrary(string root, string displayRoot, Func<DateOnly> today)
    {
        _root = root;
        _displayRoot = displayRoot;
        _today = today;
        Reload();
    }

    /// <summary>
    /// How many versions that are no longer current stay parsed in memory. Each edit saved in Development
    /// makes one; keeping all of them would grow without end.
    /// </summary>
    public const int MaxOldVersions = 16;

    /// <summary>The content folder.</summary>
    public string Root => _root;

    /// <summary>The courses as last loaded.</summary>
    public ContentSnapshot Current => Volatile.Read(ref _current);

    /// <summary>A course at an exact content version, if it was loaded at some point since start.</summary>
    public Course? FindVersion(string courseId, string version) =>
        _versions.TryGetValue((courseId, version), out var course) ? course : null;

    /// <summary>
    /// Loads a course from a folder holding an earlier version of its files (restored from an archive)
    /// and keeps it available by its version, without offering it to new learners.
    /// </summary>
    public Course? LoadVersion(string folder)
    {
        var result = CourseLoader.Load(folder, $"{_displayRoot}/{Path.GetFileName(folder)}", _today());
        if (result.Course is { } course)
        {
            Remember(course);
        }

        return result.Course;
    }

    /// <summary>Loads every course folder again, reusing courses whose files have not changed.</summary>
    public ContentSnapshot Reload()
    {
        lock (_reloadLock)
        {
            var results = new List<CourseLoadResult>();
            var folders = Directory.Exists(_root)
                ? Directory.GetDirectories(_root).Where(d => File.Exists(Path.Combine(d, "course.md"))).Order(StringComparer.Ordinal).ToList()
                : [];
            foreach (var folder in folders)
            {
                results.Add(LoadOrReuse(folder));
            }

            var snapshot = new ContentSnapshot(results);
            Volatile.Write(ref _current, snapshot);
            ForgetOldestVersions();
            return snapshot;
        }
    }

    private CourseLoadResult LoadOrReuse(string folder)
    {
        var folderName = Path.GetFileName(folder);
        var previous = _current.FindResult(folderName);
        if (previous?.ContentVersion is { } version && previous.Course is not null)
        {
            try
            {
                if (CourseLoader.ComputeContentVersion(folder) == version)
                {
                    return previous;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Files mid-save or unreadable: fall through to a full load, which reports the problem.
            }
        }

        var result = CourseLoader.Load(folder, $"{_displayRoot}/{folderName}", _today());
        if (result.Course is { } course)
        {
            Remember(course);
        }

        return result;
    }

    private void Remember(Course course)
    {
        if (_versions.TryAdd((course.Id, course.ContentVersion), course))
        {
            _loadOrder.Enqueue((course.Id, course.ContentVersion));
        }

        ForgetOldestVersions();
    }

    /// <summary>Drops the versions loaded longest ago, never a current one, until at most <see cref="MaxOldVersions"/> old ones remain.</summary>
    private void ForgetOldestVersions()
    {
        var current = Current.Courses.Select(c => (c.Id, c.ContentVersion)).ToHashSet();
        for (var checkedVersions = _loadOrder.Count; checkedVersions > 0 && _versions.Count - current.Count > MaxOldVersions; checkedVersions--)
        {
            if (!_loadOrder.TryDequeue(out var oldest))
            {
                break;
            }

            if (current.Contains(oldest))
            {
                _loadOrder.Enqueue(oldest);
            }
            else
            {
                _versions.TryRemove(oldest, out _);
            }
        }
    }
}
