using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TriageDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModelVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    SuggestedCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SuggestedAgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CategoryAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    AgencyAccepted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriageDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TriageDecisions_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TriageDecisions_ComplaintId",
                table: "TriageDecisions",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_TriageDecisions_ModelVersion_DecidedAt_CategoryAccepted_AgencyAccepted",
                table: "TriageDecisions",
                columns: new[] { "ModelVersion", "DecidedAt", "CategoryAccepted", "AgencyAccepted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriageDecisions");
        }
    }
}
