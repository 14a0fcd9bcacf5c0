using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests;

/// <summary>The online SQLite backup an operator takes while the platform runs (PostgreSQL is backed up with pg_dump).</summary>
public sealed class BackupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_during_a_stream_of_writes_restores_with_every_write_acknowledged_before_it_began()
    {
        Assert.SkipWhen(AppFactory.PostgresServer is not null, "The SQLite backup; runs in the SQLite pass.");
        await using var app = new AppFactory();
        _ = app.Server; // started once, before four writers ask for it at the same moment
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        // Each registration is a new account row, written and acknowledged (a redirect) one at a time by four writers.
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = TestClient.NewEmail();
                if ((await app.CreateTestClient().RegisterAsync(email)).StatusCode == HttpStatusCode.Redirect)
                {
                    acknowledged.Enqueue(email);
                }
            }
        }, CancellationToken.None)).ToArray();
        while (acknowledged.Count < 12)
        {
            await Task.Delay(50, Cancel);
        }

        var beforeBackup = acknowledged.ToArray();
        var backup = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"), "backup.db");
        var (bytes, tables) = await Task.Run(() => BackupCommand.Copy(app.DatabasePath, backup), Cancel);
        await Task.Delay(300, Cancel);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(bytes > 0 && tables > 10, $"{bytes} bytes, {tables} tables");
        Assert.True(acknowledged.Count > beforeBackup.Length, "the writes went on while the backup was taken");
        Assert.False(File.Exists(backup + ".partial"));
        Assert.Contains("exists already", Assert.Throws<BackupProblem>(() => BackupCommand.Copy(app.DatabasePath, backup)).Message);

        // Restored as the deployment guide says: the file copied into place, and the platform started on it.
        var restoredFile = Path.Combine(Path.GetDirectoryName(backup)!, "restored", "app.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restoredFile)!);
        File.Copy(backup, restoredFile);
        await using var restored = new RestartableFactory(restoredFile, Path.Combine(AppFactory.RepositoryRoot, "content"));
        using var scope = restored.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var integrity = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync(Cancel);
        var present = await db.Users.Where(u => beforeBackup.Contains(u.Email!)).CountAsync(Cancel);

        Assert.Equal(["ok"], integrity);
        Assert.Equal(beforeBackup.Length, present);
    }
}
