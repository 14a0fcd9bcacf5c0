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

    [Fact]
    public async Task A_PostgreSQL_database_dumped_with_pg_dump_and_restored_into_a_new_database_serves_the_same_certificates()
    {
        Assert.SkipWhen(AppFactory.PostgresServer is null, "pg_dump and pg_restore; runs in the PostgreSQL pass.");
        await using var app = new AppFactory();
        var certificate = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        var dump = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"), "nmosdlearn.dump");
        Directory.CreateDirectory(Path.GetDirectoryName(dump)!);
        var source = new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnectionString);

        // As the deployment guide says: pg_dump --format=custom, then pg_restore into an empty database.
        await RunAsync("pg_dump", "--format=custom", $"--host={source.Host}", $"--port={source.Port}", $"--username={source.Username}", $"--dbname={source.Database}", $"--file={dump}");
        await using var restored = new RestartableFactory(Path.Combine(Path.GetDirectoryName(dump)!, "restored.db"), Path.Combine(AppFactory.RepositoryRoot, "content"));
        var target = new Npgsql.NpgsqlConnectionStringBuilder(restored.PostgresConnectionString);
        await using (var server = new Npgsql.NpgsqlConnection($"{AppFactory.PostgresServer};Database=postgres"))
        {
            await server.OpenAsync(Cancel);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database}\"", server);
            await create.ExecuteNonQueryAsync(Cancel);
        }

        await RunAsync("pg_restore", "--no-owner", $"--host={target.Host}", $"--port={target.Port}", $"--username={target.Username}", $"--dbname={target.Database}", dump);

        var verification = await restored.CreateTestClient().GetPageAsync($"/verify/{certificate.Code}");
        Assert.Contains(certificate.Code, verification);
        Assert.Equal(HttpStatusCode.OK, (await restored.CreateTestClient().Http.GetAsync("/health/ready", Cancel)).StatusCode);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {errors}");
    }
}
