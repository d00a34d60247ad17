using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AttachmentPublicIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicId",
                table: "Attachments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Photos stored before this migration get their random id here (gen_random_uuid: 122 random bits, built in since PostgreSQL 13).
            migrationBuilder.Sql("""UPDATE "Attachments" SET "PublicId" = replace(gen_random_uuid()::text, '-', '');""");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_PublicId",
                table: "Attachments",
                column: "PublicId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attachments_PublicId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "PublicId",
                table: "Attachments");
        }
    }
}
