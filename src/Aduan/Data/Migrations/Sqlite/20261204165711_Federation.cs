using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalSource",
                table: "Complaints",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteId",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemotePeer",
                table: "Complaints",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteUrl",
                table: "Complaints",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Federation",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FederationReceipts",
                columns: table => new
                {
                    Peer = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    UpdateId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
            // SQLite's own DROP COLUMN: EF's table rebuild would drop the hand-made triggers and indexes on Complaints.
            migrationBuilder.DropTable(
                name: "FederationReceipts");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ExternalSource_ExternalId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_RemotePeer_RemoteId",
                table: "Complaints");

            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN ExternalId;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN ExternalSource;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN RemoteId;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN RemotePeer;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN RemoteUrl;");
            migrationBuilder.Sql("ALTER TABLE ApiKeys DROP COLUMN Federation;");
        }
    }
}
