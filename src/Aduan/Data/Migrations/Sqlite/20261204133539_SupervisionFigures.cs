using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupervisionFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstResponseAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpWorkingDays",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenCount",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResponseWorkingDays",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_FollowedUpAt",
                table: "Complaints",
                column: "FollowedUpAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolutionDueAt",
                table: "Complaints",
                column: "ResolutionDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_FollowedUpAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ResolutionDueAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "FirstResponseAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "FollowUpWorkingDays",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ReopenCount",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResponseWorkingDays",
                table: "Complaints");
        }
    }
}
