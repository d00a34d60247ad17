using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SmsBlockedNumbers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BlockedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BlockedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsBlockedNumbers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Gateway = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmsMessages_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmsBlockedNumbers_Phone",
                table: "SmsBlockedNumbers",
                column: "Phone",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_ComplaintId",
                table: "SmsMessages",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_Gateway_ExternalId",
                table: "SmsMessages",
                columns: new[] { "Gateway", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_Phone_At",
                table: "SmsMessages",
                columns: new[] { "Phone", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_Status_Direction",
                table: "SmsMessages",
                columns: new[] { "Status", "Direction" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SmsBlockedNumbers");

            migrationBuilder.DropTable(
                name: "SmsMessages");
        }
    }
}
