using Microsoft.AspNetCore.DataProtection;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// The work between a migrated database and the first response, side by side: the first administrator's
/// password hash, the parsing of the courses and the data-protection key ring (read, or made on a new
/// database) each keep one processor busy, and a small server has two. One after the other they were most
/// of the cold start.
/// </summary>
public static class StartupWork
{
    public static Task RunAsync(IServiceProvider services) => Task.WhenAll(
        AccountSeeder.SeedAsync(services),
        Task.Run(() => LoadCourses(services)),
        Task.Run(() => services.GetRequiredService<IDataProtectionProvider>().CreateProtector("NmosdLearn.Startup").Protect([0])));

    private static void LoadCourses(IServiceProvider services)
    {
        try
        {
            // The content watcher loads again when the host starts and reuses every course parsed here; a failure
            // here is logged there.
            services.GetRequiredService<ContentLibrary>().Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }
    }
}
