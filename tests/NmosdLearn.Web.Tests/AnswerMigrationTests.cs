using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// A database made by the schema before answers became rows (the Initial migration, with answers as
/// JSON in each attempt) is brought up to date without losing an answer.
/// </summary>
public sealed class AnswerMigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A time as the schema stores it, minutes after a fixed start.</summary>
    private static long Stored(int minutes) =>
        (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes))!;

    [Fact]
    public async Task Answers_stored_as_json_become_one_row_per_attempt_and_question()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "before-rows.db");
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options;
        await using (var db = new AppDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261124193610_Initial", Cancel);
        }

        // 40 attempts as the old schema wrote them: a submitted one, open ones, an empty one, and two
        // open attempts of one learner at one test (what two tabs could make).
        var old = new List<(Guid Id, string User, int Kind, bool Submitted, Dictionary<string, string[]> Answers, long Started)>();
        for (var i = 0; i < 40; i++)
        {
            var answers = Enumerable.Range(0, i % 5).ToDictionary(q => $"q-{q}", q => q % 2 == 0 ? new[] { "a" } : new[] { "b", "c" });
            old.Add((Guid.NewGuid(), $"user-{i / 2}", 1 + i % 2, i % 3 == 0, answers, Stored(i)));
        }

        old.Add((Guid.NewGuid(), "user-twice", 2, false, new() { ["q-0"] = ["a"] }, Stored(100)));
        old.Add((Guid.NewGuid(), "user-twice", 2, false, new() { ["q-1"] = ["b"] }, Stored(200)));
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            foreach (var attempt in old)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO QuizAttempts (Id, UserId, CourseId, ContentVersion, Kind, AnswersJson, OrderJson, StartedAt, SubmittedAt, Correct, Total, ScorePercent, Passed)
                    VALUES ($id, $user, 'course', 'v1', $kind, $answers, '[]', $started, $submitted, 0, 0, 0, 0)
                    """;
                insert.Parameters.AddWithValue("$id", attempt.Id.ToString().ToUpperInvariant());
                insert.Parameters.AddWithValue("$user", attempt.User);
                insert.Parameters.AddWithValue("$kind", attempt.Kind);
                insert.Parameters.AddWithValue("$answers", JsonSerializer.Serialize(attempt.Answers));
                insert.Parameters.AddWithValue("$started", attempt.Started);
                insert.Parameters.AddWithValue("$submitted", attempt.Submitted ? attempt.Started : DBNull.Value);
                insert.ExecuteNonQuery();
            }
        }

        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Enrollments (UserId, CourseId, ContentVersion, AcknowledgedAt, LastActivityAt) VALUES ('user-0', 'course', 'v1', $at, $at)";
            insert.Parameters.AddWithValue("$at", Stored(0));
            insert.ExecuteNonQuery();
        }

        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync(Cancel);
            // An enrolment from before time was measured is not held to a minimum it could not accrue.
            Assert.False((await db.Enrollments.AsNoTracking().SingleAsync(Cancel)).MeasuresTime);
            var rows = await db.AttemptAnswers.AsNoTracking().ToListAsync(Cancel);

            Assert.Equal(old.Sum(a => a.Answers.Count), rows.Count);
            foreach (var attempt in old)
            {
                var saved = rows.Where(r => r.AttemptId == attempt.Id).ToDictionary(r => r.QuestionId, r => JsonSerializer.Deserialize<string[]>(r.SelectedJson)!);
                Assert.Equal(attempt.Answers.Keys.Order(), saved.Keys.Order());
                foreach (var (question, keys) in attempt.Answers)
                {
                    Assert.Equal(keys, saved[question]);
                }
            }

            // Of the two open attempts, the newer stays open; the older is kept, closed, with its answer.
            var twice = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == "user-twice").OrderBy(a => a.StartedAt).ToListAsync(Cancel);
            Assert.NotNull(twice[0].DiscardedAt);
            Assert.True(twice[1].IsOpen);
            Assert.Equal(old.Count, await db.QuizAttempts.CountAsync(Cancel));
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
