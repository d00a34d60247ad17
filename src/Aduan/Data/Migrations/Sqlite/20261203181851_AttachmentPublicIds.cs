using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Photos stored before this migration get their random id here (randomblob: SQLite's generator, seeded by the operating system).
            migrationBuilder.Sql("""UPDATE "Attachments" SET "PublicId" = lower(hex(randomblob(16)));""");

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
