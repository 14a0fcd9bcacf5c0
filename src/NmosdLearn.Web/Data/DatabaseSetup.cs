using Microsoft.AspNetCore.DataProtection;
using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NmosdLearn.Web.Data;

/// <summary>Where the SQLite database lives.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Path of the SQLite file. Relative paths are resolved against the folder of the settings file
    /// that set them (see <see cref="AppPaths"/>). Defaults to the user's local application data,
    /// outside any source tree.
    /// </summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "NmosdLearn", "nmosdlearn.db");
}

/// <summary>Something an operator must fix before the platform can start; its message says what to do.</summary>
public sealed class StartupProblem(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code for a start refused this way: distinct, so a supervisor can stop retrying.</summary>
    public const int ExitCode = 78; // EX_CONFIG
}

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var file = paths.Resolve(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString();
        // Interceptors registered in the container join every context (the tests count commands with one).
        services.AddDbContext<AppDbContext>((provider, db) => db.UseSqlite(connection)
            .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        // A fixed application name (not the content root path, the default) and keys in the database: moving the
        // deployment folder or adding an instance no longer signs everyone out or breaks open forms.
        services.AddDataProtection().SetApplicationName("NmosdLearn").PersistKeysToDbContext<AppDbContext>();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"], customTestQuery: (db, cancellationToken) => db.Database.CanConnectAsync(cancellationToken))
            .AddCheck<Features.Shared.ContentLoadedCheck>("content", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Checks the database file, applies migrations, switches it to write-ahead logging (a setting stored in the file)
    /// and proves it can be written. A problem an operator must fix is a <see cref="StartupProblem"/> saying what to do.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var file = db.Database.GetDbConnection().DataSource;
        try
        {
            if (File.Exists(file) && new FileInfo(file).Length > 0)
            {
                // A damaged file would start and then fail on most pages: refuse it at once.
                var check = await db.Database.SqlQueryRaw<string>("PRAGMA quick_check").ToListAsync();
                if (check is not ["ok"])
                {
                    throw new StartupProblem($"The database '{file}' is damaged (quick_check: {string.Join("; ", check.Take(3))}). " +
                        "Stop the platform, restore the file from your latest backup, and start again; keep the damaged file for investigation.");
                }
            }

            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // A write nobody sees (the version number written back unchanged): a read-only file or folder fails here.
            var version = (await db.Database.SqlQueryRaw<long>("PRAGMA user_version").ToListAsync()).Single();
            // PRAGMA takes no parameters; the value is a number the database itself gave.
            var rewrite = "PRAGMA user_version = " + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlRawAsync(rewrite);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 8 /* READONLY */ or 14 /* CANTOPEN */ or 13 /* FULL */)
        {
            throw new StartupProblem(ex.SqliteErrorCode switch
            {
                13 => $"The disk holding the database '{file}' is full. Free space on it and start again.",
                14 => $"The database '{file}' cannot be opened: check that its folder exists and the platform's user may read and write there " +
                      "(the folder too: SQLite writes a journal beside the file).",
                _ => $"The database '{file}' is read-only to the platform. Give the platform's user write access to the file and its folder " +
                     "(SQLite writes a journal beside the file), or set Database__Path to a writable location.",
            }, ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* NOTADB */ or 11 /* CORRUPT */)
        {
            throw new StartupProblem($"The database '{file}' is damaged or is not a database file ({ex.Message}). " +
                "Stop the platform, restore it from your latest backup, and start again.", ex);
        }
        catch (SqliteException ex)
        {
            // Say which file and what to do, rather than leave a stack trace from inside EF.
            throw new StartupProblem(
                $"The database '{file}' could not be brought up to date: {ex.Message}. " +
                "If it was made by an earlier development build whose migrations were since replaced, move it aside " +
                "or set Database:Path to a new file; never delete a production database.", ex);
        }
    }
}
