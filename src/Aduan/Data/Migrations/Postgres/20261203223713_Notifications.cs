using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
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
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "id");

            migrationBuilder.AddColumn<string>(
                name: "NotifyBy",
                table: "Complaints",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Notify",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "EachEvent");

            // Reports made before the choice existed gave their contact "for updates": they hear as a new report would.
            // Imported past reports stay silent.
            migrationBuilder.Sql("UPDATE \"Complaints\" SET \"NotifyBy\" = CASE WHEN \"Reporter_Email\" IS NOT NULL THEN 'Email' WHEN \"Reporter_Phone\" IS NOT NULL THEN 'Sms' ELSE 'None' END WHERE \"ContactErasedAt\" IS NULL AND NOT \"IsImported\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "NotifyBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Notify",
                table: "AspNetUsers");
        }
    }
}
