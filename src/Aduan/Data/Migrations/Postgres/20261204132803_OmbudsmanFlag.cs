using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OmbudsmanFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OmbudsmanFlaggedAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt",
                table: "Complaints",
                column: "OmbudsmanFlaggedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "OmbudsmanFlaggedAt",
                table: "Complaints");
        }
    }
}
