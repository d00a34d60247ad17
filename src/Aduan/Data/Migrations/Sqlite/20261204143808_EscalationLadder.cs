using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EscalationLadder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextStep",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextStepAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OmbudsmanDueAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TakenOverAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EscalationSms",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClockId = table.Column<long>(type: "INTEGER", nullable: true),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Escalations_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Escalations_SlaClocks_ClockId",
                        column: x => x.ClockId,
                        principalTable: "SlaClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_StoppedAt_NextStepAt",
                table: "SlaClocks",
                columns: new[] { "StoppedAt", "NextStepAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_IsImported_SubmittedAt",
                table: "Complaints",
                columns: new[] { "IsImported", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_ClosedAt_OmbudsmanDueAt",
                table: "Complaints",
                columns: new[] { "OmbudsmanFlaggedAt", "ClosedAt", "OmbudsmanDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_ClockId_Step",
                table: "Escalations",
                columns: new[] { "ClockId", "Step" },
                unique: true,
                filter: "\"ClockId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_ComplaintId_Step",
                table: "Escalations",
                columns: new[] { "ComplaintId", "Step" },
                unique: true,
                filter: "\"ClockId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Escalations");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_StoppedAt_NextStepAt",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_IsImported_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OmbudsmanFlaggedAt_ClosedAt_OmbudsmanDueAt",
                table: "Complaints");

            // SQLite's own DROP COLUMN (not EF's table rebuild, which would drop the search triggers and the indexes made by hand).
            migrationBuilder.Sql("ALTER TABLE SlaClocks DROP COLUMN NextStep;");

            migrationBuilder.Sql("ALTER TABLE SlaClocks DROP COLUMN NextStepAt;");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN OmbudsmanDueAt;");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN TakenOverAt;");

            migrationBuilder.Sql("ALTER TABLE AspNetUsers DROP COLUMN EscalationSms;");
        }
    }
}
