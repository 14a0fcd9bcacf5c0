using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntegrityAccountsAndLearnerState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DiscardedAt",
                table: "QuizAttempts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastAnsweredAt",
                table: "QuizAttempts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Seed",
                table: "QuizAttempts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LastHeartbeatAt",
                table: "Enrollments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastHeartbeatStep",
                table: "Enrollments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MeasuresTime",
                table: "Enrollments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MinutesMeasured",
                table: "Enrollments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StateVersion",
                table: "Enrollments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "MinutesAttested",
                table: "Certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesMeasured",
                table: "Certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttemptAnswers",
                columns: table => new
                {
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SelectedJson = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttemptAnswers", x => new { x.AttemptId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_AttemptAnswers_QuizAttempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "QuizAttempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyTimes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Seconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTimes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IsPersistent = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                });

            // Every saved answer becomes a row (an empty choice was never saved, so none is made).
            // Malformed JSON, which the platform never wrote, is skipped rather than failing the upgrade.
            migrationBuilder.Sql("""
                INSERT INTO "AttemptAnswers" ("AttemptId", "QuestionId", "SelectedJson", "SavedAt")
                SELECT a."Id", j.key, j.value, a."StartedAt"
                FROM "QuizAttempts" a,
                     json_each(CASE WHEN json_valid(a."AnswersJson") THEN a."AnswersJson" ELSE '{}' END) j
                WHERE j.type = 'array' AND json_array_length(j.value) > 0;
                """);

            // Two tabs could open two attempts at once; keep the newest open, and close the others
            // without grading (kept, with their answers) so that the unique index below can hold.
            migrationBuilder.Sql("""
                UPDATE "QuizAttempts" SET "DiscardedAt" = "StartedAt"
                WHERE "SubmittedAt" IS NULL AND EXISTS (
                    SELECT 1 FROM "QuizAttempts" AS newer
                    WHERE newer."UserId" = "QuizAttempts"."UserId" AND newer."CourseId" = "QuizAttempts"."CourseId"
                      AND newer."Kind" = "QuizAttempts"."Kind" AND newer."SubmittedAt" IS NULL
                      AND (newer."StartedAt" > "QuizAttempts"."StartedAt"
                           OR (newer."StartedAt" = "QuizAttempts"."StartedAt" AND newer."Id" > "QuizAttempts"."Id")));
                """);

            // SQLite drops the column in place; EF's table rebuild would have to run outside the transaction.
            migrationBuilder.Sql("""ALTER TABLE "QuizAttempts" DROP COLUMN "AnswersJson";""");

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_OneOpenAttempt",
                table: "QuizAttempts",
                columns: new[] { "UserId", "CourseId", "Kind" },
                unique: true,
                filter: "\"SubmittedAt\" IS NULL AND \"DiscardedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StudyTimes_UserId_CourseId_Step",
                table: "StudyTimes",
                columns: new[] { "UserId", "CourseId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttemptAnswers");

            migrationBuilder.DropTable(
                name: "StudyTimes");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_OneOpenAttempt",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "DiscardedAt",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "LastAnsweredAt",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "Seed",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "LastHeartbeatAt",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "LastHeartbeatStep",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "MeasuresTime",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "MinutesMeasured",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "StateVersion",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "MinutesAttested",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "MinutesMeasured",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "AnswersJson",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
