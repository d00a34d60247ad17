using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextStepAt",
                table: "SlaClocks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OmbudsmanDueAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TakenOverAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EscalationSms",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ComplaintId = table.Column<long>(type: "bigint", nullable: false),
                    ClockId = table.Column<long>(type: "bigint", nullable: true),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.DropColumn(
                name: "NextStep",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "NextStepAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "OmbudsmanDueAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "TakenOverAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "EscalationSms",
                table: "AspNetUsers");
        }
    }
}
