using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Federation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Complaints",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalSource",
                table: "Complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteId",
                table: "Complaints",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemotePeer",
                table: "Complaints",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteUrl",
                table: "Complaints",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Federation",
                table: "ApiKeys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FederationReceipts",
                columns: table => new
                {
                    Peer = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    UpdateId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ComplaintId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FederationReceipts", x => new { x.Peer, x.UpdateId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints",
                columns: new[] { "ExternalSource", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints",
                columns: new[] { "RemotePeer", "RemoteId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FederationReceipts");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ExternalSource",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RemoteId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RemotePeer",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RemoteUrl",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Federation",
                table: "ApiKeys");
        }
    }
}
