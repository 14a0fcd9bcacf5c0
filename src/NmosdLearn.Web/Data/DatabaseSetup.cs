using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NmosdLearn.Web.Data;

public enum DatabaseProvider
{
    /// <summary>One file beside the platform: one instance, no server to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several instances behind a load balancer.</summary>
    PostgreSQL,
}

/// <summary>Which database the platform uses and where it is.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Path of the SQLite file. Relative paths are resolved against the folder of the settings file
    /// that set them (see <see cref="AppPaths"/>). Defaults to the user's local application data,
    /// outside any source tree.
    /// </summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "NmosdLearn", "nmosdlearn.db");

    /// <summary>The PostgreSQL connection string (Npgsql's keywords); read from the environment, never from a file in the repository.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Something an operator must fix before the platform can start; its message says what to do.</summary>
public sealed class StartupProblem(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code for a start refused this way: distinct, so a supervisor can stop retrying.</summary>
    public const int ExitCode = 78; // EX_CONFIG
}

/// <summary>Where the SQLite database is: known from the settings, before any context is made.</summary>
public sealed record SqliteFile(string Path);

public static class DatabaseSetup
{
    /// <summary>
    /// Contexts kept for reuse (EF's default keeps 1,024). Enough for the requests a small server runs at once;
    /// after a rush, more would only hold memory.
    /// </summary>
    private const int ContextPoolSize = 128;

