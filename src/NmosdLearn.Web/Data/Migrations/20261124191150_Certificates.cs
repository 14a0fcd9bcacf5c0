using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmosdLearn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The defaults below only fill in certificates issued before this migration: all were
            // first issues of certificates of completion from the platform, in English.
            migrationBuilder.DropIndex(
                name: "IX_Certificates_Code",
                table: "Certificates");

            migrationBuilder.AddColumn<string>(
                name: "AccreditationStatement",
                table: "Certificates",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CreditDesignation",
                table: "Certificates",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Format",
                table: "Certificates",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "Enduring material, online");

            migrationBuilder.AddColumn<string>(
                name: "IssuedByUserId",
                table: "Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Certificates",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "Certificates",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "NmosdLearn");

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesId",
                table: "Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "SupersededAt",
                table: "Certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CertificateCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BeforeJson = table.Column<string>(type: "TEXT", nullable: true),
                    AfterJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true,
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CertificateCode",
                table: "AuditEntries",
                column: "CertificateCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_Code",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "AccreditationStatement",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "CreditDesignation",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "IssuedByUserId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ReplacesId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true);
        }
    }
}
