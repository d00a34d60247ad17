using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DailyCountsByFigure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Count",
                table: "DailyCounts",
                columns: new[] { "Span", "Figure", "Day", "AgencyId", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Count",
                table: "DailyCounts");
        }
    }
}
