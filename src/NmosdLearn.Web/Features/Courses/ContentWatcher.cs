using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Authoring;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Loads the content when the host starts, and keeps it current: shortly after a file of the content
/// folder changes (when enabled; editors save in bursts, so changes are debounced), and within
/// <see cref="ContentOptions.PublishedCheckSeconds"/> of a course being published from the studio on any
/// instance that shares the database.
/// </summary>
public sealed class ContentWatcher(
    ContentLibrary library, FolderCourseSource folder, IServiceScopeFactory scopes, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private FileSystemWatcher? _watcher;
    private Timer? _timer;
    private long? _publishedMark;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _publishedMark = await ReadPublishedMarkAsync(cancellationToken);
        Reload();
        WarnWhenNothingIsOffered();
        if (options.Value.WatchForChanges && Directory.Exists(folder.Root))
        {
            _timer = new Timer(_ => Reload());
            _watcher = new FileSystemWatcher(folder.Root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            _watcher.Created += (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            _watcher.Deleted += (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            _watcher.Renamed += (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            // Too many changes at once overflow the watcher's buffer and some are lost: a full reload
            // (which reuses every unchanged course) catches up with whatever they were.
            _watcher.Error += (_, e) =>
            {
                logger.LogWarning(e.GetException(), "The content watcher missed changes; reloading all content");
                _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            };
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PublishedCheckSeconds));
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var mark = await ReadPublishedMarkAsync(stoppingToken);
                if (mark != _publishedMark)
                {
                    _publishedMark = mark;
                    Reload();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not check for newly published courses; trying again shortly");
            }
        }
    }

    private async Task<long?> ReadPublishedMarkAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        return await StudioCourseSource.PublishedMarkAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
    }

    private void Reload()
    {
        try
        {
            LogProblems(library.Reload(), logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Content reload failed; the previous content stays in use");
        }
    }

    /// <summary>A platform that starts with no course says why at once (and /health/ready stays 503 until one is offered).</summary>
    private void WarnWhenNothingIsOffered()
    {
        if (!Directory.Exists(folder.Root))
        {
            logger.LogWarning("The content folder {Folder} does not exist: no course from files is offered. Set Content__Folder to the folder holding one folder per course", folder.Root);
        }
        else if (!Directory.EnumerateDirectories(folder.Root).Any())
        {
            logger.LogWarning("The content folder {Folder} is empty: no course from files is offered", folder.Root);
        }

        if (!library.Current.Courses.Any())
        {
            logger.LogWarning("No course is offered: learners see an empty catalog, and /health/ready answers 503 until a course is loaded or published");
        }
    }

    internal static void LogProblems(ContentSnapshot snapshot, ILogger logger)
    {
        foreach (var result in snapshot.Results)
        {
            var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0)
            {
                logger.LogWarning("Course {Course} is not offered: {Errors} error(s). First: {First}",
                    result.FolderName, errors, result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _timer?.Dispose();
        base.Dispose();
    }
}
