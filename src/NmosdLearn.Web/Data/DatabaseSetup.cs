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

    /// <summary>Applies migrations and switches the file to write-ahead logging (a setting stored in the file).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await db.Database.MigrateAsync();
        }
        catch (SqliteException ex)
        {
            // Say which file and what to do, rather than leave a stack trace from inside EF.
            throw new InvalidOperationException(
                $"The database '{db.Database.GetDbConnection().DataSource}' could not be brought up to date: {ex.Message}. " +
                "If it was made by an earlier development build whose migrations were since replaced, move it aside " +
                "or set Database:Path to a new file; never delete a production database.", ex);
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
