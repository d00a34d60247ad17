using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaskVersion",
                table: "Complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PublicText",
                table: "Complaints",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicTitle",
                table: "Complaints",
                type: "text",
                nullable: true);

            // Existing reports have no masked texts yet (masking is the app's code, not SQL): PublicTextRefresh
            // writes them at the first start, and the generated column follows.
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "PublicSearchVector",
                table: "Complaints",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple', coalesce(\"PublicTitle\", '') || ' ' || coalesce(\"PublicText\", ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PublicSearchVector",
                table: "Complaints",
                column: "PublicSearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_PublicSearchVector",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PublicSearchVector",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "MaskVersion",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PublicText",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PublicTitle",
                table: "Complaints");
        }
    }
}
