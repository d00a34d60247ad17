using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ContactErasedAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactSalt",
                table: "Complaints",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NamePublished",
                table: "Complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ServerSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedValue = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServerSecrets", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ContactErasedAt_ClosedAt",
                table: "Complaints",
                columns: new[] { "ContactErasedAt", "ClosedAt" });

            // Access and erasure requests find a reporter's reports by e-mail as by phone (indexed in
            // Initial). The model cannot name a complex property's column in an index, so the migration does.
            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Reporter_Email",
                table: "Complaints",
                column: "Reporter_Email");

            // Reports closed before this migration: retention counts from their last change.
            migrationBuilder.Sql(
                "UPDATE \"Complaints\" SET \"ClosedAt\" = \"UpdatedAt\" WHERE \"Status\" IN ('Resolved', 'Archived', 'Referred', 'Merged')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServerSecrets");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Reporter_Email",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ContactErasedAt_ClosedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ContactErasedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ContactSalt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "NamePublished",
                table: "Complaints");
        }
    }
}
