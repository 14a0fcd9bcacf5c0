using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StudioAdministrationAndLti : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "PublishedAt",
                table: "CourseVersionArchives",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedByName",
                table: "CourseVersionArchives",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewId",
                table: "CourseVersionArchives",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "CourseVersionArchives",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedByName",
                table: "CourseVersionArchives",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CourseId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetUserId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LtiHandoffs",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TargetPath = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiHandoffs", x => x.Token);
                });

            migrationBuilder.CreateTable(
                name: "LtiLogins",
                columns: table => new
                {
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiLogins", x => x.State);
                });

            migrationBuilder.CreateTable(
                name: "LtiPlatforms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    AuthenticationUrl = table.Column<string>(type: "TEXT", nullable: false),
                    TokenUrl = table.Column<string>(type: "TEXT", nullable: false),
                    KeySetUrl = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiPlatforms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LtiResultTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CourseId = table.Column<string>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    LineItemUrl = table.Column<string>(type: "TEXT", nullable: false),
                    LastLaunchAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiResultTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LtiScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScoreGiven = table.Column<double>(type: "REAL", nullable: false),
                    ScoreMaximum = table.Column<double>(type: "REAL", nullable: false),
                    ActivityProgress = table.Column<string>(type: "TEXT", nullable: false),
                    GradingProgress = table.Column<string>(type: "TEXT", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiScores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LtiUserLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlatformId = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LtiUserLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StudioCourses",
                columns: table => new
                {
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedFromFolder = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudioCourses", x => x.CourseId);
                });

            migrationBuilder.CreateTable(
                name: "StudioFileRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SavedById = table.Column<string>(type: "TEXT", nullable: false),
                    SavedByName = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudioFileRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StudioReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DraftVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestNote = table.Column<string>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewerId = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewerName = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudioReviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseVersionArchives_CourseId_PublishedAt",
                table: "CourseVersionArchives",
                columns: new[] { "CourseId", "PublishedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_LtiLogins_Nonce",
                table: "LtiLogins",
                column: "Nonce",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LtiPlatforms_Issuer_ClientId",
                table: "LtiPlatforms",
                columns: new[] { "Issuer", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LtiResultTargets_UserId_CourseId_PlatformId",
                table: "LtiResultTargets",
                columns: new[] { "UserId", "CourseId", "PlatformId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LtiScores_SentAt_NextAttemptAt",
                table: "LtiScores",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LtiUserLinks_PlatformId_Subject",
                table: "LtiUserLinks",
                columns: new[] { "PlatformId", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudioFileRevisions_CourseId_Path_Revision",
                table: "StudioFileRevisions",
                columns: new[] { "CourseId", "Path", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudioReviews_CourseId_RequestedAt",
                table: "StudioReviews",
                columns: new[] { "CourseId", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "LtiHandoffs");

            migrationBuilder.DropTable(
                name: "LtiLogins");

            migrationBuilder.DropTable(
                name: "LtiPlatforms");

            migrationBuilder.DropTable(
                name: "LtiResultTargets");

            migrationBuilder.DropTable(
                name: "LtiScores");

            migrationBuilder.DropTable(
                name: "LtiUserLinks");

            migrationBuilder.DropTable(
                name: "StudioCourses");

            migrationBuilder.DropTable(
                name: "StudioFileRevisions");

            migrationBuilder.DropTable(
                name: "StudioReviews");

            migrationBuilder.DropIndex(
                name: "IX_CourseVersionArchives_CourseId_PublishedAt",
                table: "CourseVersionArchives");

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
                name: "PublishedAt",
                table: "CourseVersionArchives");

            migrationBuilder.DropColumn(
                name: "PublishedByName",
                table: "CourseVersionArchives");

            migrationBuilder.DropColumn(
                name: "ReviewId",
                table: "CourseVersionArchives");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "CourseVersionArchives");

            migrationBuilder.DropColumn(
                name: "ReviewedByName",
                table: "CourseVersionArchives");

            migrationBuilder.DropColumn(
                name: "CourseId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "TargetUserId",
                table: "AuditEntries");
        }
    }
}
