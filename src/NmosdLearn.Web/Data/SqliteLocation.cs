namespace NmosdLearn.Web.Data;

/// <summary>
/// SQLite keeps its write-ahead log's index in shared memory and relies on the local kernel's locks: on a
/// network file system (NFS, SMB...) two machines can both believe they hold the write lock, and the file is
/// damaged without an error. So the file must be on a local disk, and one instance uses it.
/// </summary>
public static class SqliteLocation
{
    private static readonly HashSet<string> NetworkFileSystems = new(StringComparer.OrdinalIgnoreCase)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gfs2", "ocfs2",
        "fuse.sshfs", "fuse.s3fs", "fuse.rclone", "davfs", "fuse.davfs2", "virtiofs", "fuse.juicefs", "fuse.cephfs",
    };

    /// <summary>Refuses a database file on a network share, with what to do instead.</summary>
    public static void EnsureLocal(string file)
    {
        var fileSystem = OperatingSystem.IsWindows()
            ? (file.StartsWith(@"\\", StringComparison.Ordinal) ? "a network share" : null)
            : NetworkFileSystemOf(file, File.Exists("/proc/self/mounts") ? File.ReadAllText("/proc/self/mounts") : "");
        if (fileSystem is not null)
        {
            throw new StartupProblem($"The database '{file}' is on a network file system ({fileSystem}), where SQLite can be damaged " +
                "without an error. Put Database__Path on a local disk, or use PostgreSQL (Database__Provider=PostgreSQL) for shared storage or several instances.");
        }
    }

    /// <summary>The network file system type holding <paramref name="file"/> according to a mounts table (/proc/self/mounts), or null.</summary>
    public static string? NetworkFileSystemOf(string file, string mounts)
    {
        var full = Path.GetFullPath(file);
        var best = (MountPoint: "", Type: "");
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            // The table escapes spaces in paths as \040.
            var mountPoint = fields[1].Replace("\\040", " ", StringComparison.Ordinal);
            var within = mountPoint == "/" || full == mountPoint || full.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (within && mountPoint.Length >= best.MountPoint.Length)
            {
                best = (mountPoint, fields[2]);
            }
        }

        return NetworkFileSystems.Contains(best.Type) ? best.Type : null;
    }
}

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
