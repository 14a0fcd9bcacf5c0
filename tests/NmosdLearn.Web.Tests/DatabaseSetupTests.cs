using Microsoft.Data.Sqlite;

namespace NmosdLearn.Web.Tests;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void A_database_the_migrations_cannot_update_stops_the_start_with_its_path_and_what_to_do()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var database = Path.Combine(root, "old.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE AspNetRoles (Id TEXT)";
            command.ExecuteNonQuery();
        }

        using var app = new RestartableFactory(database, Path.Combine(AppFactory.RepositoryRoot, "content"));

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains(database, error.Message);
        Assert.Contains("Database:Path", error.Message);
    }
}
