using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupervisionFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstResponseAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpWorkingDays",
                table: "Complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenCount",
                table: "Complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResponseWorkingDays",
                table: "Complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "FollowedUpAt", "IsImported", "LeadAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_Followed~",
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
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_Followed~",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_SubmittedAt_IsImported_LeadAgencyId",
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
