using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests;

/// <summary>A database the platform cannot use stops the start with a sentence that says which file and what to do.</summary>
public sealed class DatabaseSetupTests
{
    private static async Task<StartupProblem> StartOnAsync(string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = database }).Build();
        var services = new ServiceCollection().AddLogging().AddDatabase(configuration, new AppPaths(Path.GetDirectoryName(database)!));
        await using var provider = services.BuildServiceProvider();
        return await Assert.ThrowsAsync<StartupProblem>(provider.MigrateDatabaseAsync);
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
}
