using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Loads the content at start and, when enabled, reloads it shortly after a file changes. Editors
/// save in bursts (temporary file, rename), so changes are debounced.
/// </summary>
public sealed class ContentWatcher(ContentLibrary library, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private FileSystemWatcher? _watcher;
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WatchForChanges && Directory.Exists(library.Root))
        {
            _timer = new Timer(_ => Reload());
            _watcher = new FileSystemWatcher(library.Root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
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

        return Task.CompletedTask;
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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _timer?.Dispose();
    }
}
