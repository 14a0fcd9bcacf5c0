using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProviderIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProviderIdentityId",
                table: "Certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProviderIdentities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Logo = table.Column<byte[]>(type: "BLOB", nullable: true),
                    LogoContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SignatoryName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignatoryTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderIdentities", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProviderIdentities");

            migrationBuilder.DropColumn(
                name: "ProviderIdentityId",
                table: "Certificates");
        }
    }
}