    /// <summary>
    /// Migrating compares the model with the last migration's snapshot to warn of a forgotten migration: a second
    /// model built at every start of a new database (0.1-0.2 s). A test makes the same comparison for both providers.
    /// </summary>
    private static void SkipModelComparisonAtStart(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning);

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Interceptors registered in the container join every context (the tests count commands with one).
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            // The connection string is checked when the platform starts (MigrateDatabaseAsync), with a message, not here.
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((provider, db) => db.UseNpgsql(options.ConnectionString)
                .ConfigureWarnings(SkipModelComparisonAtStart)
                .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()), ContextPoolSize);
        }
        else
        {
            var file = paths.Resolve(options.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            // A private cache per connection (SQLite's default): with write-ahead logging readers never wait for the
            // writer. A shared cache would lock whole tables between connections of this process and serialise them.
            var connection = new SqliteConnectionStringBuilder
            {
                DataSource = file,
                DefaultTimeout = 30,
            }.ToString();
            services.AddDbContextPool<AppDbContext>((provider, db) => db.UseSqlite(connection)
                .ConfigureWarnings(SkipModelComparisonAtStart)
                .AddInterceptors([new SqliteBusyTimeout(), .. provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()]), ContextPoolSize);
            services.AddSingleton<SqliteInstanceLock>();
            services.AddSingleton(new SqliteFile(file));
        }

        services.AddHealthChecks()
            .AddCheck<Features.Shared.DatabaseWritableCheck>("database", tags: ["ready"])
            .AddCheck<Features.Shared.ContentLoadedCheck>("content", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Checks the database, applies migrations and proves it can be written. A problem an operator must fix is a
    /// <see cref="StartupProblem"/> saying what to do.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            await MigratePostgresAsync(services, options);
        }
        else
        {
            await MigrateSqliteAsync(services);
        }
    }

    /// <summary>
    /// An SQLite file not made yet (or empty), known from the settings without making a context (a quarter of a second
    /// at the first start, which the first administrator's password need not wait for). PostgreSQL is not asked:
    /// that would be a round trip more at every start.
    /// </summary>
    public static bool IsNewSqliteDatabase(this IServiceProvider services) =>
        services.GetService<SqliteFile>() is { } sqlite && IsNewFile(sqlite.Path);

    private static bool IsNewFile(string file) => !File.Exists(file) || new FileInfo(file).Length == 0;

    private const string NewSqliteDatabaseScriptName = "NmosdLearn.NewDatabase.sql";

    /// <summary>
    /// Every migration's SQL, as <c>dotnet ef migrations script</c> writes it (a test keeps it equal to the migrations).
    /// A new database runs it instead of migrating: the same statements and history rows, without building each
    /// migration's model to write them (about 0.2 s of processor time at the first start).
    /// </summary>
    internal static string NewSqliteDatabaseScript()
    {
        using var stream = typeof(DatabaseSetup).Assembly.GetManifestResourceStream(NewSqliteDatabaseScriptName)
            ?? throw new InvalidOperationException($"The build lost the embedded resource {NewSqliteDatabaseScriptName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task CreateSqliteTablesAsync(AppDbContext db)
    {
        // Straight to the connection: ExecuteSqlRaw would read the script's braces as format placeholders.
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = NewSqliteDatabaseScript();
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A write nobody sees, to prove the database takes writes; works on both providers.</summary>
    public static Task ProveWritableAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.IsNpgsql()
            // A read-only transaction or standby refuses an UPDATE before looking at a single row.
            ? db.Database.ExecuteSqlRawAsync("UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\" WHERE FALSE", cancellationToken)
            // The version number written back unchanged: a read-only file or folder, or a full disk, fails here.
            : RewriteUserVersionAsync(db, cancellationToken);

    private static async Task RewriteUserVersionAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var version = (await db.Database.SqlQueryRaw<long>("PRAGMA user_version").ToListAsync(cancellationToken)).Single();
        // PRAGMA takes no parameters; the value is a number the database itself gave.
        var rewrite = "PRAGMA user_version = " + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlRawAsync(rewrite, cancellationToken);
    }

    private static async Task MigratePostgresAsync(IServiceProvider services, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupProblem("Database__Provider is PostgreSQL but Database__ConnectionString is empty. Set it, for example " +
                "Database__ConnectionString='Host=db.internal;Database=nmosdlearn;Username=nmosdlearn;Password=...'.");
        }

        string where;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException ex)
        {
            throw new StartupProblem($"Database__ConnectionString is not a valid PostgreSQL connection string ({ex.Message}).", ex);
        }

        try
        {
            await MigrateAlongsideOthersAsync(services);
            using var scope = services.CreateScope();
            await ProveWritableAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        catch (PostgresException ex)
        {
            throw new StartupProblem(ex.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    $"PostgreSQL at {where} refused the user name or password in Database__ConnectionString ({ex.MessageText}).",
                PostgresErrorCodes.InsufficientPrivilege =>
                    $"The PostgreSQL user may not create or change the tables in {where} ({ex.MessageText}). Grant it ownership of the database, or CREATE on its schema.",
                PostgresErrorCodes.ReadOnlySqlTransaction =>
                    $"PostgreSQL at {where} accepts no writes (a standby, or default_transaction_read_only). Point Database__ConnectionString at the primary.",
                PostgresErrorCodes.DiskFull => $"The disk of the PostgreSQL server at {where} is full. Free space there and start again.",
                _ => $"PostgreSQL at {where} could not be brought up to date: {ex.MessageText} ({ex.SqlState}).",
            }, ex);
        }
        catch (NpgsqlException ex)
        {
            throw new StartupProblem($"PostgreSQL at {where} cannot be reached ({ex.InnerException?.Message ?? ex.Message}). " +
                "Check that the server runs and that Host and Port in Database__ConnectionString are right, then start again.", ex);
        }
    }

    /// <summary>
    /// Several instances may start at once on a new database. EF Core takes a lock while it migrates, but creating the
    /// database and the migrations table comes before that lock: the instance that loses that race looks again.
    /// </summary>
    private static async Task MigrateAlongsideOthersAsync(IServiceProvider services)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var scope = services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
                return;
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.DuplicateDatabase
                or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private static async Task MigrateSqliteAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var file = db.Database.GetDbConnection().DataSource;
        var isNew = IsNewFile(file);
        SqliteLocation.EnsureLocal(file);
        services.GetRequiredService<SqliteInstanceLock>().Acquire(file);
        try
        {
            if (!isNew)
            {
                // A damaged file would start and then fail on most pages: refuse it at once.
                var check = await db.Database.SqlQueryRaw<string>("PRAGMA quick_check").ToListAsync();
                if (check is not ["ok"])
                {
                    throw new StartupProblem($"The database '{file}' is damaged (quick_check: {string.Join("; ", check.Take(3))}). " +
                        "Stop the platform, restore the file from your latest backup, and start again; keep the damaged file for investigation.");
                }
            }

            // Write-ahead logging before migrating: each of a new database's migrations commits with one flush to
            // disk instead of the rollback journal's several.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

            if (isNew)
            {
                await CreateSqliteTablesAsync(db);
            }
            // Asking which migrations are missing reads one table; MigrateAsync also compares the model with the last
            // migration, a fifth of a second at every start. This process alone may open the file, so nobody else migrates.
            else if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }

            await ProveWritableAsync(db);
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
