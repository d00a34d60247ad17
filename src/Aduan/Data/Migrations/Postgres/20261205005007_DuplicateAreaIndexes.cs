using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DuplicateAreaIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MapCell",
                table: "Complaints",
                type: "bigint",
                nullable: true);

            // As ComplaintLocation.CellOf (floor, then the cast: a cast alone would round).
            migrationBuilder.Sql("""
                UPDATE "Complaints" SET "MapCell" = floor(("Location_Latitude" + 90) / 0.005::double precision)::bigint * 100000
                    + floor(("Location_Longitude" + 180) / 0.005::double precision)::bigint
                WHERE "Location_Latitude" IS NOT NULL AND "Location_Longitude" IS NOT NULL;
                """);

            // The duplicate search reads a kecamatan's open reports of a month from this index alone. It replaces
            // (Location_Kecamatan, SubmittedAt) of the Initial migration, which the register's kecamatan filter reads
            // as well as this one. Here and not in the model: EF Core does not index a complex property's columns.
            migrationBuilder.DropIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt", table: "Complaints");
            migrationBuilder.CreateIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt_Status_CategoryId_Privacy", table: "Complaints",
                columns: ["Location_Kecamatan", "SubmittedAt", "Status", "CategoryId", "Privacy"]);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints",
                columns: new[] { "MapCell", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt_Status_CategoryId_Privacy", table: "Complaints");
            migrationBuilder.CreateIndex(name: "IX_Complaints_Location_Kecamatan_SubmittedAt", table: "Complaints",
                columns: ["Location_Kecamatan", "SubmittedAt"]);

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MapCell_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "MapCell",
                table: "Complaints");
        }
    }
}
