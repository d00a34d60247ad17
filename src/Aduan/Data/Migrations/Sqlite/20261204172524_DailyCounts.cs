using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DailyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The dashboard's open reports, from this index alone (SupervisionQueries.OpenNow): partial, so it holds only
            // the open reports, and over the complex property's kecamatan column, which EF's model cannot index. Status
            // first for the city, the agency first for one agency: SQLite, without statistics, prefers the index it can seek
            // by the query's first constraint. Then the kecamatan: the query groups in the index's order, without a sort.
            // Its condition is SupervisionQueries.OpenIndexFilter, word for word (SQLite matches the query's terms).
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Complaints_Open" ON "Complaints" ("Status", "LeadAgencyId", "Location_Kecamatan", "SubmittedAt", "NextDueAt", "IsImported")
                WHERE "Status" IN ('Submitted', 'Deferred', 'Dispatched', 'InProgress', 'FollowedUp');
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Complaints_OpenByAgency" ON "Complaints" ("LeadAgencyId", "Status", "Location_Kecamatan", "SubmittedAt", "NextDueAt", "IsImported")
                WHERE "Status" IN ('Submitted', 'Deferred', 'Dispatched', 'InProgress', 'FollowedUp');
                """);

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt",
                table: "Complaints");

            migrationBuilder.CreateTable(
                name: "DailyCounts",
                columns: table => new
                {
                    Span = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<long>(type: "INTEGER", nullable: false),
                    Figure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyCounts", x => new { x.Span, x.Day, x.AgencyId, x.Figure, x.Value });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AwaitingFollowUp",
                table: "Complaints",
                columns: new[] { "FollowedUpAt", "SubmittedAt", "ResolutionDueAt", "LeadAgencyId", "IsImported" },
                filter: "\"FollowedUpAt\" IS NULL AND \"ResolutionDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "OmbudsmanFlaggedAt", "IsImported", "LeadAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyCounts_AgencyId_Span_Day",
                table: "DailyCounts",
                columns: new[] { "AgencyId", "Span", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Complaints_Open";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Complaints_OpenByAgency";""");

            migrationBuilder.DropTable(
                name: "DailyCounts");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_AwaitingFollowUp",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt",
                table: "Complaints",
                column: "OmbudsmanFlaggedAt");
        }
    }
}
