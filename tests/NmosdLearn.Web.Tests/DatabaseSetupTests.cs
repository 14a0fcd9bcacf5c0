using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests;

/// <summary>A database the platform cannot use stops the start with a sentence that says which file and what to do.</summary>
public sealed class DatabaseSetupTests
{
    private static ServiceProvider PlatformOn(string database, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?> { ["Database:Path"] = database };
        if (connectionString is not null)
        {
            settings["Database:Provider"] = "PostgreSQL";
            settings["Database:ConnectionString"] = connectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddDatabase(configuration, new AppPaths(Path.GetDirectoryName(database)!)).BuildServiceProvider();
    }

    private static async Task<StartupProblem> StartOnAsync(string database, string? connectionString = null)
    {
        await using var provider = PlatformOn(database, connectionString);
        return await Assert.ThrowsAsync<StartupProblem>(provider.MigrateDatabaseAsync);
    }

    [Fact]
    public async Task A_SQLite_file_locked_by_another_process_stops_the_start_and_points_to_PostgreSQL()
    {
        var database = Path.Combine(NewFolder(), "app.db");
        // What another platform process holds on the file (CrashTests starts a real second process).
        using (new FileStream(database + ".instance-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var problem = await StartOnAsync(database);

            Assert.Contains("Another NmosdLearn instance is using the database", problem.Message);
            Assert.Contains("Database__Provider=PostgreSQL", problem.Message);
        }

        // The lock goes with the other process: a restart starts.
        await using var restarted = PlatformOn(database);
        await restarted.MigrateDatabaseAsync();
    }

    [Theory]
    [InlineData("/srv/nmosdlearn/data/app.db", "nfs4")]
    [InlineData("/mnt/share with space/app.db", "cifs")]
    [InlineData("/var/lib/nmosdlearn/app.db", null)]
    [InlineData("/srv/nmosdlearn-local/app.db", null)]
    public void A_database_on_a_network_file_system_is_recognised_from_the_mounts_table(string file, string? expected)
    {
        const string mounts = """
            /dev/sda1 / ext4 rw,relatime 0 0
            fileserver:/export/nmosd /srv/nmosdlearn nfs4 rw,relatime,vers=4.2 0 0
            //nas/share /mnt/share\040with\040space cifs rw 0 0
            tmpfs /var/lib/nmosdlearn tmpfs rw 0 0
            """;

        Assert.Equal(expected, SqliteLocation.NetworkFileSystemOf(file, mounts));
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_stops_the_start_with_where_it_looked_and_what_to_check()
    {
        // Port 9 (discard) on loopback: nothing listens there.
        var problem = await StartOnAsync(Path.Combine(NewFolder(), "unused.db"), "Host=127.0.0.1;Port=9;Database=nmosdlearn;Username=nmosdlearn;Password=secret-value;Timeout=3");

        Assert.Contains("127.0.0.1:9/nmosdlearn", problem.Message);
        Assert.Contains("cannot be reached", problem.Message);
        Assert.DoesNotContain("secret-value", problem.Message);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_stops_the_start_and_says_which_variable_to_set()
    {
        var problem = await StartOnAsync(Path.Combine(NewFolder(), "unused.db"), "");

        Assert.Contains("Database__ConnectionString", problem.Message);
    }

    private static string NewFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    [Fact]
    public async Task A_database_the_migrations_cannot_update_stops_the_start_with_its_path_and_what_to_do()
    {
        var database = Path.Combine(NewFolder(), "old.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE AspNetRoles (Id TEXT)";
            command.ExecuteNonQuery();
        }

        var problem = await StartOnAsync(database);

        Assert.Contains(database, problem.Message);
        Assert.Contains("Database:Path", problem.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_start_and_says_to_restore_the_backup()
    {
        var database = Path.Combine(NewFolder(), "damaged.db");
        await File.WriteAllBytesAsync(database, [.. "This is not a SQLite file, it is a spreadsheet export."u8, .. new byte[8192]], TestContext.Current.CancellationToken);

        var problem = await StartOnAsync(database);

        Assert.Contains("damaged", problem.Message);
        Assert.Contains("restore it from your latest backup", problem.Message);
        Assert.Equal(78, StartupProblem.ExitCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody")]
    public async Task The_migrations_describe_the_model_exactly_on_both_providers(string? postgres)
    {
        // The start no longer makes this comparison (it built a second model on every new database): a change to the
        // model without its migration must fail here instead. Comparing needs no connection.
        await using var provider = PlatformOn(Path.Combine(NewFolder(), "model.db"), postgres);
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(postgres is null ? "Microsoft.EntityFrameworkCore.Sqlite" : "Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one with dotnet ef migrations add (for both providers).");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody")]
    public async Task The_compiled_model_the_platform_starts_with_matches_the_model_the_code_describes(string? postgres)
    {
        // The platform starts from the generated model (Data/CompiledModels) instead of building one; a change to an
        // entity or its configuration without regenerating it would run on the old model. Comparing needs no connection.
        await using var provider = PlatformOn(Path.Combine(NewFolder(), "model.db"), postgres);
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var compiled = db.Model;
        var described = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;

        Assert.StartsWith("NmosdLearn.Web.Data.CompiledModels." + (postgres is null ? "Sqlite" : "Postgres"), compiled.GetType().FullName);
        Assert.True(Describe(described) == Describe(compiled),
            "The model has changed since Data/CompiledModels was generated: run the two dotnet ef dbcontext optimize commands in the README.");
    }

    [Fact]
    public async Task A_new_SQLite_database_is_made_by_the_migrations_script_and_ends_as_migrating_leaves_one()
    {
        await using (var provider = PlatformOn(Path.Combine(NewFolder(), "model.db")))
        {
            using var scope = provider.CreateScope();
            var generated = scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript();
            Assert.True(Lines(generated).SequenceEqual(Lines(DatabaseSetup.NewSqliteDatabaseScript())),
                "The migrations have changed since Data/Migrations/NewDatabase.sql was written: run the dotnet ef migrations script command in the README.");
        }

        var scripted = Path.Combine(NewFolder(), "new.db");
        await using (var provider = PlatformOn(scripted))
        {
            await provider.MigrateDatabaseAsync();
        }

        var migrated = Path.Combine(NewFolder(), "migrated.db");
        await using (var provider = PlatformOn(migrated))
        {
            using var scope = provider.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        var schema = SchemaAndHistory(scripted);
        Assert.Contains(schema, line => line.StartsWith("table Enrollments:", StringComparison.Ordinal));
        Assert.Equal(SchemaAndHistory(migrated), schema);
    }

    private static IEnumerable<string> Lines(string script) =>
        script.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Every table and index as SQLite stores its definition, then the migrations recorded as applied.</summary>
    private static List<string> SchemaAndHistory(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var lines = new List<string>();
        foreach (var query in new[]
        {
            // EF Core's migration lock table is made by migrating and stays empty: it is no part of the schema.
            "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY name",
            "SELECT MigrationId || ' ' || ProductVersion FROM __EFMigrationsHistory ORDER BY MigrationId",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }

    /// <summary>Every table, column, key, relationship and index as the database and EF Core's change tracking see them.</summary>
    private static string Describe(Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            lines.Add($"{entity.Name} -> {entity.GetSchema()}.{entity.GetTableName()} base {entity.BaseType?.Name}");
            foreach (var property in entity.GetProperties())
            {
                lines.Add($"  {property.Name} {property.ClrType} null={property.IsNullable} column={property.GetColumnName()} " +
                          $"{property.GetColumnType()} max={property.GetMaxLength()} generated={property.ValueGenerated} " +
                          $"concurrency={property.IsConcurrencyToken} converter={property.GetTypeMapping().Converter?.GetType()} " +
                          $"default={property.GetDefaultValueSql()}{property.GetDefaultValue()} computed={property.GetComputedColumnSql()}");
            }

            lines.AddRange(entity.GetKeys().Select(k => $"  key {string.Join(",", k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"));
            lines.AddRange(entity.GetForeignKeys().Select(f => $"  fk {string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} " +
                                                              $"delete={f.DeleteBehavior} unique={f.IsUnique} required={f.IsRequired}"));
            lines.AddRange(entity.GetIndexes().Select(i => $"  index {i.GetDatabaseName()} {string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique} filter={i.GetFilter()}"));
            lines.AddRange(entity.GetNavigations().Select(n => $"  navigation {n.Name} -> {n.TargetEntityType.Name}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }
}
