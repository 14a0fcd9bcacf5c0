using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContentStudio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "StudioCourses");

            migrationBuilder.DropTable(
                name: "StudioFileRevisions");

            migrationBuilder.DropTable(
                name: "StudioReviews");

            migrationBuilder.DropIndex(
                name: "IX_CourseVersionArchives_CourseId_PublishedAt",
                table: "CourseVersionArchives");

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
        }
    }
}
