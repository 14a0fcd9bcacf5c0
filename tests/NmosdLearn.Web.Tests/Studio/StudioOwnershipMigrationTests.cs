using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>Studio courses from before ownership get the account that saved their first revision as owner, when it is still there.</summary>
public sealed class StudioOwnershipMigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static long Stored(DateTimeOffset at) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;

    [Fact]
    public async Task The_author_of_the_first_revision_becomes_owner_and_a_course_whose_first_author_is_gone_stays_ownerless()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "before-owners.db");
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options;
        await using (var db = new AppDbContext(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_StudioOwnership", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, Cancel);
        }

        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            // "kept": created by first, then edited by second. "orphan": its creator was deleted. "vanished": its creator's row is gone.
            insert.CommandText = """
                INSERT INTO AspNetUsers (Id, FullName, Profession, Specialty, Country, CreatedAt, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DeletedAt)
                VALUES ('first', 'First', 'MD', '', '', 0, 1, 0, 0, 1, 0, NULL), ('second', 'Second', 'MD', '', '', 0, 1, 0, 0, 1, 0, NULL),
                       ('deleted', 'Deleted', 'MD', '', '', 0, 1, 0, 0, 1, 0, 5);
                INSERT INTO StudioCourses (CourseId, CreatedAt, CreatedByName, ImportedFromFolder) VALUES ('kept', 0, 'First', 0), ('orphan', 0, 'Deleted', 0), ('vanished', 0, 'Gone', 1);
                INSERT INTO StudioFileRevisions (CourseId, Path, Revision, Bytes, SavedById, SavedByName, SavedAt, Note) VALUES
                    ('kept', 'course.md', 1, x'00', 'first', 'First', $first, NULL), ('kept', 'course.md', 2, x'01', 'second', 'Second', $later, NULL),
                    ('orphan', 'course.md', 1, x'00', 'deleted', 'Deleted', $first, NULL), ('orphan', 'course.md', 2, x'01', 'second', 'Second', $later, NULL),
                    ('vanished', 'course.md', 1, x'00', 'gone', 'Gone', $first, NULL);
                """;
            insert.Parameters.AddWithValue("$first", Stored(Created));
            insert.Parameters.AddWithValue("$later", Stored(Created.AddDays(1)));
            insert.ExecuteNonQuery();
        }

        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync(Cancel);
            var authors = await db.StudioCourseAuthors.AsNoTracking().ToListAsync(Cancel);

            var owner = Assert.Single(authors);
            Assert.Equal(("kept", "first", StudioAuthorRoles.Owner, Created, null), (owner.CourseId, owner.UserId, owner.Role, owner.AddedAt, owner.AddedById));
        }
    }
}
