using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace NmosdLearn.Web.Data;

/// <summary>
/// <c>backup FILE</c>: copies the configured SQLite database to FILE while the platform runs, through SQLite's
/// online backup (a consistent snapshot; writers are not stopped), checks the copy's integrity, and only then
/// gives it its name. PostgreSQL is backed up with pg_dump, which the command says. Exit code 0 on success.
/// </summary>
public static class BackupCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [var target])
        {
            errors.WriteLine("Usage: NmosdLearn.Web backup FILE   (an online backup of the SQLite database to FILE, which must not exist)");
            return 2;
        }

        var builder = WebApplication.CreateBuilder();
        var paths = AppPaths.AddRepositorySettings(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            errors.WriteLine("The database is PostgreSQL: back it up with pg_dump, for example " +
                "pg_dump --format=custom --host=HOST --username=USER --dbname=DATABASE --file=nmosdlearn.dump (see docs/deployment.md).");
            return 2;
        }

        var source = paths.Resolve(options.Path);
        var destination = Path.GetFullPath(target, AppPaths.WhereTheCommandWasTyped());
        try
        {
            var watch = Stopwatch.StartNew();
            var (bytes, tables) = Copy(source, destination);
            output.WriteLine($"Backed up {source} to {destination}: {bytes / 1024.0 / 1024.0:0.0} MB, {tables} tables, integrity check ok, {watch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        catch (BackupProblem problem)
        {
            errors.WriteLine($"Backup failed: {problem.Message}");
            return 1;
        }
    }

    /// <summary>Takes the backup; returns its size and table count. Throws <see cref="BackupProblem"/> saying what went wrong.</summary>
    public static (long Bytes, int Tables) Copy(string source, string destination)
    {
        if (!File.Exists(source))
        {
            throw new BackupProblem($"there is no database at '{source}' (check Database__Path).");
        }

        if (File.Exists(destination))
        {
            throw new BackupProblem($"'{destination}' exists already; a backup never overwrites a file. Choose a new name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        // Written under a temporary name, so a backup cut short is never mistaken for a good one.
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString()))
            using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                from.Open();
                to.Open();
                // One step for the whole file: the copy is one snapshot, and writers wait only for the page copy, not for us.
                from.BackupDatabase(to);
                using var check = to.CreateCommand();
                check.CommandText = "PRAGMA journal_mode=DELETE";
                check.ExecuteNonQuery();
                check.CommandText = "PRAGMA integrity_check";
                var result = (string?)check.ExecuteScalar();
                if (result != "ok")
                {
                    throw new BackupProblem($"the copy failed its integrity check ({result}); the live database may be damaged: run PRAGMA integrity_check on it.");
                }
            }

            var tables = CountTables(partial);
            File.Move(partial, destination);
            return (new FileInfo(destination).Length, tables);
        }
        catch (SqliteException ex)
        {
            throw new BackupProblem($"{ex.Message} (source '{source}', target '{destination}').");
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static int CountTables(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class BackupProblem(string message) : Exception(message);
