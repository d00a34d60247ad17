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
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "FollowedUpAt", "IsImported", "LeadAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints",
                columns: new[] { "ResolutionDueAt", "IsImported", "LeadAgencyId", "FollowedUpAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SubmittedAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "SubmittedAt", "IsImported", "LeadAgencyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_SubmittedAt_IsImported_LeadAgencyId",
                table: "Complaints");

            // SQLite's own DROP COLUMN (not EF's table rebuild, which would drop the search triggers and the indexes made by hand).
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN FirstResponseAt;");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN FollowUpWorkingDays;");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN ReopenCount;");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN ResponseWorkingDays;");
        }
    }
}
