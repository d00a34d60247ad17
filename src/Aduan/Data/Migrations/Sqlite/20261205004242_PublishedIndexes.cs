using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublishedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // By hand: EF cannot index a complex property's column. The condition is Publication.IndexFilter, word for word.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Complaints_PublishedByKecamatan" ON "Complaints" ("Location_Kecamatan", "SubmittedAt", "Id", "Status", "Privacy")
                WHERE "Privacy" <> 'Confidential' AND "Status" <> 'Submitted' AND "Status" <> 'Deferred' AND "Status" <> 'Archived' AND "Status" <> 'Merged';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Published",
                table: "Complaints",
                columns: new[] { "SubmittedAt", "Id", "Status", "Privacy" },
                filter: "\"Privacy\" <> 'Confidential' AND \"Status\" <> 'Submitted' AND \"Status\" <> 'Deferred' AND \"Status\" <> 'Archived' AND \"Status\" <> 'Merged'");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PublishedByAgency",
                table: "Complaints",
                columns: new[] { "LeadAgencyId", "SubmittedAt", "Id", "Status", "Privacy" },
                filter: "\"Privacy\" <> 'Confidential' AND \"Status\" <> 'Submitted' AND \"Status\" <> 'Deferred' AND \"Status\" <> 'Archived' AND \"Status\" <> 'Merged'");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PublishedByCategory",
                table: "Complaints",
                columns: new[] { "CategoryId", "SubmittedAt", "Id", "Status", "Privacy" },
                filter: "\"Privacy\" <> 'Confidential' AND \"Status\" <> 'Submitted' AND \"Status\" <> 'Deferred' AND \"Status\" <> 'Archived' AND \"Status\" <> 'Merged'");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PublishedByStatus",
                table: "Complaints",
                columns: new[] { "Status", "SubmittedAt", "Id", "Privacy" },
                filter: "\"Privacy\" <> 'Confidential' AND \"Status\" <> 'Submitted' AND \"Status\" <> 'Deferred' AND \"Status\" <> 'Archived' AND \"Status\" <> 'Merged'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Complaints_PublishedByKecamatan\";");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Published",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_PublishedByAgency",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_PublishedByCategory",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_PublishedByStatus",
                table: "Complaints");
        }
    }
}
