using System.Collections.Concurrent;

namespace NmosdLearn.Content.Loading;

/// <summary>Every course folder as last loaded, valid or not.</summary>
public sealed class ContentSnapshot(IReadOnlyList<CourseLoadResult> results)
{
    /// <summary>Every course folder with its diagnostics (its own, and those of the links between its editions), in folder order.</summary>
    public IReadOnlyList<CourseLoadResult> Results { get; } = CourseEditions.WithChecks(results);

    /// <summary>Each course as its own files loaded it, without the checks across courses: what a later load may reuse.</summary>
    internal IReadOnlyList<CourseLoadResult> Loaded { get; } = results;

    /// <summary>The courses that may be offered to learners (no errors).</summary>
    public IEnumerable<Course> Courses => Results.Where(r => r.Course is not null).Select(r => r.Course!);

    /// <summary>The current version of a valid course, or null.</summary>
    public Course? Find(string courseId) => Results.FirstOrDefault(r => r.FolderName == courseId)?.Course;

    /// <summary>The load result of a course folder, valid or not.</summary>
    public CourseLoadResult? FindResult(string courseId) => Results.FirstOrDefault(r => r.FolderName == courseId);
}

/// <summary>
/// Holds the loaded courses, from every source (the content folder, courses published from the studio).
/// Parsing and rendering happen here, once per content version; page views only read. Older versions
/// stay available for learners held to them: the most recent <see cref="MaxOldVersions"/> in memory,
/// any other loaded again from its stored files by the web platform.
/// </summary>
public sealed class ContentLibrary
{
    private readonly IReadOnlyList<ICourseSource> _sources;
    private readonly Func<DateOnly> _today;
    private readonly ConcurrentDictionary<(string CourseId, string Version), Course> _versions = new();
    private readonly ConcurrentQueue<(string CourseId, string Version)> _loadOrder = new();
    private readonly Lock _reloadLock = new();
    private ContentSnapshot _current = new([]);

    /// <param name="sources">Where courses are kept; a later source wins over an earlier one for the same course id.</param>
    /// <param name="today">Today's date, for expiry checks.</param>
    /// <param name="loadNow">Load at once; false when a source cannot be read yet (a database not yet migrated).</param>
    public ContentLibrary(IEnumerable<ICourseSource> sources, Func<DateOnly> today, bool loadNow = true)
    {
        _sources = sources.ToList();
        _today = today;
        if (loadNow)
        {
            Reload();
        }
    }

    /// <summary>A library of one content folder.</summary>
    public ContentLibrary(string root, string displayRoot, Func<DateOnly> today)
        : this([new FolderCourseSource(root, displayRoot)], today)
    {
    }

    /// <summary>
    /// How many versions that are no longer current stay parsed in memory. Each edit saved in Development
    /// makes one; keeping all of them would grow without end.
    /// </summary>
    public const int MaxOldVersions = 16;

    /// <summary>The courses as last loaded.</summary>
    public ContentSnapshot Current => Volatile.Read(ref _current);

    /// <summary>A course at an exact content version, if it was loaded at some point since start.</summary>
    public Course? FindVersion(string courseId, string version) =>
        _versions.TryGetValue((courseId, version), out var course) ? course : null;

    /// <summary>
    /// Loads a course from the files of an earlier version (kept in the database) and keeps it available
    /// by its version, without offering it to new learners.
    /// </summary>
    public Course? LoadVersion(string courseId, IReadOnlyList<(string Relative, byte[] Bytes)> files)
    {
        var result = CourseLoader.Load(files, courseId, courseId, _today());
        if (result.Course is { } course)
        {
            Remember(course);
        }

        return result.Course;
    }

    /// <summary>Loads every course again from its source, reusing courses whose files have not changed.</summary>
    public ContentSnapshot Reload() => Reload(_ => true);

    /// <summary>
    /// Loads the courses of some sources only, for example those that can be read before the database is migrated;
    /// the next full <see cref="Reload()"/> reuses every course parsed here whose files have not changed.
    /// </summary>
    public ContentSnapshot Reload(Func<ICourseSource, bool> include)
    {
        lock (_reloadLock)
        {
            var latest = new Dictionary<string, SourcedCourse>(StringComparer.Ordinal);
            foreach (var source in _sources.Where(include))
            {
                foreach (var course in source.ListCourses())
                {
                    latest[course.CourseId] = course;
                }
            }

            var results = latest.Values.OrderBy(c => c.CourseId, StringComparer.Ordinal).Select(LoadOrReuse).ToList();
            var snapshot = new ContentSnapshot(results);
            Volatile.Write(ref _current, snapshot);
            ForgetOldestVersions();
            return snapshot;
        }
    }

    private CourseLoadResult LoadOrReuse(SourcedCourse sourced)
    {
        var previous = _current.Loaded.FirstOrDefault(r => r.FolderName == sourced.CourseId);
        var reusable = previous is { Course: not null } && previous.Origin == sourced.Origin ? previous : null;
        if (reusable is not null && sourced.KnownVersion is { } known && known == reusable.ContentVersion)
        {
            return reusable;
        }

        IReadOnlyList<(string Relative, byte[] Bytes)> files;
        try
        {
            files = sourced.ReadFiles();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CourseLoadResult(sourced.CourseId, null, null,
                [new ContentDiagnostic(sourced.DisplayName, 1, 1, DiagnosticSeverity.Error, $"could not read the course: {ex.Message}")])
            { Origin = sourced.Origin };
        }

        if (reusable is not null && CourseLoader.ComputeContentVersion(files.OrderBy(f => f.Relative, CourseFiles.PathOrder.Instance)) == reusable.ContentVersion)
        {
            return reusable;
        }

        var result = CourseLoader.Load(files, sourced.CourseId, sourced.DisplayName, _today()) with { Origin = sourced.Origin };
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
