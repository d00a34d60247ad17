using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Followers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportFollowers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    IsReporter = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportFollowers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportFollowers_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportFollowers_Address",
                table: "ReportFollowers",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFollowers_ComplaintId_Address",
                table: "ReportFollowers",
                columns: new[] { "ComplaintId", "Address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportFollowers_ConfirmedAt_CreatedAt",
                table: "ReportFollowers",
                columns: new[] { "ConfirmedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportFollowers_TokenHash",
                table: "ReportFollowers",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportFollowers");
        }
    }
}
