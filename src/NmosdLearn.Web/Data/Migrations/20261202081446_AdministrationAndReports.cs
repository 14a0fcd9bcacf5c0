using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdministrationAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResetAt",
                table: "QuizAttempts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResetReason",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetUserId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action",
                table: "AuditEntries",
                column: "Action");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CourseId",
                table: "AuditEntries",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId",
                table: "AuditEntries",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_CourseId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ResetAt",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "ResetReason",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "TargetUserId",
                table: "AuditEntries");
        }
    }
}
