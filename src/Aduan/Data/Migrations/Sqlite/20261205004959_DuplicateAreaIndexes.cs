using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            // As ComplaintLocation.CellOf: both sides are non-negative, so the cast (truncation) is the floor.
            migrationBuilder.Sql("""
                UPDATE "Complaints" SET "MapCell" = CAST(("Location_Latitude" + 90) / 0.005 AS INTEGER) * 100000
                    + CAST(("Location_Longitude" + 180) / 0.005 AS INTEGER)
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

            // SQLite's own DROP COLUMN (not EF's table rebuild), which would drop the search triggers and the indexes made by SQL.
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN MapCell;");
        }
    }
}
