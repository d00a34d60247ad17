using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgencyEventsAndKecamatanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not in the model (an index on a complex property): the public register filters by kecamatan, newest first.
            migrationBuilder.CreateIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt", table: "Complaints",
                columns: ["Location_Kecamatan", "SubmittedAt"]);

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEvents_ActorAgencyId_Type_At",
                table: "ComplaintEvents",
                columns: new[] { "ActorAgencyId", "Type", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt", table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_ComplaintEvents_ActorAgencyId_Type_At",
                table: "ComplaintEvents");
        }
    }
}
