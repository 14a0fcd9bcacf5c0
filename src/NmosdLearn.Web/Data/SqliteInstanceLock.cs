namespace NmosdLearn.Web.Data;

/// <summary>
/// Holds an exclusive lock beside the SQLite file for the life of the process, so a second instance started on
/// the same file stops with a message instead of serving learners from a content library and session cache that
/// the first instance does not see. The kernel drops the lock when the process ends, even on a kill. Hosts in one
/// process (the test host's variants of one app) share the process's lock.
/// </summary>
public sealed class SqliteInstanceLock : IDisposable
{
    private static readonly Dictionary<string, (FileStream Lock, int Holders)> Held = [];
    private string? _lockFile;

    public void Acquire(string databaseFile)
    {
        if (_lockFile is not null)
        {
            return;
        }

        var lockFile = Path.GetFullPath(databaseFile) + ".instance-lock";
        lock (Held)
        {
            if (Held.TryGetValue(lockFile, out var held))
            {
                Held[lockFile] = (held.Lock, held.Holders + 1);
                _lockFile = lockFile;
                return;
            }

            try
            {
                Held[lockFile] = (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), 1);
                _lockFile = lockFile;
            }
            catch (IOException ex)
            {
                throw new StartupProblem($"Another NmosdLearn instance is using the database '{databaseFile}' (it holds '{lockFile}'). " +
                    "A SQLite database serves one instance: stop the other one, give this one its own Database__Path, or use PostgreSQL " +
                    "(Database__Provider=PostgreSQL) to run several instances.", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new StartupProblem($"The platform's user cannot create '{lockFile}' beside the database. Give it write access to the folder " +
                    $"'{Path.GetDirectoryName(databaseFile)}' (SQLite writes a journal there too).", ex);
            }
        }
    }

    public void Dispose()
    {
        if (_lockFile is null)
        {
            return;
        }

        lock (Held)
        {
            var held = Held[_lockFile];
            if (held.Holders == 1)
            {
                held.Lock.Dispose();
                Held.Remove(_lockFile);
            }
            else
            {
                Held[_lockFile] = (held.Lock, held.Holders - 1);
            }
        }

        _lockFile = null;
    }
}
