using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Indexes over a column a new report leaves empty hold only the reports that have a value: intake writes
            // none of them (ComplaintConfiguration.NotNull). The reporter's phone and e-mail are indexed here, as in
            // Initial and PersonalData: the model cannot name a complex property's column in an index.
            foreach (var column in new[] { "Reporter_Phone", "Reporter_Email" })
            {
                migrationBuilder.DropIndex(name: "IX_Complaints_" + column, table: "Complaints");
                migrationBuilder.CreateIndex(name: "IX_Complaints_" + column, table: "Complaints", column: column,
                    filter: $"\"{column}\" IS NOT NULL");
            }

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CategoryId_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ImportKey",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MergedIntoId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CategoryId_SubmittedAt",
                table: "Complaints",
                columns: new[] { "CategoryId", "SubmittedAt" },
                filter: "\"CategoryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints",
                columns: new[] { "ExternalSource", "ExternalId" },
                unique: true,
                filter: "\"ExternalSource\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "FollowedUpAt", "IsImported", "LeadAgencyId" },
                filter: "\"FollowedUpAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ImportKey",
                table: "Complaints",
                column: "ImportKey",
                unique: true,
                filter: "\"ImportKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints",
                columns: new[] { "MapCell", "SubmittedAt" },
                filter: "\"MapCell\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MergedIntoId",
                table: "Complaints",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "OmbudsmanFlaggedAt", "IsImported", "LeadAgencyId" },
                filter: "\"OmbudsmanFlaggedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints",
                columns: new[] { "RemotePeer", "RemoteId" },
                filter: "\"RemotePeer\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints",
                columns: new[] { "ResolutionDueAt", "IsImported", "LeadAgencyId", "FollowedUpAt" },
                filter: "\"ResolutionDueAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in new[] { "Reporter_Phone", "Reporter_Email" })
            {
                migrationBuilder.DropIndex(name: "IX_Complaints_" + column, table: "Complaints");
                migrationBuilder.CreateIndex(name: "IX_Complaints_" + column, table: "Complaints", column: column);
            }

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CategoryId_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ImportKey",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MergedIntoId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CategoryId_SubmittedAt",
                table: "Complaints",
                columns: new[] { "CategoryId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints",
                columns: new[] { "ExternalSource", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_FollowedUpAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "FollowedUpAt", "IsImported", "LeadAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ImportKey",
                table: "Complaints",
                column: "ImportKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints",
                columns: new[] { "MapCell", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MergedIntoId",
                table: "Complaints",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_IsImported_LeadAgencyId",
                table: "Complaints",
                columns: new[] { "OmbudsmanFlaggedAt", "IsImported", "LeadAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints",
                columns: new[] { "RemotePeer", "RemoteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolutionDueAt_IsImported_LeadAgencyId_FollowedUpAt",
                table: "Complaints",
                columns: new[] { "ResolutionDueAt", "IsImported", "LeadAgencyId", "FollowedUpAt" });
        }
    }
}
