using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DueOrder",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing reports: their next deadline, or the end of time (DateTimeOffset.MaxValue in UTC ticks).
            migrationBuilder.Sql("""UPDATE "Complaints" SET "DueOrder" = COALESCE("NextDueAt", 3155378975999999999);""");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_DueOrder_Id",
                table: "Complaints",
                columns: new[] { "DueOrder", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_DueOrder_Id",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "DueOrder",
                table: "Complaints");
        }
    }
}
