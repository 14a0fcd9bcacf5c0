using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace NmosdLearn.Web.Data;

/// <summary>
/// A transaction that writes. SQLite lets one writer in at a time, and Microsoft.Data.Sqlite answers a busy
/// database by sleeping 150 ms on a thread-pool thread before it tries again: under an exam rush most writers
/// slept, and p99 passed a second. On SQLite the writers of this process (the only one that may open the
/// file) therefore wait their turn here, asynchronously, before they begin; on PostgreSQL locks are per row
/// and the transaction begins at once.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> TurnsByDatabase = new();

    private readonly IDbContextTransaction _transaction;
    private SemaphoreSlim? _turn;

    private WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? turn) => (_transaction, _turn) = (transaction, turn);

    public static async Task<WriteTransaction> BeginAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        SemaphoreSlim? turn = null;
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            turn = TurnsByDatabase.GetOrAdd(sqlite.DataSource, _ => new SemaphoreSlim(1, 1));
            await turn.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _turn, null)?.Release();
        }
    }
}

public static class WriteTransactionExtensions
{
    /// <inheritdoc cref="WriteTransaction"/>
    public static Task<WriteTransaction> BeginWriteAsync(this AppDbContext db, CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(db, cancellationToken);
}

/// <summary>
/// Writes outside <see cref="WriteTransaction"/> (sign-in, heartbeats, administration) may still meet a busy
/// database: SQLite's own busy handler waits for it in steps of a few milliseconds, where Microsoft.Data.Sqlite
/// alone would sleep 150 ms at a time.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
