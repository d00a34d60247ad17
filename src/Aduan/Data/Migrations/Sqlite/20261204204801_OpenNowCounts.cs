using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenNowCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The counts gained the open reports now (states, kecamatan, ages, deadlines) and the Ombudsman flags: emptied,
            // so the first start after this migration counts every report anew (DailyCountRebuild.IfMissingAsync).
            migrationBuilder.Sql("DELETE FROM \"DailyCounts\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The older figures are counted again at the next start; the new ones stay unread.
            migrationBuilder.Sql("DELETE FROM \"DailyCounts\";");
        }
    }
}
