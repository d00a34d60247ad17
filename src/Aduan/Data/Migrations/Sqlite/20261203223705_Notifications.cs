using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Complaints",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "id");

            migrationBuilder.AddColumn<string>(
                name: "NotifyBy",
                table: "Complaints",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Notify",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "EachEvent");

            // Reports made before the choice existed gave their contact "for updates": they hear as a new report would.
            // Imported past reports stay silent.
            migrationBuilder.Sql("UPDATE Complaints SET NotifyBy = CASE WHEN Reporter_Email IS NOT NULL THEN 'Email' WHEN Reporter_Phone IS NOT NULL THEN 'Sms' ELSE 'None' END WHERE ContactErasedAt IS NULL AND IsImported = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw DROP COLUMN: EF's table rebuild would drop the search triggers (see PersonalData).
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN Language;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN NotifyBy;");
            migrationBuilder.Sql("ALTER TABLE AspNetUsers DROP COLUMN Notify;");
        }
    }
}
