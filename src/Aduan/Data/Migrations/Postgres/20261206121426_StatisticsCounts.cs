using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The counts gained the public statistics' figures (every report by category, channel, state and deadline): emptied,
            // so the first start after this migration counts every report anew (DailyCountRebuild.IfMissingAsync).
            migrationBuilder.Sql("DELETE FROM \"DailyCounts\";");

            migrationBuilder.DropIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Count",
                table: "DailyCounts");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Value_Count",
                table: "DailyCounts",
                columns: new[] { "Span", "Figure", "Day", "AgencyId", "Value", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The older figures are counted again at the next start; the new ones would stay unread.
            migrationBuilder.Sql("DELETE FROM \"DailyCounts\";");

            migrationBuilder.DropIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Value_Count",
                table: "DailyCounts");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCounts_Span_Figure_Day_AgencyId_Count",
                table: "DailyCounts",
                columns: new[] { "Span", "Figure", "Day", "AgencyId", "Count" });
        }
    }
}
