using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>
/// Marks a learner's state in a course as changed. Every write to their records calls it after the write
/// has committed: a reader that saw the old version may have cached a state that misses the write, and
/// the new version makes the next reader build it again, on any instance.
/// </summary>
public static class LearnerStateVersion
{
    /// <summary>Moves the version on by one and returns the new version (null when the learner is not enrolled).</summary>
    public static async Task<long?> BumpLearnerStateAsync(this AppDbContext db, string userId, string courseId, CancellationToken cancellationToken)
    {
        // One statement that both writes and reads (RETURNING: SQLite 3.35+ and PostgreSQL), so the caller knows
        // whether any other change came between its read and its own.
        var versions = await db.Database.SqlQuery<long>(
            $"UPDATE \"Enrollments\" SET \"StateVersion\" = \"StateVersion\" + 1 WHERE \"UserId\" = {userId} AND \"CourseId\" = {courseId} RETURNING \"StateVersion\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        VersionsWrittenHere.Record(db, userId, courseId, versions[0]);
        return versions[0];
    }
}

/// <summary>
/// The last state version this process wrote for each learner and course, per SQLite file. One process owns a
/// SQLite file (<see cref="SqliteInstanceLock"/>), so every change passes through <see cref="LearnerStateVersion"/>
/// here and a state cached at the version recorded is current without asking the database. On PostgreSQL other
/// instances write too, nothing is recorded, and readers ask (one indexed read).
/// </summary>
/// <remarks>
/// Only a change records a version, never a read: a read may return a version older than a change that came
/// between, and recording it could make a stale state look current. A pair not recorded costs the read, so the
/// table may stop growing at its limit without harm; it never forgets an entry, because a late change recorded
/// after forgetting a newer one would bring back an old version.
/// </remarks>
public static class VersionsWrittenHere
{
    private const int MaxPairsPerDatabase = 200_000;

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<(string UserId, string CourseId), long>> ByDatabase = new();

    public static void Record(AppDbContext db, string userId, string courseId, long version)
    {
        if (VersionsOf(db) is not { } versions)
        {
            return;
        }

        if (versions.Count < MaxPairsPerDatabase || versions.ContainsKey((userId, courseId)))
        {
            versions.AddOrUpdate((userId, courseId), version, (_, known) => Math.Max(known, version));
        }
    }

    /// <summary>The version in the database when this process is its only writer and has changed the pair; otherwise null.</summary>
    public static long? Known(AppDbContext db, string userId, string courseId) =>
        VersionsOf(db) is { } versions && versions.TryGetValue((userId, courseId), out var version) ? version : null;

    // The connection's type, not Database.IsSqlite(): that one reads the provider's assembly name, on every call.
    private static ConcurrentDictionary<(string, string), long>? VersionsOf(AppDbContext db) =>
        db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite ? ByDatabase.GetOrAdd(sqlite.DataSource, _ => new()) : null;
}
