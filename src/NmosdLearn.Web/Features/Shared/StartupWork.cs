using Microsoft.AspNetCore.DataProtection;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// The work before the first response, side by side where it can be: the courses in the content folder are parsed
/// while the database is migrated (they need no database), and so is a new database's first administrator's
/// password checked and hashed; then the first administrator, the studio's courses and the data-protection key ring
/// (read, or made on a new database) each keep one processor busy, and a small server has two. One after the other
/// they were most of the cold start.
/// </summary>
public static class StartupWork
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var library = services.GetRequiredService<ContentLibrary>();
        var folderCourses = Task.Run(() => LoadCourses(() => library.Reload(source => source is FolderCourseSource)));
        // A new database needs its first administrator, whose password checks and hash need no table.
        var administratorPassword = services.IsNewSqliteDatabase() ? Task.Run(() => AccountSeeder.PrepareAdministratorPasswordAsync(services)) : null;
        try
        {
            await services.MigrateDatabaseAsync();
        }
        finally
        {
            // Never leave work running behind a refused start (the seeding below reports a failed preparation).
            await folderCourses;
            if (administratorPassword is not null)
            {
                await Task.WhenAny(administratorPassword);
            }
        }

        // Task.Run each: on SQLite EF Core's "async" calls finish synchronously, so the seeder alone would run to its
        // end before the next piece of work even started.
        await Task.WhenAll(
            Task.Run(() => AccountSeeder.SeedAsync(services, administratorPassword)),
            Task.Run(() => LoadCourses(() => library.Reload())),
            Task.Run(() => PrepareKeyRingAsync(services)));
    }

    /// <summary>
    /// Keys stored readable by an earlier version are revoked before the ring is first read, so the key it makes is
    /// encrypted; then two-factor secrets stored in plain text are encrypted and hashed with it.
    /// </summary>
    private static async Task PrepareKeyRingAsync(IServiceProvider services)
    {
        await KeyRingProtection.RevokeReadableKeysAsync(services);
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("NmosdLearn.Startup").Protect([0]);
        await AppUserStore.ProtectPlainSecretsAsync(services);
    }

    private static void LoadCourses(Action load)
    {
        try
        {
            // The content watcher loads again when the host starts and reuses every course parsed here; a failure
            // here is logged there.
            load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }
    }
}
