using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OmbudsmanFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OmbudsmanFlaggedAt",
                table: "Complaints",
                type: "INTEGER",
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

            // SQLite's own DROP COLUMN (not EF's table rebuild, which would drop the search triggers and the indexes made by hand).
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN OmbudsmanFlaggedAt;");
        }
    }
}
