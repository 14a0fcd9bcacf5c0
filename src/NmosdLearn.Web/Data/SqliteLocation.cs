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
