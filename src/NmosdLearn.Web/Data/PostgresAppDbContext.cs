using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NmosdLearn.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that EF Core keeps a second set of migrations
/// (Data/Migrations/Postgres) beside SQLite's; features always ask for <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// <summary>Lets `dotnet ef migrations add --context PostgresAppDbContext` build the model; it never connects.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=nmosdlearn_design").Options);
}
